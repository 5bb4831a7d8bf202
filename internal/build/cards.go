package build

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/counterpoint-ssg/counterpoint/internal/assets"
	"github.com/counterpoint-ssg/counterpoint/internal/card"
	"github.com/counterpoint-ssg/counterpoint/internal/i18n"
	"github.com/counterpoint-ssg/counterpoint/internal/par"
	"github.com/counterpoint-ssg/counterpoint/internal/site"
)

// cardDir is where the cards are published: under assets/, as their names
// carry their key and a changed card gets a new name, so hosts may cache
// them for ever, and social sites fetch a changed card afresh.
const cardDir = assets.Dir + "cards/"

// cardJob is one page's card: what it shows, its key and output path.
type cardJob struct {
	c    card.Card
	key  string
	name string
}

// cardTheme takes the cards' colours from the stylesheets every page
// loads (site.css, then the site's custom.css).
func (b *builder) cardTheme(set *assets.Set) {
	var sheets [][]byte
	for _, logical := range []string{"site.css", "custom.css"} {
		for _, f := range set.Files {
			if f.Logical == logical {
				sheets = append(sheets, f.Data)
			}
		}
	}
	b.theme = card.ThemeFromCSS(sheets...)
}

// planCards gives every page that gets a card its card's absolute URL and
// text alternative (site.Page.Card), before the layouts run. Pages get
// cards only while the pictures setting has them on and the base URL is
// absolute: og:image must be an absolute URL, and a card no page links to
// is not worth drawing.
func (b *builder) planCards(pages []*site.Page) []cardJob {
	s := b.site
	abs := strings.HasPrefix(b.urls.Base, "https://") || strings.HasPrefix(b.urls.Base, "http://")
	var jobs []cardJob
	seen := map[string]bool{}
	for _, p := range pages {
		p.Card, p.CardAlt = "", ""
		if !s.Pictures.Cards || !abs || p.Kind == site.NotFound {
			continue
		}
		c := b.cardOf(p)
		key := c.Key()
		j := cardJob{c: c, key: key, name: cardDir + key[:16] + ".png"}
		p.Card = b.urls.Abs("/" + j.name)
		p.CardAlt = cardAlt(c)
		if !seen[j.name] { // pages that look alike share a card
			seen[j.name] = true
			jobs = append(jobs, j)
		}
	}
	return jobs
}

// cardOf is what p's card shows: the kind of a position or actor page,
// the title (the home page's is the site's summary, under its title in
// the band), who holds the position and since when, or an actor's role,
// or a list's or plain page's summary.
func (b *builder) cardOf(p *site.Page) card.Card {
	s := b.site
	_, addr, _ := strings.Cut(b.urls.Base, "://")
	c := card.Card{Site: s.Title, Title: p.Title, Address: strings.TrimSuffix(addr, "/"), Theme: b.theme}
	switch p.Kind {
	case site.Home:
		if s.Summary != "" {
			c.Title = s.Summary
		}
	case site.Demand:
		c.Holder = p.Claimant
	case site.Counterposition:
		c.Holder = p.Respondent
	case site.Actor:
		c.Holder = p.Role
	case site.List, site.Generic:
		c.Holder = p.Summary // the line under the title, cut to fit
	}
	switch p.Kind {
	case site.Demand, site.Counterposition, site.Actor:
		c.Kind, _ = s.KindT("kind", p.Kind)
	}
	if (p.Kind == site.Demand || p.Kind == site.Counterposition) && !p.Date.IsZero() {
		c.Date = i18n.Date(s.Language, p.Date)
	}
	return c
}

// cardAlt describes the card for og:image:alt.
func cardAlt(c card.Card) string {
	alt := c.Title
	if c.Kind != "" {
		alt = c.Kind + ": " + alt
	}
	by := strings.Trim(c.Holder+", "+c.Date, ", ")
	if by != "" {
		alt += ". " + by
	}
	return alt
}

// emitCards delivers every planned card: from an earlier build in memory
// (serve), from the persistent cache (by hard link into the destination
// when the caller can place files, else read), or drawn, on all cores,
// and then kept in the cache for the next build. A build whose files are
// discarded (check) only counts them.
func (b *builder) emitCards(ctx context.Context, jobs []cardJob, out *emitter) error {
	b.cardPaths = b.cardPaths[:0]
	if b.in.Discard {
		for _, j := range jobs {
			out.placed(j.name)
			b.cardPaths = append(b.cardPaths, j.name)
		}
		return nil
	}
	// The list first, so that a build pruning meanwhile keeps these cards
	// (cardcache.go).
	listed := b.in.Cache != nil && listCards(b.in.Cache, b.in.Root, jobs)
	if len(jobs) == 0 {
		if listed {
			pruneCards(b.in.Cache)
		}
		return nil
	}
	b.cardOnce.Do(func() { b.cards = card.NewRenderer() })
	errs := make([]error, len(jobs))
	err := par.For(ctx, len(jobs), func(i int) { errs[i] = b.emitCard(jobs[i], out) })
	if err != nil {
		return err
	}
	if listed {
		pruneCards(b.in.Cache)
	}
	for _, j := range jobs {
		b.cardPaths = append(b.cardPaths, j.name)
	}
	return errors.Join(errs...)
}

func (b *builder) emitCard(j cardJob, out *emitter) error {
	raw, _ := hex.DecodeString(j.key[:16])
	fp := binary.LittleEndian.Uint64(raw)
	if data, ok := b.reuse.output(j.name, fp); ok {
		return out.emit(j.name, data, true)
	}
	entry := "cards/" + j.key + ".png"
	c := b.in.Cache
	if c != nil && b.in.Link != nil && b.in.Sink != nil {
		// The destination takes the cache's file as it is.
		src := c.Path(entry)
		if _, err := os.Stat(src); err != nil {
			data, err := b.drawCard(j)
			if err != nil {
				return err
			}
			if c.WriteFile(entry, data) != nil {
				return out.emit(j.name, data, true)
			}
		}
		err := b.in.Link(j.name, src, j.key)
		if err == nil {
			out.placed(j.name)
			return nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		// Another build pruned the card since: draw it again.
		data, err := b.drawCard(j)
		if err != nil {
			return err
		}
		c.WriteFile(entry, data)
		return out.emit(j.name, data, true)
	}
	data, err := c.ReadFile(entry)
	if err != nil {
		if data, err = b.drawCard(j); err != nil {
			return err
		}
		c.WriteFile(entry, data) // losing the cache costs only time
	}
	if kept := b.reuse.keep(j.name, fp, data); kept != nil {
		data = kept
	}
	return out.emit(j.name, data, true)
}

func (b *builder) drawCard(j cardJob) ([]byte, error) {
	b.drawn.Add(1)
	return b.cards.Render(j.c)
}

// placed counts a file the caller placed itself (Inputs.Link) as emitted.
func (e *emitter) placed(path string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.count++
	if e.top == nil {
		e.top = map[string]bool{}
	}
	e.top[topLevel(path)] = true
}

// cardState is what the builder keeps for cards.
type cardState struct {
	theme     card.Theme
	cardOnce  sync.Once
	cards     *card.Renderer
	cardPaths []string
}
