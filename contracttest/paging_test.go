package contracttest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// pagingShim makes Prism's static list answers look like the pages of a
// longer list, so that the auto-pagers have a next page to fetch. Prism
// answers every page alike (one item, per_page 20), which ends paging at
// the first page. The shim rewrites only the envelope, as the live API would
// send it for pages 0..last: per_page equal to the page's length before the
// last page and larger on it (a short page), no items after it, "page" left
// out when 0 and "total" only on page 0; and it suffixes item IDs ("id", or
// "action_id" for the actions using a module) with "-p<page>" so that pages
// differ. The request still goes to Prism and is
// validated there; the items are Prism's.
func pagingShim(last int) option.RequestOption {
	return option.WithMiddleware(func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		resp, err := next(req)
		if err != nil || req.Method != http.MethodGet || resp.StatusCode != http.StatusOK {
			return resp, err
		}
		n, err := strconv.Atoi(req.URL.Query().Get("page"))
		if err != nil {
			return resp, nil
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		var env map[string]any
		if err := json.Unmarshal(body, &env); err != nil {
			resp.Body = io.NopCloser(bytes.NewReader(body))
			return resp, nil
		}
		for _, key := range []string{"actions", "versions", "bindings", "modules"} {
			items, ok := env[key].([]any)
			if !ok {
				continue
			}
			per := len(items)
			switch {
			case n > last:
				items = []any{}
				per, _ = strconv.Atoi(req.URL.Query().Get("per_page"))
			case n == last:
				per = len(items) + 1
			}
			for _, it := range items {
				if m, ok := it.(map[string]any); ok {
					for _, k := range []string{"id", "action_id"} {
						if id, ok := m[k].(string); ok {
							m[k] = id + "-p" + strconv.Itoa(n)
							break
						}
					}
				}
			}
			env[key] = items
			env["per_page"] = per
			delete(env, "page")
			delete(env, "total")
			if n > 0 {
				env["page"] = n
			} else {
				env["total"] = (last + 1) * len(items)
			}
		}
		out, err := json.Marshal(env)
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(bytes.NewReader(out))
		resp.ContentLength = int64(len(out))
		resp.Header.Set("Content-Length", strconv.Itoa(len(out)))
		return resp, nil
	})
}

