package auth0

// Workflow helpers built on the endpoint methods: the polling, read-modify-
// write and find-or-create code that deployment tools otherwise write again
// and again. Upsert and GetByName are in upsert.go, the binding edits in
// bindings.go.

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
	"github.com/actions-sdk/auth0-go/option"
)

// BuildError reports an action draft or version whose build failed.
//
// For a version, Errors holds the build errors the API reported and the
// message lists them. For a draft, the API reports none: an Action carries
// only its status, and build errors appear on versions only
// (ActionVersion.Errors, from Actions.Versions.Get). The message then says
// where to look instead: the action in the Auth0 dashboard, and the draft's
// dependencies and code.
type BuildError struct {
	// ActionID is the action.
	ActionID string
	// VersionID is the version that failed; empty for the draft.
	VersionID string
	// Status is the build status (failed).
	Status BuildStatus
	// Errors are the build errors the API reported for the version, such
	// as an npm install that failed; always empty for a draft.
	Errors []ActionError
}

// Error implements error.
func (e *BuildError) Error() string {
	if e == nil {
		return "auth0: <nil>"
	}
	var b strings.Builder
	if e.VersionID == "" {
		fmt.Fprintf(&b, "auth0: build of the draft of action %s %s: the API does not report a draft's build errors "+
			"(only a version's, in ActionVersion.Errors); see the action in the Auth0 dashboard, and check the draft's "+
			"dependencies (each name@version must install with npm) and code", e.ActionID, e.Status)
		return b.String()
	}
	fmt.Fprintf(&b, "auth0: build of version %s of action %s %s", e.VersionID, e.ActionID, e.Status)
	if len(e.Errors) == 0 {
		b.WriteString(", and the API reported no build errors for it")
	}
	for i, be := range e.Errors {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(be.Msg)
		switch {
		case be.ID != "" && be.URL != "":
			b.WriteString(" (" + be.ID + ", " + be.URL + ")")
		case be.ID != "":
			b.WriteString(" (" + be.ID + ")")
		case be.URL != "":
			b.WriteString(" (" + be.URL + ")")
		}
	}
	return b.String()
}

// Is matches ErrBuildFailed.
func (e *BuildError) Is(target error) bool { return target == ErrBuildFailed }

// ActionNotFoundError is returned by GetByName when no action has the name.
// It matches ErrNotFound.
type ActionNotFoundError struct {
	// Name is the name looked for.
	Name string
}

// Error implements error.
func (e *ActionNotFoundError) Error() string {
	return fmt.Sprintf("auth0: no action is named %q", e.Name)
}

// Is matches ErrNotFound.
func (e *ActionNotFoundError) Is(target error) bool { return target == ErrNotFound }

// AmbiguousNameError is returned by GetByName when several actions (or
// modules) have the name. It matches ErrAmbiguousName.
type AmbiguousNameError struct {
	// Name is the name looked for.
	Name string
	// IDs are the matching actions or modules.
	IDs []string
	// Kind says what was looked for, in the plural: "actions" (when empty)
	// or "action modules".
	Kind string
}

// Error implements error.
func (e *AmbiguousNameError) Error() string {
	kind := e.Kind
	if kind == "" {
		kind = "actions"
	}
	return fmt.Sprintf("auth0: %d %s are named %q (%s)", len(e.IDs), kind, e.Name, strings.Join(e.IDs, ", "))
}

// Is matches ErrAmbiguousName.
func (e *AmbiguousNameError) Is(target error) bool { return target == ErrAmbiguousName }

// WaitUntilBuilt polls an action until its draft is built, backing off
// between reads (option.WithPollInterval), and returns it. A failed build
// is a *BuildError (errors.Is(err, ErrBuildFailed)); a call that lasts
// longer than option.WithWaitTimeout (default 10 minutes) matches
// ErrWaitTimeout; ctx ends it at once.
//
//	action, err := client.Actions.New(ctx, params)
//	...
//	action, err = client.Actions.WaitUntilBuilt(ctx, action.ID)
func (r *ActionService) WaitUntilBuilt(ctx context.Context, id string, opts ...option.RequestOption) (*Action, error) {
	ctx, w, done, err := startWait(ctx, r.Options, opts)
	if err != nil {
		return nil, err
	}
	defer done()
	a, err := r.waitUntilBuilt(ctx, w, id, opts)
	return a, waitErr(ctx, "waiting for action "+id+" to build", err)
}

func (r *ActionService) waitUntilBuilt(ctx context.Context, w requestconfig.WaitConfig, id string, opts []option.RequestOption) (*Action, error) {
	return poll(ctx, w, "action "+id+" to build", func(ctx context.Context) (*Action, bool, error) {
		a, err := r.Get(ctx, id, opts...)
		if err != nil {
			return nil, false, err
		}
		switch a.Status {
		case BuildStatusBuilt:
			return a, true, nil
		case BuildStatusFailed:
			return a, true, &BuildError{ActionID: a.ID, Status: a.Status}
		}
		return a, false, nil
	})
}

// DeployAndWait deploys an action safely: it waits until the draft is built,
// deploys it, and waits until the new version is built and is the one
// flows run; it returns that version (Deployed true).
//
// option.WithWaitTimeout (default 10 minutes) bounds the whole call, every
// phase together: the wait for the draft, the deploy request and the wait
// for the version share one deadline, so a call never lasts longer than
// the limit (ErrWaitTimeout after it). Called from another helper (Upsert,
// Modules.Rollout) it shares that helper's deadline instead.
//
// It is a method rather than an option of Deploy so that Deploy stays one
// request with one meaning (the API's), while this one's extra requests,
// waits and failure modes (a failed build, a timeout) are explicit in its
// name. Like Deploy, its deploy request is never repeated after a 5xx.
//
//	version, err := client.Actions.DeployAndWait(ctx, action.ID, option.WithWaitTimeout(time.Minute))
func (r *ActionService) DeployAndWait(ctx context.Context, id string, opts ...option.RequestOption) (*ActionVersion, error) {
	ctx, w, done, err := startWait(ctx, r.Options, opts)
	if err != nil {
		return nil, err
	}
	defer done()
	v, err := r.deployAndWait(ctx, w, id, opts)
	return v, waitErr(ctx, "waiting for action "+id+" to deploy", err)
}

func (r *ActionService) deployAndWait(ctx context.Context, w requestconfig.WaitConfig, id string, opts []option.RequestOption) (*ActionVersion, error) {
	if _, err := r.waitUntilBuilt(ctx, w, id, opts); err != nil {
		return nil, err
	}
	v, err := r.Deploy(ctx, id, opts...)
	if err != nil {
		return nil, err
	}
	return poll(ctx, w, "version "+v.ID+" of action "+id+" to deploy", func(ctx context.Context) (*ActionVersion, bool, error) {
		got, err := r.Versions.Get(ctx, id, v.ID, opts...)
		if err != nil {
			return nil, false, err
		}
		switch {
		case got.Status == BuildStatusFailed:
			return got, true, &BuildError{ActionID: id, VersionID: got.ID, Status: got.Status, Errors: got.Errors}
		case got.Deployed && got.Status == BuildStatusBuilt:
			return got, true, nil
		}
		return got, false, nil
	})
}

// waitScope is the one deadline of a helper call: option.WithWaitTimeout,
// measured from the start of the outermost helper. It is also the cause
// its context ends with, so that the end of the scope can be told from
// the end of the caller's ctx.
type waitScope struct {
	timeout time.Duration
}

func (s *waitScope) Error() string {
	return errPrefix + "the helper's deadline (option.WithWaitTimeout " + s.timeout.String() + ") passed"
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
