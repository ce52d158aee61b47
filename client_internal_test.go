package auth0

import (
	"crypto/rsa"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/internal/testutil"
	"github.com/actions-sdk/auth0-go/option"
	"github.com/golang-jwt/jwt/v5"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// envTransport answers the API and the token endpoint of any host, and
// records what it saw.
type envTransport struct {
	*httpmock.MockTransport
	mu     sync.Mutex
	api    []*http.Request
	tokens []url.Values
	// tokenURLs are the URLs the token requests went to.
	tokenURLs []string
}

func newEnvTransport() *envTransport {
	tr := &envTransport{MockTransport: httpmock.NewMockTransport()}
	tr.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		tr.mu.Lock()
		defer tr.mu.Unlock()
		if req.URL.Path == "/oauth/token" {
			if err := req.ParseForm(); err != nil {
				return nil, err
			}
			tr.tokens = append(tr.tokens, req.PostForm)
			tr.tokenURLs = append(tr.tokenURLs, req.URL.String())
			resp := httpmock.NewStringResponse(http.StatusOK, `{"access_token":"fetched-token","expires_in":86400}`)
			resp.Header.Set("Content-Type", "application/json")
			return resp, nil
		}
		tr.api = append(tr.api, req)
		return httpmock.NewStringResponse(http.StatusOK, `{"id":"act_1"}`), nil
	})
	return tr
}

