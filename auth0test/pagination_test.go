package auth0test_test

import (
	"fmt"
	"net/http"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

func seedActions(t *testing.T, srv *auth0test.Server, n int) []auth0.Action {
	t.Helper()
	out := make([]auth0.Action, n)
	for i := range out {
		out[i] = srv.AddAction(newParams(fmt.Sprintf("action-%02d", i)))
	}
	return out
}

// TestListEnvelope checks the live API's envelope quirks on the wire.
func TestListEnvelope(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)

	_, body := raw(t, srv, http.MethodGet, "/api/v2/actions/actions", "", true)
	if _, ok := body["total"]; ok {
		t.Errorf("empty list has total: %v", body)
	}
	if _, ok := body["page"]; ok {
		t.Errorf("page 0 has page: %v", body)
	}
	if body["per_page"] != float64(20) {
		t.Errorf("per_page = %v, want the default 20", body["per_page"])
	}

	seedActions(t, srv, 45)
	tests := []struct {
		query     string
		items     int
		total     any // nil: left out
		page      any // nil: left out
		perPage   float64
		firstName string
	}{
		{"", 20, float64(45), nil, 20, "action-00"},
		{"?page=0&per_page=20", 20, float64(45), nil, 20, "action-00"},
		{"?page=1", 20, nil, float64(1), 20, "action-20"},
		{"?page=2", 5, nil, float64(2), 20, "action-40"},
		{"?page=3", 0, nil, float64(3), 20, ""},
		{"?per_page=100", 45, float64(45), nil, 100, "action-00"},
		{"?per_page=7&page=6", 3, nil, float64(6), 7, "action-42"},
		{"?page=99999999999", 0, nil, float64(99999999999), 20, ""},
	}
	for _, tt := range tests {
		_, body := raw(t, srv, http.MethodGet, "/api/v2/actions/actions"+tt.query, "", true)
		items, _ := body["actions"].([]any)
		if len(items) != tt.items || body["total"] != tt.total || body["page"] != tt.page || body["per_page"] != tt.perPage {
			t.Errorf("%q: %d items, total %v, page %v, per_page %v; want %d, %v, %v, %v",
				tt.query, len(items), body["total"], body["page"], body["per_page"], tt.items, tt.total, tt.page, tt.perPage)
			continue
		}
		if tt.firstName != "" && items[0].(map[string]any)["name"] != tt.firstName {
			t.Errorf("%q: first item %v, want %s", tt.query, items[0].(map[string]any)["name"], tt.firstName)
		}
	}
}

func TestListBadQuery(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	for _, q := range []string{
		"?per_page=101", "?per_page=0", "?per_page=ten", "?page=-1", "?page=1&page=2",
		"?deployed=yes", "?installed=1", "?triggerId=post-logn", "?trigger_id=post-login", "?include_totals=true",
	} {
		resp, body := raw(t, srv, http.MethodGet, "/api/v2/actions/actions"+q, "", true)
		if resp.StatusCode != http.StatusBadRequest || body["errorCode"] != "invalid_query_string" {
			t.Errorf("%s: %d %v, want 400 invalid_query_string", q, resp.StatusCode, body)
		}
	}
	// Through the SDK: it checks PerPage itself, so force the value.
	_, err := srv.Client().Actions.List(t.Context(), auth0.ActionListParams{}, option.WithQuery("per_page", "101"))
	wantAPIError(t, err, http.StatusBadRequest, "invalid_query_string",
		"Query validation error: 'Value 101 is greater than maximum 100' on property per_page.")
}

