package auth0

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// The wait and deadline machinery of the workflow helpers: one deadline
// per helper call (option.WithWaitTimeout), shared by nested helpers, the
// polling loop with backoff, and the error that says the deadline passed.

// waitScope is the one deadline of a helper call: option.WithWaitTimeout,
// measured from the start of the outermost helper. It is also the cause
// its context ends with, so that the end of the scope can be told from
// the end of the caller's ctx.
type waitScope struct {
	timeout time.Duration
}

type waitScopeKey struct{}

// startWait resolves a helper's polling settings and puts its deadline
// (option.WithWaitTimeout, default 10 minutes) into ctx, once: a helper
// called by another (DeployAndWait within Upsert, WaitUntilBuilt within
// DeployAndWait) finds the outer scope in ctx and keeps its deadline
// instead of starting the clock again. Call done when the helper returns.
func startWait(ctx context.Context, base, opts []option.RequestOption) (context.Context, requestconfig.WaitConfig, context.CancelFunc, error) {
	if ctx == nil {
		return nil, requestconfig.WaitConfig{}, nil, errors.New("auth0: nil context")
	}
	cfg, err := requestconfig.Resolve(base, opts)
	if err != nil {
		return nil, requestconfig.WaitConfig{}, nil, err
	}
	w := cfg.Wait.Normalized()
	if _, ok := ctx.Value(waitScopeKey{}).(*waitScope); ok {
		return ctx, w, func() {}, nil
	}
	s := &waitScope{timeout: w.Timeout}
	ctx, cancel := context.WithTimeoutCause(ctx, w.Timeout, s)
	return context.WithValue(ctx, waitScopeKey{}, s), w, cancel, nil
}

// scopeExpired returns the wait scope of ctx when its deadline (not the
// caller's ctx) has ended it.
func scopeExpired(ctx context.Context) (*waitScope, bool) {
	s, ok := ctx.Value(waitScopeKey{}).(*waitScope)
	if !ok || ctx.Err() == nil || !errors.Is(context.Cause(ctx), s) {
		return nil, false
	}
	return s, true
}

// waitErr turns an error that the end of the helper's deadline caused
// (a request or a wait cut short) into the timeout error, matching
// ErrWaitTimeout and context.DeadlineExceeded, with where as its context;
// other errors, and the caller's own cancellation, stay as they are.
func waitErr(ctx context.Context, where string, err error) error {
	if err == nil || errors.Is(err, ErrWaitTimeout) ||
		!errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
		return err
	}
	s, ok := scopeExpired(ctx)
	if !ok {
		return err
	}
	return withContext(where, &waitTimeoutError{timeout: s.timeout, err: err})
}

// poll calls check until it reports done or fails, waiting between calls
// with exponential backoff, until ctx (holding the helper's wait scope)
// ends.
func poll[T any](ctx context.Context, w requestconfig.WaitConfig, what string, check func(context.Context) (T, bool, error)) (T, error) {
	interval := w.Interval
	timer := time.NewTimer(0)
	<-timer.C
	defer timer.Stop()
	for {
		v, done, err := check(ctx)
		if err != nil {
			return v, waitErr(ctx, "waiting for "+what, err)
		}
		if done {
			return v, nil
		}
		timer.Reset(interval)
		select {
		case <-ctx.Done():
			if err := waitErr(ctx, "waiting for "+what, ctx.Err()); errors.Is(err, ErrWaitTimeout) {
				return v, err
			}
			return v, withContext("waiting for "+what, ctx.Err())
		case <-timer.C:
		}
		if interval *= 2; interval > w.MaxInterval {
			interval = w.MaxInterval
		}
	}
}

// waitTimeoutError is a helper call cut short by its deadline
// (option.WithWaitTimeout): it matches ErrWaitTimeout and, through err,
// context.DeadlineExceeded and the request that was cut short.
type waitTimeoutError struct {
	timeout time.Duration
	err     error
}

func (s *waitScope) Error() string {
	return errPrefix + "the helper's deadline (option.WithWaitTimeout " + s.timeout.String() + ") passed"
}

func (e *waitTimeoutError) Error() string {
	return errPrefix + "timed out waiting after " + e.timeout.String() + " (option.WithWaitTimeout): " +
		strings.TrimPrefix(e.err.Error(), errPrefix)
}

func (e *waitTimeoutError) Unwrap() []error { return []error{ErrWaitTimeout, e.err} }
