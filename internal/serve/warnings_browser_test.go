package serve_test

import (
	"path/filepath"
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

	// A broken build: the overlay's error links to the file and line.
	writeFile(t, dir, "content/demands/alpha.md", demand("Alpha", "Broken: [[no-such-page]]."))
	until(t, ctx, "the error overlay", `(`+root+`?.textContent || "").includes("unknown link target [[no-such-page]]")`)
	wantHref = "vscode://file" + filepath.ToSlash(abs) + "/content/demands/alpha.md:8:9"
	if got := js[string](t, ctx, root+`.querySelector(".box li a").href`); got != wantHref {
		t.Errorf("error links to %q, want %q", got, wantHref)
	}
}
