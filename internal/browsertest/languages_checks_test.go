package browsertest

import (
	"context"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"
	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/output"
)

// languageBuild builds one of languageSites, its language set to lang.
func languageBuild(t *testing.T, site, lang string) *build.Result {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, f := range languageSites[site] {
		fsys[p] = f
	}
	home := string(fsys["content/_index.md"].Data)
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(home, "\nlanguage: "+site+"\n", "\nlanguage: "+lang+"\n", 1))}
	res, err := build.Build(context.Background(), build.Inputs{FS: fsys})
	if err != nil {
		t.Fatalf("%s as %s: %v", site, lang, err)
	}
	return res
}

// TestLanguageSitesAccessible runs axe-core on the main pages of the
// German and the Russian site, in both colour schemes.
func TestLanguageSitesAccessible(t *testing.T) {
	axe := axeScript(t)
	ctx := browser(t)
	for _, lang := range []string{"de", "ru"} {
		srv := httptest.NewServer(Handler(languageBuild(t, lang, lang).Files))
		demand := map[string]string{"de": "/demands/gebuehr/", "ru": "/demands/plata/"}[lang]
		for _, scheme := range []string{"light", "dark"} {
			emulate(t, ctx, scheme)
			for _, path := range []string{"/", demand, "/timeline/", "/glossary/"} {
				run(t, ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitReady(chromedp.CSS("body")))
				checkAxe(t, ctx, axe, lang+" "+path+", "+scheme+" scheme")
			}
		}
		srv.Close()
	}
}

// TestLanguageSitesValid runs the Nu Html Checker over every page of the
// German and the Russian site and of a right-to-left one.
func TestLanguageSitesValid(t *testing.T) {
	java := javaPath(t)
	jar, ok := toolPath(t, "COUNTERPOINT_VNU_JAR", ".ci/node_modules/vnu-jar/build/dist/vnu.jar")
	if !ok {
		need(t, "the Nu Html Checker ("+jar+")", "npm install --prefix .ci (see .ci/run), or set COUNTERPOINT_VNU_JAR")
	}
	for _, c := range []struct{ site, lang string }{{"de", "de"}, {"ru", "ru"}, {"de", "ar"}} {
		dir := filepath.Join(t.TempDir(), "public")
		if _, err := output.Write(repoRoot(t), dir, languageBuild(t, c.site, c.lang).Files); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(java, "-jar", jar, "--errors-only", "--skip-non-html", dir).CombinedOutput()
		if msg := strings.TrimSpace(string(out)); err != nil || msg != "" {
			t.Errorf("%s: vnu reports errors (%v):\n%s", c.lang, err, strings.ReplaceAll(msg, dir, "public"))
		}
	}
}

// TestRightToLeftMirrored: with a right-to-left language the layout is
// mirrored, not only the text: the timeline's line and a quotation's bar
// stand on the right, where the reading starts.
func TestRightToLeftMirrored(t *testing.T) {
	ctx := browser(t)
	const js = `(() => {
		const ev = getComputedStyle(document.querySelector(".events"));
		return [document.documentElement.dir, ev.borderLeftWidth, ev.borderRightWidth].join(" ");
	})()`
	for lang, want := range map[string]string{"de": " 3px 0px", "ar": "rtl 0px 3px"} {
		srv := httptest.NewServer(Handler(languageBuild(t, "de", lang).Files))
		run(t, ctx, chromedp.Navigate(srv.URL+"/timeline/"), chromedp.WaitReady(chromedp.CSS("body")))
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: timeline dir and line widths (left, right) %q, want %q", lang, got, want)
		}
		srv.Close()
	}
}
