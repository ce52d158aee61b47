package requestconfig

import "time"

// Defaults of the polling helpers.
const (
	DefaultPollInterval    = 250 * time.Millisecond
	DefaultPollMaxInterval = 5 * time.Second
	DefaultWaitTimeout     = 10 * time.Minute
)

// WaitConfig configures how the SDK's helpers poll for a state change.
type WaitConfig struct {
	// Interval is the first wait between polls; it doubles up to MaxInterval.
	Interval    time.Duration
	MaxInterval time.Duration
	// Timeout bounds the whole wait (the context may end it sooner).
	Timeout time.Duration
}

// Normalized returns the config with defaults filled in.
func (w WaitConfig) Normalized() WaitConfig {
	if w.Interval <= 0 {
		w.Interval = DefaultPollInterval
	}
	if w.MaxInterval <= 0 {
		w.MaxInterval = DefaultPollMaxInterval
	}
	if w.MaxInterval < w.Interval {
		w.MaxInterval = w.Interval
	}
	if w.Timeout <= 0 {
		w.Timeout = DefaultWaitTimeout
	}
	return w
}

// Target returns the API base URL a call with this config goes to.
func (cfg *RequestConfig) Target() (string, error) { return cfg.baseURL() }
