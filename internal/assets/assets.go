// Package assets turns a site's assets/ (over the built-in defaults) into
// fingerprinted, minified output files and a manifest that templates use to
// refer to them by logical name, so browsers can cache them forever.
package assets

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
	"github.com/counterpoint-ssg/counterpoint/internal/markdown"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
)

//go:embed defaults
var defaults embed.FS

// minified holds the built-in assets (defaults/ and the highlighting
// stylesheet) already minified, named by the start of the SHA-256 of the
// text they were made from: minifying them is most of the work of a small
// site's build. TestMinified keeps it current (go test ./internal/assets
// -run Minified -update); an asset without its entry is minified as usual.
//
//go:embed minified
var minified embed.FS

// preminified returns the minified form of data from minified, if there.
func preminified(name string, data []byte) ([]byte, bool) {
	b, err := minified.ReadFile("minified/" + minifiedName(name, data))
	return b, err == nil
}

// minifiedName is the file in minified for the asset name with text data.
func minifiedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8]) + path.Ext(name)
}

func newMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	return m
}

// SyntaxCSS is the logical name of the generated code-highlighting stylesheet.
const SyntaxCSS = "syntax.css"

// Dir is the output directory of fingerprinted assets.
const Dir = "assets/"

// File is one output asset.
type File struct {
	Logical string // "site.css"
	Path    string // output path, "assets/site.3f2a9c1e.css"
	Data    []byte
}

// Set is the processed assets of one build.
type Set struct {
	Files  []File // sorted by Path
	byName map[string]int
}

// Lookup returns the output path ("assets/site.3f2a9c1e.css") of a logical name.
func (s *Set) Lookup(logical string) (string, bool) {
	i, ok := s.byName[strings.TrimPrefix(logical, "/")]
	if !ok {
		return "", false
	}
	return s.Files[i].Path, true
}

// Build reads assets/ from the site (which may lack it) over the built-in
// defaults, minifies CSS, JS and SVG, and fingerprints every file.
func Build(site fs.FS) (*Set, diag.List) {
	var errs diag.List
	src := map[string][]byte{}
	sub, _ := fs.Sub(defaults, "defaults")
	read(sub, ".", src, &errs)
	if site != nil {
		if _, err := fs.Stat(site, "assets"); err == nil {
			read(site, "assets", src, &errs)
		}
	}
	var syntax bytes.Buffer
	if err := markdown.WriteSyntaxCSS(&syntax); err != nil {
		errs.Add("assets/"+SyntaxCSS, 1, 1, "cannot generate the highlighting stylesheet: "+err.Error())
	}
	if _, overridden := src[SyntaxCSS]; !overridden {
		src[SyntaxCSS] = syntax.Bytes()
	}

	m := newMinifier()
	set := &Set{byName: map[string]int{}}
	names := make([]string, 0, len(src))
	for n := range src {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		data := src[n]
		if mt := mediaType(n); mt != "" {
			if out, ok := preminified(n, data); ok {
				data = out
			} else if out, err := m.Bytes(mt, data); err != nil {
				errs.Add("assets/"+n, 1, 1, "cannot minify: "+err.Error())
			} else {
				data = out
			}
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(n)
		out := Dir + strings.TrimSuffix(n, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		set.Files = append(set.Files, File{Logical: n, Path: out, Data: data})
	}
	slices.SortFunc(set.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for i, f := range set.Files {
		set.byName[f.Logical] = i
	}
	return set, errs
}

func read(fsys fs.FS, root string, into map[string][]byte, errs *diag.List) {
	fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs.Add(p, 1, 1, fmt.Sprintf("cannot read: %v", err))
			return nil
		}
		if p != root && fsfilter.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(p, 1, 1, fmt.Sprintf("cannot read: %v", err))
			return nil
		}
		rel := p
		if root != "." {
			rel = strings.TrimPrefix(p, root+"/")
		}
		into[rel] = b
		return nil
	})
}

func mediaType(name string) string {
	switch path.Ext(name) {
	case ".css":
		return "text/css"
	case ".js", ".mjs":
		return "application/javascript"
	case ".svg":
		return "image/svg+xml"
	}
	return ""
}
