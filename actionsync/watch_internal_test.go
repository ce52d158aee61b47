package actionsync

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	auth0 "github.com/actions-sdk/auth0-go"
)

// TestMain checks, after every test of the package (external ones
// included: Apply runs a watcher), that no goroutine was left behind.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// scriptedList is a watcher's list request under the test's control:
// it counts the polls and answers what answer(n) says; a held poll n waits
// until the test releases it (or the poll's context ends).
type scriptedList struct {
	calls   atomic.Int64
	started chan int64 // poll n has begun
	gates   map[int64]chan struct{}
	answer  func(n int64) ([]auth0.Action, error)
}

// newScriptedList holds the polls numbered in hold.
func newScriptedList(answer func(n int64) ([]auth0.Action, error), hold ...int64) *scriptedList {
	s := &scriptedList{started: make(chan int64, 100), gates: map[int64]chan struct{}{}, answer: answer}
	for _, n := range hold {
		s.gates[n] = make(chan struct{})
	}
	return s
}

// release lets held poll n answer.
func (s *scriptedList) release(n int64) { close(s.gates[n]) }

func (s *scriptedList) list(ctx context.Context) ([]auth0.Action, error) {
	n := s.calls.Add(1)
	select {
	case s.started <- n:
	default:
	}
	if gate := s.gates[n]; gate != nil {
		select {
		case <-gate:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return s.answer(n)
}

// newTestWatcher is a watcher whose polls are the script's, a
// millisecond apart.
func newTestWatcher(t *testing.T, s *scriptedList) *watcher {
	t.Helper()
	w := newWatcher(t.Context(), nil)
	w.list = s.list
	w.minPoll, w.maxPoll = time.Millisecond, time.Millisecond
	return w
}

// builtActions is a list answer: each ID built, its code naming the poll.
func builtActions(n int64, ids ...string) []auth0.Action {
	out := make([]auth0.Action, len(ids))
	for i, id := range ids {
		out[i] = auth0.Action{ID: id, Status: auth0.BuildStatusBuilt, Code: fmt.Sprintf("poll %d", n)}
	}
	return out
}

func isBuilt(a auth0.Action, found bool) (bool, error) {
	return found && a.Status == auth0.BuildStatusBuilt, nil
}

// waitFor spins until cond holds, and fails the test if it has not after
// a few seconds (a hang, not a slow machine).
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("the condition never held")
		}
		time.Sleep(time.Millisecond)
	}
}

func (w *watcher) waiting() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.waiters)
}

func (w *watcher) isRunning() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.running
}

// One list request serves every waiter registered before it started, and
// a waiter never takes the answer of a poll that started before it
// registered (it could predate the waiter's own write): the nine waiters
// that came during poll 1 are served by poll 2, all at once. Once nobody
// waits, the polls stop.
func TestWatcherOnePollServesManyWaiters(t *testing.T) {
	t.Parallel()
	ids := []string{"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9"}
	s := newScriptedList(func(n int64) ([]auth0.Action, error) { return builtActions(n, ids...), nil }, 1, 2)
	w := newTestWatcher(t, s)
	defer w.stop()

	got := make([]string, len(ids))
	var wg sync.WaitGroup
	wait := func(i int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := w.until(t.Context(), ids[i], isBuilt)
			assert.NoError(t, err)
			got[i] = a.Code
		}()
	}
	wait(0)
	require.Equal(t, int64(1), <-s.started)
	for i := 1; i < len(ids); i++ {
		wait(i)
	}
	waitFor(t, func() bool { return w.waiting() == len(ids) })
	s.release(1)
	require.Equal(t, int64(2), <-s.started)
	s.release(2)
	wg.Wait()

	assert.Equal(t, "poll 1", got[0])
	for i := 1; i < len(ids); i++ {
		assert.Equal(t, "poll 2", got[i], "waiter %d registered while poll 1 was under way", i)
	}
	waitFor(t, func() bool { return !w.isRunning() })
	assert.Equal(t, int64(2), s.calls.Load(), "two polls for ten waiters, and none once nobody waits")
}

// A failed poll is tried again; three in a row end the wait with the last
// error, while a success in between starts the count again.
func TestWatcherThreeFailedPollsEndTheWait(t *testing.T) {
	t.Parallel()
	errList := errors.New("list failed")
	// Polls 1, 2 fail; 3 answers (still building); 4, 5, 6 fail.
	s := newScriptedList(func(n int64) ([]auth0.Action, error) {
		if n == 3 {
			return []auth0.Action{{ID: "a", Status: auth0.BuildStatusBuilding}}, nil
		}
		return nil, fmt.Errorf("poll %d: %w", n, errList)
	})
	w := newTestWatcher(t, s)
	defer w.stop()
	_, err := w.until(t.Context(), "a", isBuilt)
	require.ErrorIs(t, err, errList)
	assert.EqualError(t, err, "poll 6: list failed")
	waitFor(t, func() bool { return !w.isRunning() })
	assert.Equal(t, int64(6), s.calls.Load())
}

// A wait ends with its context, and the other waiters go on.
func TestWatcherWaitEndsWithItsContext(t *testing.T) {
	t.Parallel()
	s := newScriptedList(func(n int64) ([]auth0.Action, error) { return builtActions(n, "b"), nil }, 1)
	w := newTestWatcher(t, s)
	defer w.stop()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := w.until(ctx, "a", isBuilt) // never built: not in the list
		done <- err
	}()
	got := make(chan string, 1)
	go func() {
		a, err := w.until(t.Context(), "b", isBuilt)
		assert.NoError(t, err)
		got <- a.Code
	}()
	<-s.started
	waitFor(t, func() bool { return w.waiting() == 2 })
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	s.release(1) // b is served by poll 1, or by poll 2 if it came during poll 1
	assert.Contains(t, []string{"poll 1", "poll 2"}, <-got)
	waitFor(t, func() bool { return w.waiting() == 0 })
}

// stop ends a poll in flight and the loop, and leaves no goroutine behind
// (TestMain checks the whole package with goleak); after it no poll
// starts, and a wait ends with its own context.
func TestWatcherStop(t *testing.T) {
	t.Parallel()
	s := newScriptedList(func(n int64) ([]auth0.Action, error) { return nil, nil }, 1)
	w := newTestWatcher(t, s)
	done := make(chan error, 1)
	go func() {
		_, err := w.until(t.Context(), "a", isBuilt)
		done <- err
	}()
	<-s.started // poll 1 is held: stop must end it
	w.stop()
	assert.False(t, w.isRunning())
	select {
	case err := <-done:
		t.Fatalf("the wait ended by itself: %v", err)
	default:
	}
	// The waiter's own context ends its wait.
	w2ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := w.until(w2ctx, "a", isBuilt)
	assert.ErrorIs(t, err, context.Canceled)
}
