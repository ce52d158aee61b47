package auth0_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

const fzToken = "fz-root-bearer-9a8b7c"

// fzTransport answers every request with one canned response, without a
// network, and records the requests.
type fzTransport struct {
	status int
	header http.Header
	body   []byte

	mu   sync.Mutex
	reqs []*http.Request
}

func (rt *fzTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	rt.mu.Lock()
	rt.reqs = append(rt.reqs, req)
	rt.mu.Unlock()
	h := rt.header.Clone()
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: rt.status, Status: strconv.Itoa(rt.status) + " " + http.StatusText(rt.status),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h, Request: req,
		Body: io.NopCloser(bytes.NewReader(rt.body)), ContentLength: int64(len(rt.body))}, nil
}

func (rt *fzTransport) requests() []*http.Request {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return append([]*http.Request(nil), rt.reqs...)
}

func fzClient(rt http.RoundTripper) *auth0.Client {
	return auth0.NewClient(option.WithBaseURL("https://tenant.example/api/v2/"), option.WithToken(fzToken),
		option.WithHTTPClient(&http.Client{Transport: rt}), option.WithMaxRetries(0), option.WithRateLimitPacing(false))
}

// fzSame checks that an item's RawJSON is there and that encoding/json
// decodes it to the item itself (so the SDK's decoder agrees with it).
func fzSame[T any](t *testing.T, what string, item T, raw json.RawMessage) {
	t.Helper()
	if raw == nil {
		t.Fatalf("%s has no RawJSON", what)
	}
	var fresh T
	if err := json.Unmarshal(raw, &fresh); err != nil {
		t.Fatalf("%s: RawJSON %q does not decode: %v", what, raw, err)
	}
	a, errA := json.Marshal(item)
	b, errB := json.Marshal(fresh)
	if !bytes.Equal(a, b) || (errA == nil) != (errB == nil) {
		t.Fatalf("%s: RawJSON %q is not the item's JSON:\nitem %s\nraw  %s", what, raw, a, b)
	}
}

// fzWhole checks that a response's RawJSON is the body it was decoded from.
func fzWhole(t *testing.T, what string, raw json.RawMessage, body []byte) {
	t.Helper()
	want := bytes.TrimSpace(body)
	if !bytes.Equal(raw, want) {
		t.Fatalf("%s: RawJSON %q, want the body %q", what, raw, want)
	}
}

// fzItems checks every item of a page and walks a few more pages.
func fzItems[T any, PT interface {
	*T
	RawJSON() json.RawMessage
}](t *testing.T, ctx context.Context, page *auth0.PageNumberPage[T], body []byte, key string) {
	t.Helper()
	fzWhole(t, "page", page.RawJSON(), body)
	for i := range page.Items {
		fzSame(t, key+"["+strconv.Itoa(i)+"]", page.Items[i], PT(&page.Items[i]).RawJSON())
	}
	// The same body again is the next page: this must end (a repeated or
	// short page) or at least not misbehave; stop after a few pages.
	for range 3 {
		next, err := page.GetNextPage(ctx)
		if err != nil || next == nil {
			return
		}
		page = next
	}
}

