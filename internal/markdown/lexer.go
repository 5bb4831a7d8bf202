package markdown

import (
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

var (
	langsOnce sync.Once
	// langs holds every language name chroma knows: lexer names,
	// aliases and the extensions of their "*.ext" file patterns.
	langs map[string]bool
	// lexerCache maps a language to its lexer (a nil lexer included).
	lexerCache sync.Map
)

// lexerFor returns the highlighter for a code block's language (lower
// case), as lexers.Get does, for the names chroma knows. For any other
// name, and for none, lexers.Get matches it against every lexer's file
// patterns, milliseconds a call: a page of plain ``` blocks, or of
// blocks with made-up languages, would take seconds to build. Those get
// no highlighting without asking, and lookups are remembered.
func lexerFor(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	langsOnce.Do(indexLangs)
	if !langs[lang] {
		return nil
	}
	if l, ok := lexerCache.Load(lang); ok {
		lx, _ := l.(chroma.Lexer)
		return lx
	}
	lx := lexers.Get(lang)
	lexerCache.Store(lang, lx)
	return lx
}

func indexLangs() {
	langs = map[string]bool{}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		c := l.Config()
		langs[strings.ToLower(c.Name)] = true
		for _, a := range c.Aliases {
			langs[strings.ToLower(a)] = true
		}
		for _, g := range append(c.Filenames[:len(c.Filenames):len(c.Filenames)], c.AliasFilenames...) {
			if ext, ok := strings.CutPrefix(g, "*."); ok && !strings.ContainsAny(ext, `*?[\`) {
				langs[strings.ToLower(ext)] = true
			}
		}
	}
}
