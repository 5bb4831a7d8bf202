package build

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
	"github.com/counterpoint-ssg/counterpoint/internal/pack"
)

// The cards kept in the cache directory (cards/<key>.png) are shared by
// every site built with it, and a card's key changes with what it shows,
// so the cards of renamed or edited pages would pile up for ever. Each
// build therefore lists the cards its site uses (cardsUsed/<site>),
// before it links any, so that another build's pruning keeps them; only
// the lists of the keptSites sites built last are kept, as with the
// parsed bodies, and a card that no kept list names is removed.
//
// Another build may still remove a card between this build's check and
// its link (it read this site's list before this build wrote it): the
// card is then drawn again (emitCard), so a build never fails and never
// differs for it.

// cardsUsed is the cache's directory of per-site lists of cards.
const cardsUsed = "cards-used"

// cardList names the site's list.
func cardList(root string) string {
	sum := sha256.Sum256([]byte(root))
	return cardsUsed + "/" + hexString(sum[:8])
}

// listCards records the keys of the cards jobs holds as the site's list
// (one a line, sorted) and says whether it changed. An unchanged list is
// only marked as used now.
func listCards(c *cache.Dir, root string, jobs []cardJob) (changed bool) {
	keys := make([]string, len(jobs))
	for i, j := range jobs {
		keys[i] = j.key
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	for _, k := range keys {
		buf.WriteString(k)
		buf.WriteByte('\n')
	}
	name := cardList(root)
	if old, err := c.ReadFile(name); err == nil && bytes.Equal(old, buf.Bytes()) {
		now := time.Now()
		os.Chtimes(c.Path(name), now, now)
		return false
	}
	c.WriteFile(name, buf.Bytes()) // losing the list costs only time
	return true
}

// pruneCards drops the lists of all but the keptSites sites built last,
// then every card no remaining list names. A list that cannot be read
// stops the pruning: its cards may be in use.
func pruneCards(c *cache.Dir) {
	pack.Prune(c, cardsUsed, keptSites)
	lists, err := os.ReadDir(c.Path(cardsUsed))
	if err != nil {
		return
	}
	used := map[string]bool{}
	for _, l := range lists {
		if !l.Type().IsRegular() || strings.HasPrefix(l.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(c.Path(cardsUsed), l.Name()))
		if err != nil {
			return
		}
		for _, k := range strings.Fields(string(data)) {
			used[k] = true
		}
	}
	cards, err := os.ReadDir(c.Path("cards"))
	if err != nil {
		return
	}
	for _, e := range cards {
		key, ok := strings.CutSuffix(e.Name(), ".png")
		if ok && len(key) == 64 && !used[key] && e.Type().IsRegular() {
			os.Remove(filepath.Join(c.Path("cards"), e.Name()))
		}
	}
}