func TestListFilters(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	seedActions(t, srv, 12) // action-00 … action-11, post-login
	p := newParams("exchange")
	p.SupportedTriggers = []auth0.Trigger{{ID: auth0.TriggerCredentialsExchange, Version: "v2"}}
	ex := srv.AddAction(p)
	if _, err := c.Actions.Deploy(ctx, ex.ID); err != nil {
		t.Fatal(err)
	}

	count := func(params auth0.ActionListParams) int {
		t.Helper()
		n := 0
		for _, err := range c.Actions.ListAutoPaging(ctx, params).All() {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		return n
	}
	if n := count(auth0.ActionListParams{ActionName: auth0.String("action-1")}); n != 0 {
		t.Errorf("actionName=action-1 matched %d; the match is exact", n)
	}
	if n := count(auth0.ActionListParams{ActionName: auth0.String("action-10")}); n != 1 {
		t.Errorf("actionName=action-10 matched %d, want 1", n)
	}
	if n := count(auth0.ActionListParams{TriggerID: auth0.Ptr(auth0.TriggerCredentialsExchange)}); n != 1 {
		t.Errorf("triggerId matched %d, want 1", n)
	}
	if n := count(auth0.ActionListParams{Deployed: auth0.Bool(true)}); n != 1 {
		t.Errorf("deployed=true matched %d, want 1", n)
	}
	if n := count(auth0.ActionListParams{Deployed: auth0.Bool(false)}); n != 12 {
		t.Errorf("deployed=false matched %d, want 12", n)
	}
	if n := count(auth0.ActionListParams{Installed: auth0.Bool(false)}); n != 13 {
		t.Errorf("installed=false matched %d, want 13", n)
	}
}

func TestAutoPaging(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	seeded := seedActions(t, srv, 45)

	var names []string
	for a, err := range c.Actions.ListAutoPaging(ctx, auth0.ActionListParams{PerPage: auth0.Int(10)}).All() {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, a.Name)
	}
	if len(names) != 45 || names[0] != seeded[0].Name || names[44] != seeded[44].Name {
		t.Fatalf("auto-paging gave %d items", len(names))
	}
	if n := srv.RequestCount(auth0test.RouteActionsList); n != 5 {
		t.Errorf("list requests = %d, want 5 (the fifth page is short)", n)
	}

	first, err := c.Actions.List(ctx, auth0.ActionListParams{PerPage: auth0.Int(20)})
	if err != nil {
		t.Fatal(err)
	}
	if first.Total != 45 || first.Page != 0 || !first.HasNextPage() {
		t.Errorf("page 0: total %d page %d", first.Total, first.Page)
	}
	second, err := first.GetNextPage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if second.Total != 0 || second.Page != 1 || len(second.Items) != 20 || second.Items[0].Name != "action-20" {
		t.Errorf("page 1: total %d page %d items %d", second.Total, second.Page, len(second.Items))
	}
}

func TestVersionAndBindingPages(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	actions := seedActions(t, srv, 3)
	var refs []auth0.BindingUpdate
	for _, a := range actions {
		for range 3 {
			if _, err := c.Actions.Deploy(ctx, a.ID); err != nil {
				t.Fatal(err)
			}
		}
		refs = append(refs, auth0.BindingUpdate{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: a.Name}, DisplayName: auth0.String("b-" + a.Name)})
	}
	if _, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: refs}); err != nil {
		t.Fatal(err)
	}

	var numbers []int
	for v, err := range c.Actions.Versions.ListAutoPaging(ctx, actions[0].ID, auth0.ActionVersionListParams{PerPage: auth0.Int(2)}).All() {
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, v.Number)
	}
	if fmt.Sprint(numbers) != "[3 2 1]" {
		t.Errorf("versions = %v, want newest first", numbers)
	}

	_, body := raw(t, srv, http.MethodGet, "/api/v2/actions/triggers/post-login/bindings?per_page=2", "", true)
	if body["total"] != float64(3) || len(body["bindings"].([]any)) != 2 {
		t.Errorf("bindings page 0 = %v", body)
	}
	_, body = raw(t, srv, http.MethodGet, "/api/v2/actions/triggers/post-login/bindings?per_page=2&page=1", "", true)
	if _, ok := body["total"]; ok || body["page"] != float64(1) || len(body["bindings"].([]any)) != 1 {
		t.Errorf("bindings page 1 = %v", body)
	}
	var order []string
	for b, err := range c.Actions.Triggers.Bindings.ListAutoPaging(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{PerPage: auth0.Int(1)}).All() {
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, b.DisplayName)
	}
	if fmt.Sprint(order) != "[b-action-00 b-action-01 b-action-02]" {
		t.Errorf("binding order = %v", order)
	}
	_, body = raw(t, srv, http.MethodGet, "/api/v2/actions/triggers/credentials-exchange/bindings", "", true)
	if _, ok := body["total"]; ok || len(body["bindings"].([]any)) != 0 {
		t.Errorf("empty bindings = %v, want no total", body)
	}
}
