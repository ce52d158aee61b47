package contracttest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
)

// harness runs SDK calls against one Prism and checks both directions of
// the contract: the request (Prism's sl-violations, plus what the SDK put in
// it) and the response (decoded without error, without losing or changing a
// field, and, in static mode, with the fields the document's examples set).
type harness struct {
	srv     *prismServer
	doc     *openAPI
	rec     *recorder
	client  *auth0.Client
	dynamic bool
	calls   atomic.Int64
}

func newHarness(t *testing.T, dynamic bool) *harness {
	t.Helper()
	srv := requirePrism(t, dynamic)
	h := &harness{srv: srv, doc: loadOpenAPI(t, srv.spec), rec: &recorder{}, dynamic: dynamic}
	h.client = newClient(srv, h.rec)
	t.Cleanup(func() { h.rec.failOnViolations(t) })
	return h
}

// operation is one SDK call with its expectations.
type operation struct {
	name   string // the SDK method and a variant: "Actions.List/all-filters"
	method string // the document's operation
	path   string
	// reqPage and reqPerPage are the page and page size a list call asks for.
	reqPage, reqPerPage int
	// complete marks a call whose params set every property of the
	// document's request body and every query parameter: the request must
	// carry them all.
	complete bool

	call func(ctx context.Context, c *auth0.Client) (any, error)
	// request checks what the SDK sent (optional).
	request func(e expect, ex exchange)
	// check checks the decoded result in static mode (optional).
	check func(e expect, v any)
}

func (op operation) label() string {
	return fmt.Sprintf("%s (%s %s)", op.name, op.method, op.path)
}

// run makes the call and checks it; it returns the SDK's result.
func (h *harness) run(t *testing.T, op operation) any {
	t.Helper()
	label := op.label()
	e := expect{t: t, label: label}
	mark := h.rec.mark()
	v, err := op.call(t.Context(), h.client)
	exs := h.rec.since(mark)
	h.rec.reportViolations(t, label, mark)
	if len(exs) != 1 {
		t.Errorf("%s: the SDK sent %d requests, want 1", label, len(exs))
	}
	if err != nil {
		t.Errorf("%s: %v", label, err)
		return nil
	}
	if len(exs) == 0 {
		return v
	}
	ex := exs[len(exs)-1]
	if ex.method != op.method || !pathRE(op.path).MatchString(ex.url.Path) {
		t.Errorf("%s: the SDK sent %s, want %s %s", label, ex, op.method, op.path)
	}
	if got := ex.reqHeader.Get("Authorization"); got != "Bearer contract-test-token" {
		t.Errorf("%s: Authorization is %q", label, got)
	}
	if op.request != nil {
		op.request(e, ex)
	}
	if op.complete {
		h.checkComplete(e, op, ex)
	}
	schema, code := h.doc.successSchema(op.method, op.path)
	if strconv.Itoa(ex.status) != code {
		t.Errorf("%s: Prism answered %d, the document's success status is %s", label, ex.status, code)
	}
	if schema != nil {
		if v == nil || reflect.ValueOf(v).IsNil() {
			t.Errorf("%s: the SDK returned no value for a %d response", label, ex.status)
			return v
		}
		h.checkBody(e, op, v, ex.respBody)
	}
	if !h.dynamic && op.check != nil {
		op.check(e, v)
	}
	h.count()
	return v
}

func (h *harness) count() {
	h.calls.Add(1)
	if h.dynamic {
		totals.dynamic.Add(1)
	} else {
		totals.static.Add(1)
	}
}

// checkComplete checks that the request carries every body property and
// query parameter the document defines for the operation.
func (h *harness) checkComplete(e expect, op operation, ex exchange) {
	e.t.Helper()
	body, query := h.doc.requestKeys(op.method, op.path)
	if len(body) > 0 {
		b := e.body(ex)
		for _, k := range body {
			if _, ok := b[k]; !ok {
				e.errorf("the request body lacks the document's property %q", k)
			}
		}
	}
	got := ex.url.Query()
	for _, k := range query {
		if !got.Has(k) {
			e.errorf("the query lacks the document's parameter %q", k)
		}
	}
}

// checkBody compares the response body with what the SDK decoded from it.
func (h *harness) checkBody(e expect, op operation, v any, body []byte) {
	e.t.Helper()
	raw, err := decodeAny(body)
	if err != nil {
		e.errorf("the response is not JSON: %v", err)
		return
	}
	dropNotInResponses(raw)
	if !h.dynamic {
		modelled, err := json.Marshal(raw)
		if err != nil {
			e.errorf("encoding the response again: %v", err)
			return
		}
		// Static mode fills in every property of the document's schema, so a
		// field the SDK's type lacks shows up here. (Dynamic mode adds random
		// properties where the document allows additional ones.)
		if err := strictDecode(modelled, v); err != nil {
			e.errorf("the SDK's %T does not model the whole response: %v", v, err)
		}
		// That check is only as good as the example: it must hold every
		// documented property.
		got := map[string]bool{}
		shapePaths(raw, "", got)
		for _, p := range sortedKeys(h.doc.documented(op.method, op.path)) {
			if !got[p] && !strings.HasSuffix(p, "*") {
				e.errorf("Prism's static response lacks the documented %s, so the suite does not check it", p)
			}
		}
	}
	view, key := sdkView(v)
	cmp := raw
	if key != "" {
		m, _ := raw.(map[string]any)
		checkCounters(e.t, e.label, v, m, op.reqPage, op.reqPerPage)
		cmp = map[string]any{key: m[key]}
	}
	var keep func(string) bool
	if h.dynamic {
		doc := h.doc.documented(op.method, op.path)
		keep = func(p string) bool { return isDocumented(doc, p) }
	}
	diffs := diffWire(cmp, view, keep)
	for i, d := range diffs {
		if i == 15 {
			e.errorf("... and %d more differences", len(diffs)-i)
			break
		}
		e.errorf("decoded response differs: %s", d)
	}
	checkRawJSON(e.t, e.label, v, body)
}

// expect reports failures under a call's label.
type expect struct {
	t     *testing.T
	label string
}

func (e expect) errorf(format string, args ...any) {
	e.t.Helper()
	e.t.Errorf(e.label+": "+format, args...)
}

func (e expect) that(ok bool, format string, args ...any) {
	e.t.Helper()
	if !ok {
		e.errorf(format, args...)
	}
}

// body returns the request's JSON body as a map.
func (e expect) body(ex exchange) map[string]any {
	e.t.Helper()
	if ct := ex.reqHeader.Get("Content-Type"); ct != "application/json" {
		e.errorf("Content-Type is %q, want application/json", ct)
	}
	var m map[string]any
	if err := json.Unmarshal(ex.reqBody, &m); err != nil {
		e.errorf("the request body is not a JSON object: %v: %s", err, orNone(ex.reqBody))
	}
	return m
}

// keys checks that m has exactly the given keys.
func (e expect) keys(what string, m map[string]any, want ...string) {
	e.t.Helper()
	got := sortedKeys(m)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		e.errorf("%s has keys %v, want %v", what, got, want)
	}
}

// query checks the request's query string, exactly.
func (e expect) query(ex exchange, want url.Values) {
	e.t.Helper()
	got := ex.url.Query()
	if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
		e.errorf("query is %q, want %q", got.Encode(), want.Encode())
	}
}

// noBody checks the request carries no body.
func (e expect) noBody(ex exchange) {
	e.t.Helper()
	if len(ex.reqBody) != 0 {
		e.errorf("the request has a body, want none: %s", ex.reqBody)
	}
}
