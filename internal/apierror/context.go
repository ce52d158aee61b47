package apierror

import "strings"

// Prefix starts every error message of the SDK, once.
const Prefix = "auth0: "

// WithContext wraps err (nil stays nil) with context the caller lacks, such
// as which helper or which call, keeping one "auth0: " prefix in front:
// WithContext("Upsert", errors.New("auth0: ActionNewParams.Name is
// required")) reads "auth0: Upsert: ActionNewParams.Name is required".
// errors.Is and errors.As see through it.
func WithContext(context string, err error) error {
	if err == nil {
		return nil
	}
	return &contextError{context: context, err: err}
}

type contextError struct {
	context string
	err     error
}

func (e *contextError) Error() string {
	return Prefix + e.context + ": " + strings.TrimPrefix(e.err.Error(), Prefix)
}

func (e *contextError) Unwrap() error { return e.err }
