// Command testing shows how to unit-test your own code that uses this SDK,
// without an Auth0 tenant. Release (below) is "your code": it ships new
// code for an action and makes sure it runs at post-login. release_test.go
// tests it two ways:
//
//   - against auth0test, the SDK's stateful fake Actions API (recommended:
//     it behaves like the live API, builds, versions and bindings included);
//   - with github.com/jarcoal/httpmock, for scripting exact HTTP exchanges.
//
// Run the tests with `go test ./examples/testing`; `go run
// ./examples/testing` runs Release once against the fake API.
package main

import (
	"context"
	"fmt"
	"log"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// Actions is the part of the SDK Release needs; *auth0.ActionService
// satisfies it, and a test could pass its own implementation.
type Actions interface {
	Upsert(ctx context.Context, params auth0.ActionUpsertParams, opts ...option.RequestOption) (*auth0.ActionUpsertResult, error)
}

// Release deploys code as the action name and binds it to post-login. It
// reports whether anything changed.
func Release(ctx context.Context, actions Actions, name, code string) (bool, error) {
	res, err := actions.Upsert(ctx, auth0.ActionUpsertParams{
		Name:              name,
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String(code),
		Runtime:           auth0.String(auth0.RuntimeNode22),
		Deploy:            true,
		Bind:              true,
	})
	if err != nil {
		return false, fmt.Errorf("releasing %s: %w", name, err)
	}
	return res.Changed(), nil
}

func main() {
	srv, err := auth0test.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for i := range 2 {
		changed, err := Release(ctx, &client.Actions, "add-roles", "exports.onExecutePostLogin = async () => {};")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("release %d changed something: %t\n", i+1, changed)
	}
	fmt.Println("run the tests with: go test ./examples/testing")
}
