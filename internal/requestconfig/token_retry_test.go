package requestconfig

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokenEndpointFailuresAreRetried(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusBadGateway} {
		var tokenCalls, apiCalls atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/oauth/token":
				if tokenCalls.Add(1) == 1 {
					w.Header().Set("Retry-After", "0")
					w.WriteHeader(status)
					return
				}
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"access_token":"fresh","expires_in":86400,"token_type":"Bearer"}`))
			default:
				apiCalls.Add(1)
				assert.Equal(t, "Bearer fresh", r.Header.Get("Authorization"))
				_, _ = w.Write([]byte(`{}`))
			}
		}))
		cfgOpts := []RequestOption{func(cfg *RequestConfig) error {
			cfg.BaseURL = srv.URL + "/api/v2/"
			cfg.Auth = NewClientCredentials("id", "secret")
			cfg.MaxRetries = 2
			cfg.RetryWaitMin, cfg.RetryWaitMax = time.Millisecond, 5*time.Millisecond
			return nil
		}}
		var out map[string]any
		_, err := Execute(t.Context(), &Call{Method: http.MethodGet, Path: Static("actions/triggers"), Result: &out}, cfgOpts)
		require.NoError(t, err, "status %d", status)
		assert.EqualValues(t, 2, tokenCalls.Load(), "status %d: one failed and one good token request", status)
		assert.EqualValues(t, 1, apiCalls.Load())
		srv.Close()
	}
}

func TestTokenEndpoint401IsNotRetried(t *testing.T) {
	t.Parallel()
	var tokenCalls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tokenCalls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = w.Write([]byte(`{"error":"access_denied","error_description":"Unauthorized"}`))
	}))
	defer srv.Close()
	opts := []RequestOption{func(cfg *RequestConfig) error {
		cfg.BaseURL = srv.URL + "/api/v2/"
		cfg.Auth = NewClientCredentials("my-client", "sup3r-s3cret")
		cfg.MaxRetries = 2
		return nil
	}}
	_, err := Execute(t.Context(), &Call{Method: http.MethodGet, Path: Static("actions/triggers")}, opts)
	require.Error(t, err)
	assert.EqualValues(t, 1, tokenCalls.Load())
	assert.Contains(t, err.Error(), "client secret")
	assert.NotContains(t, err.Error(), "sup3r-s3cret")
}
