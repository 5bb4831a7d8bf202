// Package fsfilter decides which files in a site are the writer's and which
// are noise left by editors, version control or the operating system. The
// loader and the watcher share it so a file that is never built never
// triggers a rebuild either.
package fsfilter

import "strings"

// Ignored reports whether a file or directory name (not a path) is noise:
// hidden files, editor backups, swap and lock files, probe files, and the
// .orig and .rej files patch and merge tools leave beside the real one.
func Ignored(name string) bool {
	switch {
	case name == "":
		return true
	case name[0] == '.': // .git, .DS_Store, .#lock, .file.swp
		return true
	case name[0] == '#' && strings.HasSuffix(name, "#"): // emacs autosave
		return true
	case strings.HasSuffix(name, "~"): // backups
		return true
	case name == "4913": // vim's write probe
		return true
	}
	for _, suf := range []string{".swp", ".swx", ".swo", ".tmp", ".bak", ".part", ".crdownload", ".orig", ".rej", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return name == "Thumbs.db" || name == "desktop.ini"
}
