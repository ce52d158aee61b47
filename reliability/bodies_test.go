package reliability

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

func TestBodyBrokenJSON(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, body string
		check      func(t *testing.T, err error)
	}{
		{"truncated mid-JSON", `{"id":"act_1","name":"trunc`, func(t *testing.T, err error) {
			var syn *json.SyntaxError
			assert.ErrorAs(t, err, &syn)
		}},
		{"invalid JSON", `<<not json>>`, func(t *testing.T, err error) {
			var syn *json.SyntaxError
			assert.ErrorAs(t, err, &syn)
		}},
		{"wrong JSON types", `{"id":123,"name":["x"],"status":false,"secrets":{"a":1}}`, func(t *testing.T, err error) {
			var typ *json.UnmarshalTypeError
			assert.ErrorAs(t, err, &typ)
		}},
		{"malformed timestamp", `{"id":"act_1","created_at":"yesterday"}`, func(t *testing.T, err error) {
			var pe *time.ParseError
			assert.ErrorAs(t, err, &pe)
		}},
		{"empty 200 body", ``, func(t *testing.T, err error) {
			assert.Contains(t, err.Error(), "empty body")
		}},
		{"JSON null", `null`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			expected := "a decoding error naming the call, no panic, not retried (the server answered)"
			if tc.check == nil {
				expected = "no error and no panic: null leaves the action empty, as encoding/json does"
			}
			s := begin(t, "bodies", tc.name+" (200 to Actions.Get)", expected)
			srv := s.server(always(rawBody(http.StatusOK, "application/json", tc.body)))
			c := s.client(srv)
			a, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
			assertNotRetried(t, srv)
			if tc.check == nil {
				require.NoError(t, err)
				assert.Empty(t, a.ID)
				s.observe("no error; empty Action")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "GET ")
			tc.check(t, err)
			s.observe("1 request; %q", err.Error())
		})
	}
}

func TestBodyEmpty204OnDelete(t *testing.T) {
	t.Parallel()
	s := begin(t, "bodies", "204 with an empty body to Actions.Delete", "success")
	srv := s.server(answer)
	c := s.client(srv)
	require.NoError(t, c.Actions.Delete(ctxT(t, 10*time.Second), "act_1", auth0.ActionDeleteParams{}))
	assert.Equal(t, 1, srv.count("deleteAction"))
}

func TestBody502HTML(t *testing.T) {
	t.Parallel()
	for _, call := range []sdkCall{callGet, callCreate} {
		t.Run(call.name, func(t *testing.T) {
			t.Parallel()
			expected := "retried, then *auth0.Error 502 Bad Gateway with no HTML in its message"
			if call.unsafe {
				expected = "not retried; *auth0.Error 502, outcome unknown, no HTML in its message"
			}
			s := begin(t, "bodies", "502 with an HTML page: "+call.name, expected)
			srv := s.server(always(rawBody(http.StatusBadGateway, "text/html", htmlPage)))
			c := s.client(srv)
			err := call.do(ctxT(t, 10*time.Second), c)
			var apiErr *auth0.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 502, apiErr.StatusCode)
			assert.Equal(t, "Bad Gateway", apiErr.ErrorText)
			assert.Empty(t, apiErr.Message)
			assert.NotContains(t, err.Error(), "<html")
			assert.Contains(t, string(apiErr.DumpResponse(true)), "nginx", "the page stays available in the dump")
			want := 3
			if call.unsafe {
				want = 1
				assert.True(t, apiErr.OutcomeUnknown)
			}
			assert.Equal(t, want, srv.count(call.route))
			s.observe("%d request(s); %q", srv.count(call.route), err.Error())
		})
	}
}

func gzipped(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err := zw.Write(b)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

func TestBodyGzip(t *testing.T) {
	t.Parallel()
	s := begin(t, "bodies", "gzip-encoded 200 (Content-Encoding: gzip)", "decoded transparently")
	plain, _ := json.Marshal(actionJSON("act_gz"))
	zipped := gzipped(t, plain)
	srv := s.server(always(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			writeError(w, http.StatusBadRequest, "client did not accept gzip")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(len(zipped)))
		_, _ = w.Write(zipped)
	}))
	c := s.client(srv)
	a, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_gz")
	require.NoError(t, err)
	assert.Equal(t, "act_gz", a.ID)
	assert.JSONEq(t, string(plain), string(a.RawJSON()))
	s.observe("decoded %d gzip bytes into action %s", len(zipped), a.ID)
}

func TestBodyChunked(t *testing.T) {
	t.Parallel()
	s := begin(t, "bodies", "chunked 200 (no Content-Length, flushed in pieces)", "decoded")
	plain, _ := json.Marshal(actionJSON("act_chunked"))
	srv := s.server(always(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		rc := http.NewResponseController(w)
		for i := 0; i < len(plain); i += 7 {
			_, _ = w.Write(plain[i:min(i+7, len(plain))])
			_ = rc.Flush()
		}
	}))
	c := s.client(srv)
	var resp *http.Response
	a, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_chunked", option.WithResponseInto(&resp))
	require.NoError(t, err)
	assert.Equal(t, "act_chunked", a.ID)
	require.NotNil(t, resp)
	assert.Equal(t, []string{"chunked"}, resp.TransferEncoding)
	s.observe("decoded a chunked body of %d bytes", len(plain))
}

