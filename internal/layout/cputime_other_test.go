//go:build !unix

package layout_test

import "time"

// cpuTime is not measured here; the cpu-ns/page metric reads 0.
func cpuTime() time.Duration { return 0 }
