package serve_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// In real headless Chromium: a build with warnings shows them in a panel
// that leaves the page readable, a broken build shows the error overlay,
// and each problem links to its file and line in the editor --editor
// names.
func TestBrowserWarningsAndEditorLinks(t *testing.T) {
	ctx := headless(t)
	dir := smallSite(t)
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", "Text of alpha. ![](/files/none.png)"))
	writeFile(t, dir, "content/files/none.png", "not an image")
	s := startServe(t, dir, "--editor", "vscode")
	st := watchStreams(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"demands/alpha/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the page", `document.body.textContent.includes("Text of alpha.")`)
	st.wait(t, ctx)

	root := `document.getElementById("__counterpoint-overlay")?.shadowRoot`
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the warning panel", `(`+root+`?.textContent || "").includes("warning: image without alt text")`)
	if got := js[string](t, ctx, root+`.querySelector("h2").textContent`); got != "1 warning" {
		t.Errorf("panel heading %q", got)
	}
	wantHref := "vscode://file" + filepath.ToSlash(abs) + "/content/demands/alpha.md:8:16"
	if got := js[string](t, ctx, root+`.querySelector("li a").href`); got != wantHref {
		t.Errorf("warning links to %q, want %q", got, wantHref)
	}
	// The panel sits in a corner: the page's text stays on top where it is.
	if !js[bool](t, ctx, `(() => {
		const r = `+root+`.querySelector(".panel").getBoundingClientRect();
		return getComputedStyle(`+root+`.querySelector(".panel")).position === "fixed" &&
			r.height <= innerHeight / 2 && r.width < innerWidth &&
			document.elementFromPoint(innerWidth / 4, innerHeight / 4) !== document.getElementById("__counterpoint-overlay");
	})()`) {
		t.Error("the warning panel hides the page")
	}

	// The page with its panel passes axe-core (the panel's links and
	// colours included).
	axeClean(t, ctx, axeScript(t))

	// A broken build: the overlay's error links to the file and line.
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", "Broken: [[no-such-page]]."))
	until(t, ctx, "the error overlay", `(`+root+`?.textContent || "").includes("unknown link target [[no-such-page]]")`)
	wantHref = "vscode://file" + filepath.ToSlash(abs) + "/content/demands/alpha.md:8:9"
	if got := js[string](t, ctx, root+`.querySelector(".box li a").href`); got != wantHref {
		t.Errorf("error links to %q, want %q", got, wantHref)
	}
}

// axeClean runs axe-core on the document in the tab, shadow roots
// included, and reports every violation.
func axeClean(t *testing.T, ctx context.Context, axe string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe+"\n;undefined")); err != nil && !strings.Contains(err.Error(), "undefined") {
		t.Fatalf("injecting axe-core: %v", err)
	}
	type violation struct {
		ID    string   `json:"id"`
		Help  string   `json:"help"`
		Nodes []string `json:"nodes"`
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " ")),
	})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe.run: %v", err)
	}
	for _, v := range vs {
		t.Errorf("axe: %s: %s\n\t%s", v.ID, v.Help, strings.Join(v.Nodes, "\n\t"))
	}
}
