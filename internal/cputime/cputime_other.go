//go:build !unix

package cputime

import "time"

// Used is not measured here; it is always 0, and so is a cpu-ms metric.
func Used() time.Duration { return 0 }
