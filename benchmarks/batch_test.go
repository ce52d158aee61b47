package benchmarks_test

// Batch-listing benchmarks (docs/PERFORMANCE.md): every action of a large
// tenant, sequentially and with option.WithPrefetch, behind a server that
// adds latency or enforces a token bucket like Auth0's.

import (
	"bufio"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// tenant serves GET /api/v2/actions/actions for n actions, generating each
// page when asked (so the server holds no more than one page at a time).
type tenant struct {
	n        int
	codeSize int
	latency  time.Duration

	// token bucket: capacity and refill rate; 0 disables it.
	capacity float64
	rate     float64
	mu       sync.Mutex
	tokens   float64
	last     time.Time

	requests atomic.Int64
	limited  atomic.Int64
}

func (tn *tenant) serve(tb testing.TB) *httptest.Server {
	tn.tokens = tn.capacity
	tn.last = time.Now()
	srv := httptest.NewServer(http.HandlerFunc(tn.handle))
	tb.Cleanup(srv.Close)
	return srv
}

// take runs the bucket: it reports whether a token was taken, and the
// x-ratelimit-* figures (remaining rounded down, reset when the bucket will
// be full again, rounded up to the second, as epoch seconds).
func (tn *tenant) take() (ok bool, remaining int, reset int64) {
	tn.mu.Lock()
	defer tn.mu.Unlock()
	now := time.Now()
	tn.tokens = math.Min(tn.capacity, tn.tokens+tn.rate*now.Sub(tn.last).Seconds())
	tn.last = now
	if tn.tokens >= 1 {
		tn.tokens--
		ok = true
	}
	full := now.Add(time.Duration((tn.capacity - tn.tokens) / tn.rate * float64(time.Second)))
	reset = int64(math.Ceil(float64(full.UnixNano()) / 1e9))
	return ok, int(math.Floor(tn.tokens)), reset
}

func (tn *tenant) handle(w http.ResponseWriter, r *http.Request) {
	tn.requests.Add(1)
	if tn.latency > 0 {
		time.Sleep(tn.latency)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if tn.capacity > 0 {
		ok, remaining, reset := tn.take()
		w.Header().Set("X-RateLimit-Limit", strconv.Itoa(int(tn.capacity)))
		w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
		w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(reset, 10))
		if !ok {
			tn.limited.Add(1)
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}`))
			return
		}
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	perPage, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
	if perPage == 0 {
		perPage = 20
	}
	// Written straight to the connection, so that the server (which runs in
	// the benchmark's process) holds almost nothing of the page.
	code := strconv.Quote(strings.Repeat("x", tn.codeSize))
	bw := bufio.NewWriterSize(w, 32<<10)
	bw.WriteString(`{"actions":[`)
	for i := page * perPage; i < min((page+1)*perPage, tn.n); i++ {
		if i > page*perPage {
			bw.WriteByte(',')
		}
		fmt.Fprintf(bw, `{"id":"act-%06d","name":"action-%06d","supported_triggers":[{"id":"post-login","version":"v3"}],`+
			`"all_changes_deployed":true,"created_at":"2026-03-02T09:15:27.118204531Z","updated_at":"2026-03-02T09:15:27.118204531Z",`+
			`"code":%s,"runtime":"node22","status":"built"}`, i, i, code)
	}
	bw.WriteString(`],"per_page":` + strconv.Itoa(perPage))
	if page == 0 {
		bw.WriteString(`,"total":` + strconv.Itoa(tn.n))
	} else {
		bw.WriteString(`,"page":` + strconv.Itoa(page))
	}
	bw.WriteString("}")
	_ = bw.Flush()
}

func listAll(b *testing.B, c *auth0.Client, opts ...option.RequestOption) int {
	n := 0
	it := c.Actions.ListAutoPaging(b.Context(), auth0.ActionListParams{PerPage: auth0.Int(100)}, opts...)
	for a, err := range it.All() {
		if err != nil {
			b.Fatal(err)
		}
		if a.ID == "" {
			b.Fatal("empty item")
		}
		n++
	}
	return n
}

// batchClient is benchClient on a transport that keeps 16 idle connections
// per host, for the batch runs' concurrent requests.
func batchClient(srv *httptest.Server) *auth0.Client {
	return benchClient(srv, &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}})
}

// BenchmarkListAll10kLatency20ms: 10,000 actions in pages of 100, 20 ms per
// request, sequential against WithPrefetch(8).
func BenchmarkListAll10kLatency20ms(b *testing.B) {
	for _, mode := range []struct {
		name     string
		prefetch int
	}{{"sequential", 0}, {"prefetch8", 8}} {
		b.Run("mode="+mode.name, func(b *testing.B) {
			tn := &tenant{n: 10000, codeSize: 200, latency: 20 * time.Millisecond}
			c := batchClient(tn.serve(b))
			var opts []option.RequestOption
			if mode.prefetch > 0 {
				opts = append(opts, option.WithPrefetch(mode.prefetch))
			}
			b.ReportAllocs()
			for b.Loop() {
				if got := listAll(b, c, opts...); got != 10000 {
					b.Fatalf("got %d actions", got)
				}
			}
		})
	}
}

// BenchmarkListAll10kRateLimited: the same list behind a token bucket of
// 10 requests per second with a burst of 10 that answers 429 when empty.
// It reports the time as a multiple of the bucket's minimum possible time
// (x-min) and the 429s received per run.
func BenchmarkListAll10kRateLimited(b *testing.B) {
	for _, mode := range []struct {
		name     string
		prefetch int
		pacing   bool
	}{{"prefetch8-paced", 8, true}, {"prefetch8-unpaced", 8, false}} {
		b.Run("mode="+mode.name, func(b *testing.B) {
			var ratio, limited float64
			var requests int64
			runs := 0
			for b.Loop() {
				tn := &tenant{n: 10000, codeSize: 200, capacity: 10, rate: 10}
				c := batchClient(tn.serve(b))
				start := time.Now()
				got := listAll(b, c, option.WithPrefetch(mode.prefetch), option.WithRateLimitPacing(mode.pacing),
					option.WithMaxRetries(10))
				elapsed := time.Since(start)
				if got != 10000 {
					b.Fatalf("got %d actions", got)
				}
				// The job needs 101 requests (100 pages and the empty one
				// that ends the list): 10 at once from the burst, then one
				// per 1/rate. Requests past the end count against the SDK.
				const needed = 101
				minimum := time.Duration((needed - tn.capacity) / tn.rate * float64(time.Second))
				ratio += elapsed.Seconds() / minimum.Seconds()
				limited += float64(tn.limited.Load())
				requests += tn.requests.Load()
				runs++
			}
			b.ReportMetric(ratio/float64(runs), "x-min")
			b.ReportMetric(limited/float64(runs), "429s/op")
			b.ReportMetric(float64(requests)/float64(runs), "requests/op")
		})
	}
}

// BenchmarkListAllMemory reports the peak live heap while iterating every
// action, each with 10 KB of code (about 100 MB for 10,000): it must be
// bounded by the prefetch window (n+1 pages of 100), the same for 2,000
// actions as for 10,000, and not grow with the list. The heap is measured
// after a GC at every page boundary, so garbage doesn't count.
func BenchmarkListAllMemory(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		for _, prefetch := range []int{0, 8} {
			b.Run(fmt.Sprintf("actions=%d/prefetch=%d", n, prefetch), func(b *testing.B) {
				tn := &tenant{n: n, codeSize: 10 << 10}
				c := batchClient(tn.serve(b))
				var peak uint64
				for b.Loop() {
					runtime.GC()
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					base := ms.HeapAlloc
					count := 0
					it := c.Actions.ListAutoPaging(b.Context(), auth0.ActionListParams{PerPage: auth0.Int(100)}, option.WithPrefetch(prefetch))
					for a, err := range it.All() {
						if err != nil {
							b.Fatal(err)
						}
						if len(a.Code) != 10<<10 {
							b.Fatalf("code of %d bytes", len(a.Code))
						}
						if count++; count%100 == 50 {
							runtime.GC()
							runtime.ReadMemStats(&ms)
							if ms.HeapAlloc > base && ms.HeapAlloc-base > peak {
								peak = ms.HeapAlloc - base
							}
						}
					}
					if count != n {
						b.Fatalf("got %d actions", count)
					}
				}
				b.ReportMetric(float64(peak)/(1<<20), "peak-live-MB")
			})
		}
	}
}
