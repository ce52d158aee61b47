package auth0_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/internal/testutil"
	"github.com/actions-sdk/auth0-go/option"
)

func TestErrorDecoding(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		resp          httpmock.Responder
		wantStatus    int
		wantErrorText string
		wantMessage   string
		wantCode      string
		wantInError   []string
	}{
		{
			"full JSON body",
			respondWith(http.StatusBadRequest, `{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'Missing required property: name'","errorCode":"invalid_body"}`),
			400, "Bad Request", "Payload validation error: 'Missing required property: name'", "invalid_body",
			[]string{"400 Bad Request", "Payload validation error", "(invalid_body)"},
		},
		{
			"404 without errorCode",
			respondWith(http.StatusNotFound, `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`),
			404, "Not Found", "That action does not exist.", "",
			[]string{"404 Not Found: That action does not exist."},
		},
		{
			"HTML from a proxy",
			respondWith(http.StatusBadGateway, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
			502, "Bad Gateway", "", "",
			[]string{"502 Bad Gateway"},
		},
		{
			"empty body",
			respondWith(http.StatusForbidden, ""),
			403, "Forbidden", "", "",
			[]string{"403 Forbidden"},
		},
		{
			"chunked JSON body",
			respondChunked(http.StatusConflict, `{"statusCode":409,"error":"Conflict","message":"An action with the same name already exists"}`),
			409, "Conflict", "An action with the same name already exists", "",
			[]string{"409 Conflict"},
		},
		{
			"JSON of another shape",
			respondWith(http.StatusBadRequest, `["unexpected"]`),
			400, "Bad Request", "", "",
			[]string{"400 Bad Request"},
		},
		{
			"OAuth-style body",
			respondWith(http.StatusForbidden, `{"error":"access_denied","error_description":"Insufficient scope"}`),
			403, "Forbidden", "Insufficient scope", "access_denied",
			[]string{"403", "Insufficient scope"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(tt.resp)
			_, err := newTestClient(tr, option.WithMaxRetries(0)).Actions.Get(t.Context(), "act_1")
			require.Error(t, err)
			var apiErr *auth0.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.wantStatus, apiErr.StatusCode)
			assert.Equal(t, tt.wantErrorText, apiErr.ErrorText)
			assert.Equal(t, tt.wantMessage, apiErr.Message)
			assert.Equal(t, tt.wantCode, apiErr.Code)
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.Equal(t, testBaseURL+"actions/actions/act_1", apiErr.URL)
			assert.Equal(t, 1, apiErr.Attempts)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "auth0: GET "+testBaseURL+"actions/actions/act_1: "), msg)
			for _, want := range tt.wantInError {
				assert.Contains(t, msg, want)
			}
			require.NotNil(t, apiErr.Response)
			assert.Equal(t, tt.wantStatus, apiErr.Response.StatusCode)
		})
	}
}

func TestErrorResponseBodyReadable(t *testing.T) {
	t.Parallel()
	body := `{"statusCode":404,"error":"Not Found","message":"That action does not exist."}`
	tr, _ := recordAll(respondWith(http.StatusNotFound, body, "X-Request-Id", "abc"))
	_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1")
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	got, err := io.ReadAll(apiErr.Response.Body)
	require.NoError(t, err)
	assert.Equal(t, body, string(got))
	assert.JSONEq(t, body, string(apiErr.RawJSON()))
	assert.Equal(t, "abc", apiErr.Response.Header.Get("X-Request-Id"))
	require.NotNil(t, apiErr.Request)
	assert.Equal(t, "[REDACTED]", apiErr.Request.Header.Get("Authorization"))
	assert.Equal(t, testBaseURL+"actions/actions/act_1", apiErr.Request.URL.String())
}

