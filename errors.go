package auth0

import (
	"errors"
	"strings"

	"github.com/actions-sdk/auth0-go/internal/apierror"
)

// Error is the error for every response with a status outside 2xx. Use
// errors.As to get it, or errors.Is with the Err… values below:
//
//	var apiErr *auth0.Error
//	if errors.As(err, &apiErr) {
//		log.Println(apiErr.StatusCode, apiErr.Code, apiErr.Message)
//	}
//	if errors.Is(err, auth0.ErrNotFound) { ... }
//
// Its Request and Response are redacted copies; DumpRequest and
// DumpResponse never show the bearer token or secret values.
type Error = apierror.Error

// RateLimit holds the x-ratelimit-* figures of a response.
type RateLimit = apierror.RateLimit

// OutcomeUnknownError is returned when a create, deploy or roll-back lost
// its connection after the request was sent. It was not retried, because a
// retry could create a second action or version; check before trying again.
type OutcomeUnknownError = apierror.OutcomeUnknownError

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

// IsNotFound reports whether err is a 404 from the API.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// IsRateLimited reports whether err is a 429 from the API.
func IsRateLimited(err error) bool { return errors.Is(err, ErrRateLimited) }

// IsConflict reports whether err is a 409 from the API.
func IsConflict(err error) bool { return errors.Is(err, ErrConflict) }

// IsPreconditionFailed reports whether err is a 412 from the API.
func IsPreconditionFailed(err error) bool { return errors.Is(err, ErrPreconditionFailed) }

// Errors of the workflow helpers, matched with errors.Is.
var (
	// ErrBuildFailed matches a *BuildError.
	ErrBuildFailed = errors.New("auth0: build failed")
	// ErrWaitTimeout matches an error from a helper that polled longer than
	// option.WithWaitTimeout allows.
	ErrWaitTimeout = errors.New("auth0: timed out waiting")
	// ErrAmbiguousName matches an *AmbiguousNameError.
	ErrAmbiguousName = errors.New("auth0: more than one action or module has that name")
	// ErrSecretsWouldBeDeleted matches a *SecretsWouldBeDeletedError: an
	// Upsert refused to delete secrets its params leave out.
	ErrSecretsWouldBeDeleted = errors.New("auth0: the update would delete secrets the params do not list")
	// ErrRolloutFailed matches a *RolloutError: Modules.Rollout could not
	// move every action.
	ErrRolloutFailed = errors.New("auth0: the module rollout failed")
	// ErrUndeployedChanges is the error of a rollout action whose draft
	// has changes besides the module reference that are not deployed:
	// deploying it would ship them too, so it is left alone.
	ErrUndeployedChanges = errors.New("auth0: the action's draft has changes that are not deployed")
	// ErrModuleNotPublished matches a *ModuleNotPublishedError: a module
	// reference asked for the latest version of a module never published.
	ErrModuleNotPublished = errors.New("auth0: the action module has no published version")
	// ErrNotBound is returned by Bindings.Remove and Bindings.Move for an
	// action that is not bound to the trigger.
	ErrNotBound = errors.New("auth0: the action is not bound to the trigger")
	// ErrBindingsConflict is returned when a trigger's bindings kept
	// changing underneath an edit, through every attempt.
	ErrBindingsConflict = errors.New("auth0: the trigger's bindings were changed concurrently")
)

// contextError adds what the caller lacks (which helper, which action) to
// an error of this package, keeping its single "auth0: " prefix in front:
// "auth0: Upsert: ActionNewParams.Name is required".
type contextError struct {
	context string
	err     error
}

func (e *contextError) Error() string {
	return errPrefix + e.context + ": " + strings.TrimPrefix(e.err.Error(), errPrefix)
}

func (e *contextError) Unwrap() error { return e.err }

const errPrefix = "auth0: "

// withContext wraps err (nil stays nil) with context, such as the helper's
// name, without repeating the package prefix. errors.Is and errors.As see
// through it.
func withContext(context string, err error) error {
	if err == nil {
		return nil
	}
	return &contextError{context: context, err: err}
}
