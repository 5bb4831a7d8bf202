package audit

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
)

// WriteHTML writes the report as a page of its own, for the preview
// server: the table of the terminal, then the findings as lists. It uses
// no script and no style of its own, so the preview's policy allows it
// as it is and the browser's defaults keep it readable.
func (r *Report) WriteHTML(w io.Writer, title string) error {
	var txt strings.Builder
	r.WriteText(&txt)
	type cell struct {
		Text string
		Over bool
	}
	type row struct {
		Label string
		Cells []cell
	}
	var rows []row
	// The table rows are the terminal's, so both always show the same.
	lines := strings.Split(txt.String(), "\n")
	data := struct {
		Title    string
		Sides    []string
		Rows     []row
		Legend   string
		Timing   []Timing
		Sections []struct {
			Title string
			List  []Finding
		}
	}{Title: title}
	for _, sd := range r.Sides {
		data.Sides = append(data.Sides, sd.Name)
	}
	for _, rr := range r.tableRows()[1:] {
		rw := row{Label: strings.TrimSpace(rr[0])}
		for _, c := range rr[1:] {
			over := strings.HasSuffix(c, " !")
			rw.Cells = append(rw.Cells, cell{strings.TrimSuffix(c, " !"), over})
		}
		rows = append(rows, rw)
	}
	data.Rows = rows
	for _, l := range lines {
		if strings.HasPrefix(l, "! over a threshold") {
			data.Legend = strings.TrimPrefix(l, "! ")
		}
	}
	data.Timing = r.Timing
	add := func(t string, l []Finding) {
		data.Sections = append(data.Sections, struct {
			Title string
			List  []Finding
		}{t + " (" + strconv.Itoa(len(l)) + ")", l})
	}
	add("Loaded verbs used for one side only", r.OneSided)
	add("First-stated dates after a statement the page mentions", r.Late)
	add("Paragraphs without a footnote or citation", r.Unsourced)
	add("Sources without a URL", r.NoURL)
	add("Sources dated after the page's first-stated date", r.AfterDate)
	return htmlReport.Execute(w, data)
}

var htmlReport = template.Must(template.New("audit").Funcs(template.FuncMap{
	"days": func(d *int) string {
		if d == nil {
			return ""
		}
		return fmt.Sprintf("%d day%s", *d, plural(*d))
	},
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Balance audit: {{.Title}}</title>
</head>
<body>
<main>
<h1>Balance audit</h1>
<p>{{.Title}}. Figures for each side; a figure marked “over” passes a threshold of the site settings (<code>audit:</code> in <code>content/_index.md</code>). This page follows your edits.</p>
{{if .Sides}}
<table>
<caption>The sides side by side</caption>
<thead><tr><th scope="col">Figure</th>{{range .Sides}}<th scope="col">{{.}}</th>{{end}}<th scope="col">Difference</th></tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row">{{.Label}}</th>{{range .Cells}}<td>{{.Text}}{{if .Over}} <strong>(over)</strong>{{end}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
<p>{{.Legend}}</p>
<h2>First stated</h2>
<table>
<caption>Each demand and the counterpositions answering it</caption>
<thead><tr><th scope="col">Demand</th><th scope="col">Date</th><th scope="col">Answered by</th><th scope="col">Date</th><th scope="col">After</th></tr></thead>
<tbody>
{{range $t := .Timing}}{{range $i, $a := .Answers}}<tr>{{if eq $i 0}}<th scope="row">{{$t.Demand}}</th><td>{{$t.Date}}</td>{{else}}<td></td><td></td>{{end}}<td>{{$a.Slug}}</td><td>{{$a.Date}}</td><td>{{days $a.Days}}{{if $a.Mentioned}} (page mentions {{$a.Mentioned}}){{end}}</td></tr>
{{else}}<tr><th scope="row">{{$t.Demand}}</th><td>{{$t.Date}}</td><td>(none)</td><td></td><td></td></tr>
{{end}}{{end}}</tbody>
</table>
{{range .Sections}}<h2>{{.Title}}</h2>
{{if .List}}<ul>
{{range .List}}<li><code>{{.Pos}}</code>: {{.Msg}}</li>
{{end}}</ul>
{{else}}<p>None.</p>
{{end}}{{end}}
{{else}}<p>No demand or counterposition names a claimant or respondent: there are no sides to compare.</p>
{{end}}
</main>
</body>
</html>
`))
