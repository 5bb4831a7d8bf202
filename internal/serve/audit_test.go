package serve_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// quotedDemand is a demand whose position section is quotation in part.
func quotedDemand(quote string) string {
	return demand("Alpha", "## The argument\n\nRussia said: \""+quote+"\"[^1] It also explained its view at length to reporters.\n\n[^1]: A source.")
}

// The preview serves the balance audit of the files as they are, and
// shows the errors instead while the site does not load.
func TestAuditPage(t *testing.T) {
	dir := smallSite(t)
	writeFile(t, dir, "content/demands/alpha.md", quotedDemand("We want guarantees."))
	s := startServe(t, dir)
	code, body, h := s.get("/__counterpoint/audit")
	if code != 200 || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Fatalf("GET /__counterpoint/audit: %d %s", code, h.Get("Content-Type"))
	}
	for _, want := range []string{"<h1>Balance audit</h1>", `<th scope="col">Russia</th>`, `<th scope="col">NATO</th>`, `data-always`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("audit page lacks %q:\n%s", want, body)
		}
	}
	writeFile(t, dir, "content/demands/alpha.md", quotedDemand("Broken [[no-such-page]]."))
	deadline := time.Now().Add(2 * time.Minute)
	for {
		code, body, _ = s.get("/__counterpoint/audit")
		if code == 500 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("audit page still %d after breaking the site:\n%s", code, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(string(body), "content/demands/alpha.md:") || !strings.Contains(string(body), "unknown link target [[no-such-page]]") {
		t.Errorf("the broken site's audit page does not show the error:\n%s", body)
	}
}

// axeScript is axe-core, from COUNTERPOINT_AXE_JS or .ci/node_modules; the
// test is skipped without it, except in CI.
func axeScript(t *testing.T) string {
	p := os.Getenv("COUNTERPOINT_AXE_JS")
	if p == "" {
		_, file, _, _ := runtime.Caller(0)
		p = filepath.Join(filepath.Dir(file), "..", "..", ".ci", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core missing (CI=true): %v", err)
		}
		t.Skipf("axe-core missing: %v (npm ci --prefix .ci, see .ci/run)", err)
	}
	return string(b)
}

// The audit page in real Chromium: no axe violation, and an edit to the
// content shows up in its figures without touching the page.
func TestBrowserAuditPage(t *testing.T) {
	ctx := headless(t)
	axe := axeScript(t)
	dir := smallSite(t)
	writeFile(t, dir, "content/demands/alpha.md", quotedDemand("We want guarantees."))
	s := startServe(t, dir)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.origin+"/__counterpoint/audit"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the audit table", `document.querySelector("caption")?.textContent === "The sides side by side"`)
	until(t, ctx, "the live-reload script", `window.__counterpointReload === true`)
	axeClean(t, ctx, axe)

	quoted := `[...document.querySelectorAll("tbody tr")].find(r => r.querySelector("th").textContent.startsWith("Quoted, share of position")).textContent`
	before := js[string](t, ctx, quoted)
	writeFile(t, dir, "content/demands/alpha.md", quotedDemand("We want guarantees in writing, binding in law, and signed by every member of the alliance without exception."))
	until(t, ctx, "the audit to follow the edit", quoted+` !== `+jsString(before)+` && `+quoted+`.includes("Quoted")`)

	// The error overlay of the other pages links to the audit.
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url+"demands/alpha/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, "the live-reload script", `window.__counterpointReload === true`)
	writeFile(t, dir, "content/demands/alpha.md", quotedDemand("Broken [[no-such-page]]."))
	until(t, ctx, "the overlay's link to the audit", `document.getElementById("__counterpoint-overlay")?.shadowRoot?.querySelector('a[href="/__counterpoint/audit"]')?.textContent === "Balance audit"`)
}

func jsString(s string) string {
	return "\"" + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + "\""
}
