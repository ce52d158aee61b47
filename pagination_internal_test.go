package auth0

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/option"
)

// actionIDs returns n action IDs: a000, a001, ...
func actionIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("a%03d", i)
	}
	return ids
}

// actionsPageJSON renders one page of GET /actions/actions the way the live
// API does: page left out when it is 0, total only on the first page.
func actionsPageJSON(ids []string, page, perPage int) string {
	start := min(page*perPage, len(ids))
	end := min(start+perPage, len(ids))
	items := make([]string, 0, end-start)
	for _, id := range ids[start:end] {
		items = append(items, fmt.Sprintf(`{"id":%q,"name":"action-%s"}`, id, id))
	}
	return listPageJSON("actions", items, livePaging(page, perPage, len(ids)))
}

// servePagedActions serves GET /actions/actions from ids, honouring the page
// and per_page the client asks for.
func servePagedActions(t *testing.T, tr *httpmock.MockTransport, ids []string) *mockAPI {
	t.Helper()
	return handleAll(t, tr, func(n int, c recordedCall) cannedReply {
		if c.Method != http.MethodGet || c.Path != "/api/v2/actions/actions" {
			t.Errorf("unexpected request %s %s", c.Method, c.Path)
		}
		page, err1 := strconv.Atoi(c.Query.Get("page"))
		perPage, err2 := strconv.Atoi(c.Query.Get("per_page"))
		if err1 != nil || err2 != nil {
			t.Errorf("page and per_page must be sent: %v", c.Query)
		}
		return cannedReply{http.StatusOK, actionsPageJSON(ids, page, perPage)}
	})
}

// pagesAskedFor returns the page query parameter of every call, in order.
func pagesAskedFor(calls []recordedCall) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.Query.Get("page")
	}
	return out
}

// collectIDs ranges over seq and returns the IDs and the errors yielded.
func collectIDs(seq func(func(Action, error) bool)) (ids []string, errs []error) {
	for a, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ids = append(ids, a.ID)
	}
	return ids, errs
}

func TestAutoPagingAllGoesThroughEveryPage(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	ids := actionIDs(7)
	srv := servePagedActions(t, tr, ids)
	got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{
		PerPage: Int(3), Deployed: Bool(true),
	}).All())
	assert.Empty(t, errs)
	assert.Equal(t, ids, got)
	calls := srv.Calls()
	assert.Equal(t, []string{"0", "1", "2"}, pagesAskedFor(calls), "3 full... then the short page 2 is the last")
	for _, c := range calls {
		assert.Equal(t, url.Values{"page": {c.Query.Get("page")}, "per_page": {"3"}, "deployed": {"true"}}, c.Query,
			"the filters are sent with every page")
	}
}

func TestAutoPagingItemsKeepTheirOwnJSON(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	servePagedActions(t, tr, actionIDs(5))
	n := 0
	for a, err := range client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(2)}).All() {
		require.NoError(t, err)
		assert.JSONEq(t, fmt.Sprintf(`{"id":%q,"name":"action-%s"}`, a.ID, a.ID), string(a.RawJSON()))
		n++
	}
	assert.Equal(t, 5, n)
}

func TestAutoPagingNextCurrentErrIndex(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	ids := actionIDs(5)
	srv := servePagedActions(t, tr, ids)
	it := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(2)})
	assert.Equal(t, -1, it.Index(), "before the first Next")
	assert.Equal(t, 0, tr.GetTotalCallCount(), "ListAutoPaging itself sends nothing")
	var got []string
	for it.Next() {
		assert.Equal(t, len(got), it.Index())
		got = append(got, it.Current().ID)
	}
	require.NoError(t, it.Err())
	assert.Equal(t, ids, got)
	assert.Equal(t, []string{"0", "1", "2"}, pagesAskedFor(srv.Calls()))
	assert.False(t, it.Next(), "Next stays false at the end")
	assert.Equal(t, 3, tr.GetTotalCallCount(), "and sends nothing more")
	assert.Zero(t, it.Current())
}

