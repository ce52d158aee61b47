package requestconfig

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidateDomain(t *testing.T) {
	t.Parallel()
	tests := []struct {
		domain  string
		wantErr string
	}{
		{"tenant.auth0.com", ""},
		{"TENANT.us.auth0.com", ""},
		{"localhost", ""},
		{"a-b_c.example", ""},
		{"", "empty"},
		{"https://tenant.auth0.com", "scheme"},
		{"tenant.auth0.com/", "path"},
		{"tenant.auth0.com?", "path"},
		{"tenant.auth0.com#", "path"},
		{`tenant.auth0.com\`, "path"},
		// A port, as Auth0's Terraform provider and Node SDK accept (a
		// local fake, a proxy); the scheme stays https.
		{"tenant.auth0.com:8443", ""},
		{"127.0.0.1:8443", ""},
		{"localhost:1", ""},
		{"localhost:65535", ""},
		{"[::1]", ""},
		{"[::1]:8443", ""},
		{"[2001:db8::1]:443", ""},
		{"tenant.auth0.com:", "bad port"},
		{"tenant.auth0.com:0", "bad port"},
		{"tenant.auth0.com:65536", "bad port"},
		{"tenant.auth0.com:123456", "bad port"},
		{"tenant.auth0.com:+80", "bad port"},
		{"tenant.auth0.com:-1", "bad port"},
		{"tenant.auth0.com:8x", "bad port"},
		{"tenant.auth0.com: 80", "bad port"},
		{"tenant.auth0.com:80\r\n", "bad port"},
		{"[::1]:", "bad port"},
		{"[::1]:0", "bad port"},
		{":8443", "no host"},
		{"::1", "more than one colon"},
		{"::1:8443", "more than one colon"},
		{"tenant.auth0.com:80:80", "more than one colon"},
		{"[::1", "no closing"},
		{"[::1]x", "not a port"},
		{"[::1]]:80", "not a port"},
		{"[tenant.auth0.com]:80", "not an IPv6 address"},
		{"[127.0.0.1]:80", "not an IPv6 address"},
		{"[fe80::1%25eth0]:80", "not an IPv6 address"},
		{"[]:80", "not an IPv6 address"},
		{"user:pass@tenant.auth0.com:80", "userinfo"},
		{"tenant.auth0.com:80/api", "path"},
		{"https://tenant.auth0.com:443", "scheme"},
		{"ten ant.com:80", "contains"},
		{"evil.example@tenant.auth0.com", "userinfo"},
		{"tenant.auth0.com@evil.example", "userinfo"},
		{"tenant.auth0.com.", "not a valid host name"},
		{"tenant..com", "not a valid host name"},
		{strings.Repeat("x", 64) + ".com", "not a valid host name"},
		{strings.Repeat("x.", 127) + "xx", "at most 253"},
		{"tenant auth0.com", "contains"},
		{"tenant\t.com", "contains"},
		{"tenant%2e.com", "contains"},
		{"ténant.com", "contains"},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			t.Parallel()
			err := ValidateDomain(tt.domain)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestNormalizeBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw, want, wantErr string
	}{
		{"https://x.example", "https://x.example/", ""},
		{"https://x.example/", "https://x.example/", ""},
		{"https://x.example/api/v2", "https://x.example/api/v2/", ""},
		{"https://x.example:8443/api/v2/", "https://x.example:8443/api/v2/", ""},
		{"http://127.0.0.1:4010", "http://127.0.0.1:4010/", ""},
		{"https://x.example/a%2Fb", "https://x.example/a%2Fb/", ""},
		{"", "", "empty"},
		{"x.example", "", "https://"},
		{"ftp://x.example", "", "https://"},
		{"https://", "", "no host"},
		{"https://:443/", "", "no host"},
		{"https://u:p@x.example", "", "userinfo"},
		{"https://u@x.example", "", "userinfo"},
		{"https://x.example/?", "", "query"},
		{"https://x.example/?a=b", "", "query"},
		{"https://x.example/#top", "", "fragment"},
		{"https://x .example", "", "malformed"},
		{"https://x.example/\n", "", "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			got, err := NormalizeBaseURL(tt.raw)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.NotContains(t, err.Error(), ":p@", "never echo a password")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckScheme(t *testing.T) {
	t.Parallel()
	tests := []struct {
		base      string
		allowHTTP bool
		ok        bool
	}{
		{"https://x.example/", false, true},
		{"http://127.0.0.1/", false, true},
		{"http://127.1.2.3:80/", false, true},
		{"http://localhost/", false, true},
		{"http://LOCALHOST:1/", false, true},
		{"http://[::1]:1/", false, true},
		{"http://x.example/", false, false},
		{"http://10.0.0.1/", false, false},
		{"http://localhost.x.example/", false, false},
		{"http://127.0.0.1.nip.io/", false, false},
		{"http://[::ffff:8.8.8.8]/", false, false},
		{"http://x.example/", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			t.Parallel()
			err := CheckScheme(tt.base, tt.allowHTTP)
			if tt.ok {
				assert.NoError(t, err)
			} else {
				require.Error(t, err)
				assert.Contains(t, err.Error(), "option.WithInsecureHTTP")
			}
			// The per-call path (cached) agrees, twice.
			for range 2 {
				cfg := &RequestConfig{BaseURL: tt.base, AllowInsecureHTTP: tt.allowHTTP}
				_, err := cfg.baseURL()
				assert.Equal(t, tt.ok, err == nil)
			}
		})
	}
}

func TestPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		template string
		values   []string
		want     string
		wantErr  string
	}{
		{"plain", "actions/actions/{id}", []string{"act_1"}, "actions/actions/act_1", ""},
		{"two", "actions/actions/{actionId}/versions/{id}/deploy", []string{"a", "v"}, "actions/actions/a/versions/v/deploy", ""},
		{"slash", "actions/actions/{id}", []string{"a/b"}, "actions/actions/a%2Fb", ""},
		{"dot dot slash", "actions/actions/{id}", []string{"../x"}, "actions/actions/..%2Fx", ""},
		{"query and fragment", "actions/actions/{id}", []string{"a?b#c"}, "actions/actions/a%3Fb%23c", ""},
		{"percent", "actions/actions/{id}", []string{"%41"}, "actions/actions/%2541", ""},
		{"space", "actions/actions/{id}", []string{"a b"}, "actions/actions/a%20b", ""},
		{"non-ASCII", "actions/actions/{id}", []string{"日本"}, "actions/actions/%E6%97%A5%E6%9C%AC", ""},
		{"three dots are a name", "actions/actions/{id}", []string{"..."}, "actions/actions/...", ""},
		{"no placeholders", "actions/triggers", nil, "actions/triggers", ""},
		{"empty", "actions/actions/{id}", []string{""}, "", "id must not be empty"},
		{"dot", "actions/actions/{id}", []string{"."}, "", `id must not be "."`},
		{"dot dot", "actions/actions/{id}", []string{".."}, "", `id must not be ".."`},
		{"second empty", "actions/actions/{actionId}/versions/{id}", []string{"a", ""}, "", "id must not be empty"},
		{"first dot dot", "actions/actions/{actionId}/versions/{id}", []string{"..", "v"}, "", "actionId"},
		{"too few values", "actions/actions/{actionId}/versions/{id}", []string{"a"}, "", "no value for path parameter id"},
		{"too many values", "actions/actions/{id}", []string{"a", "b"}, "", "2 path values for 1 parameters"},
		{"malformed template", "actions/actions/{id", []string{"a"}, "", "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := Path(tt.template, tt.values...)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.Escaped)
			assert.Equal(t, tt.template, got.Route, "the template is the route")
		})
	}
}

func TestTokenURLAndAudience(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		cfg          RequestConfig
		wantURL      string
		wantAudience string
		wantErr      bool
	}{
		{"domain", RequestConfig{Domain: "t.auth0.com"}, "https://t.auth0.com/oauth/token", "https://t.auth0.com/api/v2/", false},
		{"domain and audience", RequestConfig{Domain: "login.example.com", Audience: "https://t.auth0.com/api/v2/"}, "https://login.example.com/oauth/token", "https://t.auth0.com/api/v2/", false},
		{"domain and base URL", RequestConfig{Domain: "t.auth0.com", BaseURL: "https://proxy.example/api/v2/"}, "https://t.auth0.com/oauth/token", "https://t.auth0.com/api/v2/", false},
		{"base URL only", RequestConfig{BaseURL: "http://127.0.0.1:4010/api/v2/"}, "http://127.0.0.1:4010/oauth/token", "http://127.0.0.1:4010/api/v2/", false},
		{"domain with a port", RequestConfig{Domain: "127.0.0.1:8443"}, "https://127.0.0.1:8443/oauth/token", "https://127.0.0.1:8443/api/v2/", false},
		{"localhost with a port", RequestConfig{Domain: "localhost:4443"}, "https://localhost:4443/oauth/token", "https://localhost:4443/api/v2/", false},
		{"IPv6 with a port", RequestConfig{Domain: "[::1]:4443"}, "https://[::1]:4443/oauth/token", "https://[::1]:4443/api/v2/", false},
		{"nothing", RequestConfig{}, "", "", true},
		{"plain http elsewhere", RequestConfig{BaseURL: "http://proxy.example/api/v2/"}, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			u, err := tt.cfg.TokenURL()
			a, aerr := tt.cfg.TokenAudience()
			if tt.wantErr {
				assert.Error(t, err)
				if tt.cfg.Audience == "" {
					assert.Error(t, aerr)
				}
				return
			}
			require.NoError(t, err)
			require.NoError(t, aerr)
			assert.Equal(t, tt.wantURL, u)
			assert.Equal(t, tt.wantAudience, a)
		})
	}
}
