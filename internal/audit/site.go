package audit

import (
	"context"
	"io/fs"

	"github.com/counterpoint-ssg/counterpoint/internal/build"
	"github.com/counterpoint-ssg/counterpoint/internal/diag"
)

// Site loads the site in fsys as check does (with drafts if asked) and
// audits it. Problems in the site's files, the audit settings included,
// come back as a diag.List.
func Site(ctx context.Context, fsys fs.FS, drafts bool) (*Report, error) {
	m, err := build.LoadModel(ctx, build.Inputs{FS: fsys, Drafts: drafts})
	if err != nil {
		return nil, err
	}
	set, err := ParseSettings(m.Site.Params["audit"])
	if err != nil {
		line := 1
		if b, rerr := fs.ReadFile(fsys, "content/_index.md"); rerr == nil {
			line = settingsLine(string(b))
		}
		return nil, diag.List{{Path: "content/_index.md", Line: line, Col: 1, Msg: err.Error()}}
	}
	in := Input{Site: m.Site, Index: m.Index, FS: fsys}
	for _, b := range m.Bodies {
		in.Bodies = append(in.Bodies, Body{Page: b.Page, Doc: b.Doc, Line: b.Line})
	}
	return Run(in, set), nil
}
