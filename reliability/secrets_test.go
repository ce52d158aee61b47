package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// Action secret values, with characters that JSON escapes.
var secretValues = []string{"sv-ALPHA-SECRET-5b8c", `sv-beta<&>"é-SECRET-77`, "sv-gamma\u2028SECRET-line"}

func secretParams() []auth0.ActionSecretParam {
	return []auth0.ActionSecretParam{
		{Name: "API_KEY", Value: secretValues[0]},
		{Name: "DB_PASSWORD", Value: secretValues[1]},
		{Name: "WEBHOOK", Value: secretValues[2]},
	}
}

// secretForms returns every form in which a secret could show up: as is,
// JSON-escaped (with and without HTML escaping) and URL-encoded.
func secretForms() map[string]string {
	forms := map[string]string{}
	add := func(name, v string) {
		forms[name] = v
		b, _ := json.Marshal(v)
		forms[name+" (JSON)"] = string(b[1 : len(b)-1])
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		forms[name+" (JSON, no HTML escaping)"] = strings.TrimSuffix(strings.TrimSuffix(buf.String(), "\n")[1:], `"`)
		forms[name+" (URL-encoded)"] = url.QueryEscape(v)
	}
	add("bearer token", testToken)
	add("client secret", testClientSecret)
	for i, v := range secretValues {
		add(fmt.Sprintf("action secret %d", i), v)
	}
	return forms
}

// emitted collects everything the client emitted, labelled.
type emitted struct {
	mu    sync.Mutex
	parts []string
}

func (e *emitted) add(label, s string) {
	e.mu.Lock()
	e.parts = append(e.parts, label+"\x00"+s)
	e.mu.Unlock()
}

// addError records every form of an error: its text in every verb, each
// error of its chain, and, for *auth0.Error, every field, dump and body.
func (e *emitted) addError(label string, err error) {
	if err == nil {
		return
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		e.add(label+" "+verb, fmt.Sprintf(verb, err))
	}
	for i, cur := 0, err; cur != nil; i, cur = i+1, errors.Unwrap(cur) {
		e.add(fmt.Sprintf("%s unwrap[%d]", label, i), cur.Error()+" "+fmt.Sprintf("%#v", cur))
	}
	var apiErr *auth0.Error
	if errors.As(err, &apiErr) {
		e.add(label+" fields", strings.Join([]string{apiErr.Message, apiErr.ErrorText, apiErr.Code, apiErr.URL, apiErr.Method, apiErr.Hint}, "|"))
		e.add(label+" DumpRequest(true)", string(apiErr.DumpRequest(true)))
		e.add(label+" DumpRequest(false)", string(apiErr.DumpRequest(false)))
		e.add(label+" DumpResponse(true)", string(apiErr.DumpResponse(true)))
		e.add(label+" DumpResponse(false)", string(apiErr.DumpResponse(false)))
		e.add(label+" RawJSON", string(apiErr.RawJSON()))
		if apiErr.Request != nil {
			e.add(label+" Request", fmt.Sprintf("%+v %v", *apiErr.Request, apiErr.Request.Header))
		}
		if apiErr.Response != nil {
			e.add(label+" Response.Header", fmt.Sprint(apiErr.Response.Header))
			if apiErr.Response.Body != nil {
				b, _ := io.ReadAll(apiErr.Response.Body)
				e.add(label+" Response.Body", string(b))
			}
		}
	}
	var ou *auth0.OutcomeUnknownError
	if errors.As(err, &ou) {
		e.add(label+" OutcomeUnknownError", ou.Error()+" "+ou.Hint)
	}
}

// scan returns the labels of emitted parts that contain a secret form.
func (e *emitted) scan() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var leaks []string
	forms := secretForms()
	for _, p := range e.parts {
		label, text, _ := strings.Cut(p, "\x00")
		for name, form := range forms {
			if form != "" && strings.Contains(text, form) {
				leaks = append(leaks, fmt.Sprintf("%s shows the %s: %.300q", label, name, text))
			}
		}
	}
	return leaks
}

// fanout is a slog.Handler that sends every record to several handlers.
type fanout []slog.Handler

