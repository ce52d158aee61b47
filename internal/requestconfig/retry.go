package requestconfig

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/actions-sdk/auth0-go/internal/apierror"
)

// checkRetry is the SDK's retry policy (go-retryablehttp's CheckRetry):
//
//   - a cancelled or expired ctx stops at once;
//   - 429 is always retried (the server did not act on the request);
//   - 401 is retried once after dropping a cached client-credentials token;
//   - 408 and 5xx (but 501 and 505) are retried unless the call is Unsafe;
//   - connection errors are retried unless the call is Unsafe and the
//     request may have reached the server; errors that cannot heal (bad
//     certificates, unknown hosts, too many redirects) are not retried.
func (st *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		if permanent(err) {
			return false, nil
		}
		if neverSent(err) {
			return true, nil
		}
		return !st.c.Unsafe, nil
	}
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests:
		return true, nil
	case code == http.StatusUnauthorized:
		if !st.explicitAuth && !st.reauthed && st.cfg.Auth != nil && st.cfg.Auth.Invalidate(st.token) {
			st.reauthed = true
			st.needToken = true
			return true, nil
		}
		return false, nil
	case transientStatus(code):
		return !st.c.Unsafe, nil
	}
	return false, nil
}

// transientStatus reports statuses worth retrying when a repeat is safe:
// 408 and 5xx, but not 501 and 505, which a retry cannot change.
func transientStatus(code int) bool {
	return code == http.StatusRequestTimeout ||
		code >= 500 && code != http.StatusNotImplemented && code != http.StatusHTTPVersionNotSupported
}

// backoff is go-retryablehttp's Backoff: Retry-After (on any status),
// else x-ratelimit-reset on a 429, else exponential backoff with jitter;
// every wait is capped by max (option.WithRetryWait).
func (st *call) backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if st.needToken {
		return 0
	}
	if resp != nil {
		// Retry-After is the server's word on any response it accompanies
		// (429 and 503 in practice).
		if d := apierror.ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); d > 0 {
			return capWait(d, max)
		}
	}
	if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
		now := time.Now()
		if rl, ok := apierror.ParseRateLimit(resp.Header); ok && !rl.Reset.IsZero() {
			if d := rl.Reset.Sub(now); d > 0 {
				// Spread concurrent callers over the first tenth of a second.
				return capWait(d+time.Duration(rand.Int64N(int64(100*time.Millisecond))), max)
			}
		}
	}
	return capWait(exponential(min, max, attempt), max)
}

func exponential(min, max time.Duration, attempt int) time.Duration {
	if min <= 0 {
		min = time.Millisecond
	}
	if attempt > 30 {
		attempt = 30
	}
	d := min << attempt
	if d <= 0 || (max > 0 && d > max) {
		d = max
	}
	// Equal jitter: half fixed, half random.
	half := d / 2
	if half <= 0 {
		return d
	}
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

func capWait(d, max time.Duration) time.Duration {
	if max > 0 && d > max {
		return max
	}
	if d < 0 {
		return 0
	}
	return d
}

// prepareRetry fetches a fresh token before retrying a 401.
func (st *call) prepareRetry(req *http.Request) error {
	if !st.needToken {
		return nil
	}
	st.needToken = false
	tok, err := st.cfg.Auth.Token(req.Context(), &st.cfg)
	if err != nil {
		return &tokenRefreshError{err}
	}
	st.token = tok
	req.Header = req.Header.Clone()
	req.Header.Set("Authorization", "Bearer "+tok)
	return nil
}

// tokenRefreshError is a failure to renew a token after a 401: the 401
// proves the request was not acted on.
type tokenRefreshError struct{ err error }

func (e *tokenRefreshError) Error() string {
	return "the server refused the token (401) and renewing it failed: " + e.err.Error()
}

func (e *tokenRefreshError) Unwrap() error { return e.err }

// definiteAnswer reports errors that prove an unsafe request was not acted
// on, though it reached the server: a refused redirect (the server answered
// 3xx) and a failed token renewal after a 401.
func definiteAnswer(err error) bool {
	var tre *tokenRefreshError
	return errors.Is(err, errRedirectRefused) || errors.As(err, &tre)
}

// neverSent reports whether err proves the request never reached a server:
// the connection could not be made, the host could not be resolved, or the
// TLS handshake failed before anything was sent.
func neverSent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	return tlsFailed(err)
}

// permanent reports transport errors that a retry cannot heal.
func permanent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return true
	}
	if tlsFailed(err) || errors.Is(err, errRedirectRefused) || errors.Is(err, apierror.ErrResponseTooLarge) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "stopped after") && strings.Contains(msg, "redirects") ||
		strings.Contains(msg, "unsupported protocol scheme")
}

// tlsFailed reports a failed TLS handshake (a certificate that does not
// verify, or a server that does not speak TLS): no request was sent.
func tlsFailed(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalid          x509.CertificateInvalidError
		verify           *tls.CertificateVerificationError
		record           tls.RecordHeaderError
	)
	if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalid) ||
		errors.As(err, &verify) || errors.As(err, &record) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "tls: handshake failure") || strings.Contains(msg, "x509: ")
}
