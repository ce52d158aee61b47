package contracttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	auth0 "github.com/actions-sdk/auth0-go"
)

// openAPI is a parsed OpenAPI document, read for its response schemas and
// enums.
type openAPI struct {
	doc   map[string]any
	mu    sync.Mutex
	cache map[string]map[string]bool
}

var (
	docsMu sync.Mutex
	docs   = map[string]*openAPI{}
)

func loadOpenAPI(t *testing.T, path string) *openAPI {
	t.Helper()
	docsMu.Lock()
	defer docsMu.Unlock()
	if d, ok := docs[path]; ok {
		return d
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the OpenAPI document: %v", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("parsing the OpenAPI document %s: %v", path, err)
	}
	d := &openAPI{doc: doc, cache: map[string]map[string]bool{}}
	docs[path] = d
	return d
}

func (o *openAPI) resolve(s any) map[string]any {
	m, _ := s.(map[string]any)
	for range 20 {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m
		}
		m = o.pointer(ref)
	}
	return m
}

func (o *openAPI) pointer(ref string) map[string]any {
	var cur any = o.doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		part = strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")
		m, _ := cur.(map[string]any)
		cur = m[part]
	}
	m, _ := cur.(map[string]any)
	return m
}

// operation returns the document's operation, or nil.
func (o *openAPI) operation(method, path string) map[string]any {
	paths, _ := o.doc["paths"].(map[string]any)
	item, _ := paths[path].(map[string]any)
	op, _ := item[strings.ToLower(method)].(map[string]any)
	return op
}

// successSchema returns the schema of the operation's 2xx JSON response and
// its status, or nil when the response has no body.
func (o *openAPI) successSchema(method, path string) (map[string]any, string) {
	op := o.operation(method, path)
	responses, _ := op["responses"].(map[string]any)
	for code, r := range responses {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		resp := o.resolve(r)
		content, _ := resp["content"].(map[string]any)
		media, _ := content["application/json"].(map[string]any)
		if media == nil {
			return nil, code
		}
		return o.resolve(media["schema"]), code
	}
	return nil, ""
}

// documented returns the property paths of the operation's response schema,
// with array indexes written [] ("actions[].deployed_version.id"); a
// free-form object (additionalProperties and no properties) adds "path.*".
func (o *openAPI) documented(method, path string) map[string]bool {
	key := method + " " + path
	o.mu.Lock()
	defer o.mu.Unlock()
	if d, ok := o.cache[key]; ok {
		return d
	}
	out := map[string]bool{}
	if s, _ := o.successSchema(method, path); s != nil {
		o.walk(s, "", out, 0)
	}
	o.cache[key] = out
	return out
}

func (o *openAPI) walk(schema any, prefix string, out map[string]bool, depth int) {
	if depth > 16 {
		return
	}
	s := o.resolve(schema)
	if s == nil {
		return
	}
	for _, k := range []string{"oneOf", "anyOf", "allOf"} {
		if alts, ok := s[k].([]any); ok {
			for _, alt := range alts {
				o.walk(alt, prefix, out, depth+1)
			}
		}
	}
	props, _ := s["properties"].(map[string]any)
	for name, ps := range props {
		if notInResponses[name] {
			continue
		}
		p := joinPath(prefix, name)
		out[p] = true
		o.walk(ps, p, out, depth+1)
	}
	if items, ok := s["items"]; ok {
		out[prefix+"[]"] = true
		o.walk(items, prefix+"[]", out, depth+1)
	}
	if ap, _ := s["additionalProperties"].(bool); ap && len(props) == 0 {
		out[joinPath(prefix, "*")] = true
	}
}

// notInResponses are the properties the document puts in response schemas
// that no live response carries, so the SDK's response types leave them
// out: "deploy" is a create-time input (ActionNewParams.Deploy) that Auth0's
// schema reuses in the Action shape. The suite does not expect them in a
// response, and drops them from Prism's generated ones before comparing.
var notInResponses = map[string]bool{"deploy": true}

