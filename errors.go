package auth0

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/actions-sdk/auth0-go/internal/apierror"
)

// Error is the error for every response with a status outside 2xx, from
// the API or from the token endpoint. Use errors.As to get it, or errors.Is
// with the Err… values below:
//
//	var apiErr *auth0.Error
//	if errors.As(err, &apiErr) {
//		log.Println(apiErr.StatusCode, apiErr.Code, apiErr.Message)
//		if apiErr.RateLimit != nil { // nil without x-ratelimit-* headers
//			log.Println("requests left:", apiErr.RateLimit.Remaining)
//		}
//	}
//	if errors.Is(err, auth0.ErrNotFound) { ... }
//
// Its Request and Response are redacted copies: DumpRequest, DumpResponse
// and RawJSON never show the bearer token, the client secret or secret
// values. The message names the call by its method and full URL:
// "auth0: GET https://{domain}/api/v2/actions/actions/{id}: 404 Not Found:
// That action does not exist.".
type Error struct {
	// StatusCode is the HTTP status of the response, such as 404.
	StatusCode int
	// Code is the body's errorCode, such as "invalid_body", or the token
	// endpoint's OAuth error, such as "access_denied". Empty when the body
	// has none, as on the Actions 404s.
	Code string
	// Message is the body's human-readable message (the token endpoint's
	// error_description). Empty when the body is not Auth0's JSON, such as
	// an HTML page from a proxy.
	Message string
	// ErrorText is the body's "error" field, the reason phrase such as
	// "Not Found"; net/http's text for the status when the body has none.
	ErrorText string
	// RateLimit holds the response's x-ratelimit-* figures. It is nil when
	// the response had none of those headers, which can happen on any
	// status, 429 included (a 429 from a proxy, say): check it before
	// reading a field.
	RateLimit *RateLimit
	// RetryAfter is the server's Retry-After (seconds or an HTTP date);
	// zero when it sent none.
	RetryAfter time.Duration
	// Method is the HTTP method of the call, such as "GET".
	Method string
	// URL is the full URL of the last request, query included, such as
	// "https://{domain}/api/v2/actions/actions?page=0&per_page=50".
	URL string
	// Attempts is how many requests were sent for this call, retries
	// included; 0 on an Error built by hand.
	Attempts int
	// OutcomeUnknown is true when the request was not safe to retry and the
	// server may have acted on it (a 5xx or 408 to a create, deploy or
	// roll-back). Check before trying again; errors.Is(err,
	// ErrOutcomeUnknown) matches.
	OutcomeUnknown bool
	// Hint says how to check the outcome; set only when OutcomeUnknown is
	// true.
	Hint string
	// Request is a redacted copy of the last request sent, without its body
	// (DumpRequest(true) shows the redacted body). Nil on an Error built by
	// hand.
	Request *http.Request
	// Response is a redacted copy of the last response; its body reads the
	// redacted body and can be read again through RawJSON. Nil on an Error
	// built by hand.
	Response *http.Response

	body    []byte
	reqBody []byte
}

// RateLimit holds the x-ratelimit-* figures of a response: the tenant's
// token bucket for the Management API. A figure whose header was absent or
// unreadable is zero.
type RateLimit struct {
	// Limit is x-ratelimit-limit: the bucket's size, in requests.
	Limit int
	// Remaining is x-ratelimit-remaining: requests left in the bucket.
	Remaining int
	// Reset is x-ratelimit-reset: when the bucket is full again; zero when
	// the header was absent.
	Reset time.Time
}

// OutcomeUnknownError is returned when a create, deploy or roll-back lost
// its connection after the request was sent. It was not retried, because a
// retry could create a second action or version; check before trying
// again (Hint says how). It matches ErrOutcomeUnknown, and errors.Is sees
// the transport error in Err.
//
// A 5xx answer to such a call is an *Error with OutcomeUnknown set instead.
type OutcomeUnknownError struct {
	// Hint says how to find out whether the request took effect, such as
	// listing actions by name.
	Hint string
	// Err is the transport error, naming the call; nil only on an
	// OutcomeUnknownError built by hand.
	Err error
}

// Error implements error. It is safe to call on a nil *Error.
func (e *Error) Error() string {
	if e == nil {
		return errPrefix + "<nil>"
	}
	in := e.internal()
	return in.Error()
}

