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
	"unicode/utf8"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

const fuzzToken = "fz-root-bearer-9a8b7c"

// cannedTransport answers every request with one canned response, without a
// network, and records the requests.
type cannedTransport struct {
	status int
	header http.Header
	body   []byte

	mu   sync.Mutex
	reqs []*http.Request
}

func (rt *cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
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

func (rt *cannedTransport) requests() []*http.Request {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return append([]*http.Request(nil), rt.reqs...)
}

func newFuzzClient(rt http.RoundTripper) *auth0.Client {
	return auth0.NewClient(option.WithBaseURL("https://tenant.example/api/v2/"), option.WithToken(fuzzToken),
		option.WithHTTPClient(&http.Client{Transport: rt}), option.WithMaxRetries(0), option.WithRateLimitPacing(false))
}

// requireRawIsItem checks that an item's RawJSON is there and that encoding/json
// decodes it to the item itself (so the SDK's decoder agrees with it).
func requireRawIsItem[T any](t *testing.T, what string, item T, raw json.RawMessage) {
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

// requireRawIsBody checks that a response's RawJSON is the body it was decoded from.
func requireRawIsBody(t *testing.T, what string, raw json.RawMessage, body []byte) {
	t.Helper()
	want := bytes.TrimSpace(body)
	if !bytes.Equal(raw, want) {
		t.Fatalf("%s: RawJSON %q, want the body %q", what, raw, want)
	}
}

// requireEveryItem checks every item of a page and walks a few more pages.
func requireEveryItem[T any, PT interface {
	*T
	RawJSON() json.RawMessage
}](t *testing.T, ctx context.Context, page *auth0.PageNumberPage[T], body []byte, key string) {
	t.Helper()
	requireRawIsBody(t, "page", page.RawJSON(), body)
	for i := range page.Items {
		requireRawIsItem(t, key+"["+strconv.Itoa(i)+"]", page.Items[i], PT(&page.Items[i]).RawJSON())
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
		ctx := t.Context()
		c := newFuzzClient(&cannedTransport{status: http.StatusOK, header: http.Header{"Content-Type": {"application/json"}}, body: body})
		switch kind % 11 {
		case 0:
			if a, err := c.Actions.Get(ctx, "act_1"); err == nil {
				requireRawIsBody(t, "Action", a.RawJSON(), body)
			}
		case 1:
			if a, err := c.Actions.Update(ctx, "act_1", auth0.ActionUpdateParams{Code: auth0.String("x")}); err == nil {
				requireRawIsBody(t, "Action", a.RawJSON(), body)
			}
		case 2:
			if v, err := c.Actions.Deploy(ctx, "act_1"); err == nil {
				requireRawIsBody(t, "ActionVersion", v.RawJSON(), body)
				if v.ActionID == "" && v.Action.ID != "" {
					t.Fatalf("ActionVersion: ActionID not filled in from action.id %q", v.Action.ID)
				}
			}
		case 3:
			if v, err := c.Actions.Versions.Get(ctx, "act_1", "ver_1"); err == nil {
				requireRawIsBody(t, "ActionVersion", v.RawJSON(), body)
			}
		case 4:
			if e, err := c.Actions.Executions.Get(ctx, "exe_1"); err == nil {
				requireRawIsBody(t, "Execution", e.RawJSON(), body)
			}
		case 5:
			if r, err := c.Actions.Triggers.List(ctx); err == nil {
				requireRawIsBody(t, "TriggerListResponse", r.RawJSON(), body)
				for i := range r.Triggers {
					requireRawIsItem(t, "triggers["+strconv.Itoa(i)+"]", r.Triggers[i], r.Triggers[i].RawJSON())
				}
			}
		case 6:
			if r, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}}); err == nil {
				requireRawIsBody(t, "BindingUpdateResponse", r.RawJSON(), body)
				for i := range r.Bindings {
					requireRawIsItem(t, "bindings["+strconv.Itoa(i)+"]", r.Bindings[i], r.Bindings[i].RawJSON())
				}
			}
		case 7:
			if r, err := c.Actions.Test(ctx, "act_1", auth0.ActionTestParams{Payload: map[string]any{}}); err == nil {
				requireRawIsBody(t, "ActionTestResponse", r.RawJSON(), body)
			}
		case 8:
			if p, err := c.Actions.List(ctx, auth0.ActionListParams{}); err == nil {
				requireEveryItem(t, ctx, p, body, "actions")
			}
		case 9:
			if p, err := c.Actions.Versions.List(ctx, "act_1", auth0.ActionVersionListParams{}); err == nil {
				requireEveryItem(t, ctx, p, body, "versions")
			}
		case 10:
			if p, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerPostLogin, auth0.BindingListParams{}); err == nil {
				requireEveryItem(t, ctx, p, body, "bindings")
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
		c := newFuzzClient(&cannedTransport{status: code, header: h, body: body})
		_, err := c.Actions.New(t.Context(), auth0.ActionNewParams{Name: "a",
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
		if errors.Is(err, auth0.ErrNotFound) != (code == 404) || errors.Is(err, auth0.ErrRateLimited) != (code == 429) ||
			errors.Is(err, auth0.ErrConflict) != (code == 409) || errors.Is(err, auth0.ErrServer) != (code >= 500) ||
			errors.Is(err, auth0.ErrOutcomeUnknown) != (code >= 500 || code == 408) {
			t.Fatalf("status %d: sentinels disagree: %q", code, text)
		}
		if apiErr.RetryAfter < 0 {
			t.Fatalf("negative RetryAfter %s", apiErr.RetryAfter)
		}
		for what, s := range map[string]string{"Error()": text, "DumpRequest": string(apiErr.DumpRequest(true)),
			"DumpResponse body": string(apiErr.RawJSON())} {
			if strings.Contains(s, fuzzToken) || strings.Contains(s, "fz-secret-value-77") {
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
		ctx := t.Context()
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
				_, err := c.Actions.Versions.Deploy(ctx, id, id2, auth0.ActionVersionDeployParams{})
				return err
			}, []string{"actions", "actions", "", "versions", "", "deploy"}, []string{id, id2}},
			{func(c *auth0.Client) error {
				_, err := c.Actions.Triggers.Bindings.List(ctx, auth0.TriggerID(id2), auth0.BindingListParams{})
				return err
			}, []string{"actions", "triggers", "", "bindings"}, []string{id2}},
		} {
			rt := &cannedTransport{status: http.StatusOK, body: []byte(`{}`)}
			err := pc.call(newFuzzClient(rt))
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

		rt := &cannedTransport{status: http.StatusOK, body: []byte(`{"actions":[]}`)}
		tid := auth0.TriggerID(trigger)
		_, err := newFuzzClient(rt).Actions.List(ctx, auth0.ActionListParams{ActionName: &name, TriggerID: &tid,
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

// FuzzDecodeModuleResponse decodes any 200 body as each of the module
// responses: nothing panics or loops, an error is returned rather than a
// half-decoded value, RawJSON is the body, each list item's RawJSON is that
// item, and LatestVersionNum reads whichever number was sent. Seeds:
// testdata/fuzz/FuzzDecodeModuleResponse.
func FuzzDecodeModuleResponse(f *testing.F) {
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		ctx := t.Context()
		c := newFuzzClient(&cannedTransport{status: http.StatusOK, header: http.Header{"Content-Type": {"application/json"}}, body: body})
		m := &c.Actions.Modules
		module := func(what string, mod *auth0.ActionModule, err error) {
			if err != nil {
				if mod != nil {
					t.Fatalf("%s: a value with the error %v", what, err)
				}
				return
			}
			requireRawIsBody(t, what, mod.RawJSON(), body)
			if v := mod.LatestVersion; v != nil && v.VersionNumber > 0 && mod.LatestVersionNumber == 0 {
				t.Fatalf("%s: LatestVersionNumber not filled in from the nested %d", what, v.VersionNumber)
			}
			if mod.LatestVersion != nil && mod.LatestVersion.RawJSON() != nil {
				t.Fatalf("%s: the nested version has JSON of its own", what)
			}
		}
		version := func(what string, v *auth0.ActionModuleVersion, err error) {
			if err != nil {
				if v != nil {
					t.Fatalf("%s: a value with the error %v", what, err)
				}
				return
			}
			requireRawIsBody(t, what, v.RawJSON(), body)
		}
		switch kind % 9 {
		case 0:
			mod, err := m.Get(ctx, "mod_1")
			module("Modules.Get", mod, err)
		case 1:
			mod, err := m.New(ctx, auth0.ModuleNewParams{Name: "m", Code: "x"})
			module("Modules.New", mod, err)
		case 2:
			mod, err := m.Update(ctx, "mod_1", auth0.ModuleUpdateParams{Code: auth0.String("x")})
			module("Modules.Update", mod, err)
		case 3:
			mod, err := m.Rollback(ctx, "mod_1", auth0.ModuleRollbackParams{ModuleVersionID: "ver_1"})
			module("Modules.Rollback", mod, err)
		case 4:
			v, err := m.Versions.New(ctx, "mod_1")
			version("Versions.New", v, err)
		case 5:
			v, err := m.Versions.Get(ctx, "mod_1", "ver_1")
			version("Versions.Get", v, err)
		case 6:
			if p, err := m.List(ctx, auth0.ModuleListParams{}); err == nil {
				requireEveryItem(t, ctx, p, body, "modules")
				for _, mod := range p.Items {
					if v := mod.LatestVersion; v != nil && v.VersionNumber > 0 && mod.LatestVersionNumber == 0 {
						t.Fatalf("List: LatestVersionNumber not filled in from the nested %d", v.VersionNumber)
					}
				}
			}
			n := 0
			for _, err := range m.ListAutoPaging(ctx, auth0.ModuleListParams{}).All() {
				if n++; err != nil || n > 300 {
					break
				}
			}
		case 7:
			if p, err := m.ListActions(ctx, "mod_1", auth0.ModuleActionListParams{}); err == nil {
				requireEveryItem(t, ctx, p, body, "actions")
			}
			it := m.ListActionsAutoPaging(ctx, "mod_1", auth0.ModuleActionListParams{PerPage: auth0.Int(1)})
			for n := 0; n < 300 && it.Next(); n++ {
			}
		case 8:
			if p, err := m.Versions.List(ctx, "mod_1", auth0.ModuleVersionListParams{}); err == nil {
				requireEveryItem(t, ctx, p, body, "versions")
			}
			n := 0
			for _, err := range m.Versions.ListAutoPaging(ctx, "mod_1", auth0.ModuleVersionListParams{PerPage: auth0.Int(2)}).All() {
				if n++; err != nil || n > 300 {
					break
				}
			}
		}
	})
}

// validModuleString is the rule every string of a module request follows:
// valid UTF-8 (so that the JSON sent is what was given), no NUL, and at
// most max characters when max > 0.
func validModuleString(s string, max int) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0) && (max <= 0 || utf8.RuneCountInString(s) <= max)
}

// validModuleDraft is an independent statement of the rules for the secrets
// and dependencies of a module request.
func validModuleDraft(secrets []auth0.ActionSecretParam, deps []auth0.ActionModuleDependency) bool {
	seen := map[string]bool{}
	for _, s := range secrets {
		if s.Name == "" || !validModuleString(s.Name, 255) || !validModuleString(s.Value, 4096) || seen[s.Name] {
			return false
		}
		seen[s.Name] = true
	}
	for _, d := range deps {
		if d.Name == "" || d.Version == "" || !validModuleString(d.Name, 255) || !validModuleString(d.Version, 50) {
			return false
		}
	}
	return true
}

// bodyRecorder is an cannedTransport that also keeps the body of the last
// request.
type bodyRecorder struct {
	cannedTransport
	bodyMu sync.Mutex
	last   []byte
}

func (rt *bodyRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var b []byte
	if req.Body != nil {
		b, _ = io.ReadAll(req.Body)
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(b))
	}
	rt.bodyMu.Lock()
	rt.last = b
	rt.bodyMu.Unlock()
	return rt.cannedTransport.RoundTrip(req)
}

func (rt *bodyRecorder) sent() []byte {
	rt.bodyMu.Lock()
	defer rt.bodyMu.Unlock()
	return rt.last
}

// requireSendsExactly sends params through call on a client that records the
// request: a refused params sends nothing and its error says "auth0:" once
// and names the params type; an accepted one sends exactly its JSON, which
// decodes back to the params.
func requireSendsExactly[P any](t *testing.T, what string, params P, valid bool, call func(c *auth0.Client) error) {
	t.Helper()
	rt := &bodyRecorder{cannedTransport: cannedTransport{status: http.StatusOK, body: []byte(`{}`)}}
	err := call(newFuzzClient(rt))
	reqs := rt.requests()
	if !valid {
		if err == nil || len(reqs) != 0 {
			t.Fatalf("%s %#v: refused by the rules but err %v and %d requests", what, params, err, len(reqs))
		}
		if msg := err.Error(); strings.Count(msg, "auth0:") != 1 || !strings.HasPrefix(msg, "auth0: "+what) {
			t.Fatalf("%s: message %q", what, msg)
		}
		return
	}
	if err != nil || len(reqs) != 1 {
		t.Fatalf("%s %#v: accepted by the rules but err %v and %d requests", what, params, err, len(reqs))
	}
	want, merr := json.Marshal(params)
	if merr != nil || !json.Valid(want) {
		t.Fatalf("%s: marshals to invalid JSON %q: %v", what, want, merr)
	}
	if got := rt.sent(); !bytes.Equal(got, want) {
		t.Fatalf("%s: sent %q, want %q", what, got, want)
	}
	var back P
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&back); err != nil || !reflect.DeepEqual(back, params) {
		t.Fatalf("%s: the JSON sent %q decodes to %#v (%v), not the params %#v", what, want, back, err, params)
	}
}

