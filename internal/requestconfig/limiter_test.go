package requestconfig

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock is a settable clock for the limiter.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func rateLimitHeaders(limit, remaining int, reset time.Time) http.Header {
	h := http.Header{}
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset.Unix(), 10))
	return h
}

// admitsNow reports whether Wait admits at once: with a cancelled context,
// Wait returns an error exactly when it would have had to wait.
func admitsNow(t *testing.T, l *Limiter) (Ticket, bool) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	tk, err := l.Wait(ctx, 0)
	return tk, err == nil
}

func TestLimiterProbesWithOneRequestFirst(t *testing.T) {
	t.Parallel()
	clk := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	l := &Limiter{now: clk.now}
	first, ok := admitsNow(t, l)
	require.True(t, ok, "the first request goes at once")
	_, ok = admitsNow(t, l)
	assert.False(t, ok, "a second request waits for the first response")
	l.Done(first, rateLimitHeaders(10, 9, clk.t.Add(time.Second)), http.StatusOK)
	for i := range 9 {
		_, ok = admitsNow(t, l)
		assert.True(t, ok, "token %d of the 9 remaining", i+1)
	}
	_, ok = admitsNow(t, l)
	assert.False(t, ok, "the bucket is believed empty")
}

func TestLimiterWithoutHeadersDoesNotPace(t *testing.T) {
	t.Parallel()
	l := &Limiter{}
	tk, ok := admitsNow(t, l)
	require.True(t, ok)
	l.Done(tk, http.Header{}, http.StatusOK)
	for range 100 {
		_, ok = admitsNow(t, l)
		require.True(t, ok)
	}
	_, seen := l.Latest()
	assert.False(t, seen)
}

func TestLimiterConcurrentResponsesOnlyLower(t *testing.T) {
	t.Parallel()
	clk := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	l := &Limiter{now: clk.now}
	reset := clk.t.Add(2 * time.Second)
	tk, _ := admitsNow(t, l)
	l.Done(tk, rateLimitHeaders(10, 5, reset), http.StatusOK)
	a, _ := admitsNow(t, l) // 4 tokens left in the mirror
	b, _ := admitsNow(t, l) // 3
	// b was processed first by the server (remaining 3) but a's answer,
	// processed later, says 2, with b still counted as in flight: 1. Then
	// b's late answer says 3: stale, so the count stays at 1.
	l.Done(a, rateLimitHeaders(10, 2, reset), http.StatusOK)
	assert.InDelta(t, 1, l.tokens, 0.001)
	l.Done(b, rateLimitHeaders(10, 3, reset), http.StatusOK)
	assert.InDelta(t, 1, l.tokens, 0.001)
}

func TestLimiterLoneResponseSetsTheCount(t *testing.T) {
	t.Parallel()
	clk := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	l := &Limiter{now: clk.now}
	reset := clk.t.Add(time.Second)
	tk, _ := admitsNow(t, l)
	l.Done(tk, rateLimitHeaders(10, 0, reset), http.StatusOK)
	_, ok := admitsNow(t, l)
	require.False(t, ok)
	// Time passes; the mirror refills at its (low) estimate, and a lone
	// request's answer raises the count to what the server reports.
	clk.t = clk.t.Add(150 * time.Millisecond)
	tk, ok = admitsNow(t, l)
	require.True(t, ok)
	l.Done(tk, rateLimitHeaders(10, 3, reset.Add(time.Second)), http.StatusOK)
	for range 3 {
		_, ok = admitsNow(t, l)
		assert.True(t, ok)
	}
}

func TestLimiterRefillsAtEstimatedRateAndAtReset(t *testing.T) {
	t.Parallel()
	clk := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	l := &Limiter{now: clk.now}
	// 10 tokens, none left, full again in 1 s: at least 9 tokens per second.
	tk, _ := admitsNow(t, l)
	l.Done(tk, rateLimitHeaders(10, 0, clk.t.Add(time.Second)), http.StatusOK)
	assert.InDelta(t, 9, l.rate, 0.001)
	_, ok := admitsNow(t, l)
	assert.False(t, ok)
	clk.t = clk.t.Add(120 * time.Millisecond) // > 1/9 s
	_, ok = admitsNow(t, l)
	assert.True(t, ok, "one token refilled")
	_, ok = admitsNow(t, l)
	assert.False(t, ok)
	clk.t = clk.t.Add(time.Second) // past reset: full again
	for range 9 {
		_, ok = admitsNow(t, l)
		assert.True(t, ok)
	}
}

func TestLimiter429EmptiesAndSlows(t *testing.T) {
	t.Parallel()
	clk := &fakeClock{t: time.Unix(1_800_000_000, 0)}
	l := &Limiter{now: clk.now}
	tk, _ := admitsNow(t, l)
	l.Done(tk, rateLimitHeaders(10, 5, clk.t.Add(time.Second)), http.StatusOK)
	rate := l.rate
	tk, _ = admitsNow(t, l)
	l.Done(tk, rateLimitHeaders(10, 0, clk.t.Add(time.Second)), http.StatusTooManyRequests)
	_, ok := admitsNow(t, l)
	assert.False(t, ok)
	assert.Less(t, l.rate, rate+0.001)
	fig, seen := l.Latest()
	require.True(t, seen)
	assert.Equal(t, 10, fig.Limit)
	assert.Equal(t, 0, fig.Remaining)
}

func TestLimiterWaitHonoursContext(t *testing.T) {
	t.Parallel()
	l := &Limiter{}
	tk, _ := admitsNow(t, l)
	l.Done(tk, rateLimitHeaders(10, 0, time.Now().Add(time.Hour)), http.StatusOK)
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := l.Wait(ctx, 0)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 5*time.Second, "returns with the context, not after the reset")
}

func TestLimiterWaitIsCapped(t *testing.T) {
	t.Parallel()
	l := &Limiter{}
	tk, _ := admitsNow(t, l)
	l.Done(tk, rateLimitHeaders(10, 0, time.Now().Add(time.Hour)), http.StatusTooManyRequests)
	start := time.Now()
	_, err := l.Wait(t.Context(), 30*time.Millisecond)
	require.NoError(t, err, "admitted once the cap is reached")
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond)
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestLimiterProbeWaitIsBounded(t *testing.T) {
	t.Parallel()
	l := &Limiter{}
	_, ok := admitsNow(t, l) // the probe, whose answer never comes
	require.True(t, ok)
	start := time.Now()
	_, err := l.Wait(t.Context(), 0)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), probeWait)
}
