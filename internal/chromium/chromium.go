// Package chromium starts Debian's headless Chromium for the project's
// browser tests, in one place: where the binary is, the flags that keep it
// quiet on a machine without a network, and the rule that a missing
// browser skips a test on a writer's machine but fails it in CI.
package chromium

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is the Chromium binary: $COUNTERPOINT_CHROMIUM, or /usr/bin/chromium.
func Path() string {
	if p := os.Getenv("COUNTERPOINT_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// Start launches Chromium with a fresh profile for one test and returns a
// tab, closed when the test ends. Without Chromium the test is skipped,
// or failed when CI=true.
func Start(t testing.TB, width, height int, timeout time.Duration) context.Context {
	t.Helper()
	exe := Path()
	missing := func(format string, args ...any) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf(format+" (CI=true: .ci/run installs it)", args...)
		}
		t.Skipf(format+" (apt-get install -y chromium, or set COUNTERPOINT_CHROMIUM)", args...)
	}
	if _, err := os.Stat(exe); err != nil {
		missing("Chromium is not at %s", exe)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(width, height),
	)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	if err := chromedp.Do(bctx); err != nil {
		missing("cannot start %s: %v", exe, err)
	}
	return bctx
}
