// Package destlock keeps two builds from writing one destination at once.
//
// The lock is an operating-system lock (flock on Unix, LockFileEx on
// Windows) on a file beside the destination, so it is released whenever
// its holder exits, killed or not: the file's mere presence means nothing,
// and it is left in place, since removing it would let a third process
// lock a new file while a second still waits on the old one. The holder
// writes its process id into the file so that a waiting build can say
// whom it waits for.
package destlock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Lock is a held lock; Release lets the next build in.
type Lock struct {
	f *os.File
}

// TimeoutError says that another build held the lock for longer than the
// caller was prepared to wait.
type TimeoutError struct {
	Path   string
	Holder int // 0 when the holder's process id could not be read
	Waited time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("gave up after %v waiting for %s to finish (lock %s)", e.Waited, holderName(e.Holder), e.Path)
}

// pollEvery is how often a waiting build tries the lock again. The wait is
// polled rather than blocking so that cancelling the context (Ctrl-C)
// ends it at once.
const pollEvery = 50 * time.Millisecond

// Acquire takes the lock on path, creating the file if need be. When
// another process holds it, Acquire calls waiting once with that process's
// id (0 if unknown) and tries again until it gets the lock, ctx ends, or
// timeout has passed (0: no limit).
func Acquire(ctx context.Context, path string, timeout time.Duration, waiting func(holder int)) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	told := false
	var tick *time.Ticker
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if ok {
			break
		}
		holder := Holder(path)
		if !told && waiting != nil {
			waiting(holder)
			told = true
		}
		if timeout > 0 && time.Since(start) >= timeout {
			f.Close()
			return nil, &TimeoutError{Path: path, Holder: holder, Waited: timeout}
		}
		if tick == nil {
			tick = time.NewTicker(pollEvery)
			defer tick.Stop()
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, context.Cause(ctx)
		case <-tick.C:
		}
	}
	// Record the holder. A reader may see the file empty for an instant;
	// it then says "another build".
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		unlock(f)
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// Release gives the lock up; it may be called more than once.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	err = errors.Join(err, l.f.Close())
	l.f = nil
	return err
}

// Holder returns the process id recorded in the lock file at path, or 0.
func Holder(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}

// WaitingMessage is the line a build prints while it waits for another.
func WaitingMessage(holder int, path string) string {
	return fmt.Sprintf("waiting for %s to finish (lock %s)", holderName(holder), path)
}

func holderName(pid int) string {
	if pid == 0 {
		return "another build"
	}
	return "build by process " + strconv.Itoa(pid)
}
