package cli

import (
	"flag"
	"fmt"
	"path/filepath"

	"github.com/counterpoint-ssg/counterpoint/internal/cache"
)

// cacheFlag adds --cache-dir to a command that builds.
func cacheFlag(fs *flag.FlagSet) *string {
	return fs.String("cache-dir", "", "directory for work kept between builds (parsed pages, social cards); default $"+cache.Env+", else counterpoint in the user cache directory; \""+cache.Off+"\" keeps nothing")
}

// openCache opens the cache the flag names; a cache that cannot be made
// is reported once and the build goes on without it, as losing it costs
// only time.
func openCache(env Env, flag string) *cache.Dir {
	d, err := cache.Open(cache.Resolve(flag))
	if err != nil {
		fmt.Fprintf(env.Stderr, "counterpoint: warning: %v; building without a cache\n", err)
		return nil
	}
	return d
}

// cacheName is the site directory as the cache knows it (build.Inputs.Root):
// its absolute path, so that the same site is found from anywhere.
func cacheName(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
