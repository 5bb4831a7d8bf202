package content

import (
	"io/fs"
	"path"

	"github.com/counterpoint-ssg/counterpoint/internal/diag"
	"github.com/counterpoint-ssg/counterpoint/internal/fsfilter"
)

// walk lists the files under content/, in no particular order, refusing
// what the site may not hold (links to directories, devices); ok is false
// when content/ itself cannot be read.
func walk(fsys fs.FS) (files []string, errs diag.List, ok bool) {
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" {
				return err
			}
			errs.Add(p, 1, 1, "cannot read: "+cleanErr(err))
			return nil
		}
		if p != "content" && fsfilter.Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := fs.Stat(fsys, p)
			switch {
			case err != nil:
				errs.Add(p, 1, 1, "symbolic link refused: "+cleanErr(err))
				return nil
			case fi.IsDir():
				errs.Add(p, 1, 1, "symbolic link to a directory refused: link the files, or move the directory into content/")
				return nil
			case !fi.Mode().IsRegular():
				errs.Add(p, 1, 1, "not a regular file")
				return nil
			}
		} else if d.IsDir() {
			return nil
		} else if !d.Type().IsRegular() {
			errs.Add(p, 1, 1, "not a regular file")
			return nil
		}
		files = append(files, p)
		return nil
	})
	if err != nil {
		errs.Add("content", 1, 1, "cannot read the content directory: "+cleanErr(err))
		return nil, errs, false
	}
	return files, errs, true
}

// dirtyFunc reports whether a path is one of changed or under one; nil
// (every path may have changed) for a nil list.
func dirtyFunc(changed []string) func(string) bool {
	if changed == nil {
		return nil
	}
	set := make(map[string]bool, len(changed))
	for _, c := range changed {
		set[path.Clean(c)] = true
	}
	return func(p string) bool {
		for q := p; q != "." && q != "/"; q = path.Dir(q) {
			if set[q] {
				return true
			}
		}
		return false
	}
}