// dropNotInResponses removes the notInResponses properties from every
// object of a decoded response.
func dropNotInResponses(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if notInResponses[k] {
				delete(x, k)
				continue
			}
			dropNotInResponses(e)
		}
	case []any:
		for _, e := range x {
			dropNotInResponses(e)
		}
	}
}

// requestKeys returns the top-level properties of the operation's JSON
// request body schema, and the names of its query parameters.
func (o *openAPI) requestKeys(method, path string) (body, query []string) {
	op := o.operation(method, path)
	if rb := o.resolve(op["requestBody"]); rb != nil {
		content, _ := rb["content"].(map[string]any)
		media, _ := content["application/json"].(map[string]any)
		if s := o.resolve(media["schema"]); s != nil {
			props, _ := s["properties"].(map[string]any)
			body = sortedKeys(props)
		}
	}
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		pm := o.resolve(p)
		if pm["in"] == "query" {
			query = append(query, fmt.Sprint(pm["name"]))
		}
	}
	slices.Sort(query)
	return body, query
}

// enum returns the values of a component schema's enum.
func (o *openAPI) enum(t *testing.T, name string) []string {
	t.Helper()
	s := o.pointer("#/components/schemas/" + name)
	vals, ok := s["enum"].([]any)
	if !ok {
		t.Fatalf("the document has no enum %s", name)
	}
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

var indexRE = regexp.MustCompile(`\[\d+\]`)

// shapePaths returns the paths of every key and array in a decoded JSON
// value, with array indexes written [].
func shapePaths(v any, prefix string, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := joinPath(prefix, k)
			out[p] = true
			shapePaths(e, p, out)
		}
	case []any:
		for _, e := range x {
			out[prefix+"[]"] = true
			shapePaths(e, prefix+"[]", out)
		}
	}
}

// isDocumented reports whether a leaf path ("actions[3].id") is one of the
// documented paths or lies under a free-form object.
func isDocumented(doc map[string]bool, path string) bool {
	g := indexRE.ReplaceAllString(path, "[]")
	if doc[g] {
		return true
	}
	for i := len(g) - 1; i > 0; i-- {
		if (g[i] == '.' || g[i] == '[') && doc[g[:i]+".*"] {
			return true
		}
	}
	return false
}

// strictDecode decodes a response body into the SDK type of v with unknown
// fields disallowed: it fails when the SDK does not model a field that the
// response carries.
func strictDecode(raw []byte, v any) error {
	if pg, ok := describePage(v); ok {
		return pg.strict(raw)
	}
	rt := reflect.TypeOf(v)
	if rt.Kind() != reflect.Pointer {
		return fmt.Errorf("strictDecode: %T is not a pointer", v)
	}
	return decodeStrict(raw, reflect.New(rt.Elem()).Interface())
}

func decodeStrict(raw []byte, target any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(target)
}

func strictEnvelope[T any](raw []byte, key string) error {
	var env map[string]json.RawMessage
	if err := json.Unmarshal(raw, &env); err != nil {
		return err
	}
	for k, v := range env {
		switch k {
		case "total", "page", "per_page":
			var n float64
			if err := json.Unmarshal(v, &n); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		case key:
			var items []T
			if err := decodeStrict(v, &items); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		default:
			return fmt.Errorf("json: unknown field %q in the list envelope", k)
		}
	}
	return nil
}

// pageShape is what the checks need of one page of a list, whatever its
// item type.
type pageShape struct {
	// key is the envelope's items key ("actions", "modules").
	key string
	// items are the decoded items.
	items any
	// total, page and perPage are the page's counters.
	total, page, perPage int
	// strict decodes an envelope with unknown fields disallowed.
	strict func(raw []byte) error
	// checkRaw checks each item's RawJSON against the envelope's items.
	checkRaw func(t *testing.T, name string, raws []json.RawMessage)
}

