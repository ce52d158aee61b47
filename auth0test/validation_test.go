package auth0test_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// TestBodyValidation sends bodies the live API refuses, through the SDK's
// escape hatch, and checks the *auth0.Error they decode to.
func TestBodyValidation(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	a := srv.AddAction(newParams("existing"))
	const trig = `"supported_triggers":[{"id":"post-login","version":"v3"}]`
	tests := []struct {
		name, method, path, body, message string
	}{
		{"unknown key", http.MethodPost, "actions/actions", `{"name":"x",` + trig + `,"color":"red"}`,
			"Payload validation error: 'Additional properties not allowed: color'."},
		{"read-only key", http.MethodPost, "actions/actions", `{"name":"x",` + trig + `,"status":"built"}`,
			"Payload validation error: 'Additional properties not allowed: status'."},
		{"missing name", http.MethodPost, "actions/actions", `{` + trig + `}`,
			"Payload validation error: 'Missing required property: name'."},
		{"missing triggers", http.MethodPost, "actions/actions", `{"name":"x"}`,
			"Payload validation error: 'Missing required property: supported_triggers'."},
		{"no triggers", http.MethodPost, "actions/actions", `{"name":"x","supported_triggers":[]}`,
			"Payload validation error: 'Array is too short (0), minimum 1' on property supported_triggers."},
		{"trigger without id", http.MethodPost, "actions/actions", `{"name":"x","supported_triggers":[{"version":"v3"}]}`,
			"Payload validation error: 'Missing required property: id' on property supported_triggers[0]."},
		{"unknown trigger", http.MethodPost, "actions/actions", `{"name":"x","supported_triggers":[{"id":"post-logn"}]}`,
			`Payload validation error: 'No enum match for: "post-logn"' on property supported_triggers[0].id.`},
		{"wrong type", http.MethodPost, "actions/actions", `{"name":"x",` + trig + `,"code":42}`,
			"Payload validation error: 'Expected type string but found type integer' on property code."},
		{"dependency key", http.MethodPost, "actions/actions", `{"name":"x",` + trig + `,"dependencies":[{"name":"a","url":"b"}]}`,
			"Payload validation error: 'Additional properties not allowed: url' on property dependencies[0]."},
		{"malformed JSON", http.MethodPost, "actions/actions", `{"name":`, "Invalid request payload JSON format"},
		{"not an object", http.MethodPost, "actions/actions", `[]`,
			"Payload validation error: 'Expected type object but found type array'."},
		{"deploy in update", http.MethodPatch, "actions/actions/" + a.ID, `{"deploy":true}`,
			"Payload validation error: 'Additional properties not allowed: deploy'."},
		{"id in update", http.MethodPatch, "actions/actions/" + a.ID, `{"id":"x","name":"y"}`,
			"Payload validation error: 'Additional properties not allowed: id'."},
		{"empty name in update", http.MethodPatch, "actions/actions/" + a.ID, `{"name":""}`,
			"Payload validation error: 'String is too short (0 chars), minimum 1' on property name."},
		{"legacy binding shape", http.MethodPatch, "actions/triggers/post-login/bindings", `{"bindings":[{"id_type":"action_id","id_value":"x"}]}`,
			"Payload validation error: 'Data does not match any schemas from 'oneOf'' on property bindings[0]."},
		{"null bindings", http.MethodPatch, "actions/triggers/post-login/bindings", `{"bindings":null}`,
			"Payload validation error: 'Expected type array but found type null' on property bindings."},
		{"test without payload", http.MethodPost, "actions/actions/" + a.ID + "/test", `{}`,
			"Payload validation error: 'Missing required property: payload'."},
		{"roll-back key", http.MethodPost, "actions/actions/" + a.ID + "/versions/v/deploy", `{"draft":true}`,
			"Payload validation error: 'Additional properties not allowed: draft'."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := c.Execute(t.Context(), tt.method, tt.path, json.RawMessage(tt.body), nil)
			wantAPIError(t, err, http.StatusBadRequest, "invalid_body", tt.message)
			if !errors.Is(err, auth0.ErrBadRequest) {
				t.Errorf("errors.Is(err, ErrBadRequest) = false for %v", err)
			}
		})
	}
	if n := len(srv.Actions()); n != 1 {
		t.Errorf("%d actions after refused creates, want 1", n)
	}
}

