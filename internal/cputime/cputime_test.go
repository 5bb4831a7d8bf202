//go:build unix

package cputime

import "testing"

// TestUsedGrows: spinning for a while makes the CPU time grow.
func TestUsedGrows(t *testing.T) {
	start := Used()
	if start <= 0 {
		t.Fatalf("Used() = %v at the start", start)
	}
	x := 0
	for Used() == start {
		for i := range 1_000_000 {
			x += i
		}
	}
	_ = x
}
