package auth0

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/actions-sdk/auth0-go/internal/apierror"
	"github.com/actions-sdk/auth0-go/option"
)

// TestPublicTypesAreDefinedHere guards what go doc and pkg.go.dev show: the
// types users handle are defined in this package (an alias of an internal
// type would hide its fields), and the option types spell out their
// function types.
func TestPublicTypesAreDefinedHere(t *testing.T) {
	t.Parallel()
	const pkg = "github.com/actions-sdk/auth0-go"
	for _, v := range []any{Error{}, RateLimit{}, OutcomeUnknownError{}} {
		typ := reflect.TypeOf(v)
		assert.Equal(t, pkg, typ.PkgPath(), "%s is defined in the root package", typ)
	}
	for _, v := range []any{option.RequestOption(nil), option.Middleware(nil), option.MiddlewareNext(nil)} {
		typ := reflect.TypeOf(v)
		assert.Empty(t, typ.Name(), "%s is a plain function type, not a named internal one", typ)
	}
}

func TestPublicError(t *testing.T) {
	t.Parallel()
	req, err := http.NewRequest(http.MethodGet, "https://t.auth0.com/api/v2/actions/actions/a", nil)
	require.NoError(t, err)
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"X-Ratelimit-Remaining": {"0"}}, Request: req}
	internal := apierror.New(req, []byte(`{"name":"x"}`), resp, []byte(`{"statusCode":429,"error":"Too Many Requests","message":"slow down"}`), nil)
	internal.Attempts = 3

	assert.NoError(t, publicError(nil))

	// A response outside 2xx: every field carries over.
	got := publicError(internal)
	e, ok := got.(*Error)
	require.True(t, ok, "%T", got)
	assert.Equal(t, internal.Error(), e.Error())
	assert.Equal(t, 429, e.StatusCode)
	assert.Equal(t, "slow down", e.Message)
	assert.Equal(t, 3, e.Attempts)
	require.NotNil(t, e.RateLimit)
	assert.Equal(t, 0, e.RateLimit.Remaining)
	assert.JSONEq(t, `{"statusCode":429,"error":"Too Many Requests","message":"slow down"}`, string(e.RawJSON()))
	assert.Contains(t, string(e.DumpRequest(true)), `{"name":"x"}`)
	assert.Contains(t, string(e.DumpResponse(true)), "slow down")
	assert.ErrorIs(t, e, ErrRateLimited)

	// A request of unknown outcome: the same value, seen as the public type.
	cause := errors.New("auth0: POST https://t/api/v2/actions/actions: connection reset")
	ou := &apierror.OutcomeUnknownError{Hint: "list them", Err: cause}
	var pub *OutcomeUnknownError
	require.ErrorAs(t, publicError(ou), &pub)
	assert.Equal(t, "list them", pub.Hint)
	assert.ErrorIs(t, pub, cause)
	assert.ErrorIs(t, pub, ErrOutcomeUnknown)

	// Wrapped by the pipeline (a token request, say): message and chain
	// kept, the public form found first.
	for _, inner := range []error{internal, ou} {
		w := fmt.Errorf("auth0: fetching a token: %w", context.Canceled)
		wrappedErr := publicError(fmt.Errorf("%w; %w", w, inner))
		assert.Equal(t, fmt.Errorf("%w; %w", w, inner).Error(), wrappedErr.Error())
		assert.ErrorIs(t, wrappedErr, context.Canceled)
		var apiErr *Error
		var ouErr *OutcomeUnknownError
		assert.True(t, errors.As(wrappedErr, &apiErr) || errors.As(wrappedErr, &ouErr), "%v", wrappedErr)
	}

	// Anything else is returned as it is.
	plain := errors.New("auth0: ActionNewParams.Name is required")
	assert.Same(t, plain, publicError(plain))
}

func TestMessagesOfEnvironmentErrors(t *testing.T) {
	t.Parallel()
	for _, env := range []map[string]string{
		{"AUTH0_DOMAIN": "https://t.auth0.com", "AUTH0_API_TOKEN": "t"},
		{"AUTH0_DOMAIN": "t.auth0.com:84430", "AUTH0_API_TOKEN": "t"},
		{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_ID": "id"},
		{"AUTH0_DOMAIN": "t.auth0.com", "AUTH0_CLIENT_SECRET": "s3cret"},
	} {
		_, err := newEnvClient(env).Actions.Get(t.Context(), "act_1")
		require.Error(t, err)
		msg := err.Error()
		assert.True(t, strings.HasPrefix(msg, "auth0: AUTH0_"), msg)
		assert.Equal(t, 1, strings.Count(msg, "auth0:"), msg)
		assert.NotContains(t, msg, "s3cret")
	}
}
