package content

import (
	"strings"
)

// HostKeys are the site settings that name other sites the pages may load
// from: image_hosts for images, embed_hosts for embedded frames (<iframe>,
// with unsafe: true). The build adds them to the Content-Security-Policy,
// which otherwise lets the browser load only the site's own files.
var HostKeys = []string{"image_hosts", "embed_hosts"}

// hosts checks a list of host names: a bare name ("maps.example.org"),
// without scheme, path or anything a policy would read as another rule.
func (f *fields) hosts(key string) {
	_, refs := f.strList(key)
	for _, r := range refs {
		if !validHost(r.slug) {
			f.errs.Add(f.path, r.line, r.col, key+": \""+r.slug+"\" is not a host name: write the name alone, as in maps.example.org")
		}
	}
}

func validHost(h string) bool {
	if h == "" || strings.HasPrefix(h, ".") || strings.HasSuffix(h, ".") || strings.Contains(h, "..") {
		return false
	}
	for _, c := range h {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '.', c == '-':
		default:
			return false
		}
	}
	return true
}

// Hosts returns a host setting of the site (HostKeys), as loaded.
func Hosts(params map[string]any, key string) []string {
	list, _ := params[key].([]any)
	var out []string
	for _, v := range list {
		if s, ok := v.(string); ok && validHost(strings.TrimSpace(s)) {
			out = append(out, strings.ToLower(strings.TrimSpace(s)))
		}
	}
	return out
}
