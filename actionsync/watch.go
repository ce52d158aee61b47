package actionsync

import (
	"context"
	"sync"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// The poll schedule of the build watcher: the first poll comes minPoll
// after an action starts waiting, and the wait between polls grows with
// the age of the oldest wait (a third of it), up to maxPoll. A build of
// about a second is seen within a quarter of its time, and a build of
// minutes costs one list request every maxPoll, whatever the number of
// actions waiting.
const (
	minPoll = 100 * time.Millisecond
	maxPoll = 2 * time.Second
)

// watcher waits on many actions at once with one request per poll: it
// lists every action (all pages) while anyone waits, and hands each
// waiter the state of its action. A poll only serves the waits that
// began before it started, so that a wait never sees the state from
// before its own write.
type watcher struct {
	list   func(ctx context.Context) ([]auth0.Action, error)
	ctx    context.Context // the polls'; stop ends it
	cancel context.CancelFunc
	wg     sync.WaitGroup
	// minPoll and maxPoll bound the wait between polls (the package's
	// constants; tests shorten them).
	minPoll, maxPoll time.Duration

	mu      sync.Mutex
	waiters map[*waiter]bool
	running bool
	stopped bool
	started int64 // polls started
	done    int64 // the last poll finished
	snap    map[string]auth0.Action
	err     error
	tick    chan struct{} // closed when a poll finishes
}

type waiter struct {
	since time.Time
	need  int64 // the first poll that may serve it
}

// newWatcher returns a watcher whose polls run under ctx, until stop.
func newWatcher(ctx context.Context, client *auth0.Client) *watcher {
	ctx, cancel := context.WithCancel(ctx)
	return &watcher{
		list:    func(ctx context.Context) ([]auth0.Action, error) { return listActions(ctx, client) },
		ctx:     ctx,
		cancel:  cancel,
		minPoll: minPoll,
		maxPoll: maxPoll,
		waiters: map[*waiter]bool{},
		tick:    make(chan struct{}),
	}
}

// stop ends the polls and waits for them to return; no poll starts after
// it (a wait still under way then ends only with its own context).
func (w *watcher) stop() {
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
	w.cancel()
	w.wg.Wait()
}

// until waits, poll after poll, until done says the action is where the
// caller wants it (ok) or why it never will be (err), or ctx ends.
func (w *watcher) until(ctx context.Context, id string, done func(a auth0.Action, found bool) (ok bool, err error)) (auth0.Action, error) {
	me := &waiter{since: time.Now()}
	w.mu.Lock()
	me.need = w.started + 1
	w.waiters[me] = true
	w.run()
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		delete(w.waiters, me)
		w.mu.Unlock()
	}()
	failed := 0
	for {
		w.mu.Lock()
		tick, seen := w.tick, w.done
		a, found := w.snap[id]
		err := w.err
		w.mu.Unlock()
		if seen >= me.need {
			if err != nil {
				// A failed poll (after the client's own retries) is tried
				// again; three in a row end the wait.
				if failed++; failed >= 3 {
					return a, err
				}
			} else {
				failed = 0
				if ok, err := done(a, found); ok || err != nil {
					return a, err
				}
			}
			// Wait for the next poll; the loop may have stopped meanwhile,
			// with nobody waiting for one.
			w.mu.Lock()
			me.need = seen + 1
			w.run()
			tick = w.tick
			ready := w.done >= me.need
			w.mu.Unlock()
			if ready {
				continue
			}
		}
		select {
		case <-tick:
		case <-ctx.Done():
			return a, ctx.Err()
		}
	}
}

// run starts the polling loop unless it is running or the watcher is
// stopped; w.mu is held.
func (w *watcher) run() {
	if !w.running && !w.stopped {
		w.running = true
		w.wg.Add(1)
		go w.loop()
	}
}

// pending reports whether a waiter waits for a poll that has not
// finished; w.mu is held. A waiter served by the last poll and still
// looking at it is not pending: it starts the loop again if it needs
// another poll.
func (w *watcher) pending() bool {
	for wt := range w.waiters {
		if wt.need > w.done {
			return true
		}
	}
	return false
}

// loop polls while anyone waits for a poll, under the watcher's context
// (each caller stops waiting on its own ctx); it stops when nobody does,
// so that no poll is sent for waiters that have left.
func (w *watcher) loop() {
	defer w.wg.Done()
	for {
		w.mu.Lock()
		if !w.pending() {
			w.running = false
			w.mu.Unlock()
			return
		}
		oldest := time.Now()
		for wt := range w.waiters {
			if wt.since.Before(oldest) {
				oldest = wt.since
			}
		}
		w.mu.Unlock()
		timer := time.NewTimer(min(max(time.Since(oldest)/3, w.minPoll), w.maxPoll))
		select {
		case <-w.ctx.Done():
			timer.Stop()
			w.mu.Lock()
			w.running = false
			w.mu.Unlock()
			return
		case <-timer.C:
		}
		w.mu.Lock()
		if !w.pending() { // the waiters left during the wait
			w.running = false
			w.mu.Unlock()
			return
		}
		w.started++
		round := w.started
		w.mu.Unlock()
		actions, err := w.list(w.ctx)
		snap := make(map[string]auth0.Action, len(actions))
		for _, a := range actions {
			snap[a.ID] = a
		}
		w.mu.Lock()
		w.snap, w.err, w.done = snap, err, round
		close(w.tick)
		w.tick = make(chan struct{})
		w.mu.Unlock()
	}
}
