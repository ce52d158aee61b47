package auth0test

import (
	"math"
	"net/http"
	"strconv"
	"time"
)

// bucket is the token bucket behind the x-ratelimit-* headers
// (WithRateLimit). It runs on real time.
type bucket struct {
	limit, rate, tokens float64
	at                  time.Time
}

func newBucket(limit int, perSecond float64) bucket {
	return bucket{limit: float64(limit), rate: perSecond, tokens: float64(limit), at: time.Now()}
}

func (b *bucket) refill(now time.Time) {
	if el := now.Sub(b.at).Seconds(); el > 0 {
		b.tokens = math.Min(b.limit, b.tokens+el*b.rate)
		b.at = now
	}
}

// take spends a token; false when the bucket is empty.
func (b *bucket) take(now time.Time) bool {
	b.refill(now)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (b *bucket) setHeaders(h http.Header, now time.Time, empty bool) {
	b.refill(now)
	remaining := int(math.Floor(b.tokens))
	if empty {
		remaining = 0
	}
	full := now.Add(time.Duration((b.limit - b.tokens) / b.rate * float64(time.Second)))
	reset := full.Unix()
	if full.Nanosecond() > 0 {
		reset++
	}
	h.Set("X-Ratelimit-Limit", strconv.Itoa(int(b.limit)))
	h.Set("X-Ratelimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Ratelimit-Reset", strconv.FormatInt(reset, 10))
}
