package requestconfig

import (
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

const fuzzBaseURL = "https://tenant.example/api/v2/"

// FuzzPath builds the paths of the one- and two-parameter endpoints from
// any values: "", "." and ".." are refused; anything else lands, escaped,
// in exactly its own segment under the base URL, and comes back intact
// when unescaped. Nothing can add a segment, a query or a fragment, or
// change the host. Seeds: testdata/fuzz/FuzzPath.
func FuzzPath(f *testing.F) {
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, tc := range []struct {
			tmpl   string
			values []string
		}{
			{"actions/actions/{id}", []string{a}},
			{"actions/actions/{id}/deploy", []string{b}},
			{"actions/actions/{actionId}/versions/{id}/deploy", []string{a, b}},
			{"actions/triggers/{triggerId}/bindings", []string{b}},
		} {
			target, err := Path(tc.tmpl, tc.values...)
			p := target.Escaped
			refused := false
			for _, v := range tc.values {
				refused = refused || v == "" || v == "." || v == ".."
			}
			if refused != (err != nil) {
				t.Fatalf("Path(%q, %q) = %q, %v", tc.tmpl, tc.values, p, err)
			}
			if err != nil {
				continue
			}
			u, err := url.Parse(fuzzBaseURL + p)
			if err != nil {
				t.Fatalf("Path(%q, %q) = %q does not parse: %v", tc.tmpl, tc.values, p, err)
			}
			if u.Host != "tenant.example" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
				t.Fatalf("Path(%q, %q) = %q escapes its segment: %#v", tc.tmpl, tc.values, p, u)
			}
			got := strings.Split(strings.TrimPrefix(u.EscapedPath(), "/api/v2/"), "/")
			tmpl := strings.Split(tc.tmpl, "/")
			if len(got) != len(tmpl) {
				t.Fatalf("Path(%q, %q) = %q has %d segments, want %d", tc.tmpl, tc.values, p, len(got), len(tmpl))
			}
			n := 0
			for i, seg := range tmpl {
				if !strings.HasPrefix(seg, "{") {
					if got[i] != seg {
						t.Fatalf("segment %d is %q, want %q", i, got[i], seg)
					}
					continue
				}
				v, err := url.PathUnescape(got[i])
				if err != nil || v != tc.values[n] {
					t.Fatalf("segment %d %q unescapes to %q (%v), want %q", i, got[i], v, err, tc.values[n])
				}
				n++
			}
		}
	})
}

// fuzzListParams has the query tags of the SDK's list params.
type fuzzListParams struct {
	TriggerID  *string `url:"triggerId,omitempty"`
	ActionName *string `url:"actionName,omitempty"`
	Deployed   *bool   `url:"deployed,omitempty"`
	Page       *int    `url:"page,omitempty"`
	PerPage    *int    `url:"per_page,omitempty"`
}

// FuzzQuery builds query strings from params (a struct with the SDK's
// url tags, or url.Values) and WithQuery values, and checks that the URL
// parses back to exactly those values, later options winning, with the
// path and host untouched. Seeds: testdata/fuzz/FuzzQuery.
func FuzzQuery(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, trigger string, page, perPage int, key, value, optKey, optValue string) {
		base := fuzzBaseURL + "actions/actions"
		// Set pointers are sent even when they point at a zero value.
		want := url.Values{"actionName": {name}, "triggerId": {trigger}, "page": {strconv.Itoa(page)},
			"per_page": {strconv.Itoa(perPage)}}
		params := fuzzListParams{ActionName: &name, TriggerID: &trigger, Page: &page, PerPage: &perPage}
		for _, p := range []any{params, url.Values{key: {value}}} {
			st := &call{c: &Call{Method: http.MethodGet, Params: p}, url: base}
			if optKey != "" {
				st.cfg.QueryEdits = []QueryEdit{{Op: QuerySet, Key: optKey, Value: optValue}}
			}
			if err := st.encodeParams(); err != nil {
				t.Fatalf("encodeParams(%#v): %v", p, err)
			}
			expect := want
			if _, ok := p.(url.Values); ok {
				expect = url.Values{key: {value}}
			}
			expect = merge(expect, optKey, optValue)
			u, err := url.Parse(st.url)
			if err != nil {
				t.Fatalf("%q does not parse: %v", st.url, err)
			}
			if u.Host != "tenant.example" || u.EscapedPath() != "/api/v2/actions/actions" || u.Fragment != "" {
				t.Fatalf("the query changed the URL: %q", st.url)
			}
			got, err := url.ParseQuery(u.RawQuery)
			if err != nil {
				t.Fatalf("query %q does not parse: %v", u.RawQuery, err)
			}
			if len(expect) == 0 && len(got) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, expect) {
				t.Fatalf("query %q parses to %v, want %v", u.RawQuery, got, expect)
			}
		}
	})
}

func merge(v url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = vs
	}
	if key != "" {
		out[key] = []string{value}
	}
	return out
}

// FuzzTarget checks the domain and base URL rules against what Go's URL
// parser makes of them: an accepted domain is the whole host of the https
// URLs made from it (a host and at most a port: no userinfo, path, query or
// fragment, and the port a number from 1 to 65535); an accepted base URL keeps its host,
// has a trailing slash, no userinfo, query or fragment; and plain http is
// accepted only for loopback hosts. Seeds: testdata/fuzz/FuzzTarget.
func FuzzTarget(f *testing.F) {
	f.Fuzz(func(t *testing.T, domain, base string) {
		if ValidateDomain(domain) == nil {
			cfg := &RequestConfig{Domain: domain}
			api, err := cfg.baseURL()
			if err != nil {
				t.Fatalf("valid domain %q: %v", domain, err)
			}
			for _, raw := range []string{api, mustTokenURL(t, cfg)} {
				u, err := url.Parse(raw)
				if err != nil {
					t.Fatalf("valid domain %q gives %q: %v", domain, raw, err)
				}
				if u.Scheme != "https" || u.Host != domain || u.User != nil || u.RawQuery != "" || u.Fragment != "" ||
					(u.Path != "/api/v2/" && u.Path != "/oauth/token") {
					t.Fatalf("valid domain %q gives %q (%#v)", domain, raw, u)
				}
				if p := u.Port(); p != "" {
					if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
						t.Fatalf("valid domain %q has the port %q", domain, p)
					}
				}
			}
		}
		norm, err := NormalizeBaseURL(base)
		if err != nil {
			return
		}
		u, err := url.Parse(norm)
		if err != nil {
			t.Fatalf("NormalizeBaseURL(%q) = %q does not parse: %v", base, norm, err)
		}
		orig, _ := url.Parse(base)
		if !strings.HasSuffix(norm, "/") || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Host == "" ||
			orig == nil || u.Host != orig.Host || (u.Scheme != "https" && u.Scheme != "http") {
			t.Fatalf("NormalizeBaseURL(%q) = %q (%#v)", base, norm, u)
		}
		if CheckScheme(norm, false) == nil && u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
			t.Fatalf("plain http accepted for %q (host %q)", norm, u.Hostname())
		}
		// A path appended to the base stays on its host.
		target, err := Path("actions/actions/{id}", "x")
		if err != nil {
			t.Fatal(err)
		}
		p := target.Escaped
		if full, err := url.Parse(norm + p); err != nil || full.Host != u.Host {
			t.Fatalf("%q + %q leaves the host: %v %v", norm, p, full, err)
		}
	})
}

func mustTokenURL(t *testing.T, cfg *RequestConfig) string {
	t.Helper()
	s, err := cfg.TokenURL()
	if err != nil {
		t.Fatalf("TokenURL: %v", err)
	}
	return s
}

func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
