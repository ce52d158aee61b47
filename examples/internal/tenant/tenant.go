// Package tenant holds the one rule every example follows before it
// touches Auth0: it runs on the in-process fake API unless -live is given,
// and with -live it says which tenant it will touch before it does.
package tenant

import (
	"errors"
	"fmt"
	"io"
	"os"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// errNoTenant is the error of -live without a tenant in the environment.
var errNoTenant = errors.New("-live needs AUTH0_DOMAIN and credentials (AUTH0_API_TOKEN; AUTH0_CLIENT_ID and " +
	"AUTH0_CLIENT_SECRET; or AUTH0_CLIENT_ID and AUTH0_CLIENT_ASSERTION_PRIVATE_KEY)")

// Connect returns a client and a function that releases it. With live, the
// client is for the tenant in AUTH0_DOMAIN (with the credentials in the
// environment), and Connect first writes "-live: " and what the run does
// to it (liveNotice, with %s for the domain) to out; srv is nil. Without
// live, it starts the fake API with fakeOpts, says so on out, and returns
// it as srv so that the example can seed it.
func Connect(live bool, out io.Writer, liveNotice string, fakeOpts ...auth0test.ServerOption) (client *auth0.Client, srv *auth0test.Server, stop func(), err error) {
	if live {
		domain := os.Getenv("AUTH0_DOMAIN")
		if domain == "" {
			return nil, nil, nil, errNoTenant
		}
		fmt.Fprintf(out, "-live: "+liveNotice+"\n", domain)
		return auth0.NewClient(), nil, func() {}, nil
	}
	srv, err = auth0test.Start(fakeOpts...)
	if err != nil {
		return nil, nil, nil, err
	}
	fmt.Fprintf(out, "Using the in-process fake API at %s (pass -live to use the tenant in AUTH0_DOMAIN).\n", srv.URL)
	return srv.Client(), srv, srv.Close, nil
}
