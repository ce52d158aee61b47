package auth0

// Test-only exports: what the external tests (package auth0_test) need of
// the internal tests' helpers, so that they use the same code rather than a
// copy. Files named *_test.go are never part of the SDK users build.

// LoadOpenAPI is loadOpenAPI: Auth0's OpenAPI document from
// testdata/openapi, decoded.
var LoadOpenAPI = loadOpenAPI

// ListPageJSON and LivePaging render list pages as the internal tests do.
var (
	ListPageJSON = listPageJSON
	LivePaging   = livePaging
)
