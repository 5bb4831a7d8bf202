package build

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"strconv"
)

// Link previews on a large site. site.js shows a page's title, kind, who,
// dates and summary when a reader hovers a link to it. A small site's
// previews read search-index.json, which search needs anyway; on a large
// site that file is megabytes, so the build also splits the records into
// K shards by a hash of each page's URL path, and the first preview
// fetches one shard of about shardTarget bytes.
//
// The shard of a record is fnv32a(u) mod K, u being the record's "u"
// field: the page's link as the build writes it, with the base path and
// "#anchor", percent-encoded as the pages write it (the base path is
// escaped, slugs and anchors are ASCII), which is what site.js reads off
// a link (URL.pathname + URL.hash). K is a power of two (shardCount), so
// it changes only when the records double or halve in size; pages name
// it in <body data-previews>.

// shardTarget is the most bytes a shard should hold on average.
const shardTarget = 16 << 10

// previewDir is the output directory of the shards, previews/<i>.json.
// The names stay from build to build, so _headers has them revalidated
// on each use, like search-index.json.
const previewDir = "previews/"

// previewShard returns the shard of the record whose link is u, among k
// (a power of two).
func previewShard(u string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(u))
	return int(h.Sum32() & uint32(k-1))
}

// shardCount is K for records of total bytes: 1 while they fit in two
// shards' worth, as a small site's do (one fetch of 32 KB at most, which
// search shares), else the smallest power of two that brings the average
// shard to shardTarget or less.
func shardCount(total int) int {
	if total <= 2*shardTarget {
		return 1
	}
	k := 4
	for total > k*shardTarget {
		k *= 2
	}
	return k
}

// previewShards returns K and, when K > 1, the JSON of each shard: the
// records of search-index.json without the aliases, which previews do
// not show, in the order of Site.All.
func (b *builder) previewShards() (int, [][]byte) {
	entries := b.searchEntries()
	recs := make([][]byte, len(entries))
	total := 2
	for i := range entries {
		entries[i].Aliases = ""
		recs[i], _ = json.Marshal(&entries[i])
		total += len(recs[i]) + 1
	}
	k := shardCount(total)
	if k == 1 {
		return 1, nil
	}
	shards := make([]bytes.Buffer, k)
	for i, e := range entries {
		s := &shards[previewShard(e.URL, k)]
		if s.Len() == 0 {
			s.WriteByte('[')
		} else {
			s.WriteByte(',')
		}
		s.Write(recs[i])
	}
	out := make([][]byte, k)
	for i := range shards {
		if shards[i].Len() == 0 {
			shards[i].WriteByte('[')
		}
		shards[i].WriteString("]\n")
		out[i] = shards[i].Bytes()
	}
	return k, out
}

// previewName is the output path of shard i.
func previewName(i int) string { return previewDir + strconv.Itoa(i) + ".json" }

// previews returns K and the shards, from the last build while the
// site's front matter and links (siteKey) are the same.
func (b *builder) previews() (int, [][]byte) {
	key := b.reuse.siteKey()
	if kb, ok := b.reuse.output(previewDir, key); ok {
		k, _ := strconv.Atoi(string(kb))
		var files [][]byte
		for i := 0; k > 1 && i < k; i++ {
			data, ok := b.reuse.output(previewName(i), key)
			if !ok {
				break
			}
			files = append(files, data)
		}
		if k == 1 || k > 1 && len(files) == k {
			return k, files
		}
	}
	k, files := b.previewShards()
	b.reuse.keep(previewDir, key, []byte(strconv.Itoa(k)))
	for i, f := range files {
		b.reuse.keep(previewName(i), key, f)
	}
	return k, files
}

// emitPreviews sets Site.PreviewShards before the pages are rendered and
// returns the function that emits the shards after them.
func (b *builder) emitPreviews(out *emitter) func() error {
	k, files := b.previews()
	b.site.PreviewShards = 0
	if k > 1 {
		b.site.PreviewShards = k
	}
	return func() error {
		for i, f := range files {
			if err := out.emit(previewName(i), f, true); err != nil {
				return err
			}
		}
		return nil
	}
}
