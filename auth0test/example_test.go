package auth0test_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// exampleT stands in for the *testing.T a real test passes to NewServer,
// since examples have none.
type exampleT struct {
	testing.TB
	cleanups []func()
}

func (t *exampleT) Helper()                           {}
func (t *exampleT) Cleanup(f func())                  { t.cleanups = append(t.cleanups, f) }
func (t *exampleT) Errorf(format string, args ...any) { log.Printf(format, args...) }
func (t *exampleT) Fatalf(format string, args ...any) { log.Panicf(format, args...) }

func (t *exampleT) finish() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}

func Example() {
	t := &exampleT{} // in a test: the *testing.T
	defer t.finish()
	ctx := context.Background()

	srv := auth0test.NewServer(t)
	client := srv.Client()

	action, err := client.Actions.New(ctx, auth0.ActionNewParams{
		Name:              "add-roles",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String(`exports.onExecutePostLogin = async (event, api) => {};`),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", action.Status)

	action, _ = client.Actions.Get(ctx, action.ID)
	fmt.Println("then:", action.Status)

	version, err := client.Actions.Deploy(ctx, action.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("deployed version:", version.Number)

	_, err = client.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
		Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: action.ID}}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("bound:", len(srv.Bindings(auth0.TriggerPostLogin)))
	fmt.Println("deploy requests:", srv.RequestCount(auth0test.RouteActionsDeploy))
	// Output:
	// created: pending
	// then: built
	// deployed version: 1
	// bound: 1
	// deploy requests: 1
}

func ExampleServer_Fail() {
	t := &exampleT{} // in a test: the *testing.T
	defer t.finish()
	srv := auth0test.NewServer(t)
	client := srv.Client()

	// A create that the server may have seen is not retried after a 503.
	srv.Fail(auth0test.RouteActionsNew, 1, 503)
	_, err := client.Actions.New(context.Background(), auth0.ActionNewParams{
		Name:              "add-roles",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
	})
	fmt.Println(errors.Is(err, auth0.ErrOutcomeUnknown), srv.RequestCount(auth0test.RouteActionsNew))
	// Output:
	// true 1
}