// Is reports whether the error matches one of the sentinel errors below, so
// that errors.Is(err, ErrNotFound) works: ErrBadRequest (400),
// ErrUnauthorized (401), ErrForbidden (403), ErrNotFound (404), ErrConflict
// (409), ErrPreconditionFailed (412), ErrRateLimited (429), ErrServer (5xx)
// and ErrOutcomeUnknown (OutcomeUnknown).
func (e *Error) Is(target error) bool {
	if e == nil {
		return false
	}
	in := e.internal()
	return in.Is(target)
}

// RawJSON returns the response body, redacted; nil when it was empty. It
// is the body as the server sent it, which may not be JSON (an HTML page
// from a proxy).
func (e *Error) RawJSON() json.RawMessage {
	if e == nil {
		return nil
	}
	return e.body
}

// DumpRequest returns the last request as HTTP/1.1 wire text, with the
// Authorization header and secret values redacted; with body true it
// includes the (redacted) JSON body. It returns nil when there is no
// request (an Error built by hand).
func (e *Error) DumpRequest(body bool) []byte {
	if e == nil {
		return nil
	}
	in := e.internal()
	return in.DumpRequest(body)
}

// DumpResponse returns the response as HTTP/1.1 wire text, redacted like
// DumpRequest. It returns nil when there is no response.
func (e *Error) DumpResponse(body bool) []byte {
	if e == nil {
		return nil
	}
	in := e.internal()
	return in.DumpResponse(body)
}

// internal is e as the pipeline's record, whose methods hold the logic.
func (e *Error) internal() apierror.Error {
	return apierror.Error{
		StatusCode:     e.StatusCode,
		Code:           e.Code,
		Message:        e.Message,
		ErrorText:      e.ErrorText,
		RateLimit:      (*apierror.RateLimit)(e.RateLimit),
		RetryAfter:     e.RetryAfter,
		Method:         e.Method,
		URL:            e.URL,
		Attempts:       e.Attempts,
		OutcomeUnknown: e.OutcomeUnknown,
		Hint:           e.Hint,
		Request:        e.Request,
		Response:       e.Response,
		Body:           e.body,
		RequestBody:    e.reqBody,
	}
}

// Error implements error. It is safe to call on a nil *OutcomeUnknownError.
func (e *OutcomeUnknownError) Error() string {
	return (*apierror.OutcomeUnknownError)(e).Error()
}

// Unwrap returns the transport error.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// Is matches ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// publicError is the one place where the pipeline's errors become this
// package's: a response outside 2xx becomes an *Error, a request of unknown
// outcome an *OutcomeUnknownError. The endpoint methods (through execute)
// and the pagers (through fetch) return nothing else. An error that wraps
// one of them, such as a failed token request, keeps its message and
// chain, and errors.As finds the public error in it. nil stays nil.
func publicError(err error) error {
	switch e := err.(type) {
	case nil:
		return nil
	case *apierror.Error:
		return newError(e)
	case *apierror.OutcomeUnknownError:
		return (*OutcomeUnknownError)(e)
	}
	var ie *apierror.Error
	if errors.As(err, &ie) {
		return &wrapped{err: err, public: newError(ie)}
	}
	var ou *apierror.OutcomeUnknownError
	if errors.As(err, &ou) {
		return &wrapped{err: err, public: (*OutcomeUnknownError)(ou)}
	}
	return err
}

func newError(e *apierror.Error) *Error {
	return &Error{
		StatusCode:     e.StatusCode,
		Code:           e.Code,
		Message:        e.Message,
		ErrorText:      e.ErrorText,
		RateLimit:      (*RateLimit)(e.RateLimit),
		RetryAfter:     e.RetryAfter,
		Method:         e.Method,
		URL:            e.URL,
		Attempts:       e.Attempts,
		OutcomeUnknown: e.OutcomeUnknown,
		Hint:           e.Hint,
		Request:        e.Request,
		Response:       e.Response,
		body:           e.Body,
		reqBody:        e.RequestBody,
	}
}

// wrapped is an error of the pipeline that wraps an *apierror.Error or
// *apierror.OutcomeUnknownError: its message and chain are kept, and the
// public form comes first for errors.As and errors.Is.
type wrapped struct {
	err    error
	public error
}

func (w *wrapped) Error() string   { return w.err.Error() }
func (w *wrapped) Unwrap() []error { return []error{w.public, w.err} }

