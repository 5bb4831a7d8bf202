package gctune

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimit(t *testing.T) {
	p := Policy{Percent: 400, Floor: 100, Headroom: 0.5}
	for _, c := range []struct{ live, want int64 }{
		{0, 100}, {50, 100}, {66, 100}, {68, 102}, {1000, 1500},
	} {
		if got := Limit(p, c.live); got != c.want {
			t.Errorf("Limit(%d) = %d, want %d", c.live, got, c.want)
		}
	}
}

// TestStartFollowsLiveHeap checks that the policy is applied, that the
// limit moves with the live heap after a collection, and that stop puts
// the runtime's settings back.
func TestStartFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := debug.SetMemoryLimit(-1)
	// A floor far below the live heap, so the limit must follow it.
	p := Policy{Percent: 300, Floor: 1, Headroom: 0.5}
	stop := Start(p)
	if got := debug.SetGCPercent(300); got != 300 {
		t.Errorf("GOGC is %d under the policy, want 300", got)
	}
	keep := make([][]byte, 64)
	for i := range keep {
		keep[i] = make([]byte, 1<<20) // 64 MiB live
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		if lim := debug.SetMemoryLimit(-1); lim >= 64<<20 && lim != math.MaxInt64 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the memory limit stayed at %d with 64 MiB live", debug.SetMemoryLimit(-1))
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(keep)
	stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("after stop the limit is %d, want %d", got, before)
	}
	if got := debug.SetGCPercent(100); got == 300 {
		t.Error("after stop GOGC is still the policy's")
	}
}

// TestStartLeavesUserSettings checks that GOGC set by the user wins.
func TestStartLeavesUserSettings(t *testing.T) {
	t.Setenv("GOGC", "80")
	old := debug.SetGCPercent(80)
	defer debug.SetGCPercent(old)
	stop := Start(Default)
	defer stop()
	if got := debug.SetGCPercent(80); got != 80 {
		t.Errorf("GOGC is %d, want the user's 80", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 && got == Default.Floor {
		t.Error("a memory limit was set although the user set GOGC")
	}
}
