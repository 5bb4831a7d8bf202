// Package benchsite generates synthetic explainer sites of any size for
// benchmarks: demands, counterpositions, glossary terms and timeline events
// in the proportions and with the link density of a real site (a fifth
// demands, three tenths counterpositions, a quarter terms, the rest
// events; bodies with headings, lists, a table, links, sometimes code and
// a footnote). The same n always gives the same site.
package benchsite

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing/fstest"
)

var words = strings.Fields(`security alliance treaty border missile defense troops diplomacy guarantee expansion
infrastructure summit declaration sovereignty territorial integrity escalation sanction
negotiation envoy ministry agreement verification transparency deployment exercise flank
region capital parliament referendum ceasefire protocol observer mission charter`)

// Generate returns a site of n content files (plus the home page).
func Generate(n int) fstest.MapFS {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	counts := [4]int{n / 5, n * 3 / 10, n / 4, 0}
	counts[3] = n - counts[0] - counts[1] - counts[2]
	dirs := [4]string{"demands", "counterpositions", "glossary", "timeline"}
	ids := make([][]string, 4)
	for k, c := range counts {
		for i := 0; i < c; i++ {
			ids[k] = append(ids[k], fmt.Sprintf("%s-%05d", dirs[k][:4], i))
		}
	}
	var all []string
	for _, l := range ids {
		all = append(all, l...)
	}
	fs := fstest.MapFS{}
	fs["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Synthetic explainer\nsummary: Benchmark site\n---\n" + para(r, 30) + "\n")}
	for k, slugs := range ids {
		for i, s := range slugs {
			var b strings.Builder
			b.WriteString("---\n")
			fmt.Fprintf(&b, "title: %s %d %s\nsummary: %s\nweight: %d\n", dirs[k], i, words[r.IntN(len(words))], para(r, 12), i)
			switch k {
			case 0:
				b.WriteString("claimant: Russia\n")
			case 1:
				who, d1, d2 := []string{"United States", "NATO", "European Union"}[r.IntN(3)], pick(r, ids[0]), pick(r, ids[0])
				fmt.Fprintf(&b, "respondent: %s\nresponds_to:\n  - %s\n", who, d1)
				if d2 != d1 { // a slug named twice is an error
					fmt.Fprintf(&b, "  - %s\n", d2)
				}
			case 2:
				fmt.Fprintf(&b, "short: %s\n", para(r, 10))
			case 3:
				y := 1990 + r.IntN(33)
				switch r.IntN(3) {
				case 0:
					fmt.Fprintf(&b, "date: \"%d\"\n", y)
				case 1:
					fmt.Fprintf(&b, "date: \"%d-%02d\"\n", y, 1+r.IntN(12))
				default:
					fmt.Fprintf(&b, "date: %d-%02d-%02d\n", y, 1+r.IntN(12), 1+r.IntN(28))
				}
				fmt.Fprintf(&b, "related:\n  - %s\n", pick(r, ids[0]))
			}
			b.WriteString("---\n")
			if k >= 2 {
				fmt.Fprintf(&b, "%s see [[%s]]\n", para(r, 40), pick(r, ids[0]))
			} else {
				body(&b, r, all)
			}
			fs["content/"+dirs[k]+"/"+s+".md"] = &fstest.MapFile{Data: []byte(b.String())}
		}
	}
	return fs
}

func pick(r *rand.Rand, l []string) string {
	if len(l) == 0 {
		return "none"
	}
	return l[r.IntN(len(l))]
}

func para(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(w, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func body(b *strings.Builder, r *rand.Rand, all []string) {
	for h := 1; h <= 3; h++ {
		fmt.Fprintf(b, "## Section %d heading\n\n", h)
		for p := 0; p < 3; p++ {
			parts := []string{para(r, 10+r.IntN(13)), para(r, 10+r.IntN(13)), para(r, 10+r.IntN(13))}
			for l := 0; l < 2; l++ {
				s := pick(r, all)
				parts = append(parts, fmt.Sprintf("see [[%s|%s]]", s, strings.ReplaceAll(s, "-", " ")))
			}
			r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
			b.WriteString(strings.Join(parts, " ") + "\n\n")
		}
		fmt.Fprintf(b, "- %s\n- %s\n- **%s**\n\n", para(r, 8), para(r, 9), para(r, 5))
	}
	fmt.Fprintf(b, "| Party | Position | Year |\n|---|---|---|\n| A | %s | 1997 |\n| B | %s | 2010 |\n\n", para(r, 4), para(r, 5))
	if r.IntN(10) < 3 {
		b.WriteString("```go\nfunc main() {\n\tfmt.Println(\"hello\", 42)\n}\n```\n\n")
	}
	fmt.Fprintf(b, "A claim with a source.[^1]\n\n[^1]: %s\n", para(r, 6))
}
