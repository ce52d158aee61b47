package apierror

import "errors"

// ErrResponseTooLarge is matched (errors.Is) by the error for a response
// body beyond the client's size guard.
var ErrResponseTooLarge = errors.New("auth0: response body too large")

// OutcomeUnknownError wraps a transport error on a request that was not
// retried because the server may have acted on it (a create, deploy or
// roll-back whose connection broke after the request was sent).
type OutcomeUnknownError struct {
	// Hint says how to find out whether the request took effect.
	Hint string
	// Err is the transport error.
	Err error
}

// Error implements error.
func (e *OutcomeUnknownError) Error() string {
	if e == nil {
		return "auth0: <nil>"
	}
	s := "auth0: request failed"
	if e.Err != nil {
		s = e.Err.Error()
	}
	s += "; outcome unknown: the server may have acted on this request, so it was not retried"
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// Unwrap returns the transport error.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// Is matches ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }
