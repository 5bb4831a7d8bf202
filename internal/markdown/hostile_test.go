package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/counterpoint-ssg/counterpoint/internal/hostile"
)

// hostileRows are the bodies of scripts/hostile-inputs.sh, made at a
// given size n (a count of footnotes, or bytes).
var hostileRows = []struct {
	name string
	n    int // the smaller of the two sizes the benchmark runs
	body func(n int) []byte
}{
	{"footnotes", 10000, hostile.Footnotes},
	{"code-perl", 1 << 20, func(n int) []byte { return hostile.Code("perl", hostile.PerlLine, n) }},
	{"brackets", 1 << 20, func(n int) []byte { return hostile.Repeat("[", n) }},
	{"double-brackets", 1 << 20, func(n int) []byte { return hostile.Repeat("[[", n) }},
	{"underscore-a", 1 << 20, func(n int) []byte { return hostile.Repeat("_a", n) }},
	{"star-a-then-b-star", 1 << 20, hostile.OpenThenClose},
}

// BenchmarkHostile parses and renders each hostile body at two sizes, n
// and 2n: linear work takes twice as long at 2n, quadratic four times.
func BenchmarkHostile(b *testing.B) {
	e := New(false)
	for _, row := range hostileRows {
		for _, n := range []int{row.n, 2 * row.n} {
			src := row.body(n)
			b.Run(fmt.Sprintf("%s/n=%d", row.name, n), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(src)))
				var buf bytes.Buffer
				for b.Loop() {
					d := e.Parse(src, "", nil)
					buf.Reset()
					if err := e.RenderDeferred(&buf, d); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// firstOver returns the index of the piece whose first byte overdraws a
// budget of left units, spent cost units a piece, and its byte offset.
func firstOver(left, cost, pieceLen int) int {
	return (left / cost) * pieceLen
}

// TestMarkupBudget: bodies that make the parser build a node or more per
// byte are refused where MaxMarkup runs out, whatever kind of markup
// spends it; the rows are those measured in the issue (7 MiB each).
func TestMarkupBudget(t *testing.T) {
	const size = 7 << 20
	one := MaxMarkup - lineCost // a one-line body has spent a line
	tests := []struct {
		name   string
		src    []byte
		offset int
	}{
		{"brackets", bytes.Repeat([]byte("["), size), firstOver(one, 5, 1)},
		{"double-brackets", bytes.Repeat([]byte("[["), size/2), firstOver(one, 5, 1)},
		{"underscore-a", bytes.Repeat([]byte("_a"), size/2), firstOver(one, 4, 2)},
		{"star-a-then-b-star", append(bytes.Repeat([]byte("*a "), size/6), bytes.Repeat([]byte("b* "), size/6)...), firstOver(one, 4, 3)},
		{"quotes", bytes.Repeat([]byte("'a "), size/3), firstOver(one, 5, 3)},
		// Lines are counted before parsing: the problem is at the line
		// that overdraws.
		{"lines", bytes.Repeat([]byte("a\n"), size/2), (MaxMarkup/lineCost + 1 - 1) * 2},
		{"list-items", bytes.Repeat([]byte("- a\n"), size/4), (MaxMarkup/(lineCost+markerCost) + 1 - 1) * 4},
	}
	e := New(false)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := e.Parse(tt.src, "", nil)
			if d.Problem == nil {
				t.Fatal("not refused")
			}
			want := tooMuchMarkup(tt.offset)
			if *d.Problem != *want {
				t.Fatalf("refused at %d: %s\nwant at %d: %s", d.Problem.Offset, d.Problem.Msg, want.Offset, want.Msg)
			}
			if html, err := e.RenderString(d); err != nil || html != "" {
				t.Fatalf("a refused body rendered %q, %v", html, err)
			}
		})
	}
}

// TestMarkupBudgetSpares: what spends less than MaxMarkup is kept, code
// costs only its lines, and the budget is per body.
func TestMarkupBudgetSpares(t *testing.T) {
	e := New(false)
	under := bytes.Repeat([]byte("["), (MaxMarkup-lineCost)/5)
	code := []byte("```\n" + strings.Repeat("{{ **x** _y_ 'z' <a> ~~s~~ \"q\"\n", (4<<20)/32) + "```\n")
	for name, src := range map[string][]byte{
		"brackets-just-under": under,
		"twice-in-a-row":      under, // a second parse starts afresh
		"code-block":          code,
		"indented-code":       bytes.ReplaceAll(append([]byte("\n"), code[4:len(code)-4]...), []byte("\n"), []byte("\n    ")),
	} {
		if d := e.Parse(src, "", nil); d.Problem != nil {
			t.Errorf("%s: refused at %d: %s", name, d.Problem.Offset, d.Problem.Msg)
		}
	}
}

// TestManyFootnotes: 100,000 footnotes (134 s with goldmark's extension)
// are kept, numbered in order and listed once each.
func TestManyFootnotes(t *testing.T) {
	const n = 100000
	e := New(false)
	d := e.Parse(hostile.Footnotes(n), "", nil)
	if d.Problem != nil {
		t.Fatalf("refused at %d: %s", d.Problem.Offset, d.Problem.Msg)
	}
	html, err := e.RenderString(d)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(html, `<li id="fn:`); got != n {
		t.Fatalf("%d footnotes listed, want %d", got, n)
	}
	last := fmt.Sprintf(`<li id="fn:%d">`+"\n<p>note %d&#160;", n, n-1)
	if i, j := strings.Index(html, `<li id="fn:1">`), strings.Index(html, last); i < 0 || j < i {
		t.Fatalf("footnotes out of order: fn:1 at %d, %q at %d", i, last, j)
	}
}

// FuzzMarkupBudget runs the parser with a budget small enough to run out
// on most inputs: a refusal points into the source, at a line or at a
// character that starts markup, and renders nothing.
func FuzzMarkupBudget(f *testing.F) {
	for _, s := range []string{"[[[[[[[[[[[[", "_a_a_a_a_a_a_a_a_a", "*a *a *a b* b* b*", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n", "- a\n- b\n- c\n- d\n- e\n- f\n",
		"# [[[[[[[[[[[[\n", "| a | [b] |\n|---|---|\n| 'c' | \"d\" |\n", "x[^1] [^2]\n\n[^1]: 'a' 'b' 'c'\n[^2]: *d* _e_\n", "```\n[[[[[[[[[[[[[[[[\n```\n"} {
		f.Add(s)
	}
	e := New(false)
	e.maxMarkup = 40
	f.Fuzz(func(t *testing.T, src string) {
		d := e.Parse([]byte(src), "", nil)
		if p := d.Problem; p != nil && p.Msg == tooMuchMarkup(0).Msg {
			if p.Offset < 0 || p.Offset >= len(src) {
				t.Fatalf("problem at %d in a source of %d bytes", p.Offset, len(src))
			}
			if c := src[p.Offset]; markupCost[c] == 0 && (p.Offset > 0 && src[p.Offset-1] != '\n') {
				t.Fatalf("problem at %d, %q, neither markup nor a line start", p.Offset, c)
			}
		}
		out, err := e.RenderString(d)
		if err != nil {
			t.Fatal(err)
		}
		if d.Problem != nil && out != "" {
			t.Fatalf("a refused body rendered %q", out)
		}
	})
}