func TestAutoPagingDefaultPerPageIs50(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	ids := actionIDs(60)
	srv := servePagedActions(t, tr, ids)
	got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{}).All())
	assert.Empty(t, errs)
	assert.Equal(t, ids, got)
	calls := srv.Calls()
	require.Len(t, calls, 2)
	for i, c := range calls {
		assert.Equal(t, url.Values{"page": {strconv.Itoa(i)}, "per_page": {"50"}}, c.Query)
	}
}

func TestAutoPagingStartsAtTheParamsPage(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	ids := actionIDs(7)
	srv := servePagedActions(t, tr, ids)
	got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(3), Page: Int(1)}).All())
	assert.Empty(t, errs)
	assert.Equal(t, ids[3:], got)
	assert.Equal(t, []string{"1", "2"}, pagesAskedFor(srv.Calls()))
}

func TestAutoPagingStopRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		replies []cannedReply
		want    []string
	}{
		{
			name: "a short page is the last, whatever total says",
			replies: []cannedReply{
				{http.StatusOK, `{"actions":[{"id":"a"},{"id":"b"}],"total":100,"per_page":3}`},
			},
			want: []string{"a", "b"},
		},
		{
			name: "an empty page ends it",
			replies: []cannedReply{
				{http.StatusOK, `{"actions":[{"id":"a"},{"id":"b"},{"id":"c"}],"total":3,"per_page":3}`},
				{http.StatusOK, `{"actions":[],"page":1,"per_page":3}`},
			},
			want: []string{"a", "b", "c"},
		},
		{
			name: "total is not used to stop early",
			replies: []cannedReply{
				{http.StatusOK, `{"actions":[{"id":"a"},{"id":"b"},{"id":"c"}],"total":1,"per_page":3}`},
				{http.StatusOK, `{"actions":[{"id":"d"}],"page":1,"per_page":3}`},
			},
			want: []string{"a", "b", "c", "d"},
		},
		{
			name: "a missing total on later pages does not stop",
			replies: []cannedReply{
				{http.StatusOK, `{"actions":[{"id":"a"},{"id":"b"},{"id":"c"}],"total":7,"per_page":3}`},
				{http.StatusOK, `{"actions":[{"id":"d"},{"id":"e"},{"id":"f"}],"page":1,"per_page":3}`},
				{http.StatusOK, `{"actions":[{"id":"g"}],"page":2,"per_page":3}`},
			},
			want: []string{"a", "b", "c", "d", "e", "f", "g"},
		},
		{
			name: "the server's per_page decides what is short",
			replies: []cannedReply{
				{http.StatusOK, `{"actions":[{"id":"a"},{"id":"b"}],"per_page":2}`},
				{http.StatusOK, `{"actions":[{"id":"c"}],"page":1,"per_page":2}`},
			},
			want: []string{"a", "b", "c"},
		},
		{
			name:    "an empty first page",
			replies: []cannedReply{{http.StatusOK, `{"actions":[],"per_page":3}`}},
			want:    nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, style := range []string{"All", "Next"} {
				client, tr := newMockClient(t)
				srv := serveInOrder(t, tr, tt.replies...)
				it := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(3)})
				var got []string
				var err error
				if style == "All" {
					var errs []error
					got, errs = collectIDs(it.All())
					err = errors.Join(errs...)
				} else {
					for it.Next() {
						got = append(got, it.Current().ID)
					}
					err = it.Err()
				}
				require.NoError(t, err, style)
				assert.Equal(t, tt.want, got, style)
				assert.Len(t, srv.Calls(), len(tt.replies), "%s: one request per reply, no more", style)
			}
		})
	}
}

func TestAutoPagingEarlyBreakStopsRequests(t *testing.T) {
	t.Parallel()
	for _, stopAfter := range []int{1, 3, 4} {
		t.Run(strconv.Itoa(stopAfter), func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			srv := servePagedActions(t, tr, actionIDs(300))
			n := 0
			for _, err := range client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(3)}).All() {
				require.NoError(t, err)
				n++
				if n == stopAfter {
					break
				}
			}
			assert.Equal(t, stopAfter, n)
			wantPages := (stopAfter + 2) / 3
			assert.Len(t, srv.Calls(), wantPages, "only the pages needed")
		})
	}
}