// Errors matched with errors.Is.
var (
	// ErrNotFound matches a 404 *Error.
	ErrNotFound = apierror.ErrNotFound
	// ErrRateLimited matches a 429 *Error (after the retries were spent).
	ErrRateLimited = apierror.ErrRateLimited
	// ErrConflict matches a 409 *Error: a name that is taken, or a module
	// publish with nothing new to publish.
	ErrConflict = apierror.ErrConflict
	// ErrPreconditionFailed matches a 412 *Error: the server refused a
	// change its current state forbids, such as deleting an action module
	// that deployed actions still use, or publishing a module past its
	// version limit. The *Error's Message is the server's reason.
	ErrPreconditionFailed = apierror.ErrPrecondition
	// ErrUnauthorized matches a 401 *Error, such as a refused token.
	ErrUnauthorized = apierror.ErrUnauthorized
	// ErrForbidden matches a 403 *Error: the token lacks a scope.
	ErrForbidden = apierror.ErrForbidden
	// ErrBadRequest matches a 400 *Error: the server refused the params.
	ErrBadRequest = apierror.ErrBadRequest
	// ErrServer matches a 5xx *Error.
	ErrServer = apierror.ErrServer
	// ErrOutcomeUnknown matches an error after which a create, deploy or
	// roll-back may or may not have taken effect.
	ErrOutcomeUnknown = apierror.ErrOutcomeUnknown
	// ErrResponseTooLarge matches a response beyond option.WithMaxResponseSize.
	ErrResponseTooLarge = apierror.ErrResponseTooLarge
	// ErrPageRepeated is returned by pagination when the server answers a
	// page with the same items as the one before, which would otherwise
	// loop forever.
	ErrPageRepeated = errors.New("auth0: the server returned the same page again")
)

// The workflow helpers' errors follow, each sentinel (matched with
// errors.Is) next to the error type that carries its details (found with
// errors.As).

// ResourceKind names what an error or a plan is about, spelled one way
// everywhere: in Plan, NotFoundError, AmbiguousNameError and
// SecretsWouldBeDeletedError.
type ResourceKind string

// Resource kinds.
const (
	KindAction ResourceKind = "action"
	KindModule ResourceKind = "action module"
)

// plural is the kind in the plural, for messages.
func (k ResourceKind) plural() string { return string(k) + "s" }

// NotFoundError is returned when no action or module has the name looked
// for: by Actions.GetByName and Modules.GetByName, and for a module
// reference by name. It matches ErrNotFound.
type NotFoundError struct {
	// Kind is KindAction or KindModule.
	Kind ResourceKind
	// Name is the name looked for.
	Name string
}

// Error implements error.
func (e *NotFoundError) Error() string {
	return fmt.Sprintf("auth0: no %s is named %q", e.Kind, e.Name)
}

// Is matches ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// ModuleVersionNotFoundError is returned when a module reference asks for a
// version number the module has not published. It matches ErrNotFound.
type ModuleVersionNotFoundError struct {
	// Module is the module's name (or its ID when it was named by ID).
	Module string
	// ModuleID is the module's ID.
	ModuleID string
	// VersionNumber is the number asked for.
	VersionNumber int
	// Latest is the module's latest published version number; 0 when it
	// has none.
	Latest int
}

// Error implements error.
func (e *ModuleVersionNotFoundError) Error() string {
	latest := "it has published no version"
	if e.Latest > 0 {
		latest = "its latest version is " + strconv.Itoa(e.Latest)
	}
	return fmt.Sprintf("auth0: action module %q has no version %d (%s)", e.Module, e.VersionNumber, latest)
}

// Is matches ErrNotFound.
func (e *ModuleVersionNotFoundError) Is(target error) bool { return target == ErrNotFound }

// ErrBuildFailed matches a *BuildError.
var ErrBuildFailed = errors.New("auth0: build failed")

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

// ErrWaitTimeout matches an error from a helper call that lasted
// longer than option.WithWaitTimeout allows (the whole call, every
// phase together; per action for Modules.Rollout). It comes with
// context.DeadlineExceeded.
var ErrWaitTimeout = errors.New("auth0: timed out waiting")

// ErrAmbiguousName matches an *AmbiguousNameError.
var ErrAmbiguousName = errors.New("auth0: more than one action or module has that name")

// AmbiguousNameError is returned by GetByName when several actions (or
// modules) have the name. It matches ErrAmbiguousName.
type AmbiguousNameError struct {
	// Kind is KindAction or KindModule.
	Kind ResourceKind
	// Name is the name looked for.
	Name string
	// IDs are the matching actions or modules.
	IDs []string
}

// Error implements error.
func (e *AmbiguousNameError) Error() string {
	return fmt.Sprintf("auth0: %d %s are named %q (%s)", len(e.IDs), e.Kind.plural(), e.Name, strings.Join(e.IDs, ", "))
}

