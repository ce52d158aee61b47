package reliability

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/testutil"
	"github.com/actions-sdk/auth0-go/option"
)

// assertionServer is a hostile server for private-key JWT clients: the
// token endpoint records every client assertion and answers each attempt
// with the next of tokenStatuses (the last repeats), echoing its raw form
// body in an error or handing out testToken; the API answers with api.
type assertionServer struct {
	mu            sync.Mutex
	assertions    []string
	tokenStatuses []int
	n             atomic.Int32
	api           http.HandlerFunc
}

func (a *assertionServer) handle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/oauth/token" {
		a.api(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	a.mu.Lock()
	a.assertions = append(a.assertions, form.Get("client_assertion"))
	a.mu.Unlock()
	i := int(a.n.Add(1)) - 1
	status := a.tokenStatuses[min(i, len(a.tokenStatuses)-1)]
	if status == http.StatusOK {
		writeJSON(w, http.StatusOK, map[string]any{"access_token": testToken, "expires_in": 86400, "token_type": "Bearer"})
		return
	}
	w.Header().Set("Retry-After", "0")
	writeJSON(w, status, map[string]any{"error": "invalid_client",
		"error_description": "assertion " + form.Get("client_assertion") + " rejected; body " + string(body)})
}

func (a *assertionServer) sent() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.assertions...)
}

// assertionForms are the texts that must never be emitted: the key (whole,
// and each line of its body), every assertion the server received, and the
// bearer token in every form secretForms knows.
func assertionForms(keyPEM string, assertions []string) map[string]string {
	forms := map[string]string{"private key PEM": keyPEM}
	for i, line := range strings.Split(keyPEM, "\n") {
		if len(line) >= 16 && !strings.HasPrefix(line, "-----") {
			forms[fmt.Sprintf("private key line %d", i)] = line
		}
	}
	for i, a := range assertions {
		if a != "" {
			forms[fmt.Sprintf("client assertion %d", i)] = a
			// The signature alone is a secret worth catching too.
			forms[fmt.Sprintf("client assertion %d signature", i)] = a[strings.LastIndex(a, ".")+1:]
		}
	}
	for name, f := range secretForms() {
		if strings.HasPrefix(name, "bearer token") {
			forms[name] = f
		}
	}
	return forms
}

// scanFor returns the labels of emitted parts that contain one of forms.
func (e *emitted) scanFor(forms map[string]string) []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var leaks []string
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

func TestSecretsPrivateKeyJWTNeverEmitted(t *testing.T) {
	t.Parallel()
	s := begin(t, "secrets", "private-key JWT: token endpoint echoing the client assertion and its raw form (401, 503 then 401 after retries, 400), then an API echoing the bearer token",
		"neither the private key, nor any client assertion sent, nor the token, in error strings in every verb, wrapped errors, *auth0.Error fields, dumps, RawJSON, debug logs or WithResponseInto's request and headers")
	_, keyPEM := testutil.RSAKey(t)
	ctx := ctxT(t, 30*time.Second)
	var logs testutil.SyncBuffer
	out := &emitted{}
	var all []string
	scenarios := map[string]*assertionServer{
		"token 401 echo":          {tokenStatuses: []int{http.StatusUnauthorized}},
		"token 400 echo":          {tokenStatuses: []int{http.StatusBadRequest}},
		"token 503, 503, 401":     {tokenStatuses: []int{http.StatusServiceUnavailable, http.StatusServiceUnavailable, http.StatusUnauthorized}},
		"token 503 forever":       {tokenStatuses: []int{http.StatusServiceUnavailable}},
		"token ok, API 401 echo":  {tokenStatuses: []int{http.StatusOK}, api: echo(http.StatusUnauthorized, false)},
		"token ok, API 500 echo":  {tokenStatuses: []int{http.StatusOK}, api: echo(http.StatusInternalServerError, false)},
		"token ok, API 400 echo":  {tokenStatuses: []int{http.StatusOK}, api: echo(http.StatusBadRequest, false)},
		"token 503, ok, API echo": {tokenStatuses: []int{http.StatusServiceUnavailable, http.StatusOK}, api: echo(http.StatusConflict, false)},
	}
	for name, a := range scenarios {
		if a.api == nil {
			a.api = func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, actionJSON("act_1")) }
		}
		srv := s.server(a.handle)
		for _, alg := range []string{"RS256", "PS256"} {
			var resp *http.Response
			c := s.client(srv, option.WithClientAssertion(testClientID, keyPEM, alg),
				option.WithDebugLog(debugLogger(&logs)), option.WithMaxRetries(2))
			_, err := c.Actions.Get(ctx, "act_1", option.WithResponseInto(&resp))
			require.Error(t, err, "%s %s", name, alg)
			label := fmt.Sprintf("[%s, %s]", name, alg)
			out.addError(label, err)
			if resp != nil {
				// Its body is the server's bytes as received, by design (as
				// in TestSecretsInResponseInto): the headers and the
				// request are the SDK's to scrub.
				out.add(label+" WithResponseInto", fmt.Sprintf("%v %+v %v", resp.Header, *resp.Request, resp.Request.Header))
			}
		}
		sent := a.sent()
		require.NotEmpty(t, sent, name)
		all = append(all, sent...)
	}
	// A key that does not parse: the option's error names the problem only.
	lines := strings.Split(keyPEM, "\n")
	broken := strings.Join(lines[:len(lines)/2], "\n") + "\n-----END PRIVATE KEY-----\n"
	_, err := s.client(s.server(echo(http.StatusOK, false)), option.WithClientAssertion(testClientID, broken, "RS256")).Actions.Get(ctx, "act_1")
	require.Error(t, err)
	out.addError("[broken key]", err)
	out.add("logs", logs.String())

	require.NotEmpty(t, logs.String(), "the debug log must have logged the attempts")
	forms := assertionForms(keyPEM, all)
	leaks := out.scanFor(forms)
	for _, l := range leaks {
		t.Error(l)
	}
	s.observe("%d client assertions sent; %d emitted texts (%d bytes of logs) scanned for %d secret forms: %d leaks",
		len(all), len(out.parts), len(logs.String()), len(forms), len(leaks))
}

func TestSecretsAssertionScanDetectsLeaks(t *testing.T) {
	t.Parallel()
	// The scan itself must find what it looks for.
	_, keyPEM := testutil.RSAKey(t)
	out := &emitted{}
	line := strings.Split(keyPEM, "\n")[3]
	out.add("planted key line", "oops "+line)
	out.add("planted assertion", "eyJ.planted.sig-XYZ-0123456789")
	out.add("clean", "auth0: fetching an access token: POST https://t/oauth/token: 401 [REDACTED]")
	leaks := out.scanFor(assertionForms(keyPEM, []string{"eyJ.planted.sig-XYZ-0123456789"}))
	require.Len(t, leaks, 3, "the key line, the assertion and its signature: %q", leaks)
}
