package layout

import (
	"html/template"

	"github.com/counterpoint-ssg/counterpoint/internal/layout/funcmap"
)

// URLs knows where the site is published (see funcmap.URLs).
type URLs = funcmap.URLs

// Funcs returns the helper functions templates can call (see funcmap.New).
func Funcs(u URLs, asset func(string) (string, bool)) template.FuncMap {
	return funcmap.New(u, asset)
}

// FuncsIn is Funcs for a site in the language lang (see funcmap.NewIn).
func FuncsIn(lang string, u URLs, asset func(string) (string, bool)) template.FuncMap {
	return funcmap.NewIn(lang, u, asset)
}