// Is matches ErrAmbiguousName.
func (e *AmbiguousNameError) Is(target error) bool { return target == ErrAmbiguousName }

// ErrSecretsWouldBeDeleted matches a *SecretsWouldBeDeletedError: an
// Upsert refused to delete secrets its params leave out.
var ErrSecretsWouldBeDeleted = errors.New("auth0: the update would delete secrets the params do not list")

// SecretsWouldBeDeletedError is returned by Upsert when the action or module
// on the tenant has secrets that the params leave out. PATCH replaces the
// whole secrets list, so sending the params would delete them, and their
// values cannot be read back to keep them. List them in the params (with
// their values), or set PruneSecrets to delete them. Nothing was written.
type SecretsWouldBeDeletedError struct {
	// Kind is KindAction or KindModule.
	Kind ResourceKind
	// Name is the action's or module's name.
	Name string
	// Secrets are the names that would be deleted, sorted.
	Secrets []string
}

// Error implements error.
func (e *SecretsWouldBeDeletedError) Error() string {
	return fmt.Sprintf("auth0: %s %q has secrets the params do not list (%s): the update would delete them; add them to the params or set PruneSecrets",
		e.Kind, e.Name, strings.Join(e.Secrets, ", "))
}

// Is matches ErrSecretsWouldBeDeleted.
func (e *SecretsWouldBeDeletedError) Is(target error) bool { return target == ErrSecretsWouldBeDeleted }

// ErrRolloutFailed matches a *RolloutError: Modules.Rollout could not
// move every action.
var ErrRolloutFailed = errors.New("auth0: the module rollout failed")

// RolloutError is returned by Rollout when actions failed. It matches
// ErrRolloutFailed, and through Unwrap each action's error (errors.Is(err,
// ErrBuildFailed) tells whether a build failed).
type RolloutError struct {
	// ModuleID is the module.
	ModuleID string
	// Failed are the actions that failed.
	Failed []RolloutAction
	// Stopped is true when the rollout stopped at the first failure, so
	// that later actions were not handled.
	Stopped bool
}

// Error implements error.
func (e *RolloutError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "auth0: rollout of module %s: %d action(s) failed", e.ModuleID, len(e.Failed))
	for _, f := range e.Failed {
		fmt.Fprintf(&b, "; %s (%s): %s", f.ActionName, f.ActionID, strings.TrimPrefix(f.Err.Error(), errPrefix))
	}
	if e.Stopped {
		b.WriteString("; stopped there (ModuleRolloutParams.ContinueOnError); run Rollout again to finish")
	}
	return b.String()
}

// Is matches ErrRolloutFailed.
func (e *RolloutError) Is(target error) bool { return target == ErrRolloutFailed }

// Unwrap returns each failed action's error.
func (e *RolloutError) Unwrap() []error {
	out := make([]error, len(e.Failed))
	for i, f := range e.Failed {
		out[i] = f.Err
	}
	return out
}

// ErrUndeployedChanges is the error of a rollout action whose draft
// has changes besides the module reference that are not deployed:
// deploying it would ship them too, so it is left alone.
var ErrUndeployedChanges = errors.New("auth0: the action's draft has changes that are not deployed")

// ErrModuleNotPublished matches a *ModuleNotPublishedError: a module
// reference asked for the latest version of a module never published.
var ErrModuleNotPublished = errors.New("auth0: the action module has no published version")

// ModuleNotPublishedError is returned when a module reference asks for the
// latest version of a module that has never been published: an action can
// use only a published version. It matches ErrModuleNotPublished.
type ModuleNotPublishedError struct {
	// Module is the module's name (or its ID when it was named by ID).
	Module string
	// ModuleID is the module's ID.
	ModuleID string
}

// Error implements error.
func (e *ModuleNotPublishedError) Error() string {
	return fmt.Sprintf("auth0: action module %q has no published version; publish it (Actions.Modules.Versions.New) before an action can use it", e.Module)
}

// Is matches ErrModuleNotPublished.
func (e *ModuleNotPublishedError) Is(target error) bool { return target == ErrModuleNotPublished }

// ErrActionNotDeployed matches an *ActionNotDeployedError: the API kept
// refusing to bind an action because it "has not been deployed yet".
var ErrActionNotDeployed = errors.New("auth0: the action is not deployed yet, so it cannot be bound")