func TestSemanticErrors(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	ctx := t.Context()
	undeployed := srv.AddAction(newParams("undeployed"))
	deployed := srv.AddAction(newParams("deployed"))
	if _, err := c.Actions.Deploy(ctx, deployed.ID); err != nil {
		t.Fatal(err)
	}

	_, err := c.Actions.New(ctx, newParams("deployed"))
	if !errors.Is(err, auth0.ErrConflict) {
		t.Errorf("duplicate name: %v, want a 409", err)
	}
	_, err = c.Actions.Get(ctx, "nope")
	wantAPIError(t, err, http.StatusNotFound, "", "That action does not exist.")
	if !errors.Is(err, auth0.ErrNotFound) {
		t.Error("IsNotFound = false")
	}
	_, err = c.Actions.Update(ctx, "nope", auth0.ActionUpdateParams{Code: auth0.String("x")})
	wantAPIError(t, err, http.StatusNotFound, "", "That action does not exist.")
	_, err = c.Actions.Versions.Get(ctx, deployed.ID, "nope")
	wantAPIError(t, err, http.StatusNotFound, "", "That action version does not exist.")
	_, err = c.Actions.Versions.List(ctx, "nope", auth0.ActionVersionListParams{})
	wantAPIError(t, err, http.StatusNotFound, "", "That action does not exist.")
	err = c.Actions.Delete(ctx, "nope", auth0.ActionDeleteParams{})
	wantAPIError(t, err, http.StatusNotFound, "", "That action does not exist.")

	bindTo := func(trigger auth0.TriggerID, ref auth0.BindingRef) error {
		_, err := c.Actions.Triggers.Bindings.Update(ctx, trigger, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{{Ref: ref}}})
		return err
	}
	for name, err := range map[string]error{
		"unknown action id":   bindTo(auth0.TriggerPostLogin, auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: "nope"}),
		"unknown action name": bindTo(auth0.TriggerPostLogin, auth0.BindingRef{Type: auth0.BindingRefTypeActionName, Value: "nope"}),
		"unknown binding id":  bindTo(auth0.TriggerPostLogin, auth0.BindingRef{Type: auth0.BindingRefTypeBindingID, Value: "nope"}),
		"never deployed":      bindTo(auth0.TriggerPostLogin, auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: undeployed.ID}),
		"other trigger":       bindTo(auth0.TriggerCredentialsExchange, auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: deployed.ID}),
		"entity-bound":        bindTo(auth0.TriggerEventStream, auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: deployed.ID}),
	} {
		if apiErr := apiError(t, err); apiErr.StatusCode != http.StatusBadRequest || apiErr.Message == "" {
			t.Errorf("%s: %v, want a 400 with a message", name, err)
		}
	}
	if !strings.Contains(apiError(t, bindTo(auth0.TriggerPostLogin, auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: undeployed.ID})).Message, "deploy") {
		t.Error("binding an undeployed action: the message does not say to deploy")
	}
	err = bindTo("no-such-trigger", auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: deployed.ID})
	wantAPIError(t, err, http.StatusBadRequest, "invalid_uri", `Path validation error: 'No enum match for: "no-such-trigger"' on property triggerId.`)

	// A binding_id ref keeps the action of that binding, with a new ID.
	res, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
		Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeActionID, Value: deployed.ID}}}})
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{
		Bindings: []auth0.BindingUpdate{{Ref: auth0.BindingRef{Type: auth0.BindingRefTypeBindingID, Value: res.Bindings[0].ID}}}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Bindings[0].Action.ID != deployed.ID || again.Bindings[0].ID == res.Bindings[0].ID {
		t.Errorf("binding_id ref = %+v", again.Bindings[0])
	}
	// An empty list unbinds all.
	if _, err := c.Actions.Triggers.Bindings.Update(ctx, auth0.TriggerPostLogin, auth0.BindingUpdateParams{Bindings: []auth0.BindingUpdate{}}); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Bindings(auth0.TriggerPostLogin)); n != 0 {
		t.Errorf("%d bindings after an empty update", n)
	}
}

// TestRollbackBodies checks the roll-back's optional body: none, {}, null.
func TestRollbackBodies(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	a := srv.AddAction(newParams("rb"))
	v, err := srv.Client().Actions.Deploy(t.Context(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	path := "/api/v2/actions/actions/" + a.ID + "/versions/" + v.ID + "/deploy"
	for i, body := range []string{"", "{}", "null", `{"update_draft":false}`} {
		resp, got := raw(t, srv, http.MethodPost, path, body, true)
		if resp.StatusCode != http.StatusOK || got["number"] != float64(i+2) || got["deployed"] != false {
			t.Errorf("body %q: %d %v", body, resp.StatusCode, got)
		}
		if _, ok := got["action_id"]; ok {
			t.Errorf("body %q: the response has action_id", body)
		}
	}
}

func TestContentType(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/v2/actions/actions", strings.NewReader("name=x"))
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain body: %d, want 415", resp.StatusCode)
	}
	resp, body := raw(t, srv, http.MethodGet, "/api/v2/actions/nothing", "", true)
	if resp.StatusCode != http.StatusNotFound || body["statusCode"] != float64(404) {
		t.Errorf("unknown endpoint: %d %v", resp.StatusCode, body)
	}
	resp, _ = raw(t, srv, http.MethodPut, "/api/v2/actions/actions", "{}", true)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("PUT: %d, want 404", resp.StatusCode)
	}
}
