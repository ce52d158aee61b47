package option_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
	"github.com/actions-sdk/auth0-go/option"
)

// Fields the params don't know yet: set, null, delete. The fake checks
// bodies against Auth0's schema as the API does.
func ExampleWithJSONSet() {
	srv, err := auth0test.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	action := srv.AddAction(auth0.ActionNewParams{Name: "escape-hatch",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}}})

	// A documented field, set by path; the params' own fields are sent too.
	updated, err := client.Actions.Update(ctx, action.ID,
		auth0.ActionUpdateParams{Code: auth0.String("exports.onExecutePostLogin = async () => {};")},
		option.WithJSONSet("runtime", auth0.RuntimeNode18Actions))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("runtime:", updated.Runtime)

	// A field the API does not know is refused by the server, like any bad field.
	_, err = client.Actions.Update(ctx, action.ID, auth0.ActionUpdateParams{}, option.WithJSONSet("no_such_field", true))
	fmt.Println("unknown field refused:", errors.Is(err, auth0.ErrBadRequest))

	// A malformed path is refused before anything is sent.
	_, err = client.Actions.Update(ctx, action.ID, auth0.ActionUpdateParams{}, option.WithJSONSet("secrets..value", "x"))
	fmt.Println(err)
	// Output:
	// runtime: node18-actions
	// unknown field refused: true
	// auth0: option.WithJSONSet("secrets..value"): path "secrets..value" has an empty segment
}

// What WithJSONSet, WithJSONDelete and the query options send, seen by a
// middleware: a null, a deleted field, an added query parameter.
func ExampleWithJSONDelete() {
	srv, err := auth0test.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	show := option.WithMiddleware(func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		body, _ := req.GetBody()
		b, _ := io.ReadAll(body)
		fmt.Printf("%s %s?%s %s\n", req.Method, req.URL.Path, req.URL.RawQuery, b)
		return next(req)
	})
	client := srv.Client(show)

	_, _ = client.Actions.New(context.Background(), auth0.ActionNewParams{
		Name:              "sent-as-edited",
		SupportedTriggers: []auth0.Trigger{{ID: auth0.TriggerPostLogin, Version: "v3"}},
		Code:              auth0.String("exports.onExecutePostLogin = async () => {};"),
	},
		option.WithJSONDelete("code"),
		option.WithJSONSet("dependencies", nil), // an explicit null, which omitzero params cannot send
		option.WithQuery("audit", "ci-42"))
	// Output:
	// POST /api/v2/actions/actions?audit=ci-42 {"dependencies":null,"name":"sent-as-edited","supported_triggers":[{"id":"post-login","version":"v3"}]}
}

// RouteFromContext names a request by its route template, for metrics and
// traces: the same name for every ID.
func ExampleRouteFromContext() {
	srv, err := auth0test.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	byRoute := option.WithMiddleware(func(req *http.Request, next option.MiddlewareNext) (*http.Response, error) {
		route, _ := option.RouteFromContext(req.Context())
		fmt.Println(req.Method, route)
		return next(req)
	})
	client := srv.Client(byRoute)
	ctx := context.Background()
	_, _ = client.Actions.Get(ctx, "act_1")
	_, _ = client.Actions.Get(ctx, "act_2")
	_, _ = client.Actions.Versions.List(ctx, "act_1", auth0.ActionVersionListParams{})
	// Output:
	// GET /actions/actions/{id}
	// GET /actions/actions/{id}
	// GET /actions/actions/{actionId}/versions
}
