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
// is a *BuildError (errors.Is(err, ErrBuildFailed)); polling longer than
// option.WithWaitTimeout (default 2 minutes) matches ErrWaitTimeout; ctx
// ends it at once.
//
//	action, err := client.Actions.New(ctx, params)
//	...
//	action, err = client.Actions.WaitUntilBuilt(ctx, action.ID)
func (r *ActionService) WaitUntilBuilt(ctx context.Context, id string, opts ...option.RequestOption) (*Action, error) {
	w, err := waitConfig(r.Options, opts)
	if err != nil {
		return nil, err
	}
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
// It is a method rather than an option of Deploy so that Deploy stays one
// request with one meaning (the API's), while this one's extra requests,
// waits and failure modes (a failed build, a timeout) are explicit in its
// name. Like Deploy, its deploy request is never repeated after a 5xx.
//
//	version, err := client.Actions.DeployAndWait(ctx, action.ID, option.WithWaitTimeout(time.Minute))
func (r *ActionService) DeployAndWait(ctx context.Context, id string, opts ...option.RequestOption) (*ActionVersion, error) {
	w, err := waitConfig(r.Options, opts)
	if err != nil {
		return nil, err
	}
	if _, err := r.WaitUntilBuilt(ctx, id, opts...); err != nil {
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

// waitConfig resolves the polling settings of a call.
func waitConfig(base, opts []option.RequestOption) (requestconfig.WaitConfig, error) {
	cfg, err := requestconfig.Resolve(base, opts)
	if err != nil {
		return requestconfig.WaitConfig{}, err
	}
	return cfg.Wait.Normalized(), nil
}

// poll calls check until it reports done or fails, waiting between calls
// with exponential backoff, for at most w.Timeout.
func poll[T any](ctx context.Context, w requestconfig.WaitConfig, what string, check func(context.Context) (T, bool, error)) (T, error) {
	if ctx == nil {
		var zero T
		return zero, errors.New("auth0: nil context")
	}
	pctx, cancel := context.WithTimeout(ctx, w.Timeout)
	defer cancel()
	timedOut := func() error {
		return withContext("waiting for "+what, fmt.Errorf("%w after %s (option.WithWaitTimeout): %w", ErrWaitTimeout, w.Timeout, context.DeadlineExceeded))
	}
	interval := w.Interval
	timer := time.NewTimer(0)
	<-timer.C
	defer timer.Stop()
	for {
		v, done, err := check(pctx)
		if err != nil {
			if ctx.Err() == nil && pctx.Err() != nil {
				return v, timedOut()
			}
			return v, err
		}
		if done {
			return v, nil
		}
		timer.Reset(interval)
		select {
		case <-pctx.Done():
			if ctx.Err() != nil {
				return v, withContext("waiting for "+what, ctx.Err())
			}
			return v, timedOut()
		case <-timer.C:
		}
		if interval *= 2; interval > w.MaxInterval {
			interval = w.MaxInterval
		}
	}
}
