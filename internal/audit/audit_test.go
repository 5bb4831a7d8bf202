package audit

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func auditDir(t *testing.T, dir string) *Report {
	t.Helper()
	rep, err := Site(context.Background(), os.DirFS(filepath.Join("testdata", dir)), false)
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	return rep
}

// TestGolden holds the terminal table and the JSON of the fixture sites
// to files; `go test ./internal/audit -update` rewrites them.
func TestGolden(t *testing.T) {
	for _, dir := range []string{"imbalanced", "balanced"} {
		t.Run(dir, func(t *testing.T) {
			rep := auditDir(t, dir)
			var txt bytes.Buffer
			rep.WriteText(&txt)
			js, err := json.MarshalIndent(rep, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			for name, got := range map[string][]byte{dir + ".txt": txt.Bytes(), dir + ".json": append(js, '\n')} {
				path := filepath.Join("testdata", "golden", name)
				if *update {
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, got, 0o644); err != nil {
						t.Fatal(err)
					}
					continue
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the golden file (run with -update after checking):\n%s", path, got)
				}
			}
		})
	}
}

// TestImbalancedFindings checks the four planted imbalances as figures and
// positions, independently of the golden files.
func TestImbalancedFindings(t *testing.T) {
	rep := auditDir(t, "imbalanced")
	if len(rep.Sides) != 2 || rep.Sides[0].Name != "Northland" || rep.Sides[1].Name != "Southland" {
		t.Fatalf("sides = %+v", rep.Sides)
	}
	north, south := rep.Sides[0], rep.Sides[1]
	if north.QuoteShare < 50 || south.QuoteShare != 0 {
		t.Errorf("quoted share of position words: Northland %.1f, Southland %.1f; want over 50 and 0", north.QuoteShare, south.QuoteShare)
	}
	over := map[string]bool{}
	for _, c := range rep.Checks {
		over[c.Name] = c.Over
	}
	for _, name := range []string{"quoted share of position sections", "one-sided loaded verbs", "pages dated after a statement they mention"} {
		if !over[name] {
			t.Errorf("%s: not over its threshold", name)
		}
	}
	wantAt := func(list []Finding, pos string) {
		t.Helper()
		for _, f := range list {
			if f.Pos() == pos {
				return
			}
		}
		t.Errorf("no finding at %s in %+v", pos, list)
	}
	wantAt(rep.OneSided, "content/demands/share-the-river.md:22:105")
	wantAt(rep.OneSided, "content/counterpositions/river-is-ours.md:25:11")
	wantAt(rep.Late, "content/counterpositions/river-is-ours.md:17:36")
	wantAt(rep.Unsourced, "content/counterpositions/river-is-ours.md:21:1")
	wantAt(rep.NoURL, "content/demands/share-the-river.md:11:13")
	if !rep.Over() {
		t.Error("Over() = false")
	}
}

func TestBalancedReportsNothingOver(t *testing.T) {
	rep := auditDir(t, "balanced")
	for _, c := range rep.Checks {
		if c.Over {
			t.Errorf("%s over its threshold: %+v", c.Name, c)
		}
	}
	if len(rep.OneSided)+len(rep.Late)+len(rep.Unsourced)+len(rep.NoURL)+len(rep.AfterDate) != 0 {
		t.Errorf("findings on the balanced site: %+v %+v %+v %+v %+v", rep.OneSided, rep.Late, rep.Unsourced, rep.NoURL, rep.AfterDate)
	}
	if rep.Settings.WordRatio != 1.3 {
		t.Errorf("word_ratio from the site settings = %v, want 1.3", rep.Settings.WordRatio)
	}
}

// TestOwnSite runs the audit on the repository's own site: it must load
// (the same checks as build) and find both sides.
func TestOwnSite(t *testing.T) {
	rep, err := Site(context.Background(), os.DirFS("../.."), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sides) != 2 {
		t.Fatalf("%d sides", len(rep.Sides))
	}
	// The explainer itself stays within the default thresholds (what
	// `audit --strict` checks), and every source it cites has a URL.
	for _, c := range rep.Checks {
		if c.Over {
			t.Errorf("our site passes a threshold: %+v", c)
		}
	}
	for _, f := range rep.NoURL {
		t.Errorf("source without a URL: %+v", f)
	}
}