// FuzzDecodeResponse decodes any 200 body as each of the SDK's response
// types: nothing panics, an error is returned rather than a half-decoded
// value, RawJSON is the body, and each list item's RawJSON is that item
// (also when the list's key is repeated or in another case: the decoder
// notes each item's place as it decodes it).
// Seeds: testdata/fuzz/FuzzDecodeResponse.
func FuzzDecodeResponse(f *testing.F) {
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		ctx := context.Background()
		c := fzClient(&fzTransport{status: http.StatusOK, header: http.Header{"Content-Type": {"application/json"}}, body: body})
		switch kind % 11 {
		case 0:
			if a, err := c.Actions.Get(ctx, "act_1"); err == nil {
				fzWhole(t, "Action", a.RawJSON(), body)
			}
		case 1:
			if a, err := c.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{Code: auth0.String("x")}); err == nil {
				fzWhole(t, "Action", a.RawJSON(), body)
			}
		case 2:
			if v, err := c.Actions.Deploy(ctx, "act_1"); err == nil {
				fzWhole(t, "ActionVersion", v.RawJSON(), body)
				_ = v.GetActionID()
			}
		case 3:
			if v, err := c.Actions.Versions.Get(ctx, "act_1", "ver_1"); err == nil {
				fzWhole(t, "ActionVersion", v.RawJSON(), body)
			}
		case 4:
			if e, err := c.Actions.Executions.Get(ctx, "exe_1"); err == nil {
				fzWhole(t, "Execution", e.RawJSON(), body)
			}
		case 5:
			if r, err := c.Actions.Triggers.List(ctx); err == nil {
				fzWhole(t, "TriggerListResponse", r.RawJSON(), body)
				for i := range r.Triggers {
					fzSame(t, "triggers["+strconv.Itoa(i)+"]", r.Triggers[i], r.Triggers[i].RawJSON())
				}
			}
		case 6:
			if r, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{}); err == nil {
				fzWhole(t, "BindingUpdateResponse", r.RawJSON(), body)
				for i := range r.Bindings {
					fzSame(t, "bindings["+strconv.Itoa(i)+"]", r.Bindings[i], r.Bindings[i].RawJSON())
				}
			}
		case 7:
			if r, err := c.Actions.Test(ctx, "act_1", auth0.ActionTestParams{Payload: map[string]any{}}); err == nil {
				fzWhole(t, "ActionTestResponse", r.RawJSON(), body)
			}
		case 8:
			if p, err := c.Actions.List(ctx, auth0.ActionListParams{}); err == nil {
				fzItems(t, ctx, p, body, "actions")
			}
		case 9:
			if p, err := c.Actions.Versions.List(ctx, "act_1", auth0.VersionListParams{}); err == nil {
				fzItems(t, ctx, p, body, "versions")
			}
		case 10:
			if p, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{}); err == nil {
				fzItems(t, ctx, p, body, "bindings")
			}
			n := 0
			for _, err := range c.Actions.Triggers.Bindings.ListAutoPaging(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{}).All() {
				if n++; err != nil || n > 300 {
					break
				}
			}
		}
	})
}

// FuzzErrorBody answers with any 4xx or 5xx, body, Retry-After and
// x-ratelimit-reset: the call returns an *auth0.Error with that status,
// the sentinels agree with it, and its dumps never show the bearer token.
// Seeds: testdata/fuzz/FuzzErrorBody.
func FuzzErrorBody(f *testing.F) {
	f.Fuzz(func(t *testing.T, status uint16, body []byte, retryAfter, reset string) {
		code := 400 + int(status)%200
		h := http.Header{"Content-Type": {"application/json"}, "X-Ratelimit-Limit": {"50"}, "X-Ratelimit-Remaining": {"0"}}
		if retryAfter != "" {
			h.Set("Retry-After", retryAfter)
		}
		if reset != "" {
			h.Set("X-Ratelimit-Reset", reset)
		}
		c := fzClient(&fzTransport{status: code, header: h, body: body})
		_, err := c.Actions.New(context.Background(), auth0.ActionNewParams{Name: "a",
			SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin}},
			Secrets:           []auth0.ActionSecretParam{{Name: "K", Value: "fz-secret-value-77"}}})
		var apiErr *auth0.Error
		if !errors.As(err, &apiErr) {
			t.Fatalf("status %d: %v is not an *auth0.Error", code, err)
		}
		text := apiErr.Error()
		if apiErr.StatusCode != code || apiErr.Attempts != 1 || !strings.Contains(text, strconv.Itoa(code)) {
			t.Fatalf("status %d: got %d after %d attempts: %q", code, apiErr.StatusCode, apiErr.Attempts, text)
		}
		if auth0.IsNotFound(err) != (code == 404) || auth0.IsRateLimited(err) != (code == 429) ||
			auth0.IsConflict(err) != (code == 409) || errors.Is(err, auth0.ErrServer) != (code >= 500) ||
			errors.Is(err, auth0.ErrOutcomeUnknown) != (code >= 500 || code == 408) {
			t.Fatalf("status %d: sentinels disagree: %q", code, text)
		}
		if apiErr.RetryAfter < 0 {
			t.Fatalf("negative RetryAfter %s", apiErr.RetryAfter)
		}
		for what, s := range map[string]string{"Error()": text, "DumpRequest": string(apiErr.DumpRequest(true)),
			"DumpResponse body": string(apiErr.RawJSON())} {
			if strings.Contains(s, fzToken) || strings.Contains(s, "fz-secret-value-77") {
				t.Fatalf("%s shows a secret: %q", what, s)
			}
		}
	})
}