func TestEnvOptionsFromGetenv(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		env          map[string]string
		opts         []option.RequestOption
		wantURL      string // the API request; "" when an error is expected
		wantAuth     string
		wantFetch    url.Values // the token request's form, if one is expected
		wantFetchURL string     // the token request's URL; https://env.auth0.com/oauth/token when empty
		wantErrHas   []string
		wantErrNot   []string
	}{
		{
			name:     "domain and token",
			env:      map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_API_TOKEN": "env-token"},
			wantURL:  "https://env.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer env-token",
		},
		{
			name:     "surrounding space is trimmed",
			env:      map[string]string{"AUTH0_DOMAIN": " env.auth0.com\n", "AUTH0_API_TOKEN": " env-token\n"},
			wantURL:  "https://env.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer env-token",
		},
		{
			name:     "client credentials",
			env:      map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_CLIENT_ID": "env-id", "AUTH0_CLIENT_SECRET": "env-secret"},
			wantURL:  "https://env.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer fetched-token",
			wantFetch: url.Values{
				"grant_type":    {"client_credentials"},
				"client_id":     {"env-id"},
				"client_secret": {"env-secret"},
				"audience":      {"https://env.auth0.com/api/v2/"},
			},
		},
		{
			name:     "domain with a port, as a local fake or a proxy has",
			env:      map[string]string{"AUTH0_DOMAIN": "127.0.0.1:8443", "AUTH0_API_TOKEN": "env-token"},
			wantURL:  "https://127.0.0.1:8443/api/v2/actions/actions/act_1",
			wantAuth: "Bearer env-token",
		},
		{
			name:     "domain with a port and client credentials: the token URL and audience keep the port",
			env:      map[string]string{"AUTH0_DOMAIN": "localhost:4443", "AUTH0_CLIENT_ID": "env-id", "AUTH0_CLIENT_SECRET": "env-secret"},
			wantURL:  "https://localhost:4443/api/v2/actions/actions/act_1",
			wantAuth: "Bearer fetched-token",
			wantFetch: url.Values{
				"grant_type":    {"client_credentials"},
				"client_id":     {"env-id"},
				"client_secret": {"env-secret"},
				"audience":      {"https://localhost:4443/api/v2/"},
			},
			wantFetchURL: "https://localhost:4443/oauth/token",
		},
		{
			name:       "domain with a bad port names the variable",
			env:        map[string]string{"AUTH0_DOMAIN": "env.auth0.com:0", "AUTH0_API_TOKEN": "env-token"},
			wantErrHas: []string{"AUTH0_DOMAIN", "bad port"},
		},
		{
			name: "token wins over client credentials",
			env: map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_API_TOKEN": "env-token",
				"AUTH0_CLIENT_ID": "env-id", "AUTH0_CLIENT_SECRET": "env-secret"},
			wantURL:  "https://env.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer env-token",
		},
		{
			name:       "client ID without secret names the missing variable",
			env:        map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_CLIENT_ID": "env-id"},
			wantErrHas: []string{"AUTH0_CLIENT_SECRET is not set"},
		},
		{
			name:       "secret without client ID names the missing variable",
			env:        map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_CLIENT_SECRET": "env-secret"},
			wantErrHas: []string{"AUTH0_CLIENT_ID is not set"},
			wantErrNot: []string{"env-secret"},
		},
		{
			name:       "no domain",
			env:        map[string]string{"AUTH0_API_TOKEN": "env-token"},
			wantErrHas: []string{"no tenant domain", "AUTH0_DOMAIN"},
		},
		{
			name:       "empty environment",
			env:        map[string]string{},
			wantErrHas: []string{"no tenant domain"},
		},
		{
			name:       "bad domain names the variable",
			env:        map[string]string{"AUTH0_DOMAIN": "https://env.auth0.com", "AUTH0_API_TOKEN": "env-token"},
			wantErrHas: []string{"AUTH0_DOMAIN", "scheme"},
		},
		{
			name:       "domain with userinfo names the variable",
			env:        map[string]string{"AUTH0_DOMAIN": "evil.example@env.auth0.com", "AUTH0_API_TOKEN": "env-token"},
			wantErrHas: []string{"AUTH0_DOMAIN", "userinfo"},
		},
		{
			name:     "WithDomain overrides a bad AUTH0_DOMAIN",
			env:      map[string]string{"AUTH0_DOMAIN": "https://bad", "AUTH0_API_TOKEN": "env-token"},
			opts:     []option.RequestOption{option.WithDomain("opt.auth0.com")},
			wantURL:  "https://opt.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer env-token",
		},
		{
			name:     "WithBaseURL overrides a bad AUTH0_DOMAIN",
			env:      map[string]string{"AUTH0_DOMAIN": "bad domain", "AUTH0_API_TOKEN": "env-token"},
			opts:     []option.RequestOption{option.WithBaseURL("https://proxy.example.com/api/v2/")},
			wantURL:  "https://proxy.example.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer env-token",
		},
		{
			name:     "options override the environment",
			env:      map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_API_TOKEN": "env-token"},
			opts:     []option.RequestOption{option.WithDomain("opt.auth0.com"), option.WithToken("opt-token")},
			wantURL:  "https://opt.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer opt-token",
		},
		{
			name:     "WithToken overrides client credentials from the environment",
			env:      map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_CLIENT_ID": "env-id", "AUTH0_CLIENT_SECRET": "env-secret"},
			opts:     []option.RequestOption{option.WithToken("opt-token")},
			wantURL:  "https://env.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer opt-token",
		},
		{
			name:     "WithClientCredentials overrides AUTH0_API_TOKEN",
			env:      map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_API_TOKEN": "env-token"},
			opts:     []option.RequestOption{option.WithClientCredentials("opt-id", "opt-secret")},
			wantURL:  "https://env.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer fetched-token",
			wantFetch: url.Values{
				"grant_type":    {"client_credentials"},
				"client_id":     {"opt-id"},
				"client_secret": {"opt-secret"},
				"audience":      {"https://env.auth0.com/api/v2/"},
			},
		},
		{
			name:     "options fill in what the environment lacks",
			env:      map[string]string{"AUTH0_API_TOKEN": "env-token"},
			opts:     []option.RequestOption{option.WithDomain("opt.auth0.com")},
			wantURL:  "https://opt.auth0.com/api/v2/actions/actions/act_1",
			wantAuth: "Bearer env-token",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := newEnvTransport()
			opts := append([]option.RequestOption{option.WithHTTPClient(&http.Client{Transport: tr})}, tt.opts...)
			c := newEnvClient(tt.env, opts...)
			_, err := c.Actions.Get(t.Context(), "act_1")
			tr.mu.Lock()
			defer tr.mu.Unlock()
			if tt.wantURL == "" {
				require.Error(t, err)
				for _, s := range tt.wantErrHas {
					assert.Contains(t, err.Error(), s)
				}
				for _, s := range tt.wantErrNot {
					assert.NotContains(t, err.Error(), s)
				}
				assert.Empty(t, tr.api, "nothing is sent")
				assert.Empty(t, tr.tokens)
				return
			}
			require.NoError(t, err)
			require.Len(t, tr.api, 1)
			assert.Equal(t, tt.wantURL, tr.api[0].URL.String())
			assert.Equal(t, tt.wantAuth, tr.api[0].Header.Get("Authorization"))
			if tt.wantFetch == nil {
				assert.Empty(t, tr.tokens, "no token fetch")
			} else {
				require.Len(t, tr.tokens, 1)
				assert.Equal(t, tt.wantFetch, tr.tokens[0])
				wantTokenURL := tt.wantFetchURL
				if wantTokenURL == "" {
					wantTokenURL = "https://" + strings.TrimSpace(tt.env["AUTH0_DOMAIN"]) + "/oauth/token"
				}
				assert.Equal(t, wantTokenURL, tr.tokenURLs[0])
			}
		})
	}
}

