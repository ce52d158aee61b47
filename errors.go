package auth0

import (
	"errors"

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