// ActionNotDeployedError is returned by Bindings.Add and by Actions.Upsert
// with Bind when the API kept answering 400 "Trying to create a binding for
// an action that has not been deployed yet" through every retry. Right
// after a deploy the live API gives that answer for a while, so the
// helpers retry exactly that answer with backoff, for up to a minute
// within the call's deadline (option.WithWaitTimeout), before giving up
// with this error. It matches ErrActionNotDeployed, and errors.As finds
// the last *Error in it.
type ActionNotDeployedError struct {
	// ActionID is the action that could not be bound.
	ActionID string
	// ActionName is its name, when the helper knew it (Upsert).
	ActionName string
	// Trigger is the trigger it was to be bound to.
	Trigger TriggerID
	// Attempts is how many writes the API refused so.
	Attempts int
	// Waited is the time from the first refusal until the helper gave up.
	Waited time.Duration
	// Err is the API's last answer, an *Error.
	Err error
}

// Error implements error.
func (e *ActionNotDeployedError) Error() string {
	var b strings.Builder
	b.WriteString(errPrefix + "action ")
	if e.ActionName != "" {
		b.WriteString(strconv.Quote(e.ActionName) + " (" + e.ActionID + ")")
	} else {
		b.WriteString(e.ActionID)
	}
	fmt.Fprintf(&b, " cannot be bound to trigger %s: the API still says it is not deployed, after %d attempt(s) over %s; "+
		"deploy it (DeployAndWait) and try again", e.Trigger, e.Attempts, e.Waited.Round(time.Millisecond))
	if e.Err != nil {
		b.WriteString(": " + strings.TrimPrefix(e.Err.Error(), errPrefix))
	}
	return b.String()
}

// Is matches ErrActionNotDeployed.
func (e *ActionNotDeployedError) Is(target error) bool { return target == ErrActionNotDeployed }

// Unwrap returns the API's last answer.
func (e *ActionNotDeployedError) Unwrap() error { return e.Err }

// ErrEntityBoundTrigger matches an *EntityBoundTriggerError: the
// trigger's bindings are managed by Auth0 per entity, and the tenant
// cannot list or change them.
var ErrEntityBoundTrigger = errors.New("auth0: the trigger's bindings are entity-bound: Auth0 manages them")

// EntityBoundTriggerError is returned by the binding helpers (Add, Remove,
// Move) and by Actions.Upsert with Bind, before they write anything, for a
// trigger whose bindings Auth0 manages per entity: the trigger list says
// binding_policy "entity-bound", or the API refused to list its bindings
// with a 400 saying so. It matches ErrEntityBoundTrigger.
type EntityBoundTriggerError struct {
	// Trigger is the trigger.
	Trigger TriggerID
	// Err is the API's 400 when the refusal came from the server; nil when
	// the trigger list said so.
	Err error
}

// Error implements error.
func (e *EntityBoundTriggerError) Error() string {
	msg := errPrefix + "trigger " + string(e.Trigger) + " is entity-bound: Auth0 manages its bindings per entity, " +
		"and the tenant cannot list or change them"
	if e.Err == nil {
		return msg + " (binding_policy entity-bound in the trigger list)"
	}
	return msg + ": " + strings.TrimPrefix(e.Err.Error(), errPrefix)
}

// Is matches ErrEntityBoundTrigger.
func (e *EntityBoundTriggerError) Is(target error) bool { return target == ErrEntityBoundTrigger }

// Unwrap returns the API's 400, if any.
func (e *EntityBoundTriggerError) Unwrap() error { return e.Err }

// ErrNotBound is returned by Bindings.Remove and Bindings.Move for an
// action that is not bound to the trigger.
var ErrNotBound = errors.New("auth0: the action is not bound to the trigger")

// ErrNilBindings is returned by Bindings.Update for a
// BindingUpdateParams whose Bindings is nil, before anything is sent.
// Sending it would unbind every action of the trigger; to do that on
// purpose, pass an empty slice.
var ErrNilBindings = errors.New("auth0: BindingUpdateParams.Bindings is nil, which would unbind every action of the trigger; " +
	"to unbind them all, pass an empty slice (Bindings: []BindingUpdate{})")

// ErrBindingsConflict is returned when a trigger's bindings kept
// changing underneath an edit, through every attempt.
var ErrBindingsConflict = errors.New("auth0: the trigger's bindings were changed concurrently")

const errPrefix = apierror.Prefix

// withContext wraps err (nil stays nil) with context the caller lacks (which
// helper, which action), without repeating the package prefix:
// withContext("Upsert", err) reads "auth0: Upsert: ActionNewParams.Name is
// required". errors.Is and errors.As see through it.
func withContext(context string, err error) error {
	return apierror.WithContext(context, err)
}
