package audit

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WriteText writes the report as a terminal table, the sides side by
// side, then the positioned findings. Figures over a threshold carry "!".
func (r *Report) WriteText(w io.Writer) {
	n := len(r.Sides)
	dem, cps := 0, 0
	for _, sd := range r.Sides {
		dem += sd.demands
		cps += sd.counters
	}
	fmt.Fprintf(w, "counterpoint audit: %d side%s, %d demand%s, %d counterposition%s\n\n", n, plural(n), dem, plural(dem), cps, plural(cps))
	if n == 0 {
		fmt.Fprintln(w, "No demand or counterposition names a claimant or respondent: there are no sides to compare.")
		return
	}
	table(w, r.tableRows())

	var limits []string
	for _, c := range r.Checks {
		unit := ""
		if !c.Ratio && c.Name != "one-sided loaded verbs" && c.Name != "pages dated after a statement they mention" {
			unit = " pts"
		}
		limits = append(limits, fmt.Sprintf("%s %s%s", c.Name, strconv.FormatFloat(c.Threshold, 'f', -1, 64), unit))
	}
	fmt.Fprintf(w, "\n! over a threshold (audit: in content/_index.md): %s.\n", strings.Join(limits, "; "))

	if len(r.ByKind) > 0 {
		var parts []string
		for _, k := range r.ByKind {
			parts = append(parts, fmt.Sprintf("%s %d of %d", k.Kind, k.Unsourced, k.Paragraphs))
		}
		fmt.Fprintf(w, "Paragraphs without a source, by kind of page: %s.\n", strings.Join(parts, ", "))
	}

	fmt.Fprintln(w, "\nFirst stated: each demand and the counterpositions answering it")
	trows := [][]string{{"demand", "date", "answered by", "date", "after"}}
	for _, t := range r.Timing {
		if len(t.Answers) == 0 {
			trows = append(trows, []string{t.Demand, t.Date, "(none)", "", ""})
		}
		for i, a := range t.Answers {
			left := []string{t.Demand, t.Date}
			if i > 0 {
				left = []string{"", ""}
			}
			after := ""
			if a.Days != nil {
				after = fmt.Sprintf("%d day%s", *a.Days, plural(*a.Days))
			}
			if a.Mentioned != "" {
				after += " (page mentions " + a.Mentioned + ")"
			}
			trows = append(trows, append(left, a.Slug, a.Date, after))
		}
	}
	table(w, trows)

	findings := func(title string, fs []Finding) {
		if len(fs) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s (%d)\n", title, len(fs))
		for _, f := range fs {
			fmt.Fprintf(w, "%s: %s\n", f.Pos(), f.Msg)
		}
	}
	findings("Loaded verbs used for one side only", r.OneSided)
	findings("First-stated dates after a statement the page mentions", r.Late)
	var sided []Finding
	for _, f := range r.Unsourced {
		if f.Side != "" {
			sided = append(sided, f)
		}
	}
	findings("Paragraphs without a footnote or citation, on demands and counterpositions (--json lists all)", sided)
	findings("Sources without a URL", r.NoURL)
	findings("Sources dated after the page's first-stated date", r.AfterDate)
}

