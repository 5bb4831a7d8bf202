package build

import "context"

// Builder builds the same site repeatedly, as serve does on every change.
// It may keep state between builds to redo only what a change affects, but
// every Result it returns equals what a clean Build of the same files gives.
type Builder struct {
	in Inputs
}

// NewBuilder prepares repeated builds of one site.
func NewBuilder(in Inputs) *Builder { return &Builder{in: in} }

// Build builds the site as it is now. changed lists the site-relative
// paths ("content/demands/x.md", "layouts/page.html") that changed since
// the previous call; nil means unknown (everything may have changed).
func (b *Builder) Build(ctx context.Context, changed []string) (*Result, error) {
	return Build(ctx, b.in)
}