func TestErrorNilSafe(t *testing.T) {
	t.Parallel()
	var e *auth0.Error
	require.NotPanics(t, func() {
		assert.Equal(t, "auth0: <nil>", e.Error())
		assert.False(t, e.Is(auth0.ErrNotFound))
		assert.Nil(t, e.RawJSON())
		assert.Nil(t, e.DumpRequest(true))
		assert.Nil(t, e.DumpResponse(true))
	})
	var ou *auth0.OutcomeUnknownError
	require.NotPanics(t, func() { assert.Equal(t, "auth0: <nil>", ou.Error()) })

	// Zero values, such as a caller builds in a test.
	require.NotPanics(t, func() {
		assert.Equal(t, "auth0: 0", (&auth0.Error{}).Error())
		assert.Nil(t, (&auth0.Error{}).DumpRequest(true))
		assert.Nil(t, (&auth0.Error{}).DumpResponse(true))
		assert.Contains(t, (&auth0.OutcomeUnknownError{Hint: "look"}).Error(), "look")
		assert.True(t, errors.Is(&auth0.OutcomeUnknownError{}, auth0.ErrOutcomeUnknown))
	})
}

func TestErrorSentinels(t *testing.T) {
	t.Parallel()
	all := []error{
		auth0.ErrBadRequest, auth0.ErrUnauthorized, auth0.ErrForbidden, auth0.ErrNotFound,
		auth0.ErrConflict, auth0.ErrRateLimited, auth0.ErrServer, auth0.ErrOutcomeUnknown,
		auth0.ErrResponseTooLarge, auth0.ErrPageRepeated,
	}
	tests := []struct {
		err  *auth0.Error
		want []error
	}{
		{&auth0.Error{StatusCode: 400}, []error{auth0.ErrBadRequest}},
		{&auth0.Error{StatusCode: 401}, []error{auth0.ErrUnauthorized}},
		{&auth0.Error{StatusCode: 403}, []error{auth0.ErrForbidden}},
		{&auth0.Error{StatusCode: 404}, []error{auth0.ErrNotFound}},
		{&auth0.Error{StatusCode: 409}, []error{auth0.ErrConflict}},
		{&auth0.Error{StatusCode: 422}, nil},
		{&auth0.Error{StatusCode: 429}, []error{auth0.ErrRateLimited}},
		{&auth0.Error{StatusCode: 500}, []error{auth0.ErrServer}},
		{&auth0.Error{StatusCode: 503}, []error{auth0.ErrServer}},
		{&auth0.Error{StatusCode: 503, OutcomeUnknown: true}, []error{auth0.ErrServer, auth0.ErrOutcomeUnknown}},
		{&auth0.Error{StatusCode: 302}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%v", tt.err.StatusCode, tt.err.OutcomeUnknown), func(t *testing.T) {
			t.Parallel()
			wrapped := fmt.Errorf("my app: %w", tt.err)
			for _, s := range all {
				want := false
				for _, w := range tt.want {
					want = want || w == s
				}
				assert.Equal(t, want, errors.Is(wrapped, s), "errors.Is(%d, %v)", tt.err.StatusCode, s)
			}
			assert.Equal(t, tt.err.StatusCode == 404, errors.Is(wrapped, auth0.ErrNotFound))
			assert.Equal(t, tt.err.StatusCode == 429, errors.Is(wrapped, auth0.ErrRateLimited))
			assert.Equal(t, tt.err.StatusCode == 409, errors.Is(wrapped, auth0.ErrConflict))
		})
	}
	assert.False(t, errors.Is(nil, auth0.ErrNotFound))
	assert.False(t, errors.Is(errors.New("404"), auth0.ErrNotFound))
}

func TestErrorSentinelsFromCalls(t *testing.T) {
	t.Parallel()
	tests := []struct {
		status int
		is     error
	}{
		{404, auth0.ErrNotFound},
		{409, auth0.ErrConflict},
		{429, auth0.ErrRateLimited},
		{400, auth0.ErrBadRequest},
		{403, auth0.ErrForbidden},
		{500, auth0.ErrServer},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.status), func(t *testing.T) {
			t.Parallel()
			tr, _ := recordAll(respondWith(tt.status, ""))
			_, err := newTestClient(tr, option.WithMaxRetries(0)).Actions.Get(t.Context(), "act_1")
			assert.ErrorIs(t, err, tt.is)
			assert.False(t, errors.Is(err, auth0.ErrOutcomeUnknown))
		})
	}
}

