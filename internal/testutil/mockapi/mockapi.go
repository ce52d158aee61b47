// Package mockapi is the one toolkit the root package's tests (internal and
// external alike) use to talk to a mock API: the options of a test client on
// a transport of the test's own, responders, and a recorder of every request
// with its body. Only tests import it.
package mockapi

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/jarcoal/httpmock"

	"github.com/actions-sdk/auth0-go/option"
)

// The tenant and the static token of every test client.
const (
	Domain   = "tenant.auth0.com"
	BaseURL  = "https://" + Domain + "/api/v2/"
	TokenURL = "https://" + Domain + "/oauth/token"
	Token    = "tok-static-0123456789"
)

// ClientOptions returns the options of a test client whose requests go to
// tr: the domain, the static token and millisecond retry waits, given
// explicitly (NewClient also reads AUTH0_* from the environment; explicit
// options win), then opts, which come last and win.
func ClientOptions(tr http.RoundTripper, opts ...option.RequestOption) []option.RequestOption {
	base := []option.RequestOption{
		option.WithDomain(Domain),
		option.WithToken(Token),
		option.WithHTTPClient(&http.Client{Transport: tr}),
		option.WithRetryWait(time.Millisecond, 5*time.Millisecond),
	}
	return append(base, opts...)
}

// Request is one request a Recorder saw.
type Request struct {
	// Method and Path (req.URL.EscapedPath()) name the call.
	Method string
	Path   string
	// Query is the request's query.
	Query url.Values
	// Body is the request's body; nil when it had none.
	Body []byte
	// Header is a copy of the request's headers.
	Header http.Header
	// Ctx is the request's context.
	Ctx context.Context
	// At is when the request arrived.
	At time.Time
	// Raw is the request itself; its body reads Body again.
	Raw *http.Request
}

// Recorder records every request its handlers answer. The zero value is
// ready to use, and it is safe for concurrent requests.
type Recorder struct {
	mu   sync.Mutex
	reqs []Request
}

// Handle returns a responder that records each request and answers it with
// h, which gets the request's 0-based number.
func (r *Recorder) Handle(h func(n int, req Request) (*http.Response, error)) httpmock.Responder {
	return func(hr *http.Request) (*http.Response, error) {
		var body []byte
		if hr.Body != nil {
			b, err := io.ReadAll(hr.Body)
			if err != nil {
				return nil, err
			}
			body = b
			hr.Body = io.NopCloser(bytes.NewReader(b))
		}
		req := Request{Method: hr.Method, Path: hr.URL.EscapedPath(), Query: hr.URL.Query(), Body: body,
			Header: hr.Header.Clone(), Ctx: hr.Context(), At: time.Now(), Raw: hr}
		r.mu.Lock()
		n := len(r.reqs)
		r.reqs = append(r.reqs, req)
		r.mu.Unlock()
		return h(n, req)
	}
}

// Wrap returns resp, recording each request first.
func (r *Recorder) Wrap(resp httpmock.Responder) httpmock.Responder {
	return r.Handle(func(_ int, req Request) (*http.Response, error) { return resp(req.Raw) })
}

// Requests returns a copy of the requests recorded so far.
func (r *Recorder) Requests() []Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Request(nil), r.reqs...)
}

// Len is how many requests were recorded.
func (r *Recorder) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// At returns request i.
func (r *Recorder) At(i int) Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.reqs[i]
}

// Record returns a mock transport that sends every request to resp, and
// the recorder of those requests.
func Record(resp httpmock.Responder) (*httpmock.MockTransport, *Recorder) {
	tr := httpmock.NewMockTransport()
	rec := &Recorder{}
	tr.RegisterNoResponder(rec.Wrap(resp))
	return tr, rec
}

// Respond returns a responder that builds a fresh response on every call,
// with Content-Length set, a JSON Content-Type when there is a body, and the
// header pairs kv.
func Respond(status int, body string, kv ...string) httpmock.Responder {
	return func(req *http.Request) (*http.Response, error) {
		r := &http.Response{
			Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
			StatusCode:    status,
			Proto:         "HTTP/1.1",
			ProtoMajor:    1,
			ProtoMinor:    1,
			Header:        http.Header{},
			Body:          io.NopCloser(strings.NewReader(body)),
			ContentLength: int64(len(body)),
			Request:       req,
		}
		if body != "" {
			r.Header.Set("Content-Type", "application/json; charset=utf-8")
		}
		for i := 0; i+1 < len(kv); i += 2 {
			r.Header.Add(kv[i], kv[i+1])
		}
		return r, nil
	}
}
