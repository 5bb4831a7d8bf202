package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/content"
	"github.com/counterpoint-ssg/counterpoint/internal/suggest"
)

// skeletons are the front matter `new` writes for each kind: every required
// key present, draft until the writer is done.
var skeletons = map[string]struct{ dir, front string }{
	"demand":          {"demands", "claimant: \"\"\ndate: \"\" # when it was first stated: YYYY, YYYY-MM or YYYY-MM-DD\n"},
	"counterposition": {"counterpositions", "respondent: \"\"\nresponds_to: []\ndate: \"\" # when it was first stated: YYYY, YYYY-MM or YYYY-MM-DD\n"},
	"term":            {"glossary", "short: \"TODO: a one-line definition\"\naliases: []\n"},
	"event":           {"timeline", "date: \"\" # when it happened: YYYY, YYYY-MM or YYYY-MM-DD\nrelated: []\n"},
	"actor":           {"actors", "role: \"\"\n"},
	"page":            {"", ""},
}

var kindAliases = map[string]string{"glossary": "term", "timeline": "event", "demands": "demand", "counterpositions": "counterposition", "actors": "actor", "terms": "term", "events": "event"}

func runNew(_ context.Context, env Env, args []string) int {
	if len(args) > 0 && args[0] == "site" {
		return runNewSite(env, args[1:])
	}
	fset := newFlags(env, "new")
	source := fset.String("source", ".", "site directory holding content/")
	// Accept flags before or after the two positional arguments.
	var pos []string
	for len(args) > 0 {
		if code, ok := parse(fset, env, args); !ok {
			return code
		}
		if fset.NArg() == 0 {
			break
		}
		pos = append(pos, fset.Arg(0))
		args = fset.Args()[1:]
	}
	if len(pos) != 2 {
		fmt.Fprintln(env.Stderr, "usage: counterpoint new <kind> <slug>   (kinds: demand, counterposition, term, event, actor, page)")
		return 2
	}
	kind, slug := pos[0], pos[1]
	if k, ok := kindAliases[kind]; ok {
		kind = k
	}
	sk, ok := skeletons[kind]
	if !ok {
		hint := suggest.Phrase(suggest.Closest(kind, suggest.Names("demand", "counterposition", "term", "event", "actor", "page")), strconv.Quote)
		fmt.Fprintf(env.Stderr, "counterpoint new: unknown kind %q (kinds: demand, counterposition, term, event, actor, page)%s\n", kind, hint)
		return 2
	}
	if !content.ValidSlug(slug) {
		fmt.Fprintf(env.Stderr, "counterpoint new: %q is not a valid slug: use lower-case letters, digits and single hyphens\n", slug)
		return 2
	}
	if fi, err := os.Stat(*source); err != nil || !fi.IsDir() {
		fmt.Fprintf(env.Stderr, "counterpoint new: the site directory %s does not exist or is not a directory; give the site with --source DIR\n", *source)
		return 1
	}
	path := filepath.Join(*source, "content", sk.dir, slug+".md")
	if sk.dir == "" && build.ReservedName(slug) {
		fmt.Fprintf(env.Stderr, "counterpoint new: /%s/ is taken by a page or file the build generates; choose another slug\n", slug)
		return 1
	}
	if owner := slugOwner(*source, slug); owner != "" && owner != path {
		fmt.Fprintf(env.Stderr, "counterpoint new: the slug %q is already used by %s (slugs are unique across all kinds); choose another\n", slug, owner)
		return 1
	}
	title := strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
	today := time.Now().Format("2006-01-02")
	body := "---\ntitle: " + quote(title) + "\nsummary: \"\"\n" + sk.front +
		"updated: " + today + "\ndraft: true\nsources: []\n---\n\nWrite the text here. Link other pages with `[[slug]]` or `[[slug|label]]`.\n"
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint new: %v\n", err)
		return 1
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(env.Stderr, "counterpoint new: %s already exists; not overwritten\n", path)
		return 1
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint new: %v\n", err)
		return 1
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		fmt.Fprintf(env.Stderr, "counterpoint new: %v\n", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint new: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "created %s (draft: build with --drafts to see it)\n", path)
	return 0
}

// slugOwner returns the content file (joined to source) that already has
// slug, or "". It loads the site's front matter, drafts included, so that a
// slug set with slug: counts too; bodies are not parsed.
func slugOwner(source, slug string) string {
	res, _ := content.Load(os.DirFS(source), content.Options{Drafts: true})
	for _, p := range res.Site.All {
		if p.Slug == slug {
			return filepath.Join(source, filepath.FromSlash(p.Path))
		}
	}
	return ""
}

func quote(s string) string { return "\"" + strings.ReplaceAll(s, "\"", "\\\"") + "\"" }
