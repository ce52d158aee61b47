package requestconfig

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/actions-sdk/auth0-go/internal/apierror"
)

// Limiter mirrors the tenant's rate-limit bucket from the x-ratelimit-*
// headers of every response, so that a client (and every goroutine using it)
// waits for a token instead of running into 429s. The zero value is ready
// and does nothing until a response carries the headers.
//
// The mirror is a token bucket: tokens are set from x-ratelimit-remaining
// (less the requests still in flight), and refill at a rate estimated from
// how far the bucket is from full and when x-ratelimit-reset says it will be
// full again. Because reset is in whole seconds, that estimate is low rather
// than high; any tokens the estimate misses come back in the next response's
// remaining, so the error costs a few milliseconds, not throughput.
type Limiter struct {
	mu       sync.Mutex
	seen     bool
	limit    float64
	tokens   float64
	rate     float64 // tokens per second; 0 when unknown
	at       time.Time
	reset    time.Time
	inflight int
	latest   apierror.RateLimit
	now      func() time.Time
}

func (l *Limiter) clock() time.Time {
	if l.now != nil {
		return l.now()
	}
	return time.Now()
}

// Latest returns the figures of the most recent response that had them.
func (l *Limiter) Latest() (apierror.RateLimit, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.latest, l.seen
}

// Wait takes a token, waiting for one if the bucket is believed empty. It
// returns early with ctx's error. Every successful Wait must be followed by
// one Done.
func (l *Limiter) Wait(ctx context.Context) error {
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		l.mu.Lock()
		if !l.seen {
			l.inflight++
			l.mu.Unlock()
			return nil
		}
		now := l.clock()
		l.refill(now)
		if l.tokens >= 1 {
			l.tokens--
			l.inflight++
			l.mu.Unlock()
			return nil
		}
		var d time.Duration
		if l.rate > 0 {
			d = time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
		} else {
			d = l.reset.Sub(now)
		}
		l.mu.Unlock()
		if d <= 0 {
			d = time.Millisecond
		}
		if d > 30*time.Second {
			d = 30 * time.Second
		}
		if timer == nil {
			timer = time.NewTimer(d)
		} else {
			timer.Reset(d)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-timer.C:
		}
	}
}

func (l *Limiter) refill(now time.Time) {
	if el := now.Sub(l.at); el > 0 {
		if l.rate > 0 {
			l.tokens += l.rate * el.Seconds()
		} else if !l.reset.IsZero() && !now.Before(l.reset) {
			l.tokens = l.limit
		}
		l.at = now
	}
	if !l.reset.IsZero() && !now.Before(l.reset) && l.tokens < l.limit {
		// The server said the bucket is full by now.
		l.tokens = l.limit
	}
	if l.limit > 0 && l.tokens > l.limit {
		l.tokens = l.limit
	}
}

// Done records the end of a request that Wait admitted, with its response
// headers (nil when there was no response).
func (l *Limiter) Done(h http.Header, status int) {
	var rl apierror.RateLimit
	ok := false
	if h != nil {
		rl, ok = apierror.ParseRateLimit(h)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inflight > 0 {
		l.inflight--
	}
	if !ok || rl.Limit <= 0 {
		return
	}
	now := l.clock()
	l.seen = true
	l.latest = rl
	l.limit = float64(rl.Limit)
	l.reset = rl.Reset
	// Requests still in flight will take tokens the server has not yet
	// subtracted; count them as spent.
	l.tokens = float64(rl.Remaining - l.inflight)
	l.at = now
	if until := rl.Reset.Sub(now).Seconds(); rl.Remaining < rl.Limit && until > 0 {
		est := float64(rl.Limit-rl.Remaining) / until
		// Keep the highest estimate seen: each one is low (reset is rounded
		// up to the second), so the highest is the closest.
		if est > l.rate {
			l.rate = est
		}
	}
	if status == http.StatusTooManyRequests {
		// The mirror was wrong: empty it and slow down.
		l.tokens = 0
		l.rate /= 2
	}
}