// TestContractAutoPaging goes through several pages with every auto-pager
// and with GetNextPage, against the static Prism (see pagingShim).
func TestContractAutoPaging(t *testing.T) {
	t.Parallel()
	srv := requirePrism(t, false)
	rec := &recorder{}
	client := newClient(srv, rec)
	t.Cleanup(func() { rec.failOnViolations(t) })
	const last = 2 // pages 0, 1 and 2

	// checkPages checks the requests of one pager: the pages asked for, the
	// page size and the filters on every one of them.
	checkPages := func(t *testing.T, mark int, path string, wantPages []int, wantQuery map[string]string) {
		t.Helper()
		exs := rec.since(mark)
		var pages []int
		for _, ex := range exs {
			if ex.err != nil && errors.Is(ex.err, context.Canceled) {
				continue // a page fetched ahead, cancelled when the pager ended
			}
			if ex.method != http.MethodGet || ex.url.Path != path {
				t.Errorf("unexpected request %s", ex)
				continue
			}
			if ex.status != http.StatusOK {
				t.Errorf("%s -> %d", ex, ex.status)
			}
			qv := ex.url.Query()
			p, err := strconv.Atoi(qv.Get("page"))
			if err != nil {
				t.Errorf("%s: no page", ex)
			}
			pages = append(pages, p)
			for k, v := range wantQuery {
				if got := qv.Get(k); got != v {
					t.Errorf("%s: %s is %q, want %q", ex, k, got, v)
				}
			}
			totals.paging.Add(1)
		}
		slices.Sort(pages)
		if !slices.Equal(pages, wantPages) {
			t.Errorf("pages requested: %v, want %v", pages, wantPages)
		}
	}
	checkIDs := func(t *testing.T, ids []string, from int) {
		t.Helper()
		if len(ids) != last+1-from {
			t.Errorf("got %d items (%v), want %d", len(ids), ids, last+1-from)
			return
		}
		for i, id := range ids {
			if want := "-p" + strconv.Itoa(from+i); !strings.HasSuffix(id, want) {
				t.Errorf("item %d has ID %q, want the item of page %d", i, id, from+i)
			}
		}
	}

	t.Run("Actions.ListAutoPaging/All", func(t *testing.T) {
		mark := rec.mark()
		params := auth0.ActionListParams{
			TriggerID: auth0.Ptr(auth0.TriggerPostLogin), ActionName: auth0.String("add-roles-to-token"),
			Deployed: auth0.Bool(true), Installed: auth0.Bool(false), PerPage: auth0.Int(1),
		}
		var ids []string
		for a, err := range client.Actions.ListAutoPaging(t.Context(), params, pagingShim(last)).All() {
			if err != nil {
				t.Fatal(err)
			}
			if a.Name == "" || a.DeployedVersion == nil || a.RawJSON() == nil {
				t.Errorf("item %s is not fully decoded: %+v", a.ID, a)
			}
			ids = append(ids, a.ID)
		}
		checkIDs(t, ids, 0)
		checkPages(t, mark, "/actions/actions", []int{0, 1, 2}, map[string]string{
			"per_page": "1", "triggerId": "post-login", "actionName": "add-roles-to-token", "deployed": "true", "installed": "false"})
	})

	t.Run("Actions.ListAutoPaging/from-page-1", func(t *testing.T) {
		mark := rec.mark()
		var ids []string
		for a, err := range client.Actions.ListAutoPaging(t.Context(), auth0.ActionListParams{Page: auth0.Int(1), PerPage: auth0.Int(1)}, pagingShim(last)).All() {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, a.ID)
		}
		checkIDs(t, ids, 1)
		checkPages(t, mark, "/actions/actions", []int{1, 2}, map[string]string{"per_page": "1"})
	})

	t.Run("Versions.ListAutoPaging/Next", func(t *testing.T) {
		mark := rec.mark()
		it := client.Actions.Versions.ListAutoPaging(t.Context(), actionID, auth0.ActionVersionListParams{PerPage: auth0.Int(1)}, pagingShim(last))
		var ids []string
		for it.Next() {
			v := it.Current()
			if v.Number < 1 || v.Action.ID == "" {
				t.Errorf("version %s is not fully decoded: %+v", v.ID, v)
			}
			ids = append(ids, v.ID)
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		checkIDs(t, ids, 0)
		checkPages(t, mark, "/actions/actions/"+actionID+"/versions", []int{0, 1, 2}, map[string]string{"per_page": "1"})
	})

	t.Run("Bindings.ListAutoPaging/prefetch", func(t *testing.T) {
		mark := rec.mark()
		var ids []string
		iter := client.Actions.Triggers.Bindings.ListAutoPaging(t.Context(), auth0.TriggerPostLogin,
			auth0.BindingListParams{PerPage: auth0.Int(1)}, pagingShim(last), option.WithPrefetch(2))
		for b, err := range iter.All() {
			if err != nil {
				t.Fatal(err)
			}
			if b.Action.ID == "" || b.DisplayName == "" {
				t.Errorf("binding %s is not fully decoded: %+v", b.ID, b)
			}
			ids = append(ids, b.ID)
		}
		checkIDs(t, ids, 0)
		// Prefetching may also ask for the page after the last one, and
		// cancel that request when the last page turns out short.
		want := []int{0, 1, 2}
		for _, ex := range rec.since(mark) {
			if ex.err == nil && ex.url.Query().Get("page") == "3" {
				want = append(want, 3)
			}
		}
		checkPages(t, mark, "/actions/triggers/post-login/bindings", want, map[string]string{"per_page": "1"})
	})

	t.Run("Actions.List/GetNextPage", func(t *testing.T) {
		mark := rec.mark()
		page, err := client.Actions.List(t.Context(), auth0.ActionListParams{PerPage: auth0.Int(1)}, pagingShim(last))
		var ids []string
		for page != nil && err == nil {
			for _, a := range page.Items {
				ids = append(ids, a.ID)
			}
			page, err = page.GetNextPage(t.Context())
		}
		if err != nil {
			t.Fatal(err)
		}
		checkIDs(t, ids, 0)
		checkPages(t, mark, "/actions/actions", []int{0, 1, 2}, map[string]string{"per_page": "1"})
	})

	t.Run("Modules.ListAutoPaging/All", func(t *testing.T) {
		mark := rec.mark()
		var ids []string
		for m, err := range client.Actions.Modules.ListAutoPaging(t.Context(), auth0.ModuleListParams{PerPage: auth0.Int(1)}, pagingShim(last)).All() {
			if err != nil {
				t.Fatal(err)
			}
			if m.Name == "" || m.Code == "" || len(m.Secrets) == 0 || m.RawJSON() == nil {
				t.Errorf("module %s is not fully decoded: %+v", m.ID, m)
			}
			ids = append(ids, m.ID)
		}
		checkIDs(t, ids, 0)
		checkPages(t, mark, "/actions/modules", []int{0, 1, 2}, map[string]string{"per_page": "1"})
	})

	t.Run("Modules.ListActionsAutoPaging/Next", func(t *testing.T) {
		mark := rec.mark()
		it := client.Actions.Modules.ListActionsAutoPaging(t.Context(), moduleID,
			auth0.ModuleActionListParams{Page: auth0.Int(1), PerPage: auth0.Int(1)}, pagingShim(last))
		var ids []string
		for it.Next() {
			a := it.Current()
			if a.ActionName == "" || a.ModuleVersionID == "" || len(a.SupportedTriggers) == 0 || a.RawJSON() == nil {
				t.Errorf("item %s is not fully decoded: %+v", a.ActionID, a)
			}
			ids = append(ids, a.ActionID)
		}
		if err := it.Err(); err != nil {
			t.Fatal(err)
		}
		checkIDs(t, ids, 1)
		checkPages(t, mark, "/actions/modules/"+moduleID+"/actions", []int{1, 2}, map[string]string{"per_page": "1"})
	})

	t.Run("Modules.Versions.ListAutoPaging/prefetch", func(t *testing.T) {
		mark := rec.mark()
		var ids []string
		iter := client.Actions.Modules.Versions.ListAutoPaging(t.Context(), moduleID,
			auth0.ModuleVersionListParams{PerPage: auth0.Int(1)}, pagingShim(last), option.WithPrefetch(2))
		for v, err := range iter.All() {
			if err != nil {
				t.Fatal(err)
			}
			if v.ModuleID == "" || v.Code == "" || v.CreatedAt.IsZero() || v.RawJSON() == nil {
				t.Errorf("version %s is not fully decoded: %+v", v.ID, v)
			}
			ids = append(ids, v.ID)
		}
		checkIDs(t, ids, 0)
		want := []int{0, 1, 2}
		for _, ex := range rec.since(mark) {
			if ex.err == nil && ex.url.Query().Get("page") == "3" {
				want = append(want, 3)
			}
		}
		checkPages(t, mark, "/actions/modules/"+moduleID+"/versions", want, map[string]string{"per_page": "1"})
	})

	t.Run("Modules.List/GetNextPage", func(t *testing.T) {
		mark := rec.mark()
		page, err := client.Actions.Modules.List(t.Context(), auth0.ModuleListParams{PerPage: auth0.Int(1)}, pagingShim(last))
		var ids []string
		for page != nil && err == nil {
			for _, m := range page.Items {
				ids = append(ids, m.ID)
			}
			page, err = page.GetNextPage(t.Context())
		}
		if err != nil {
			t.Fatal(err)
		}
		checkIDs(t, ids, 0)
		checkPages(t, mark, "/actions/modules", []int{0, 1, 2}, map[string]string{"per_page": "1"})
	})

	n := 0
	for _, ex := range rec.all() {
		if ex.err == nil {
			n++
		}
	}
	t.Logf("auto-paging: %d pages fetched and checked, %d violations", n, len(rec.violated()))
}
