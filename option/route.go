package option

import (
	"context"

	"github.com/actions-sdk/auth0-go/internal/requestconfig"
)

// RouteFromContext returns the route template of the API call a request
// belongs to, with a leading slash as in Auth0's API reference, such as
// "/actions/actions/{id}" for Actions.Get: the same for every ID, so it
// fits a span name or a metric label where the URL does not. Pass the
// request's context, in a Middleware or in the transport of the HTTP client
// given to WithHTTPClient (such as otelhttp's):
//
//	route, ok := option.RouteFromContext(req.Context())
//
// It reports false for a request that is not an API call of this SDK's
// endpoint methods: a token request to /oauth/token, or a call through
// Client.Execute, whose path the SDK did not build.
func RouteFromContext(ctx context.Context) (route string, ok bool) {
	return requestconfig.RouteFromContext(ctx)
}