func TestAutoPagingErrorOnPage2(t *testing.T) {
	t.Parallel()
	replies := []cannedReply{
		{http.StatusOK, `{"actions":[{"id":"a"},{"id":"b"}],"total":5,"per_page":2}`},
		{http.StatusBadRequest, `{"statusCode":400,"error":"Bad Request","message":"Invalid request URI"}`},
	}
	t.Run("All", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t)
		srv := serveInOrder(t, tr, replies...)
		var got []string
		var errs []error
		for a, err := range client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(2)}).All() {
			if err != nil {
				assert.Zero(t, a, "an error comes with a zero item")
				errs = append(errs, err)
				continue // keep ranging: the iterator must stop by itself
			}
			assert.Empty(t, errs, "no item after the error")
			got = append(got, a.ID)
		}
		assert.Equal(t, []string{"a", "b"}, got)
		require.Len(t, errs, 1, "the error is yielded once")
		assert.ErrorIs(t, errs[0], ErrBadRequest)
		assert.Len(t, srv.Calls(), 2, "nothing after the failing page")
	})
	t.Run("Next", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t)
		srv := serveInOrder(t, tr, replies...)
		it := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(2)})
		var got []string
		for it.Next() {
			got = append(got, it.Current().ID)
		}
		assert.Equal(t, []string{"a", "b"}, got)
		var apiErr *Error
		require.ErrorAs(t, it.Err(), &apiErr)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
		assert.False(t, it.Next())
		assert.ErrorIs(t, it.Err(), ErrBadRequest, "the error stays")
		assert.Len(t, srv.Calls(), 2)
	})
}