func (f fanout) Enabled(context.Context, slog.Level) bool { return true }
func (f fanout) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range f {
		_ = h.Handle(ctx, r.Clone())
	}
	return nil
}
func (f fanout) WithAttrs(a []slog.Attr) slog.Handler {
	out := make(fanout, len(f))
	for i, h := range f {
		out[i] = h.WithAttrs(a)
	}
	return out
}
func (f fanout) WithGroup(g string) slog.Handler {
	out := make(fanout, len(f))
	for i, h := range f {
		out[i] = h.WithGroup(g)
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// debugLogger logs at every level, below Debug too, as text and as JSON.
func debugLogger(buf io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.Level(-100), AddSource: true}
	return slog.New(fanout{slog.NewTextHandler(buf, opts), slog.NewJSONHandler(buf, opts)})
}

// echo is a hostile server: every answer repeats what the client sent
// (the Authorization header, the JSON body, each secret value it can find)
// in Auth0's error shape, and the token endpoint repeats the client secret.
// With rawForm, the token endpoint also repeats its form body as sent.
func echo(status int, rawForm bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.URL.Path == "/oauth/token" {
			form, _ := url.ParseQuery(string(body))
			msg := fmt.Sprintf("client %s with secret %s rejected", form.Get("client_id"), form.Get("client_secret"))
			if rawForm {
				msg += "; body " + string(body)
			}
			writeJSON(w, status, map[string]any{"error": "access_denied", "error_description": msg})
			return
		}
		var found []string
		var in struct {
			Secrets  []auth0.ActionSecretParam `json:"secrets"`
			Bindings []struct {
				Secrets []auth0.ActionSecretParam `json:"secrets"`
			} `json:"bindings"`
		}
		_ = json.Unmarshal(body, &in)
		for _, s := range in.Secrets {
			found = append(found, s.Value)
		}
		for _, b := range in.Bindings {
			for _, s := range b.Secrets {
				found = append(found, s.Value)
			}
		}
		msg := fmt.Sprintf("rejected %s with Authorization %q; secrets %q; body %s", r.URL.Path,
			r.Header.Get("Authorization"), found, body)
		writeJSON(w, status, map[string]any{"statusCode": status, "error": http.StatusText(status), "message": msg,
			"errorCode": "echo_" + strings.Join(found, "_")})
	}
}

func TestSecretsNeverEmitted(t *testing.T) {
	t.Parallel()
	s := begin(t, "secrets", "hostile server echoing the token, client secret and action and module secret values; every call fails in a different way",
		"none of the secrets, in any encoding, in debug logs at every level, error strings in every verb, "+
			"wrapped errors, *auth0.Error fields, DumpRequest/DumpResponse, RawJSON or the response body")
	var logs syncBuffer
	out := &emitted{}
	ctx := ctxT(t, 30*time.Second)

	newP := newParams
	newP.Secrets = secretParams()
	updP := auth0.ActionUpdateParams{Secrets: secretParams()}
	bindP := auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{{
		Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: "act_1"}, Secrets: secretParams()}}}
	sdkCalls := map[string]func(c *auth0.Client) error{
		"New": func(c *auth0.Client) error { _, err := c.Actions.New(ctx, newP); return err },
		"Update": func(c *auth0.Client) error {
			_, err := c.Actions.Update(ctx, "act_1", updP)
			return err
		},
		"Bindings.Update": func(c *auth0.Client) error {
			_, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, bindP)
			return err
		},
		"Get":    func(c *auth0.Client) error { _, err := c.Actions.Get(ctx, "act_1"); return err },
		"Deploy": func(c *auth0.Client) error { _, err := c.Actions.Deploy(ctx, "act_1"); return err },
		"Modules.New": func(c *auth0.Client) error {
			_, err := c.Actions.Modules.New(ctx, auth0.ModuleNewParams{Name: "m", Code: "x", Secrets: secretParams()})
			return err
		},
		"Modules.Update": func(c *auth0.Client) error {
			_, err := c.Actions.Modules.Update(ctx, "mod_1", auth0.ModuleUpdateParams{Secrets: secretParams()})
			return err
		},
	}
	// Each server misbehaves in its own way.
	servers := map[string]http.HandlerFunc{
		"400 echo":       echo(http.StatusBadRequest, false),
		"401 echo":       echo(http.StatusUnauthorized, false),
		"409 echo":       echo(http.StatusConflict, false),
		"429 echo":       echo(http.StatusTooManyRequests, false),
		"500 echo":       echo(http.StatusInternalServerError, false),
		"reset":          always(resetAfter("")),
		"reset mid-body": always(resetAfter(partialBody)),
		"200 broken echo": func(w http.ResponseWriter, r *http.Request) {
			b, _ := io.ReadAll(r.Body)
			rawBody(200, "application/json", `{"echo":`+string(b))(w, r)
		},
		"slow (timeout)":    always(stall(5 * time.Second)),
		"token 401 echo":    func(w http.ResponseWriter, r *http.Request) { echo(http.StatusUnauthorized, false)(w, r) },
		"token 503 echo":    func(w http.ResponseWriter, r *http.Request) { echo(http.StatusServiceUnavailable, false)(w, r) },
		"too large echo":    echo(http.StatusBadRequest, false),
		"HTML 502 with URL": always(rawBody(http.StatusBadGateway, "text/html", htmlPage)),
	}
	calls := 0
	for sname, h := range servers {
		srv := s.server(h)
		for _, auth := range []string{"token", "client credentials"} {
			opts := []option.RequestOption{option.WithDebugLog(debugLogger(&logs)), option.WithRequestTimeout(50 * time.Millisecond)}
			if auth == "client credentials" || strings.HasPrefix(sname, "token") {
				opts = append(opts, option.WithClientCredentials(testClientID, testClientSecret))
			}
			if sname == "too large echo" {
				opts = append(opts, option.WithMaxResponseSize(64))
			}
			c := s.client(srv, opts...)
			for cname, call := range sdkCalls {
				err := call(c)
				require.Error(t, err, "%s %s %s", sname, auth, cname)
				out.addError(fmt.Sprintf("[%s, %s, %s]", sname, auth, cname), err)
				calls++
			}
		}
	}
	// A transport error: nothing listens.
	refused := auth0.NewClient(option.WithBaseURL("http://"+closedPort(t)+"/api/v2/"),
		option.WithClientCredentials(testClientID, testClientSecret), option.WithHTTPClient(s.httpClient()),
		option.WithDebugLog(debugLogger(&logs)), option.WithRetryWait(time.Millisecond, 5*time.Millisecond))
	for cname, call := range sdkCalls {
		err := call(refused)
		require.Error(t, err)
		out.addError("[refused, "+cname+"]", err)
		calls++
	}
	// Params printed with fmt, a secret param logged with slog.
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out.add("params "+verb, fmt.Sprintf(verb, newP))
		out.add("secret param "+verb, fmt.Sprintf(verb, newP.Secrets[1]))
	}
	debugLogger(&logs).Info("secret param", "secret", newP.Secrets[1])
	out.add("logs", logs.String())

	require.NotEmpty(t, logs.String(), "the debug log must have logged the attempts")
	leaks := out.scan()
	for _, l := range leaks {
		t.Error(l)
	}
	s.observe("%d failing calls, %d emitted texts (%d bytes of logs) scanned for %d secret forms: %d leaks",
		calls, len(out.parts), len(logs.String()), len(secretForms()), len(leaks))
}

