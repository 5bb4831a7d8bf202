package browsertest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// screens are the pages every reader-facing check covers.
var screens = []struct{ name, path string }{
	{"home", "/"},
	{"map", "/map/"},
	{"demand", demandPage},
	{"counterposition", counterPage},
	{"glossary", "/glossary/"},
	{"timeline", "/timeline/"},
	{"search", "/search/?q=nato"},
	{"404", "/no/such/page/"},
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestAxe runs axe-core on the main screens in the light and the dark
// colour scheme and expects no violation at all.
func TestAxe(t *testing.T) {
	axe := axeScript(t)
	ctx := browser(t)
	srv := serve(t)
	for _, scheme := range []string{"light", "dark"} {
		emulate(t, ctx, scheme)
		for _, s := range screens {
			run(t, ctx, chromedp.Navigate(srv.URL+s.path), chromedp.WaitReady(chromedp.CSS("body")))
			if s.name == "search" {
				waitFor(t, ctx, "search results", `document.querySelectorAll("#search-results li").length > 0`)
			}
			checkAxe(t, ctx, axe, s.path+", "+scheme+" scheme")
		}
	}
}

// axeScript reads axe-core, or skips (fails in CI) when it is missing.
func axeScript(t *testing.T) []byte {
	t.Helper()
	axePath, ok := toolPath(t, "COUNTERPOINT_AXE_JS", ".ci/node_modules/axe-core/axe.min.js")
	if !ok {
		need(t, "axe-core ("+axePath+")", "npm install --prefix .ci (see .ci/run), or set COUNTERPOINT_AXE_JS")
	}
	axe, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	return axe
}

// checkAxe runs axe-core on the page the tab shows and reports every
// violation, under the label where.
func checkAxe(t *testing.T, ctx context.Context, axe []byte, where string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe)+"\n;undefined")); err != nil && !strings.Contains(err.Error(), "undefined") {
		t.Fatalf("injecting axe-core: %v", err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " ")),
	})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: axe.run: %v", where, err)
	}
	for _, v := range vs {
		t.Errorf("%s: %s (%s): %s\n\t%s", where, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}
