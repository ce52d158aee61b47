package auth0test

import (
	"net/http"
	"strconv"
	"time"
)

// Fault replaces the server's answer to the next requests of one route,
// for testing how code copes with errors, rate limits, slowness, broken
// connections and changes made while a request is in flight. A request
// that a fault answers, drops or holds changes no state (though its
// Before may, as another client would).
//
// For one affected request the steps are: Before, then Delay, then Hold,
// Drop or Status; with none of those three the request is answered
// normally.
type Fault struct {
	// Times is how many requests the fault affects: 0 none, a negative
	// number every request until ClearFaults (faults added to the route
	// after it are then never reached).
	Times int
	// Status, when not 0, is the answer: a 4xx or 5xx with a body in
	// Auth0's error shape. A 429 carries x-ratelimit-remaining 0; every
	// answer on the API carries the x-ratelimit-* headers.
	Status int
	// Message replaces the error body's default message. With Status 400
	// and a message of the live API, the body is the live API's, for
	// example {"statusCode":400,"error":"Bad Request","message":"Trying to
	// create a binding for an action that has not been deployed yet."}.
	Message string
	// ErrorCode, when set, is the error body's code: its errorCode (such as
	// "invalid_body"; a 429's is "too_many_requests" unless set), or on
	// RouteToken its error (such as "access_denied").
	ErrorCode string
	// RetryAfter, when positive, is sent as a Retry-After header in whole
	// seconds, rounded up.
	RetryAfter time.Duration
	// Drop closes the connection without writing a response (after Delay).
	Drop bool
	// Delay holds the request this long (after Before). With neither
	// Status, Drop nor Hold, the request is then answered normally: a slow
	// response.
	Delay time.Duration
	// Hold keeps the request unanswered (after Delay) until the client
	// gives up on it (its context ends: a deadline, a cancellation); the
	// client then sees its own context's error, and Requests shows status
	// 0. It tests a deadline that cuts a call in mid-request without any
	// timing. Closing the server drops a held connection. Hold excludes
	// Status and Drop.
	Hold bool
	// Before, when set, is called for each request the fault affects, once
	// it is received (and counted by Requests) and before anything else of
	// the fault: on the goroutine serving the request, without the
	// server's lock, so it may use the Server (seeding, inspection, a
	// request through another client) to land a change underneath the
	// request, or cancel the caller's context. The request waits for it.
	// It runs outside the test's goroutine: report with t.Error, not
	// t.Fatal. To act between two requests, a Before may Inject the next
	// fault.
	Before func()
}

// Inject adds a fault to route (a Route… constant, or RouteAny for every
// request). Faults of one route are used in the order added; a route's own
// faults come before those of RouteAny. Faults are consumed atomically, so
// with concurrent requests exactly Times of them are affected.
func (s *Server) Inject(route string, f Fault) {
	s.t.Helper()
	if !s.checkRoute("Inject", route) {
		return
	}
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		s.t.Errorf("auth0test: Inject: status %d is not a 4xx or 5xx", f.Status)
		return
	}
	if f.Hold && (f.Status != 0 || f.Drop) {
		s.t.Errorf("auth0test: Inject: the fault for %s holds the request and also answers or drops it; choose one", route)
		return
	}
	if f.Status == 0 && !f.Drop && f.Delay <= 0 && !f.Hold && f.Before == nil {
		s.t.Errorf("auth0test: Inject: the fault for %s has no Status, Drop, Delay, Hold or Before, so it would change nothing", route)
		return
	}
	if f.Times == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[route] = append(s.faults[route], &f)
}

// Fail answers the next n requests to route with status, in Auth0's error
// shape. It is Inject(route, Fault{Times: n, Status: status}).
func (s *Server) Fail(route string, n, status int) {
	s.t.Helper()
	s.Inject(route, Fault{Times: n, Status: status})
}

// DropConnections closes the connection of the next n requests to route
// without answering, after reading the request: to the client the request
// was sent and the outcome is unknown. Note that Go's transport may resend
// an idempotent request (GET) on a reused connection by itself.
func (s *Server) DropConnections(route string, n int) {
	s.t.Helper()
	s.Inject(route, Fault{Times: n, Drop: true})
}

// ClearFaults removes every fault not yet used.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.faults)
}

// takeFault consumes one use of the first fault for route; s.mu is held.
func (s *Server) takeFault(route string) *Fault {
	for _, key := range []string{route, RouteAny} {
		if key == "" {
			continue
		}
		list := s.faults[key]
		if len(list) == 0 {
			continue
		}
		f := list[0]
		used := *f
		if f.Times > 0 {
			f.Times--
			if f.Times == 0 {
				s.faults[key] = list[1:]
			}
		}
		return &used
	}
	return nil
}

var faultMessages = map[int]string{
	http.StatusTooManyRequests:     "Global limit has been reached",
	http.StatusInternalServerError: "An internal server error occurred",
}

func (s *Server) writeFault(w http.ResponseWriter, rt routeMatch, f *Fault) {
	if f.RetryAfter > 0 {
		secs := int64(f.RetryAfter / time.Second)
		if f.RetryAfter%time.Second != 0 {
			secs++
		}
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	}
	msg := f.Message
	if msg == "" {
		msg = faultMessages[f.Status]
	}
	if msg == "" {
		msg = http.StatusText(f.Status)
	}
	if rt.token {
		// The Authentication API's shape (RFC 6749).
		code := "server_error"
		switch {
		case f.Status == http.StatusTooManyRequests:
			code = "too_many_requests"
			if f.Message == "" {
				msg = "Rate limit exceeded."
			}
		case f.Status < 500:
			code = "invalid_request"
		}
		if f.ErrorCode != "" {
			code = f.ErrorCode
		}
		writeJSON(w, f.Status, map[string]string{"error": code, "error_description": msg})
		return
	}
	e := &apiError{status: f.Status, message: msg}
	if f.Status == http.StatusTooManyRequests {
		e.code = "too_many_requests"
	}
	if f.ErrorCode != "" {
		e.code = f.ErrorCode
	}
	if rt.api {
		s.mu.Lock()
		s.bucket.setHeaders(w.Header(), time.Now(), f.Status == http.StatusTooManyRequests)
		s.mu.Unlock()
	}
	writeJSON(w, f.Status, e.body())
}

// SetLatency delays every response by d (0 turns it off). The wait ends
// early when the client gives up or the server closes.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = max(d, 0)
}

// sleep waits d, or until the request is abandoned or the server closes;
// it reports whether the whole wait passed.
func (s *Server) sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-r.Context().Done():
	case <-s.closed:
	}
	return false
}

// hold keeps a request unanswered until the client abandons it, or drops
// its connection when the server closes first (returning would answer an
// empty 200).
func (s *Server) hold(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-s.closed:
		dropConnection(w)
	}
}

// dropConnection closes the connection without a response.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
