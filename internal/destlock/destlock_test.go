package destlock

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Two opens of one file conflict under flock even within one process, so
// these tests need no second process; internal/cli's tests run real ones.

func TestSecondWaitsThenTimesOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".public.lock")
	first, err := Acquire(context.Background(), path, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	if got := Holder(path); got != os.Getpid() {
		t.Fatalf("lock file names process %d, want %d", got, os.Getpid())
	}
	var told []int
	_, err = Acquire(context.Background(), path, 150*time.Millisecond, func(h int) { told = append(told, h) })
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("second Acquire: %v, want a timeout", err)
	}
	if len(told) != 1 || told[0] != os.Getpid() {
		t.Fatalf("waiting was told %v, want once with %d", told, os.Getpid())
	}
	if te.Holder != os.Getpid() || te.Path != path {
		t.Fatalf("timeout error %+v", te)
	}
}

func TestWaitEndsWhenReleased(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".public.lock")
	first, err := Acquire(context.Background(), path, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan int, 1)
	got := make(chan error, 1)
	go func() {
		l, err := Acquire(context.Background(), path, 2*time.Minute, func(h int) { waiting <- h })
		if err == nil {
			err = l.Release()
		}
		got <- err
	}()
	select {
	case <-waiting:
	case err := <-got:
		t.Fatalf("second Acquire returned %v while the first held the lock", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if err := first.Release(); err != nil {
		t.Fatalf("second Release: %v", err)
	}
}

func TestWaitEndsWithContext(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".public.lock")
	first, err := Acquire(context.Background(), path, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Acquire(ctx, path, 0, func(int) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Acquire: %v, want context.Canceled", err)
	}
}

func TestMessages(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{WaitingMessage(42, "/x/.public.lock"), "waiting for build by process 42 to finish (lock /x/.public.lock)"},
		{WaitingMessage(0, "/x/.public.lock"), "waiting for another build to finish (lock /x/.public.lock)"},
		{(&TimeoutError{Path: "/x/.l", Holder: 7, Waited: time.Minute}).Error(), "gave up after 1m0s waiting for build by process 7 to finish (lock /x/.l)"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
