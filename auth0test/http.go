package auth0test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// The HTTP layer's pipeline: every request is logged, then delayed or
// faulted (faults.go), then answered by the token endpoint (token.go) or
// by the API: bearer token, rate limit (ratelimit.go), the route's checks
// (routes.go) and its handler (handlers_*.go), which calls the model.

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	rt := match(r)
	rec := s.record(r, rt.name, body)
	s.mu.Lock()
	latency := s.latency
	fault := s.takeFault(rt.name)
	s.mu.Unlock()

	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		s.mu.Lock()
		rec.Status = sw.status
		s.mu.Unlock()
		if l := s.cfg.logger; l != nil {
			l.LogAttrs(r.Context(), slog.LevelInfo, "auth0test: request", slog.String("method", r.Method),
				slog.String("path", rec.Path), slog.String("query", r.URL.RawQuery), slog.String("route", rt.name),
				slog.Int("status", sw.status), slog.Duration("duration", time.Since(rec.Time)))
		}
	}()

	if !s.sleep(r, latency) {
		return
	}
	if fault != nil {
		if fault.Before != nil {
			fault.Before()
		}
		if !s.sleep(r, fault.Delay) {
			return
		}
		if fault.Hold {
			s.hold(w, r)
			return
		}
		if fault.Drop {
			dropConnection(w)
			return
		}
		if fault.Status != 0 {
			s.writeFault(sw, rt, fault)
			return
		}
	}
	switch {
	case rt.token:
		s.serveToken(sw, r, body)
	case rt.api:
		s.serveAPI(sw, r, rt, body)
	default:
		writeJSON(sw, http.StatusNotFound, notFoundError("Not Found").body())
	}
}

// serveAPI answers a request under /api/v2: token, rate limit, then the
// route's checks in the live API's order (path, query, body) and its
// handler, all under the server's lock.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, rt routeMatch, body []byte) {
	s.mu.Lock()
	now := time.Now()
	if e := s.authorize(r); e != nil {
		s.bucket.setHeaders(w.Header(), now, false)
		s.mu.Unlock()
		writeJSON(w, e.status, e.body())
		return
	}
	if !s.bucket.take(now) {
		s.bucket.setHeaders(w.Header(), now, true)
		s.mu.Unlock()
		writeJSON(w, http.StatusTooManyRequests, tooManyRequests().body())
		return
	}
	s.bucket.setHeaders(w.Header(), now, false)
	status, v, e := s.dispatch(r, rt, body)
	s.mu.Unlock()
	switch {
	case e != nil:
		writeJSON(w, e.status, e.body())
	case status == http.StatusNoContent:
		w.WriteHeader(status)
	default:
		writeJSON(w, status, v)
	}
}

// dispatch checks the request against its route and runs the handler;
// s.mu is held.
func (s *Server) dispatch(r *http.Request, rt routeMatch, body []byte) (int, any, *apiError) {
	op := rt.route
	if op == nil {
		return 0, nil, notFoundError("Not Found")
	}
	if e := op.checkPath(rt.params); e != nil {
		return 0, nil, e
	}
	q := r.URL.Query()
	if e := checkQuery(q, op.query); e != nil {
		return 0, nil, e
	}
	c := &call{params: rt.params, query: query(q)}
	if op.body != nil {
		if e := decodeBody(r, body, op.body); e != nil {
			return 0, nil, e
		}
		c.body = body
	}
	status, v, me := op.handle(s, c)
	if me != nil {
		return 0, nil, httpError(me)
	}
	return status, v, nil
}

// apiError is an error response in Auth0's shape.
type apiError struct {
	status  int
	message string
	code    string
	// attributes is the extra object of some 401s.
	attributes map[string]string
}

func (e *apiError) body() map[string]any {
	m := map[string]any{"statusCode": e.status, "error": http.StatusText(e.status), "message": e.message}
	if e.code != "" {
		m["errorCode"] = e.code
	}
	if e.attributes != nil {
		m["attributes"] = e.attributes
	}
	return m
}

func notFoundError(msg string) *apiError { return &apiError{status: http.StatusNotFound, message: msg} }

func tooManyRequests() *apiError {
	return &apiError{status: http.StatusTooManyRequests, message: "Global limit has been reached", code: "too_many_requests"}
}

// httpError is the response to a refusal by the model.
func httpError(e *modelError) *apiError {
	status := map[errKind]int{
		errInvalid:      http.StatusBadRequest,
		errNotFound:     http.StatusNotFound,
		errConflict:     http.StatusConflict,
		errPrecondition: http.StatusPreconditionFailed,
	}[e.kind]
	if status == 0 {
		status = http.StatusInternalServerError
	}
	return &apiError{status: status, message: e.msg, code: e.code}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		fmt.Fprintf(&buf, `{"statusCode":500,"error":"Internal Server Error","message":%q}`, "auth0test: "+err.Error())
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// statusWriter records the status written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
