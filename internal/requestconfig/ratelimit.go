package requestconfig

import (
	"context"
	"math"
	"net/http"
	"sync"
	"time"

	"github.com/actions-sdk/auth0-go/internal/apierror"
)

// Limiter mirrors the tenant's rate-limit bucket from the x-ratelimit-*
// headers of every response, so that a client (and every goroutine using it)
// waits for a token instead of running into 429s. The zero value is ready.
//
// The mirror is a token bucket that is never allowed to believe in more
// tokens than the server has:
//
//   - a token is taken when a request is admitted;
//   - the response to a request that was alone in flight sets the count to
//     its remaining (rounded down by the server, so never too high); other
//     responses can only lower it (to remaining, less the requests still in
//     flight), because concurrent responses arrive in any order;
//   - the count grows at a refill rate estimated from the responses, which
//     is low rather than high (see Done);
//   - when x-ratelimit-reset passes, the bucket is full again.
//
// Until the first response, only one request is admitted at a time, so a
// burst of concurrent requests cannot overrun a bucket it knows nothing
// about. Responses without the headers turn pacing off until some arrive.
type Limiter struct {
	mu       sync.Mutex
	probed   bool // a response has arrived
	seen     bool // a response had the headers
	limit    float64
	tokens   float64
	rate     float64 // tokens per second; 0 when unknown
	ceiling  float64 // a rate that led to a 429; estimates stay below it
	at       time.Time
	reset    time.Time // when the server says the bucket is full; cleared once used
	inflight int
	admits   uint64 // requests admitted so far
	latest   apierror.RateLimit
	observed bool // latest is set (also without pacing, via observe)
	// wake is closed (and replaced) whenever a response arrives.
	wake chan struct{}
	now  func() time.Time
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
	return l.latest, l.observed
}

// Ticket identifies an admitted request to Done.
type Ticket struct {
	seq   uint64
	alone bool // nothing else was in flight when it was admitted
}

// probeWait bounds how long requests wait for the first response.
const probeWait = 200 * time.Millisecond

// Wait takes a token, waiting for one if the bucket is believed empty, but
// never longer than maxWait (0: no bound): then it admits the request
// anyway, and the retry policy deals with a 429. It returns early with
// ctx's error. Every successful Wait must be followed by one Done with its
// ticket.
func (l *Limiter) Wait(ctx context.Context, maxWait time.Duration) (Ticket, error) {
	start := time.Now()
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		l.mu.Lock()
		if l.wake == nil {
			l.wake = make(chan struct{})
		}
		wake := l.wake
		now := l.clock()
		l.refill(now)
		var d time.Duration
		waited := time.Since(start)
		switch {
		case maxWait > 0 && waited >= maxWait:
			return l.admit()
		case !l.probed:
			if l.inflight == 0 || waited >= probeWait {
				return l.admit()
			}
			d = probeWait - waited // or until the first response wakes us
		case !l.seen || l.tokens >= 1 || (l.rate <= 0 && l.reset.IsZero()):
			// A token, or nothing that says when the bucket refills.
			return l.admit()
		default:
			if l.rate > 0 {
				d = time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
			}
			if !l.reset.IsZero() {
				if untilReset := l.reset.Sub(now); d <= 0 || untilReset < d {
					d = untilReset
				}
			}
		}
		l.mu.Unlock()
		if maxWait > 0 && waited+d > maxWait {
			d = maxWait - waited
		}
		d = min(max(d, time.Millisecond), 30*time.Second)
		if timer == nil {
			timer = time.NewTimer(d)
		} else {
			timer.Reset(d)
		}
		select {
		case <-ctx.Done():
			return Ticket{}, ctx.Err()
		case <-wake:
		case <-timer.C:
		}
	}
}

// admit takes a token and unlocks.
func (l *Limiter) admit() (Ticket, error) {
	t := Ticket{seq: l.admits + 1, alone: l.inflight == 0}
	l.admits++
	l.tokens--
	l.inflight++
	l.mu.Unlock()
	return t, nil
}

// refill adds the tokens the bucket gained since the last look.
func (l *Limiter) refill(now time.Time) {
	if !l.seen {
		return
	}
	if !l.reset.IsZero() && !now.Before(l.reset) {
		// The server said the bucket would be full by now.
		l.tokens = math.Max(l.tokens, l.limit-float64(l.inflight))
		l.reset = time.Time{}
	} else if el := now.Sub(l.at); el > 0 && l.rate > 0 {
		l.tokens = math.Min(l.limit, l.tokens+l.rate*el.Seconds())
	}
	l.at = now
}

// Done records the end of a request that Wait admitted (its ticket), with
// its response headers (nil when there was no response) and status.
func (l *Limiter) Done(t Ticket, h http.Header, status int) {
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
	if h != nil && !l.probed {
		l.probed = true
	}
	if l.wake != nil {
		close(l.wake)
		l.wake = nil
	}
	if !ok || rl.Limit <= 0 {
		return
	}
	now := l.clock()
	l.latest, l.observed = rl, true
	l.limit = float64(rl.Limit)
	alone := t.alone && t.seq == l.admits // nothing overlapped it
	if !l.seen || alone {
		l.seen = true
		l.tokens = float64(rl.Remaining - l.inflight)
	} else {
		l.refill(now)
		l.tokens = math.Min(l.tokens, float64(rl.Remaining-l.inflight))
	}
	l.at = now
	if rl.Reset.After(l.reset) {
		l.reset = rl.Reset
	}
	if until := rl.Reset.Sub(now).Seconds(); status != http.StatusTooManyRequests && rl.Remaining+1 < rl.Limit && until > 0 {
		// remaining is rounded down and reset rounded up, so one token less
		// over the time to reset never overestimates the refill rate; the
		// highest such estimate is the closest.
		est := float64(rl.Limit-rl.Remaining-1) / until
		if est > l.rate && (l.ceiling == 0 || est < l.ceiling) {
			l.rate = est
		}
	}
	if status == http.StatusTooManyRequests {
		// The mirror was wrong: empty it, slow down, and stop trusting
		// estimates as high as the one that failed.
		l.tokens = math.Min(l.tokens, 0)
		l.ceiling = l.rate
		l.rate *= 0.8
	}
}

// observe records rate-limit figures without pacing.
func (l *Limiter) observe(h http.Header) {
	rl, ok := apierror.ParseRateLimit(h)
	if !ok {
		return
	}
	l.mu.Lock()
	l.latest = rl
	l.observed = true
	l.mu.Unlock()
}