// FuzzModuleParams validates and sends module params of any content:
// Validate never panics and agrees with an independent statement of
// Auth0's rules (required fields, lengths in characters, no NUL, valid
// UTF-8, distinct secret names, page bounds); refused params send nothing
// and never quote a secret value; accepted params are sent as exactly
// their JSON, which is valid and decodes back to the params (no U+FFFD
// substituted). Seeds: testdata/fuzz/FuzzModuleParams.
func FuzzModuleParams(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, code, apiVersion, secretName, secretValue, depName, depVersion, versionID string,
		flags uint8, page, perPage int) {
		ctx := t.Context()
		var secrets []auth0.ActionSecretParam
		if flags&1 != 0 {
			secrets = []auth0.ActionSecretParam{{Name: secretName, Value: secretValue}}
			if flags&2 != 0 {
				secrets = append(secrets, auth0.ActionSecretParam{Name: depName, Value: secretValue})
			}
		} else if flags&2 != 0 {
			secrets = []auth0.ActionSecretParam{}
		}
		var deps []auth0.ActionModuleDependency
		if flags&4 != 0 {
			deps = []auth0.ActionModuleDependency{{Name: depName, Version: depVersion}}
		} else if flags&8 != 0 {
			deps = []auth0.ActionModuleDependency{}
		}
		np := auth0.ModuleNewParams{Name: name, Code: code, Secrets: secrets, Dependencies: deps}
		if flags&16 != 0 {
			np.APIVersion = &apiVersion
		}
		if flags&32 != 0 {
			np.Publish = auth0.Bool(flags&64 != 0)
		}
		newOK := name != "" && code != "" && validModuleString(name, 255) && validModuleString(code, 65536) &&
			(np.APIVersion == nil || validModuleString(apiVersion, 20)) && validModuleDraft(secrets, deps)
		if err := np.Validate(); (err == nil) != newOK {
			t.Fatalf("ModuleNewParams %#v: Validate %v, rules say valid=%v", np, err, newOK)
		} else if err != nil && len(secretValue) >= 8 && strings.Contains(err.Error(), secretValue) &&
			!strings.Contains(name+code+apiVersion+secretName+depName+depVersion, secretValue) {
			t.Fatalf("the error quotes a secret value: %q", err)
		}
		requireSendsExactly(t, "ModuleNewParams", np, newOK, func(c *auth0.Client) error {
			_, err := c.Actions.Modules.New(ctx, np)
			return err
		})

		up := auth0.ModuleUpdateParams{Secrets: secrets, Dependencies: deps}
		if flags&128 != 0 {
			up.Code = &code
		}
		updOK := (up.Code == nil || validModuleString(code, 65536)) && validModuleDraft(secrets, deps)
		if err := up.Validate(); (err == nil) != updOK {
			t.Fatalf("ModuleUpdateParams %#v: Validate %v, rules say valid=%v", up, err, updOK)
		}
		requireSendsExactly(t, "ModuleUpdateParams", up, updOK, func(c *auth0.Client) error {
			_, err := c.Actions.Modules.Update(ctx, "mod_1", up)
			return err
		})

		rp := auth0.ModuleRollbackParams{ModuleVersionID: versionID}
		rbOK := strings.TrimSpace(versionID) != "" && validModuleString(versionID, 0)
		if err := rp.Validate(); (err == nil) != rbOK {
			t.Fatalf("ModuleRollbackParams %#v: Validate %v, rules say valid=%v", rp, err, rbOK)
		}
		requireSendsExactly(t, "ModuleRollbackParams", rp, rbOK, func(c *auth0.Client) error {
			_, err := c.Actions.Modules.Rollback(ctx, "mod_1", rp)
			return err
		})

		pageOK := page >= 0 && perPage >= 1 && perPage <= auth0.MaxPerPage
		for what, err := range map[string]error{
			"ModuleListParams":        auth0.ModuleListParams{Page: &page, PerPage: &perPage}.Validate(),
			"ModuleActionListParams":  auth0.ModuleActionListParams{Page: &page, PerPage: &perPage}.Validate(),
			"ModuleVersionListParams": auth0.ModuleVersionListParams{Page: &page, PerPage: &perPage}.Validate(),
		} {
			if (err == nil) != pageOK {
				t.Fatalf("%s page %d per_page %d: Validate %v", what, page, perPage, err)
			}
		}
		if pageOK {
			rt := &cannedTransport{status: http.StatusOK, body: []byte(`{"versions":[]}`)}
			if _, err := newFuzzClient(rt).Actions.Modules.Versions.List(ctx, "mod_1", auth0.ModuleVersionListParams{Page: &page, PerPage: &perPage}); err != nil {
				t.Fatalf("list: %v", err)
			}
			got := rt.requests()[0].URL.Query()
			want := url.Values{"page": {strconv.Itoa(page)}, "per_page": {strconv.Itoa(perPage)}}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("list query %v, want %v", got, want)
			}
		}
	})
}
