package contracttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// exchange is one request the SDK sent to Prism and Prism's answer.
type exchange struct {
	method     string
	url        *url.URL
	reqHeader  http.Header
	reqBody    []byte
	status     int
	respBody   []byte
	violations string // the sl-violations header, if any
	err        error  // a transport error
}

func (e exchange) String() string {
	return fmt.Sprintf("%s %s", e.method, e.url.RequestURI())
}

// recorder is an SDK middleware that keeps every exchange. Prism answers a
// request that the document rejects with a 4xx and an sl-violations header
// (and may attach the header to a 2xx for warnings), so any exchange with
// that header is a request the document does not allow.
type recorder struct {
	mu        sync.Mutex
	exchanges []exchange
	// reported holds the indexes of violations already reported by the
	// call that made them.
	reported map[int]bool
}

func (r *recorder) middleware(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
	ex := exchange{method: req.Method, url: req.URL, reqHeader: req.Header.Clone()}
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		ex.reqBody = b
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	resp, err := next(req)
	if err != nil {
		ex.err = err
		r.add(ex)
		return resp, err
	}
	ex.status = resp.StatusCode
	ex.violations = strings.Join(resp.Header.Values("sl-violations"), ", ")
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	ex.respBody = body
	resp.Body = io.NopCloser(bytes.NewReader(body))
	r.add(ex)
	if rerr != nil {
		return nil, rerr
	}
	return resp, nil
}

func (r *recorder) add(ex exchange) {
	r.mu.Lock()
	r.exchanges = append(r.exchanges, ex)
	r.mu.Unlock()
}

// mark returns a position to pass to since.
func (r *recorder) mark() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.exchanges)
}

// since returns the exchanges recorded after mark.
func (r *recorder) since(mark int) []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]exchange(nil), r.exchanges[mark:]...)
}

func (r *recorder) all() []exchange { return r.since(0) }

// violated returns the exchanges that carry an sl-violations header.
func (r *recorder) violated() []exchange {
	var out []exchange
	for _, ex := range r.all() {
		if ex.violations != "" {
			out = append(out, ex)
		}
	}
	return out
}

// reportViolations reports the violations among the exchanges since mark
// in t, once.
func (r *recorder) reportViolations(t *testing.T, label string, mark int) {
	t.Helper()
	r.mu.Lock()
	var found []exchange
	for i := mark; i < len(r.exchanges); i++ {
		if ex := r.exchanges[i]; ex.violations != "" && !r.reported[i] {
			if r.reported == nil {
				r.reported = map[int]bool{}
			}
			r.reported[i] = true
			found = append(found, ex)
		}
	}
	r.mu.Unlock()
	for _, ex := range found {
		t.Errorf("%s: %s", label, describeViolation(ex))
	}
}

func describeViolation(ex exchange) string {
	return fmt.Sprintf("the document rejects the request %s -> %d\n  violations: %s\n  request body: %s",
		ex, ex.status, formatViolations(ex.violations), orNone(ex.reqBody))
}

// failOnViolations fails t if any exchange had a violation, reporting those
// not reported yet, and adds the exchanges to the totals.
func (r *recorder) failOnViolations(t *testing.T) {
	t.Helper()
	all := r.all()
	n := 0
	for i, ex := range all {
		if ex.err == nil {
			totals.requests.Add(1)
		}
		if ex.violations == "" {
			continue
		}
		n++
		totals.violations.Add(1)
		r.mu.Lock()
		done := r.reported[i]
		r.mu.Unlock()
		if !done {
			t.Errorf("%s", describeViolation(ex))
		}
	}
	if n > 0 {
		t.Errorf("%d of %d requests violated the document", n, len(all))
	}
}

// violation is one entry of Prism's sl-violations header.
type violation struct {
	Location []string `json:"location"`
	Severity string   `json:"severity"`
	Code     any      `json:"code"`
	Message  string   `json:"message"`
}

func parseViolations(h string) ([]violation, error) {
	var vs []violation
	err := json.Unmarshal([]byte(h), &vs)
	return vs, err
}

func formatViolations(h string) string {
	vs, err := parseViolations(h)
	if err != nil {
		return h
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n    - [%s %v] %s: %s", v.Severity, v.Code, strings.Join(v.Location, "."), v.Message)
	}
	return b.String()
}

// newClient returns an SDK client for srv that records every exchange in
// rec. It uses the SDK's public options only, as a user would.
func newClient(srv *prismServer, rec *recorder, extra ...option.RequestOption) *auth0.Client {
	opts := []option.RequestOption{
		option.WithBaseURL(srv.baseURL), // Prism serves the paths at its root
		option.WithToken("contract-test-token"),
		option.WithMiddleware(rec.middleware),
		option.WithMaxRetries(0), // Prism never answers 429 or 5xx; a retry would only hide something
		option.WithRequestTimeout(15 * time.Second),
	}
	return auth0.NewClient(append(opts, extra...)...)
}