// FuzzPathAndQuery sends IDs and list filters of any content through the
// client: "", "." and ".." are refused with nothing sent; any other ID
// reaches the endpoint asked for, on the named host, intact; filters reach
// the query string as single values and nothing else does. Seeds:
// testdata/fuzz/FuzzPathAndQuery.
func FuzzPathAndQuery(f *testing.F) {
	f.Fuzz(func(t *testing.T, id, id2, name, trigger string, page, perPage int) {
		ctx := context.Background()
		type pathCase struct {
			call func(c *auth0.Client) error
			tmpl []string // escaped path segments after /api/v2/; "" is a parameter
			ids  []string
		}
		for _, pc := range []pathCase{
			{func(c *auth0.Client) error { _, err := c.Actions.Get(ctx, id); return err },
				[]string{"actions", "actions", ""}, []string{id}},
			{func(c *auth0.Client) error { _, err := c.Actions.Executions.Get(ctx, id2); return err },
				[]string{"actions", "executions", ""}, []string{id2}},
			{func(c *auth0.Client) error {
				_, err := c.Actions.Versions.Deploy(ctx, id, id2, auth0.VersionDeployParams{})
				return err
			}, []string{"actions", "actions", "", "versions", "", "deploy"}, []string{id, id2}},
			{func(c *auth0.Client) error {
				_, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerID(id2), auth0.BindingListParams{})
				return err
			}, []string{"actions", "triggers", "", "bindings"}, []string{id2}},
		} {
			rt := &fzTransport{status: http.StatusOK, body: []byte(`{}`)}
			err := pc.call(fzClient(rt))
			refused := false
			for _, v := range pc.ids {
				refused = refused || v == "" || v == "." || v == ".."
			}
			reqs := rt.requests()
			if refused {
				if err == nil || len(reqs) != 0 {
					t.Fatalf("ids %q: err %v, %d requests; want an error and none", pc.ids, err, len(reqs))
				}
				continue
			}
			if err != nil || len(reqs) != 1 {
				t.Fatalf("ids %q: err %v, %d requests", pc.ids, err, len(reqs))
			}
			u := reqs[0].URL
			segs := strings.Split(strings.TrimPrefix(u.EscapedPath(), "/api/v2/"), "/")
			if u.Host != "tenant.example" || !strings.HasPrefix(u.EscapedPath(), "/api/v2/") || len(segs) != len(pc.tmpl) {
				t.Fatalf("ids %q reached %s", pc.ids, u)
			}
			n := 0
			for i, want := range pc.tmpl {
				got, err := url.PathUnescape(segs[i])
				if want == "" {
					want = pc.ids[n]
					n++
				}
				if err != nil || got != want {
					t.Fatalf("ids %q: segment %d is %q, want %q", pc.ids, i, got, want)
				}
			}
			if u.RawQuery != "" && !strings.Contains(u.EscapedPath(), "bindings") {
				t.Fatalf("ids %q: unexpected query %q", pc.ids, u.RawQuery)
			}
		}

		rt := &fzTransport{status: http.StatusOK, body: []byte(`{"actions":[]}`)}
		tid := auth0.TriggerID(trigger)
		_, err := fzClient(rt).Actions.List(ctx, auth0.ActionListParams{ActionName: &name, TriggerID: &tid,
			Page: &page, PerPage: &perPage})
		reqs := rt.requests()
		if name == "" || trigger == "" || page < 0 || perPage < 1 || perPage > 100 {
			if err == nil || len(reqs) != 0 {
				t.Fatalf("invalid list params sent: err %v, %d requests", err, len(reqs))
			}
			return
		}
		if err != nil || len(reqs) != 1 {
			t.Fatalf("list: err %v, %d requests", err, len(reqs))
		}
		u := reqs[0].URL
		want := url.Values{"actionName": {name}, "triggerId": {trigger}, "page": {strconv.Itoa(page)},
			"per_page": {strconv.Itoa(perPage)}}
		got, qerr := url.ParseQuery(u.RawQuery)
		if u.Host != "tenant.example" || u.EscapedPath() != "/api/v2/actions/actions" || qerr != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("list reached %s with query %v (%v), want %v", u, got, qerr, want)
		}
	})
}