// describePage returns the shape of v when it is a page of one of the
// SDK's six lists: actions, action versions, bindings, modules, module
// versions and the actions using a module.
func describePage(v any) (pageShape, bool) {
	switch p := v.(type) {
	case *auth0.PageNumberPage[auth0.Action]:
		return shapeOf(p, "actions"), true
	case *auth0.PageNumberPage[auth0.ActionVersion]:
		return shapeOf(p, "versions"), true
	case *auth0.PageNumberPage[auth0.Binding]:
		return shapeOf(p, "bindings"), true
	case *auth0.PageNumberPage[auth0.ActionModule]:
		return shapeOf(p, "modules"), true
	case *auth0.PageNumberPage[auth0.ActionModuleVersion]:
		return shapeOf(p, "versions"), true
	case *auth0.PageNumberPage[auth0.ActionModuleAction]:
		return shapeOf(p, "actions"), true
	}
	return pageShape{}, false
}

func shapeOf[T any](p *auth0.PageNumberPage[T], key string) pageShape {
	return pageShape{
		key: key, items: p.Items, total: p.Total, page: p.Page, perPage: p.PerPage,
		strict: func(raw []byte) error { return strictEnvelope[T](raw, key) },
		checkRaw: func(t *testing.T, name string, raws []json.RawMessage) {
			t.Helper()
			checkItemsRaw(t, name, p.Items, raws)
		},
	}
}

// sdkView returns what the SDK decoded, as a value that encodes to the wire
// shape: itself, or for a page the envelope without its counters (they are
// checked apart, see checkCounters).
func sdkView(v any) (view any, itemsKey string) {
	if pg, ok := describePage(v); ok {
		return map[string]any{pg.key: pg.items}, pg.key
	}
	return v, ""
}

func decodeAny(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// leaves flattens a decoded JSON value into path -> leaf. An empty array or
// object is a leaf.
func leaves(v any, prefix string, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			out[prefix] = x
		}
		for k, e := range x {
			leaves(e, joinPath(prefix, k), out)
		}
	case []any:
		if len(x) == 0 {
			out[prefix] = x
		}
		for i, e := range x {
			leaves(e, prefix+"["+strconv.Itoa(i)+"]", out)
		}
	default:
		out[prefix] = v
	}
}

// isZeroLeaf reports a value that an omitzero field leaves out: null,
// false, 0, "", [] or {}.
func isZeroLeaf(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case string:
		return x == ""
	case json.Number:
		f, ok := new(big.Float).SetString(x.String())
		return ok && f.Sign() == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func leafEqual(a, b any) bool {
	switch x := a.(type) {
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return false
		}
		fx, ok1 := new(big.Float).SetString(x.String())
		fy, ok2 := new(big.Float).SetString(y.String())
		if ok1 && ok2 {
			if fx.Cmp(fy) == 0 {
				return true
			}
			// Both sides went through a float64 (Prism's JavaScript numbers).
			gx, _ := fx.Float64()
			gy, _ := fy.Float64()
			return gx == gy
		}
		return x == y
	case string:
		y, ok := b.(string)
		if !ok {
			return false
		}
		if x == y {
			return true
		}
		tx, err1 := time.Parse(time.RFC3339Nano, x)
		ty, err2 := time.Parse(time.RFC3339Nano, y)
		return err1 == nil && err2 == nil && tx.Equal(ty)
	}
	return reflect.DeepEqual(a, b)
}

