package serve

import (
	"bytes"
	"context"
	"html"
	"net/http"
	"strings"
)

// AuditPage renders the balance audit of the site as it is on disk now
// (Options.Audit); serve calls it for each request of /__counterpoint/audit,
// so the page is as fresh as the files, and adds the live-reload script
// with data-always, which reloads it after every build.
type AuditPage func(ctx context.Context) ([]byte, error)

func (s *Server) serveAudit(w http.ResponseWriter, r *http.Request) {
	if s.opts.Audit == nil {
		http.NotFound(w, r)
		return
	}
	id := ""
	if st := s.state.Load(); st != nil {
		id = st.build
	}
	page, err := s.opts.Audit(r.Context())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err != nil {
		var b strings.Builder
		b.WriteString("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Balance audit: the site does not load</title></head>\n<body>\n<main>\n<h1>Balance audit</h1>\n<p>The site does not load, so there is nothing to measure:</p>\n<ul>\n")
		for _, p := range s.problems(err) {
			b.WriteString("<li><code>" + html.EscapeString(p.Text) + "</code></li>\n")
		}
		b.WriteString("</ul>\n</main>\n</body></html>\n")
		page = []byte(b.String())
		w.WriteHeader(http.StatusInternalServerError)
	}
	page = inject(page, id, false)
	page = bytes.Replace(page, []byte(`reload.js" data-build=`), []byte(`reload.js" data-always data-build=`), 1)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}
