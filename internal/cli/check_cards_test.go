package cli_test

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCheckDrawsNoCards: check, with an absolute base URL and the cards on,
// draws no social card (it writes no site, so nobody would see one) and
// leaves none in a cold cache, yet reports what build reports, the same
// warnings and the same count of files, cards included.
func TestCheckDrawsNoCards(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := writeSite(site); err != nil {
		t.Fatal(err)
	}
	overlay(t, site, `
-- content/about.md --
---
title: About
colour: red
---
We quote [[lavrov]] and define [[NATO]] ![](/map.png).
-- content/map.png --
not really a picture
`)
	base := "https://example.org/sub/"
	checkCache, buildCache := filepath.Join(dir, "check-cache"), filepath.Join(dir, "build-cache")
	code, checkOut, checkErr := runCLI("check", "--source", site, "--base-url", base, "--cache-dir", checkCache)
	if code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, checkOut, checkErr)
	}
	if n := pngsIn(t, checkCache); n != 0 {
		t.Errorf("check left %d card PNGs in the cache", n)
	}
	code, buildOut, buildErr := runCLI("build", "--source", site, "--dest", filepath.Join(dir, "public"), "--base-url", base, "--cache-dir", buildCache)
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, buildOut, buildErr)
	}
	if n := pngsIn(t, buildCache); n < 10 {
		t.Fatalf("build kept %d card PNGs in its cache: are the cards on?", n)
	}
	if !strings.Contains(checkErr, "warning:") {
		t.Fatalf("the site has no warning to compare:\n%s", checkErr)
	}
	if checkErr != buildErr {
		t.Errorf("check reported\n%s\nbuild reported\n%s", checkErr, buildErr)
	}
	checked := regexp.MustCompile(`(\d+) files checked`).FindStringSubmatch(checkOut)
	built := regexp.MustCompile(`(\d+) files \(`).FindStringSubmatch(buildOut)
	if checked == nil || built == nil || checked[1] != built[1] {
		t.Errorf("check counted %q, build %q", checkOut, buildOut)
	}
}

// pngsIn counts the PNG files under dir (none when it does not exist).
func pngsIn(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".png") {
			n++
		}
		return nil
	})
	return n
}