func TestErrorRateLimitFigures(t *testing.T) {
	t.Parallel()
	reset := time.Now().Add(30 * time.Second).Unix()
	tr, _ := recordAll(respondWith(http.StatusTooManyRequests,
		`{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}`,
		"X-RateLimit-Limit", "50", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", fmt.Sprint(reset), "Retry-After", "7"))
	c := newTestClient(tr, option.WithMaxRetries(0))
	_, err := c.Actions.Get(t.Context(), "act_1")
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	require.NotNil(t, apiErr.RateLimit)
	assert.Equal(t, 50, apiErr.RateLimit.Limit)
	assert.Equal(t, 0, apiErr.RateLimit.Remaining)
	assert.Equal(t, reset, apiErr.RateLimit.Reset.Unix())
	assert.Equal(t, 7*time.Second, apiErr.RetryAfter)
	assert.Contains(t, err.Error(), "rate limit 50, remaining 0")
	assert.Contains(t, err.Error(), time.Unix(reset, 0).UTC().Format(time.RFC3339))

	rl, ok := c.RateLimit()
	require.True(t, ok)
	assert.Equal(t, 50, rl.Limit)
	assert.Equal(t, 0, rl.Remaining)
}

func TestErrorNoRateLimitFigures(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(respondWith(http.StatusNotFound, "", "X-RateLimit-Limit", "not-a-number"))
	_, err := newTestClient(tr).Actions.Get(t.Context(), "act_1")
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Nil(t, apiErr.RateLimit)
	assert.Zero(t, apiErr.RetryAfter)
}

func TestErrorRedactsActionSecrets(t *testing.T) {
	t.Parallel()
	const secretValue = "s3cr3t-value"
	echo := fmt.Sprintf(`{"statusCode":400,"error":"Bad Request","message":"secret API_KEY=%s is not allowed","errorCode":"%s-code"}`, secretValue, secretValue)

	run := func(t *testing.T, call func(c *auth0.Client) error) {
		t.Helper()
		tr, rec := recordAll(respondWith(http.StatusBadRequest, echo, "X-Echo", "ok"))
		var buf testutil.SyncBuffer
		err := call(newTestClient(tr, option.WithDebugLog(debugLogger(&buf))))
		require.Error(t, err)
		require.Equal(t, 1, rec.len())
		assert.Contains(t, rec.body(0), secretValue, "the value is sent to the server")

		var apiErr *auth0.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
		dumpReq := string(apiErr.DumpRequest(true))
		dumpResp := string(apiErr.DumpResponse(true))
		for name, s := range map[string]string{
			"Error()":      err.Error(),
			"Message":      apiErr.Message,
			"Code":         apiErr.Code,
			"RawJSON":      string(apiErr.RawJSON()),
			"DumpRequest":  dumpReq,
			"DumpResponse": dumpResp,
			"log":          buf.String(),
		} {
			assert.NotContains(t, s, secretValue, name)
			assert.NotContains(t, s, testToken, name)
		}
		body, _ := io.ReadAll(apiErr.Response.Body)
		assert.NotContains(t, string(body), secretValue)

		// The dumps are still useful: the secret's name, the method and
		// path, the status, and a placeholder where values were.
		assert.Contains(t, dumpReq, "API_KEY")
		assert.Contains(t, dumpReq, "[REDACTED]")
		assert.Contains(t, dumpReq, "Authorization: [REDACTED]")
		assert.Contains(t, dumpReq, "/api/v2/actions/actions")
		assert.Contains(t, dumpResp, "400")
		assert.Contains(t, dumpResp, "[REDACTED]")
		assert.Contains(t, apiErr.Message, "is not allowed")
	}

	t.Run("New", func(t *testing.T) {
		t.Parallel()
		run(t, func(c *auth0.Client) error {
			_, err := c.Actions.New(t.Context(), auth0.ActionNewParams{
				Name:              "with-secret",
				SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
				Secrets:           []auth0.ActionSecretParam{{Name: "API_KEY", Value: secretValue}},
			})
			return err
		})
	})
	t.Run("Update", func(t *testing.T) {
		t.Parallel()
		run(t, func(c *auth0.Client) error {
			_, err := c.Actions.Update(t.Context(), "act_1", auth0.ActionUpdateParams{
				Secrets: []auth0.ActionSecretParam{{Name: "API_KEY", Value: secretValue}},
			})
			return err
		})
	})
}

func TestErrorRedactsSecretValueNeedingJSONEscapes(t *testing.T) {
	t.Parallel()
	const secretValue = `p"a\ss<w>rd`
	// The server echoes the value JSON-escaped, as a JSON body would.
	tr, _ := recordAll(respondWith(http.StatusBadRequest, `{"statusCode":400,"error":"Bad Request","message":"bad value p\"a\\ss<w>rd"}`))
	_, err := newTestClient(tr).Actions.New(t.Context(), auth0.ActionNewParams{
		Name:              "x",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Secrets:           []auth0.ActionSecretParam{{Name: "PW", Value: secretValue}},
	})
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	assert.NotContains(t, apiErr.Message, secretValue)
	assert.NotContains(t, string(apiErr.RawJSON()), `p\"a\\ss<w>rd`)
	assert.NotContains(t, string(apiErr.DumpRequest(true)), `p\"a\\ss`)
	assert.NotContains(t, string(apiErr.DumpRequest(true)), `p\"a\\ss\u003cw\u003erd`)
}

func TestErrorRedactsClientSecretAndToken(t *testing.T) {
	t.Parallel()
	tr := httpmock.NewMockTransport()
	tokResp, _ := tokenResponder(t, 86400, "cc-token-redact")
	tr.RegisterResponder(http.MethodPost, testTokenURL, tokResp)
	tr.RegisterResponder(http.MethodPatch, testBaseURL+"actions/actions/act_1", respondWith(http.StatusBadRequest,
		`{"statusCode":400,"error":"Bad Request","message":"echo `+testClientSecret+` and Bearer cc-token-redact"}`))

	_, err := newCredentialsClient(tr).Actions.Update(t.Context(), "act_1", auth0.ActionUpdateParams{Code: auth0.String("code")})
	var apiErr *auth0.Error
	require.ErrorAs(t, err, &apiErr)
	for name, s := range map[string]string{
		"Error()":      err.Error(),
		"RawJSON":      string(apiErr.RawJSON()),
		"DumpRequest":  string(apiErr.DumpRequest(true)),
		"DumpResponse": string(apiErr.DumpResponse(true)),
	} {
		assert.NotContains(t, s, testClientSecret, name)
		assert.NotContains(t, s, "cc-token-redact", name)
	}
	assert.Contains(t, string(apiErr.DumpRequest(true)), `"code":"code"`, "the rest of the body is kept")
}

func TestErrorOutcomeUnknownTransport(t *testing.T) {
	t.Parallel()
	tr, _ := recordAll(httpmock.NewErrorResponder(errors.New("unexpected EOF")))
	_, err := newTestClient(tr).Actions.Versions.Deploy(t.Context(), "act_1", "ver_1", auth0.ActionVersionDeployParams{UpdateDraft: auth0.Bool(true)})
	require.Error(t, err)
	assert.ErrorIs(t, err, auth0.ErrOutcomeUnknown)
	var ou *auth0.OutcomeUnknownError
	require.ErrorAs(t, err, &ou)
	assert.Contains(t, ou.Hint, "Versions.List")
	assert.Contains(t, err.Error(), "unexpected EOF")
	assert.Contains(t, err.Error(), "outcome unknown")
	var apiErr *auth0.Error
	assert.False(t, errors.As(err, &apiErr), "no response, so no *Error")
}