func TestEnvOptionsReadOnce(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	reads := map[string]int{}
	getenv := func(k string) string {
		mu.Lock()
		defer mu.Unlock()
		reads[k]++
		return map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_CLIENT_ID": "id", "AUTH0_CLIENT_SECRET": "secret"}[k]
	}
	opts := envOptions(getenv)
	for k, n := range reads {
		assert.Equal(t, 1, n, "%s read once", k)
		assert.True(t, strings.HasPrefix(k, "AUTH0_"), k)
	}

	// The options share one token cache: two calls, one fetch.
	tr := newEnvTransport()
	all := append([]option.RequestOption{requestconfig.Defaults(&requestconfig.Shared{})}, opts...)
	all = append(all, option.WithHTTPClient(&http.Client{Transport: tr}))
	for range 2 {
		call := requestconfig.Call{Method: http.MethodGet, Path: requestconfig.Static("actions/actions/act_1")}
		require.NoError(t, execute(t.Context(), &call, all, nil))
	}
	before := len(reads)
	tr.mu.Lock()
	defer tr.mu.Unlock()
	assert.Len(t, tr.tokens, 1)
	assert.Len(t, tr.api, 2)
	assert.Equal(t, before, len(reads), "calls do not read the environment")
	for _, n := range reads {
		assert.Equal(t, 1, n)
	}
}

func TestEnvErrorUnwraps(t *testing.T) {
	t.Parallel()
	c := newEnvClient(map[string]string{"AUTH0_DOMAIN": "a:99999", "AUTH0_API_TOKEN": "t"})
	_, err := c.Actions.Get(t.Context(), "act_1")
	require.Error(t, err)
	var envErr *envError
	require.ErrorAs(t, err, &envErr)
	assert.Equal(t, "AUTH0_DOMAIN", envErr.name)
	assert.ErrorIs(t, err, envErr.err)
	assert.True(t, strings.HasPrefix(err.Error(), "auth0: AUTH0_DOMAIN: domain "), err.Error())
	assert.Contains(t, err.Error(), "port")
}

