package output

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/counterpoint-ssg/counterpoint/internal/destlock"
)

// TestLockExcludes: while another holds the destination's lock, Begin
// waits, says so once, and gives up after the timeout or when cancelled,
// having written nothing.
func TestLockExcludes(t *testing.T) {
	src, dest := dirs(t)
	mustWrite(t, src, dest, siteA)
	lf, err := LockFile(dest)
	if err != nil {
		t.Fatal(err)
	}
	held, err := destlock.Acquire(context.Background(), lf, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	_, err = Begin(context.Background(), src, dest, Options{LockTimeout: 100 * time.Millisecond, Waiting: func(m string) { said = append(said, m) }})
	var te *destlock.TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("Begin while the lock is held: %v, want a timeout", err)
	}
	if want := destlock.WaitingMessage(os.Getpid(), lf); len(said) != 1 || said[0] != want {
		t.Errorf("said %q, want once %q", said, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if _, err := Begin(ctx, src, dest, Options{Waiting: func(string) { cancel() }}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Begin cancelled while waiting: %v", err)
	}
	if got := tree(t, dest); !same(got, siteA) {
		t.Fatalf("the destination changed while another held the lock")
	}
	held.Release()

	// Once released, a build goes ahead; it holds the lock until Commit.
	w, err := Begin(context.Background(), src, dest, Options{LockTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := destlock.Acquire(context.Background(), lf, 50*time.Millisecond, nil); !errors.As(err, &te) {
		t.Fatalf("the lock was free during a build: %v", err)
	}
	for p, d := range siteB {
		if err := w.Put(p, d); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	l, err := destlock.Acquire(context.Background(), lf, 50*time.Millisecond, nil)
	if err != nil {
		t.Fatalf("the lock is still held after Commit: %v", err)
	}
	l.Release()
}