// tableRows are the rows of the table of sides: a header, then one row
// per figure with a cell per side and the difference, marked " !" when
// over its threshold.
func (r *Report) tableRows() [][]string {
	head := []string{""}
	for _, sd := range r.Sides {
		head = append(head, sd.Name)
	}
	head = append(head, "difference")
	rows := [][]string{head}
	row := func(label string, cell func(*Side) string, diff string) {
		line := []string{label}
		for _, sd := range r.Sides {
			line = append(line, cell(sd))
		}
		rows = append(rows, append(line, diff))
	}
	check := func(i int) string {
		c := r.Checks[i]
		var s string
		switch {
		case c.Ratio:
			s = "ratio " + strconv.FormatFloat(c.Diff, 'f', 2, 64)
		case i < 4:
			s = "gap " + strconv.FormatFloat(c.Diff, 'f', 1, 64) + " pts"
		default:
			s = "total " + strconv.Itoa(int(c.Diff))
		}
		if c.Over {
			s += " !"
		}
		return s
	}
	stat := func(st Stat) string {
		return fmt.Sprintf("%d (%d–%d)", st.Mean, st.Min, st.Max)
	}
	row("Pages", func(s *Side) string {
		return fmt.Sprintf("%d (%d dem., %d counter.)", s.Pages, s.demands, s.counters)
	}, "")
	row("Words per page, mean (min–max)", func(s *Side) string { return stat(s.Words) }, check(0))
	row("  in position sections", func(s *Side) string { return stat(s.Position) }, check(1))
	row("  in responses to the other side", func(s *Side) string { return stat(s.Response) }, "")
	row("  in context sections", func(s *Side) string { return stat(s.Context) }, "")
	row("Quoted, share of position words", func(s *Side) string {
		return fmt.Sprintf("%.1f%% (%d of %d)", s.QuoteShare, s.QuotedPosition, s.Position.Total)
	}, check(2))
	row("Quoted, share of all words", func(s *Side) string { return fmt.Sprintf("%.1f%%", s.QuoteShareAll) }, "")
	row("Attribution verbs, neutral / loaded", func(s *Side) string { return fmt.Sprintf("%d / %d", s.Neutral, s.Loaded) }, "")
	row("Neutral verbs, most used", func(s *Side) string { return verbList(s, r.Settings, false) }, "")
	row("Loaded verbs used", func(s *Side) string { return verbList(s, r.Settings, true) }, "")
	row("One-sided loaded verbs", func(s *Side) string { return strconv.Itoa(int(r.Checks[4].Values[slices.Index(r.Sides, s)])) }, check(4))
	row("Paragraphs without a source", func(s *Side) string {
		return fmt.Sprintf("%d of %d (%.1f%%)", s.Unsourced, s.Paragraphs, s.UnsourcedShare)
	}, check(3))
	row("Sources", func(s *Side) string { return strconv.Itoa(s.Sources) }, "")
	row("  without a URL", func(s *Side) string { return strconv.Itoa(s.NoURL) }, "")
	row("  dated after the page's date", func(s *Side) string { return strconv.Itoa(s.AfterDate) }, "")
	row("  from the side's own officials", func(s *Side) string {
		return fmt.Sprintf("%d (%.1f%%)", s.Own, s.OwnShare)
	}, "")
	row("  most cited publisher", func(s *Side) string {
		if s.TopPublisher == "" {
			return "none"
		}
		name := s.TopPublisher
		if r := []rune(name); len(r) > 28 {
			name = string(r[:27]) + "…"
		}
		return fmt.Sprintf("%s %d (%.1f%%)", name, s.TopCount, pct(s.TopCount, s.Sources))
	}, "")
	row("Dated after a statement they mention", func(s *Side) string { return strconv.Itoa(s.Late) }, check(5))
	return rows
}

func verbList(s *Side, set Settings, loaded bool) string {
	var lemmas []string
	for l, n := range s.Verbs {
		if n > 0 && isLoaded(set, l) == loaded {
			lemmas = append(lemmas, l)
		}
	}
	slices.Sort(lemmas)
	if !loaded { // the four most used
		slices.SortStableFunc(lemmas, func(a, b string) int { return s.Verbs[b] - s.Verbs[a] })
		lemmas = lemmas[:min(4, len(lemmas))]
	}
	var parts []string
	for _, l := range lemmas {
		parts = append(parts, fmt.Sprintf("%s %d", l, s.Verbs[l]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

func isLoaded(set Settings, lemma string) bool {
	v, ok := set.Verbs[lemma]
	return ok && v.Loaded
}

// table writes rows in columns padded to their widest cell.
func table(w io.Writer, rows [][]string) {
	width := map[int]int{}
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
