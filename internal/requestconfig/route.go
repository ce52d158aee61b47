package requestconfig

import "context"

// routeKey is the context key of a call's route.
type routeKey struct{}

// routeContext is the context of an API request: the caller's context,
// carrying the call's route template. It lives in the call's state (one
// allocation per call already), so carrying the route costs nothing; a
// context.WithValue would allocate on every call.
type routeContext struct {
	context.Context
	route string
}

// Value returns the route for routeKey and asks the caller's context for
// every other key, exactly as context.WithValue does; cancellation,
// deadlines and values of the caller's context are unchanged.
func (c *routeContext) Value(key any) any {
	if _, ok := key.(routeKey); ok {
		return &c.route
	}
	return c.Context.Value(key)
}

// RouteFromContext returns the route template of the API request whose
// context ctx is (or derives from), with a leading slash as in Auth0's
// OpenAPI document, such as "/actions/actions/{id}". It reports false for
// any other context: a token request, or a call through Client.Execute,
// whose path the SDK did not build.
func RouteFromContext(ctx context.Context) (string, bool) {
	if ctx == nil {
		return "", false
	}
	p, ok := ctx.Value(routeKey{}).(*string)
	if !ok || *p == "" {
		return "", false
	}
	return "/" + *p, true
}
