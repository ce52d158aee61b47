package auth0_test

import (
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// serveActionPages answers pages of n actions; total only on page 0 when withTotal.
func serveActionPages(n int, withTotal bool, maxPage *atomic.Int32) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		per, _ := strconv.Atoi(r.URL.Query().Get("per_page"))
		for {
			m := maxPage.Load()
			if int32(page) <= m || maxPage.CompareAndSwap(m, int32(page)) {
				break
			}
		}
		var items []string
		for i := page * per; i < min((page+1)*per, n); i++ {
			items = append(items, fmt.Sprintf(`{"id":"a%d"}`, i))
		}
		total := -1
		if withTotal {
			total = n
		}
		return httpmock.NewStringResponse(200, auth0.ListPageJSON("actions", items, auth0.LivePaging(page, per, total))), nil
	}
}

// With prefetch, the server's total keeps the window from fetching pages
// past the end (each would cost a rate-limit token); without total, pages
// are fetched ahead until the short one, and the items are the same.
func TestPrefetchStopsAtTotal(t *testing.T) {
	t.Parallel()
	for _, withTotal := range []bool{true, false} {
		tr := httpmock.NewMockTransport()
		var maxPage atomic.Int32
		tr.RegisterResponder(http.MethodGet, testBaseURL+"actions/actions", serveActionPages(100, withTotal, &maxPage))
		c := newTestClient(tr)
		n := 0
		for a, err := range c.Actions.ListAutoPaging(t.Context(), auth0.ActionListParams{PerPage: auth0.Int(10)}, option.WithPrefetch(8)).All() {
			require.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("a%d", n), a.ID, "in order")
			n++
		}
		assert.Equal(t, 100, n)
		if withTotal {
			assert.EqualValues(t, 10, maxPage.Load(), "pages 0..9 and the empty page 10, nothing past it")
			assert.Equal(t, 11, tr.GetTotalCallCount())
		} else {
			// Without total the window may run past the end (how far depends
			// on scheduling); the short-page rule still ends the list.
			assert.GreaterOrEqual(t, maxPage.Load(), int32(10), "the empty page that ends the list was fetched")
		}
	}
}