func TestBodyRedirectToAnotherHost(t *testing.T) {
	t.Parallel()
	s := begin(t, "bodies", "307 redirect of Actions.Get to another host",
		"refused: nothing (no token, no request) reaches a host the caller didn't name")
	other := s.server(answer)
	srv := s.server(always(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://other.test:"+portOf(other)+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	s.route("other.test:"+portOf(other), other.addr())
	c := s.client(srv)
	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "refusing to follow a redirect")
	assert.Equal(t, 1, srv.count(""), "a refused redirect is not retried")
	assert.Empty(t, other.requests())
	s.onlyDialed(srv.addr())
	s.observe("refused (%s); the other host got nothing", err)
}

func TestBodyRedirectOfCreateWithSecrets(t *testing.T) {
	t.Parallel()
	s := begin(t, "bodies", "307 redirect of Actions.New (with action secrets) to another host",
		"neither the token nor the action's secret values reach the other host")
	other := s.server(answer)
	srv := s.server(always(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://other.test:"+portOf(other)+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	s.route("other.test:"+portOf(other), other.addr())
	c := s.client(srv)
	params := newParams
	params.Secrets = []auth0.ActionSecretParam{{Name: "API_KEY", Value: "sv-redirect-SECRET-4410"}}
	_, err := c.Actions.New(ctxT(t, 10*time.Second), params)
	for _, r := range other.requests() {
		assert.NotContains(t, string(r.Body), "sv-redirect-SECRET-4410")
		assert.Empty(t, r.Header.Get("Authorization"))
	}
	if err != nil {
		s.observe("not followed: %q; the other host got %d requests", err.Error(), other.count(""))
	} else {
		s.observe("followed; the other host got %d request(s) without the token or secret values", other.count(""))
	}
}

func portOf(srv *server) string {
	addr := srv.addr()
	return addr[strings.LastIndexByte(addr, ':')+1:]
}

func TestBodyBeyondSizeGuard(t *testing.T) {
	t.Parallel()
	big := `{"id":"act_1","code":"` + strings.Repeat("x", 64<<10) + `"}`
	bomb := bytes.Repeat([]byte(" "), 8<<20) // 8 MiB of spaces: valid JSON padding, ~8 KiB gzipped
	for _, tc := range []struct {
		name  string
		fault func(t *testing.T) fault
	}{
		{"with Content-Length", func(*testing.T) fault { return rawBody(http.StatusOK, "application/json", big) }},
		{"chunked", func(*testing.T) fault {
			return func(w http.ResponseWriter, _ *http.Request) {
				for i := 0; i < len(big); i += 4096 {
					_, _ = w.Write([]byte(big[i:min(i+4096, len(big))]))
					_ = http.NewResponseController(w).Flush()
				}
			}
		}},
		{"gzip bomb (8 MiB from ~8 KiB)", func(t *testing.T) fault {
			zipped := gzipped(t, bomb)
			return func(w http.ResponseWriter, _ *http.Request) {
				w.Header().Set("Content-Encoding", "gzip")
				w.Header().Set("Content-Length", strconv.Itoa(len(zipped)))
				_, _ = w.Write(zipped)
			}
		}},
		{"error body (500)", func(*testing.T) fault { return rawBody(http.StatusInternalServerError, "application/json", big) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := begin(t, "bodies", "body beyond the size guard (32 KiB limit), "+tc.name,
				"an error matching auth0.ErrResponseTooLarge; the body is closed")
			srv := s.server(always(tc.fault(t)))
			c := s.client(srv, option.WithMaxResponseSize(32<<10), option.WithMaxRetries(0))
			_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
			require.Error(t, err)
			assert.ErrorIs(t, err, auth0.ErrResponseTooLarge)
			s.observe("%q", err.Error())
		})
	}
}

func TestBodyListKeyTwice(t *testing.T) {
	t.Parallel()
	s := begin(t, "bodies", `list page with its "actions" key twice (the second wins in encoding/json)`,
		"each item's RawJSON is the JSON of that item, or nil; never another item's")
	body := `{"actions":[{"id":"first"}],"actions":[{"id":"second"}],"per_page":50}`
	srv := s.server(always(rawBody(http.StatusOK, "application/json", body)))
	c := s.client(srv)
	page, err := c.Actions.List(ctxT(t, 5*time.Second), auth0.ActionListParams{})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, "second", page.Items[0].ID)
	if raw := page.Items[0].RawJSON(); raw != nil {
		assert.JSONEq(t, `{"id":"second"}`, string(raw))
	}
}

func TestBodyRedirectLoop(t *testing.T) {
	t.Parallel()
	s := begin(t, "bodies", "redirect loop (every answer is a 302 to itself): Actions.Get",
		"an error at Go's 10-redirect limit; not retried (10 requests, not 30)")
	srv := s.server(always(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.RequestURI(), http.StatusFound)
	}))
	c := s.client(srv)
	_, err := c.Actions.Get(ctxT(t, 10*time.Second), "act_1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "redirects")
	assert.Equal(t, 10, srv.count("getAction"))
	s.observe("%d requests; %q", srv.count("getAction"), err.Error())
}
