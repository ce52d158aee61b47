package auth0test

import (
	"bytes"
	"net/http"
	"net/url"
	"time"
)

// Request is a request the server received, for assertions.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Route is the endpoint, such as RouteActionsDeploy; empty when the
	// request matched no endpoint.
	Route string
	// Path is the escaped request path, such as /api/v2/actions/actions/a%2Fb.
	Path string
	// Query is the parsed query string.
	Query url.Values
	// Header holds the request headers.
	Header http.Header
	// Body is the request body.
	Body []byte
	// Status is the response status; 0 while in flight or when the
	// connection was dropped.
	Status int
	// Time is when the request arrived (real time).
	Time time.Time
}

// record logs a request as it arrives.
func (s *Server) record(r *http.Request, route string, body []byte) *Request {
	rec := &Request{Method: r.Method, Route: route, Path: r.URL.EscapedPath(), Query: r.URL.Query(),
		Header: r.Header.Clone(), Body: body, Time: time.Now()}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.mu.Unlock()
	return rec
}

// Requests returns the requests received since the start or the last
// ResetRequests, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Request, 0, len(s.requests))
	for _, r := range s.requests {
		c := *r
		c.Query = cloneValues(r.Query)
		c.Header = r.Header.Clone()
		c.Body = bytes.Clone(r.Body)
		out = append(out, c)
	}
	return out
}

// RequestCount returns how many requests reached route (a Route…
// constant, such as RouteActionsDeploy, or RouteAny for all) since the start
// or the last ResetRequests. Requests answered by a fault, refused or
// dropped count too.
func (s *Server) RequestCount(route string) int {
	s.checkRoute("RequestCount", route)
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.requests {
		if route == RouteAny || r.Route == route {
			n++
		}
	}
	return n
}

// ResetRequests forgets the requests received so far (Requests and
// RequestCount start again from zero). State and faults are kept.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

func cloneValues(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
