// Package browsertest checks the published site as readers and tools see
// it: every built page in real headless Chromium (console errors, link
// previews, search, the theme toggle, keyboard navigation, axe-core), the
// W3C Nu Html Checker over the whole output, Lighthouse on the home page, an internal link check of
// every href and src, and screenshots of the main screens.
//
// The tests build the repository's own site in memory with build.Build and
// serve Result.Files over 127.0.0.1 with Handler; TestSubpathDeployment
// instead builds it with the command line for https://example.org/sub/dir/
// and serves public/ under /sub/dir/ from http.FileServer, with the headers
// its _headers file gives each path. Outside tools are found
// at fixed places or through the environment:
//
//	COUNTERPOINT_CHROMIUM     browser binary (default /usr/bin/chromium)
//	COUNTERPOINT_VNU_JAR      vnu.jar (default .ci/node_modules/vnu-jar/build/dist/vnu.jar)
//	COUNTERPOINT_AXE_JS       axe.min.js (default .ci/node_modules/axe-core/axe.min.js)
//	COUNTERPOINT_LIGHTHOUSE   Lighthouse's cli/index.js, run with node (default .ci/node_modules/lighthouse/cli/index.js)
//	COUNTERPOINT_SCREENSHOTS  where screenshots go (default screenshots/ at the repository root)
//
// A missing tool skips its tests with a message saying what to install,
// except when CI=true, where it fails them; .ci/run installs all of them.
package browsertest

import (
	"mime"
	"net/http"
	"path"
	"strings"
)

// Handler serves a built site held in memory (output path -> bytes), as a
// static file server would serve public/: "/x/" is "x/index.html", "/x"
// redirects to "/x/" when that is a page, and anything else missing gets
// 404.html with status 404.
func Handler(files map[string][]byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if strings.HasSuffix(r.URL.Path, "/") && p != "" {
			p += "/"
		}
		name := p
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		data, ok := files[name]
		if !ok {
			if _, dir := files[p+"/index.html"]; dir {
				http.Redirect(w, r, "/"+p+"/", http.StatusMovedPermanently)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(files["404.html"])
			return
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(data)
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(data)
	})
}
