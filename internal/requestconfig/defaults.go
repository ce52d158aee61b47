package requestconfig

import (
	"encoding/base64"
	"encoding/json"
	"runtime"

	"github.com/actions-sdk/auth0-go/internal/version"
)

// UserAgent is the SDK's User-Agent.
var UserAgent = version.Name + "/" + version.Version + " (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"

// Auth0Client is the Auth0-Client telemetry header: base64 of
// {"name":...,"version":...,"env":{"go":...}}, as Auth0's SDKs send it.
var Auth0Client = func() string {
	b, _ := json.Marshal(struct {
		Name    string            `json:"name"`
		Version string            `json:"version"`
		Env     map[string]string `json:"env"`
	}{version.Name, version.Version, map[string]string{"go": runtime.Version()}})
	return base64.StdEncoding.EncodeToString(b)
}()

// Header values are shared, read-only slices so that setting them costs
// nothing per call.
var (
	userAgentValue   = []string{UserAgent}
	auth0ClientValue = []string{Auth0Client}
)

// Defaults returns the option every client applies first.
func Defaults(shared *Shared) RequestOption {
	return func(cfg *RequestConfig) error {
		cfg.MaxRetries = DefaultMaxRetries
		cfg.RetryWaitMin = DefaultRetryWaitMin
		cfg.RetryWaitMax = DefaultRetryWaitMax
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
		cfg.Pacing = true
		cfg.Shared = shared
		cfg.Header["User-Agent"] = userAgentValue
		cfg.Header["Auth0-Client"] = auth0ClientValue
		return nil
	}
}
