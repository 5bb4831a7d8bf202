package frontmatter

import "fmt"

// Kind is the shape of a Value.
type Kind uint8

const (
	Scalar Kind = iota
	Seq
	Map
)

// Tag is what a scalar was written as, so "weight: x" can be told apart
// from "weight: 3" without losing the raw text of dates.
type Tag uint8

const (
	Str Tag = iota
	Int
	Float
	Bool
	Null
	Timestamp
)

// Value is a decoded front-matter node with its position in the file.
type Value struct {
	Kind Kind
	Tag  Tag
	// Raw is a scalar's text as written (unquoted).
	Raw  string
	Seq  []*Value
	Keys []*Value // map keys, in written order (TOML: sorted)
	Vals []*Value // map values, parallel to Keys
	Line int
	Col  int
	// native is the decoded Go value for Params (string, int64, float64,
	// bool, nil, []any, map[string]any).
	native any
}

// Get returns the value of key in a map, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != Map {
		return nil
	}
	for i, k := range v.Keys {
		if k.Raw == key {
			return v.Vals[i]
		}
	}
	return nil
}

// Native returns the value as plain Go data for templates.
func (v *Value) Native() any { return v.native }

// Describe names the shape of v for error messages.
func (v *Value) Describe() string {
	switch v.Kind {
	case Seq:
		return "a list"
	case Map:
		return "a mapping"
	}
	switch v.Tag {
	case Int:
		return "a number"
	case Float:
		return "a number"
	case Bool:
		return "a boolean"
	case Null:
		return "empty"
	case Timestamp:
		return "a date"
	}
	return fmt.Sprintf("the string %q", v.Raw)
}