func TestAutoPagingRepeatedPageEnds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
	}{
		{"page left out, same items", `{"actions":[{"id":"a"},{"id":"b"}],"total":4,"per_page":2}`},
		{"page 0 stated again", `{"actions":[{"id":"x"},{"id":"y"}],"page":0,"per_page":2}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, prefetch := range []int{0, 3} {
				client, tr := newMockClient(t, option.WithPrefetch(prefetch))
				// The server ignores the page parameter.
				handleAll(t, tr, func(int, recordedCall) cannedReply { return cannedReply{http.StatusOK, tt.body} })
				done := make(chan struct{})
				var got []string
				var errs []error
				go func() {
					defer close(done)
					got, errs = collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(2)}).All())
				}()
				select {
				case <-done:
				case <-time.After(10 * time.Second):
					t.Fatalf("prefetch %d: the iterator loops on a repeated page", prefetch)
				}
				assert.Len(t, got, 2, "prefetch %d: the first page only, once", prefetch)
				require.Len(t, errs, 1, "prefetch %d", prefetch)
				assert.ErrorIs(t, errs[0], ErrPageRepeated, "prefetch %d", prefetch)
				if prefetch == 0 {
					assert.Equal(t, 2, tr.GetTotalCallCount())
				}

				it := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(2)})
				n := 0
				for it.Next() {
					n++
				}
				assert.Equal(t, 2, n)
				assert.ErrorIs(t, it.Err(), ErrPageRepeated)
			}
		})
	}
}

// TestAutoPagingStatedPageMustAdvance: a server that answers page 1 with
// "page": 0 is repeating page 0, even when the items changed in between.
func TestAutoPagingStatedPageMustAdvance(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	handleAll(t, tr, func(n int, _ recordedCall) cannedReply {
		return cannedReply{http.StatusOK, fmt.Sprintf(`{"actions":[{"id":"x%d"},{"id":"y%d"}],"page":0,"per_page":2}`, n, n)}
	})
	got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(2)}).All())
	assert.Equal(t, []string{"x0", "y0"}, got)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrPageRepeated)
	assert.Contains(t, errs[0].Error(), "asked for page 1, got page 0")
	assert.Equal(t, 2, tr.GetTotalCallCount())
}

func TestAutoPagingAllRangesAgainFromTheStart(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	ids := actionIDs(8)
	srv := servePagedActions(t, tr, ids)
	seq := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(3), Page: Int(1)}).All()
	first, errs1 := collectIDs(seq)
	second, errs2 := collectIDs(seq)
	assert.Empty(t, errs1)
	assert.Empty(t, errs2)
	assert.Equal(t, ids[3:], first)
	assert.Equal(t, first, second, "the second range starts again")
	assert.Equal(t, []string{"1", "2", "1", "2"}, pagesAskedFor(srv.Calls()), "both start at the params' page, with fresh requests")

	// A range stopped early does not change where the next one starts.
	for range seq {
		break
	}
	third, _ := collectIDs(seq)
	assert.Equal(t, ids[3:], third)
}

func TestAutoPagingAllAndNextAreIndependent(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	ids := actionIDs(4)
	servePagedActions(t, tr, ids)
	it := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(3)})
	require.True(t, it.Next())
	assert.Equal(t, ids[0], it.Current().ID)
	got, errs := collectIDs(it.All())
	assert.Empty(t, errs)
	assert.Equal(t, ids, got, "All starts from the beginning")
	var rest []string
	for it.Next() {
		rest = append(rest, it.Current().ID)
	}
	assert.Equal(t, ids[1:], rest, "Next carries on where it was")
}

func TestPageGetNextPage(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	srv := servePagedActions(t, tr, actionIDs(4))
	ctx := t.Context()
	p0, err := client.Actions.List(ctx, ActionListParams{PerPage: Int(2), ActionName: String("x")}, option.WithHeader("X-Call", "list"))
	require.NoError(t, err)
	assert.Equal(t, 0, p0.Page)
	assert.Equal(t, 4, p0.Total)
	assert.True(t, p0.HasNextPage())

	p1, err := p0.GetNextPage(ctx)
	require.NoError(t, err)
	require.NotNil(t, p1)
	assert.Equal(t, 1, p1.Page)
	assert.Zero(t, p1.Total, "total is missing on a later page")
	assert.Equal(t, []string{"a002", "a003"}, []string{p1.Items[0].ID, p1.Items[1].ID})
	assert.True(t, p1.HasNextPage(), "a full page may have a next one")

	p2, err := p1.GetNextPage(ctx, option.WithHeader("X-Call", "next"))
	require.NoError(t, err)
	require.NotNil(t, p2)
	assert.Empty(t, p2.Items)
	assert.False(t, p2.HasNextPage())

	p3, err := p2.GetNextPage(ctx)
	assert.NoError(t, err)
	assert.Nil(t, p3, "no page after the last one")

	calls := srv.Calls()
	require.Len(t, calls, 3, "GetNextPage on the last page sends nothing")
	for i, c := range calls {
		assert.Equal(t, url.Values{"page": {strconv.Itoa(i)}, "per_page": {"2"}, "actionName": {"x"}}, c.Query)
	}
	assert.Equal(t, []string{"list", "list", "next"},
		[]string{calls[0].Header.Get("X-Call"), calls[1].Header.Get("X-Call"), calls[2].Header.Get("X-Call")},
		"GetNextPage keeps the options of the first call, then its own")
}

func TestPageGetNextPageOnAShortPage(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr, cannedReply{http.StatusOK, `{"actions":[{"id":"a"}],"total":1,"per_page":50}`})
	p, err := client.Actions.List(t.Context(), ActionListParams{})
	require.NoError(t, err)
	assert.False(t, p.HasNextPage())
	next, err := p.GetNextPage(t.Context())
	assert.NoError(t, err)
	assert.Nil(t, next)
	assert.Equal(t, 1, tr.GetTotalCallCount())

	var nilPage *PageNumberPage[Action]
	assert.False(t, nilPage.HasNextPage())
}

func TestPageGetNextPageDetectsARepeat(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	body := `{"actions":[{"id":"a"},{"id":"b"}],"per_page":2}`
	serveInOrder(t, tr, cannedReply{http.StatusOK, body}, cannedReply{http.StatusOK, body})
	p, err := client.Actions.List(t.Context(), ActionListParams{PerPage: Int(2)})
	require.NoError(t, err)
	next, err := p.GetNextPage(t.Context())
	assert.Nil(t, next)
	assert.ErrorIs(t, err, ErrPageRepeated)
}

type ctxKey struct{}

func TestAutoPagingUsesTheCallersContextForEveryPage(t *testing.T) {
	t.Parallel()
	for _, prefetch := range []int{0, 2} {
		t.Run("prefetch "+strconv.Itoa(prefetch), func(t *testing.T) {
			t.Parallel()
			client, tr := newMockClient(t)
			ids := actionIDs(10)
			srv := servePagedActions(t, tr, ids)
			ctx := context.WithValue(t.Context(), ctxKey{}, "mine")
			got, errs := collectIDs(client.Actions.ListAutoPaging(ctx, ActionListParams{PerPage: Int(3)}, option.WithPrefetch(prefetch)).All())
			assert.Empty(t, errs)
			assert.Equal(t, ids, got)
			calls := srv.Calls()
			assert.GreaterOrEqual(t, len(calls), 4)
			for _, c := range calls {
				assert.Equal(t, "mine", c.Ctx.Value(ctxKey{}), "page %s was fetched with another context", c.Query.Get("page"))
			}
		})
	}
}

func TestAutoPagingCancelledContextStopsRequests(t *testing.T) {
	t.Parallel()
	t.Run("All", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t)
		srv := servePagedActions(t, tr, actionIDs(30))
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		var got []string
		var errs []error
		for a, err := range client.Actions.ListAutoPaging(ctx, ActionListParams{PerPage: Int(3)}).All() {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			got = append(got, a.ID)
			if len(got) == 3 {
				cancel() // after the last item of page 0
			}
		}
		assert.Len(t, got, 3)
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], context.Canceled)
		assert.Equal(t, 1, tr.GetTotalCallCount(), "no request after the context was cancelled")
		assert.Len(t, srv.Calls(), 1)
	})
	t.Run("Next", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t)
		srv := servePagedActions(t, tr, actionIDs(30))
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		it := client.Actions.ListAutoPaging(ctx, ActionListParams{PerPage: Int(3)})
		n := 0
		for it.Next() {
			n++
			if n == 3 {
				cancel()
			}
		}
		assert.Equal(t, 3, n)
		assert.ErrorIs(t, it.Err(), context.Canceled)
		assert.Equal(t, 1, tr.GetTotalCallCount(), "no request after the context was cancelled")
		assert.Len(t, srv.Calls(), 1)
	})
	t.Run("GetNextPage", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t)
		srv := servePagedActions(t, tr, actionIDs(30))
		p, err := client.Actions.List(t.Context(), ActionListParams{PerPage: Int(3)})
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		next, err := p.GetNextPage(ctx)
		assert.Nil(t, next)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Equal(t, 1, tr.GetTotalCallCount(), "no request with a cancelled context")
		assert.Len(t, srv.Calls(), 1)
	})
}

func TestAutoPagingPrefetchYieldsTheSameItemsInOrder(t *testing.T) {
	t.Parallel()
	ids := actionIDs(50)
	sequential := func() []string {
		client, tr := newMockClient(t)
		servePagedActions(t, tr, ids)
		got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(4)}).All())
		require.Empty(t, errs)
		return got
	}()
	require.Equal(t, ids, sequential)

	t.Run("client option", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t, option.WithPrefetch(3))
		srv := servePagedActions(t, tr, ids)
		got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(4)}).All())
		assert.Empty(t, errs)
		assert.Equal(t, sequential, got)
		n := len(srv.Calls())
		assert.GreaterOrEqual(t, n, 13, "every page up to the short one")
		assert.LessOrEqual(t, n, 13+3, "at most 3 pages beyond it")
	})
	t.Run("call option, Next style", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t)
		servePagedActions(t, tr, ids)
		it := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(4)}, option.WithPrefetch(3))
		var got []string
		for it.Next() {
			assert.Equal(t, len(got), it.Index())
			got = append(got, it.Current().ID)
		}
		require.NoError(t, it.Err())
		assert.Equal(t, sequential, got)
	})
	t.Run("responses arriving out of order", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t, option.WithPrefetch(3))
		handleAll(t, tr, func(_ int, c recordedCall) cannedReply {
			page, _ := strconv.Atoi(c.Query.Get("page"))
			time.Sleep(time.Duration((13-page)%4) * time.Millisecond) // later pages often answer first
			return cannedReply{http.StatusOK, actionsPageJSON(ids, page, 4)}
		})
		got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(4)}).All())
		assert.Empty(t, errs)
		assert.Equal(t, sequential, got)
	})
}

func TestAutoPagingPrefetchFetchesAhead(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t, option.WithPrefetch(3))
	ids := actionIDs(40)
	var mu sync.Mutex
	seen := map[string]bool{}
	ahead := make(chan struct{})
	handleAll(t, tr, func(_ int, c recordedCall) cannedReply {
		page := c.Query.Get("page")
		mu.Lock()
		seen[page] = true
		if seen["1"] && seen["2"] && !seen["signalled"] {
			seen["signalled"] = true
			close(ahead)
		}
		mu.Unlock()
		if page == "0" {
			// Page 0 answers only once pages 1 and 2 were asked for.
			select {
			case <-ahead:
			case <-time.After(5 * time.Second):
				t.Error("pages 1 and 2 were not fetched while page 0 was in flight")
			}
		}
		n, _ := strconv.Atoi(page)
		return cannedReply{http.StatusOK, actionsPageJSON(ids, n, 4)}
	})
	got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(4)}).All())
	assert.Empty(t, errs)
	assert.Equal(t, ids, got)
}

func TestAutoPagingPrefetchEarlyBreakAndError(t *testing.T) {
	t.Parallel()
	t.Run("break", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t, option.WithPrefetch(3))
		servePagedActions(t, tr, actionIDs(400))
		n := 0
		for _, err := range client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(4)}).All() {
			require.NoError(t, err)
			if n++; n == 5 {
				break
			}
		}
		after := tr.GetTotalCallCount()
		assert.LessOrEqual(t, after, 2+3, "the page in use plus at most 3 ahead")
		time.Sleep(20 * time.Millisecond)
		assert.Equal(t, after, tr.GetTotalCallCount(), "no request after the loop returned")
	})
	t.Run("error on page 2", func(t *testing.T) {
		t.Parallel()
		client, tr := newMockClient(t, option.WithPrefetch(3))
		ids := actionIDs(40)
		handleAll(t, tr, func(_ int, c recordedCall) cannedReply {
			if c.Query.Get("page") == "1" {
				return cannedReply{http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"gone"}`}
			}
			n, _ := strconv.Atoi(c.Query.Get("page"))
			return cannedReply{http.StatusOK, actionsPageJSON(ids, n, 4)}
		})
		got, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(4)}).All())
		assert.Equal(t, ids[:4], got, "page 0's items, then nothing")
		require.Len(t, errs, 1)
		assert.ErrorIs(t, errs[0], ErrNotFound)
	})
}

func TestAutoPagingValidationSendsNothing(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	serveInOrder(t, tr)
	it := client.Actions.ListAutoPaging(t.Context(), ActionListParams{PerPage: Int(-1)})
	assert.False(t, it.Next())
	require.Error(t, it.Err())
	assert.Contains(t, it.Err().Error(), "ActionListParams.PerPage is -1")

	_, errs := collectIDs(client.Actions.ListAutoPaging(t.Context(), ActionListParams{Page: Int(-1)}, option.WithPrefetch(2)).All())
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "ActionListParams.Page is -1")
	assert.Equal(t, 0, tr.GetTotalCallCount())
}

func TestPageRawJSON(t *testing.T) {
	t.Parallel()
	client, tr := newMockClient(t)
	body := actionsPageJSON(actionIDs(2), 0, 5)
	serveInOrder(t, tr, cannedReply{http.StatusOK, body})
	p, err := client.Actions.List(t.Context(), ActionListParams{PerPage: Int(5)})
	require.NoError(t, err)
	assert.JSONEq(t, body, string(p.RawJSON()))
	assert.JSONEq(t, `{"id":"a001","name":"action-a001"}`, string(p.Items[1].RawJSON()))
}