// diffWire compares a response body with what the SDK decoded from it,
// encoded again. It reports a raw leaf (accepted by keep) that the SDK lost
// or changed, and a value the SDK holds that the response did not carry.
// Zero values are ignored: the SDK's types leave them out (omitzero).
func diffWire(raw any, sdk any, keep func(path string) bool) []string {
	b, err := json.Marshal(sdk)
	if err != nil {
		return []string{fmt.Sprintf("encoding the SDK value: %v", err)}
	}
	back, err := decodeAny(b)
	if err != nil {
		return []string{fmt.Sprintf("decoding the SDK value: %v", err)}
	}
	la, lb := map[string]any{}, map[string]any{}
	leaves(raw, "", la)
	leaves(back, "", lb)
	var diffs []string
	for p, va := range la {
		if isZeroLeaf(va) || (keep != nil && !keep(p)) {
			continue
		}
		vb, ok := lb[p]
		switch {
		case !ok:
			diffs = append(diffs, fmt.Sprintf("%s: the response has %s, the SDK value has nothing", p, short(va)))
		case !leafEqual(va, vb):
			diffs = append(diffs, fmt.Sprintf("%s: the response has %s, the SDK value has %s", p, short(va), short(vb)))
		}
	}
	for p, vb := range lb {
		if isZeroLeaf(vb) {
			continue
		}
		if _, ok := la[p]; !ok {
			diffs = append(diffs, fmt.Sprintf("%s: the SDK value has %s, the response has nothing", p, short(vb)))
		}
	}
	sort.Strings(diffs)
	return diffs
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonEqual(a, b []byte) bool {
	va, err1 := decodeAny(a)
	vb, err2 := decodeAny(b)
	return err1 == nil && err2 == nil && reflect.DeepEqual(va, vb)
}

type rawer interface{ RawJSON() json.RawMessage }

// checkRawJSON checks that v (and each item of a list it holds) keeps the
// JSON it was decoded from.
func checkRawJSON(t *testing.T, name string, v any, body []byte) {
	t.Helper()
	if r, ok := v.(rawer); ok {
		if got := r.RawJSON(); !jsonEqual(got, body) {
			t.Errorf("%s: RawJSON() is not the response body: %s", name, short(string(got)))
		}
	}
	var env map[string]json.RawMessage
	if json.Unmarshal(body, &env) != nil {
		return
	}
	items := func(key string) []json.RawMessage {
		var out []json.RawMessage
		_ = json.Unmarshal(env[key], &out)
		return out
	}
	if pg, ok := describePage(v); ok {
		pg.checkRaw(t, name, items(pg.key))
		return
	}
	switch p := v.(type) {
	case *auth0.TriggerListResponse:
		checkItemsRaw(t, name, p.Triggers, items("triggers"))
	case *auth0.BindingUpdateResponse:
		checkItemsRaw(t, name, p.Bindings, items("bindings"))
	}
}

func checkItemsRaw[T any](t *testing.T, name string, items []T, raws []json.RawMessage) {
	t.Helper()
	if len(items) != len(raws) {
		t.Errorf("%s: decoded %d items, the response has %d", name, len(items), len(raws))
		return
	}
	for i := range items {
		r, ok := any(&items[i]).(rawer)
		if !ok {
			return
		}
		if got := r.RawJSON(); !jsonEqual(got, raws[i]) {
			t.Errorf("%s: item %d: RawJSON() is not the item's JSON: %s", name, i, short(string(got)))
		}
	}
}

// checkCounters checks a page's Total, Page and PerPage against the
// envelope: each is the response's value when it sent one (PerPage only
// when positive), else the SDK's default (0, the requested page, the
// requested page size).
func checkCounters(t *testing.T, name string, v any, raw map[string]any, reqPage, reqPerPage int) {
	t.Helper()
	pg, ok := describePage(v)
	if !ok {
		return
	}
	total, page, perPage := pg.total, pg.page, pg.perPage
	num := func(k string) (int, bool) {
		n, ok := raw[k].(json.Number)
		if !ok {
			return 0, false
		}
		i, err := n.Int64()
		if err != nil {
			f, _ := n.Float64()
			return int(f), true
		}
		return int(i), true
	}
	wantTotal, _ := num("total")
	if total != wantTotal {
		t.Errorf("%s: Total is %d, the response says %v", name, total, raw["total"])
	}
	wantPage, sent := num("page")
	if !sent {
		wantPage = reqPage
	}
	if page != wantPage {
		t.Errorf("%s: Page is %d, want %d (response: %v, requested %d)", name, page, wantPage, raw["page"], reqPage)
	}
	wantPer, sent := num("per_page")
	if !sent || wantPer <= 0 {
		wantPer = reqPerPage
	}
	if perPage != wantPer {
		t.Errorf("%s: PerPage is %d, want %d (response: %v, requested %d)", name, perPage, wantPer, raw["per_page"], reqPerPage)
	}
}

// pathRE turns a document path template into a regexp for a request path.
func pathRE(template string) *regexp.Regexp {
	parts := strings.Split(template, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "{") {
			parts[i] = `[^/]+`
		} else {
			parts[i] = regexp.QuoteMeta(p)
		}
	}
	return regexp.MustCompile("^" + strings.Join(parts, "/") + "$")
}