func TestSecretsScanDetectsLeaks(t *testing.T) {
	t.Parallel()
	// The scan itself must be able to fail.
	out := &emitted{}
	out.add("clean", "nothing to see")
	require.Empty(t, out.scan())
	for name, form := range secretForms() {
		out := &emitted{}
		out.add("leaky", "prefix "+form+" suffix")
		assert.NotEmpty(t, out.scan(), name)
	}
}

func TestSecretsEchoedInResponseHeaders(t *testing.T) {
	t.Parallel()
	s := begin(t, "secrets", "server (or proxy) echoing the Authorization header and a secret value in response headers of a 400",
		"DumpResponse and Error.Response.Header redact them, as DumpResponse's doc promises")
	srv := s.server(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Echo-Authorization", r.Header.Get("Authorization"))
		w.Header().Set("X-Echo-Secret", secretValues[0])
		writeError(w, http.StatusBadRequest, "rejected")
	})
	c := s.client(srv)
	p := newParams
	p.Secrets = secretParams()
	_, err := c.Actions.New(ctxT(t, 5*time.Second), p)
	require.Error(t, err)
	out := &emitted{}
	out.addError("[header echo]", err)
	leaks := out.scan()
	for _, l := range leaks {
		t.Error(l)
	}
}

func TestSecretsInResponseInto(t *testing.T) {
	t.Parallel()
	s := begin(t, "secrets", "option.WithResponseInto on a successful call",
		"the stored response's Request carries no bearer token")
	srv := s.server(answer)
	c := s.client(srv)
	var resp *http.Response
	_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1", option.WithResponseInto(&resp))
	require.NoError(t, err)
	require.NotNil(t, resp)
	require.NotNil(t, resp.Request)
	assert.NotContains(t, resp.Request.Header.Get("Authorization"), testToken)
}

func TestSecretsTokenEndpointEchoesForm(t *testing.T) {
	t.Parallel()
	s := begin(t, "secrets", "token endpoint echoing its form body (client_secret URL-encoded, as the SDK sent it) in a 401",
		"the client secret is redacted in every form the SDK itself sent it in")
	srv := s.server(echo(http.StatusUnauthorized, true))
	c := s.client(srv, option.WithClientCredentials(testClientID, testClientSecret))
	_, err := c.Actions.Get(ctxT(t, 5*time.Second), "act_1")
	require.Error(t, err)
	out := &emitted{}
	out.addError("[form echo]", err)
	for _, l := range out.scan() {
		t.Error(l)
	}
}

func TestSecretsParamLoggedWithSlog(t *testing.T) {
	t.Parallel()
	s := begin(t, "secrets", "caller logs an ActionSecretParam with slog (text and JSON handlers) and prints params with fmt",
		"the value is redacted, as ActionSecretParam's doc promises (a whole params struct given to a JSON handler is documented to show it)")
	var logs syncBuffer
	p := newParams
	p.Secrets = secretParams()
	for _, h := range []slog.Handler{slog.NewJSONHandler(&logs, nil), slog.NewTextHandler(&logs, nil)} {
		logger := slog.New(h)
		for _, sec := range p.Secrets {
			logger.Info("setting", "secret", sec)
		}
	}
	slog.New(slog.NewTextHandler(&logs, nil)).Info("creating", "params", p, "secrets", p.Secrets)
	out := &emitted{}
	out.add("logs", logs.String())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		out.add("fmt "+verb, fmt.Sprintf(verb, p)+fmt.Sprintf(verb, p.Secrets))
	}
	require.Contains(t, logs.String(), "API_KEY")
	leaks := out.scan()
	for _, l := range leaks {
		t.Error(l)
	}
	s.observe("%d log lines and %d fmt renderings: %d leaks", strings.Count(logs.String(), "\n"), 4, len(leaks))
}
