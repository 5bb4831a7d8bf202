package serve

import (
	"bytes"
	_ "embed"
	"html"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// internalPrefix is where the server's own endpoints live, at the root
// whatever the site's base path, so the injected script finds them.
const internalPrefix = "/__counterpoint/"

//go:embed reload.js
var reloadJS []byte

func (s *Server) serveInternal(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(reloadJS))
	case "events":
		s.serveEvents(w, r)
	case "audit":
		s.serveAudit(w, r)
	default:
		http.NotFound(w, r)
	}
}

// servePage answers with a file of the current build. A path ending in /
// means its index.html; a path without the slash whose index.html exists
// is redirected, as a static host would; anything else gets the site's
// own 404 page. There are no directory listings.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, st *state, p string) {
	if st.res == nil {
		s.serveBroken(w, st)
		return
	}
	rel, ok := strings.CutPrefix(p, st.base)
	if !ok {
		if p+"/" == st.base || p == "/" {
			redirect(w, r, st.base)
			return
		}
		s.notFound(w, r, st)
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := st.res.Files[name]
	if !ok {
		if _, dir := st.res.Files[rel+"/index.html"]; dir && rel != "" && !strings.HasSuffix(rel, "/") {
			redirect(w, r, st.base+rel+"/")
			return
		}
		s.notFound(w, r, st)
		return
	}
	w.Header().Set("Content-Type", contentType(name))
	if isHTML(name) {
		data = inject(data, st.build, false)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// redirect sends the browser to a path of this server; target is built
// from a checked path, so it cannot point elsewhere.
func redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state) {
	data, ok := st.res.Files["404.html"]
	if !ok {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(inject(data, st.build, true))
	}
}

// serveBroken answers every page while no build has succeeded yet: the
// errors, and the script that reloads once the site builds.
func (s *Server) serveBroken(w http.ResponseWriter, st *state) {
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head>\n<body>\n<h1>The site does not build yet</h1>\n<ul>\n")
	for _, e := range st.errs {
		b.WriteString("<li><code>" + html.EscapeString(e.Text) + "</code></li>\n")
	}
	b.WriteString("</ul>\n<p>Fix the files and this page reloads by itself.</p>\n</body></html>\n")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(inject([]byte(b.String()), st.build, true))
}

// inject adds the live-reload script to a page: before </body>, else
// before </head>, else at the end. It copies; the build's bytes are shared
// by every request and never modified.
func inject(page []byte, build string, notFound bool) []byte {
	tag := `<script src="` + internalPrefix + `reload.js" data-build="` + html.EscapeString(build) + `"`
	if notFound {
		tag += ` data-notfound`
	}
	tag += ` defer></script>`
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = lastIndexFold(page, "</head>")
	}
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	if i < len(page) {
		out = append(out, '\n')
	}
	return append(out, page[i:]...)
}

// lastIndexFold finds the last ASCII-case-insensitive occurrence of tag.
func lastIndexFold(b []byte, tag string) int {
	for i := len(b) - len(tag); i >= 0; i-- {
		if b[i] == '<' && strings.EqualFold(string(b[i:i+len(tag)]), tag) {
			return i
		}
	}
	return -1
}

func isHTML(name string) bool {
	e := path.Ext(name)
	return e == ".html" || e == ".htm"
}

// types fixes the content types of the files a site has, so they do not
// depend on the machine's /etc/mime.types.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".md":          "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".wasm":        "application/wasm",
	".mp4":         "video/mp4",
	".webm":        "video/webm",
	".mp3":         "audio/mpeg",
	".csv":         "text/csv; charset=utf-8",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
