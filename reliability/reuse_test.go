package reliability

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

func TestReuseSequentialCalls(t *testing.T) {
	t.Parallel()
	s := begin(t, "connection reuse", "20 sequential Actions.Get calls", "1 connection; every body closed")
	srv := s.server(answer)
	c := s.client(srv)
	ctx := ctxT(t, 10*time.Second)
	for i := range 20 {
		_, err := c.Actions.Get(ctx, fmt.Sprintf("act_%d", i))
		require.NoError(t, err)
	}
	assert.Equal(t, 20, srv.count("getAction"))
	assert.EqualValues(t, 1, srv.conns.Load())
	s.observe("20 requests on %d connection", srv.conns.Load())
}

func TestReuseEveryEndpoint(t *testing.T) {
	t.Parallel()
	n := len(everyCall())
	s := begin(t, "connection reuse", fmt.Sprintf("each of the %d endpoints once, in turn", n), fmt.Sprintf("%d requests on 1 connection", n))
	srv := s.server(answer)
	c := s.client(srv)
	ctx := ctxT(t, 10*time.Second)
	for _, call := range everyCall() {
		require.NoError(t, call.do(ctx, c), call.name)
	}
	for _, l := range srv.requests() {
		assert.NotEmpty(t, l.Route, "unrouted request %s %s", l.Method, l.Path)
	}
	assert.Equal(t, 24, n, "every endpoint of Auth0's document")
	assert.Equal(t, n, srv.count(""))
	routes := map[string]bool{}
	for _, l := range srv.requests() {
		routes[l.Route] = true
	}
	assert.Len(t, routes, n, "each call reaches a different endpoint")
	assert.EqualValues(t, 1, srv.conns.Load())
	s.observe("%d requests on %d connection", srv.count(""), srv.conns.Load())
}

// manyActions answers listActions with total actions, page by page.
func manyActions(total int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if name, _, _ := matchRoute(r); name == "listActions" {
			pageOf(w, r, "actions", total, func(i int) map[string]any { return actionJSON(fmt.Sprintf("act_%03d", i)) })
			return
		}
		answer(w, r)
	}
}

func TestReuseAutoPaging(t *testing.T) {
	t.Parallel()
	s := begin(t, "connection reuse", "ListAutoPaging over 4 pages (7 actions, 2 per page)", "7 items; 4 requests on 1 connection")
	srv := s.server(manyActions(7))
	c := s.client(srv)
	n := 0
	for a, err := range c.Actions.ListAutoPaging(ctxT(t, 10*time.Second), auth0.ActionListParams{PerPage: auth0.Int(2)}).All() {
		require.NoError(t, err)
		assert.Equal(t, fmt.Sprintf("act_%03d", n), a.ID)
		n++
	}
	assert.Equal(t, 7, n)
	assert.Equal(t, 4, srv.count("listActions"))
	assert.EqualValues(t, 1, srv.conns.Load())
	s.observe("%d items, %d requests on %d connection", n, srv.count(""), srv.conns.Load())
}

func TestReusePrefetchEarlyBreak(t *testing.T) {
	t.Parallel()
	s := begin(t, "connection reuse", "ListAutoPaging with WithPrefetch(3) over slow pages, broken off after the first item",
		"the fetches ahead are cancelled; no goroutine left behind; every body closed")
	slow := manyActions(100)
	srv := s.server(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(20 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		slow(w, r)
	})
	c := s.client(srv, option.WithPrefetch(3))
	n := 0
	for _, err := range c.Actions.ListAutoPaging(ctxT(t, 10*time.Second), auth0.ActionListParams{PerPage: auth0.Int(10)}).All() {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.LessOrEqual(t, srv.count("listActions"), 4)
	s.observe("%d page requests before the break; cleaned up", srv.count("listActions"))
}