func TestEnvHalfClientCredentialsIsNamed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		env     map[string]string
		missing string
	}{
		{map[string]string{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_ID": "id"}, "AUTH0_CLIENT_SECRET"},
		{map[string]string{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_SECRET": "s3cret"}, "AUTH0_CLIENT_ID"},
	} {
		opts := envOptions(func(k string) string { return tc.env[k] })
		c := &Client{Options: opts}
		c.Actions = newActionService(opts)
		_, err := c.Actions.Get(t.Context(), "x")
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.missing+" is not set")
		assert.NotContains(t, err.Error(), "s3cret")
		// A later credentials option still wins.
		_, err = c.Actions.Get(t.Context(), "x", option.WithToken("tok"), option.WithBaseURL("http://127.0.0.1:1/"), option.WithMaxRetries(0))
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "is not set")
	}
}

// checkAssertionForm checks a token request's form: client_assertion
// verifies with pub and names clientID for aud, with no client secret.
func checkAssertionForm(t *testing.T, form url.Values, pub *rsa.PublicKey, alg, clientID, aud, audience string) {
	t.Helper()
	assert.Equal(t, "client_credentials", form.Get("grant_type"))
	assert.Equal(t, clientID, form.Get("client_id"))
	assert.Equal(t, "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form.Get("client_assertion_type"))
	assert.Equal(t, audience, form.Get("audience"))
	assert.NotContains(t, form, "client_secret")
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(form.Get("client_assertion"), claims, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{alg}), jwt.WithAudience(aud), jwt.WithIssuer(clientID), jwt.WithSubject(clientID), jwt.WithExpirationRequired())
	require.NoError(t, err)
}

func TestEnvClientAssertion(t *testing.T) {
	t.Parallel()
	key, keyPEM := testutil.RSAKey(t)
	base := map[string]string{"AUTH0_DOMAIN": "env.auth0.com", "AUTH0_CLIENT_ID": "env-id", "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY": keyPEM}
	with := func(kv ...string) map[string]string {
		env := map[string]string{}
		for k, v := range base {
			env[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			env[kv[i]] = kv[i+1]
		}
		return env
	}
	tests := []struct {
		name         string
		env          map[string]string
		opts         []option.RequestOption
		alg          string
		clientID     string
		audience     string
		wantAPIToken string // when no token request is expected
	}{
		{name: "key and client ID, default RS256", env: base, alg: "RS256", clientID: "env-id", audience: "https://env.auth0.com/api/v2/"},
		{name: "PS256", env: with("AUTH0_CLIENT_ASSERTION_SIGNING_ALG", "PS256"), alg: "PS256", clientID: "env-id", audience: "https://env.auth0.com/api/v2/"},
		{name: "RS384", env: with("AUTH0_CLIENT_ASSERTION_SIGNING_ALG", " RS384\n"), alg: "RS384", clientID: "env-id", audience: "https://env.auth0.com/api/v2/"},
		{name: "escaped line breaks, as secret stores write them", env: with("AUTH0_CLIENT_ASSERTION_PRIVATE_KEY", strings.ReplaceAll(keyPEM, "\n", `\n`)), alg: "RS256", clientID: "env-id", audience: "https://env.auth0.com/api/v2/"},
		{name: "AUTH0_AUDIENCE", env: with("AUTH0_AUDIENCE", "https://env-tenant.auth0.com/api/v2/"), alg: "RS256", clientID: "env-id", audience: "https://env-tenant.auth0.com/api/v2/"},
		{name: "WithAudience overrides AUTH0_AUDIENCE", env: with("AUTH0_AUDIENCE", "https://env-tenant.auth0.com/api/v2/"), opts: []option.RequestOption{option.WithAudience("https://opt.auth0.com/api/v2/")}, alg: "RS256", clientID: "env-id", audience: "https://opt.auth0.com/api/v2/"},
		{name: "the key wins over a client secret, as in the Terraform provider", env: with("AUTH0_CLIENT_SECRET", "env-secret"), alg: "RS256", clientID: "env-id", audience: "https://env.auth0.com/api/v2/"},
		{name: "AUTH0_API_TOKEN wins over the key", env: with("AUTH0_API_TOKEN", "env-token"), wantAPIToken: "env-token"},
		{name: "an option wins over the environment", env: base, opts: []option.RequestOption{option.WithClientAssertion("opt-id", keyPEM, "PS256")}, alg: "PS256", clientID: "opt-id", audience: "https://env.auth0.com/api/v2/"},
		{name: "WithToken wins over the key", env: base, opts: []option.RequestOption{option.WithToken("opt-token")}, wantAPIToken: "opt-token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr := newEnvTransport()
			opts := append([]option.RequestOption{option.WithHTTPClient(&http.Client{Transport: tr})}, tc.opts...)
			c := newEnvClient(tc.env, opts...)
			_, err := c.Actions.Get(t.Context(), "act_1")
			require.NoError(t, err)
			tr.mu.Lock()
			defer tr.mu.Unlock()
			require.Len(t, tr.api, 1)
			if tc.wantAPIToken != "" {
				assert.Empty(t, tr.tokens)
				assert.Equal(t, "Bearer "+tc.wantAPIToken, tr.api[0].Header.Get("Authorization"))
				return
			}
			require.Len(t, tr.tokens, 1)
			checkAssertionForm(t, tr.tokens[0], &key.PublicKey, tc.alg, tc.clientID, "https://env.auth0.com/", tc.audience)
			assert.Equal(t, "Bearer fetched-token", tr.api[0].Header.Get("Authorization"))
		})
	}
}

func TestEnvClientAssertionMistakesAreNamed(t *testing.T) {
	t.Parallel()
	_, keyPEM := testutil.RSAKey(t)
	lines := strings.Split(keyPEM, "\n")
	tests := []struct {
		name  string
		env   map[string]string
		want  string
		check []string // must not appear
	}{
		{
			name: "key without client ID",
			env:  map[string]string{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY": keyPEM},
			want: "auth0: AUTH0_CLIENT_ID is not set: a private-key JWT (AUTH0_CLIENT_ASSERTION_PRIVATE_KEY) needs the application's client ID",
		},
		{
			name:  "not a key",
			env:   map[string]string{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_ID": "id", "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY": "s3cret-not-a-pem-key"},
			want:  "auth0: AUTH0_CLIENT_ASSERTION_PRIVATE_KEY: the private key is not PEM-encoded",
			check: []string{"s3cret-not-a-pem-key"},
		},
		{
			name:  "a truncated key",
			env:   map[string]string{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_ID": "id", "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY": strings.Join(lines[:len(lines)/2], "\n") + "\n-----END PRIVATE KEY-----\n"},
			want:  "auth0: AUTH0_CLIENT_ASSERTION_PRIVATE_KEY: the PRIVATE KEY block does not hold a valid key",
			check: lines[1 : len(lines)/2],
		},
		{
			name:  "unsupported algorithm",
			env:   map[string]string{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_ID": "id", "AUTH0_CLIENT_ASSERTION_PRIVATE_KEY": keyPEM, "AUTH0_CLIENT_ASSERTION_SIGNING_ALG": "HS256"},
			want:  `auth0: AUTH0_CLIENT_ASSERTION_SIGNING_ALG: signing algorithm "HS256" is not supported: Auth0 accepts RS256, RS384 and PS256`,
			check: lines[1 : len(lines)-2],
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr := newEnvTransport()
			c := newEnvClient(tc.env, option.WithHTTPClient(&http.Client{Transport: tr}))
			_, err := c.Actions.Get(t.Context(), "act_1")
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tc.want), "got %q", err.Error())
			assert.Equal(t, 1, strings.Count(err.Error(), "auth0:"))
			for _, s := range tc.check {
				if len(s) >= 16 {
					assert.NotContains(t, err.Error(), s)
				}
			}
			assert.Zero(t, tr.GetTotalCallCount(), "nothing is sent")
		})
	}
}

func TestWithClientAssertionErrors(t *testing.T) {
	t.Parallel()
	_, keyPEM := testutil.RSAKey(t)
	for _, tc := range []struct {
		name string
		opt  option.RequestOption
		want string
	}{
		{"no client ID", option.WithClientAssertion("", keyPEM, "RS256"), "auth0: option.WithClientAssertion: the client ID is required"},
		{"bad key", option.WithClientAssertion("id", "-----BEGIN PRIVATE KEY-----\nAAAAsecretAAAAsecretAAAA\n-----END PRIVATE KEY-----\n", "RS256"), "auth0: option.WithClientAssertion: the PRIVATE KEY block does not hold a valid key"},
		{"bad algorithm", option.WithClientAssertion("id", keyPEM, "ES256"), `auth0: option.WithClientAssertion: signing algorithm "ES256" is not supported: Auth0 accepts RS256, RS384 and PS256`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tr := newEnvTransport()
			c := newEnvClient(map[string]string{"AUTH0_DOMAIN": "t.auth0.com"}, option.WithHTTPClient(&http.Client{Transport: tr}), tc.opt)
			_, err := c.Actions.Get(t.Context(), "act_1")
			require.EqualError(t, err, tc.want)
			assert.NotContains(t, err.Error(), "AAAAsecretAAAAsecretAAAA")
			assert.Zero(t, tr.GetTotalCallCount(), "nothing is sent")
		})
	}
}
