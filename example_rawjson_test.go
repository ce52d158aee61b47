package auth0_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// Reading a field the API sends that this version of the SDK does not know:
// every value decoded from a response keeps its JSON. Here the server
// answers with a "usage" object that Action has no field for.
func ExampleAction_RawJSON() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"act_1","name":"add-roles","status":"built","usage":{"executions_24h":1250}}`)
	}))
	defer api.Close()
	client := auth0.NewClient(option.WithBaseURL(api.URL), option.WithToken("token"))

	action, err := client.Actions.Get(context.Background(), "act_1")
	if err != nil {
		log.Fatal(err)
	}
	var extra struct {
		Usage struct {
			Executions24h int `json:"executions_24h"`
		} `json:"usage"`
	}
	if err := json.Unmarshal(action.RawJSON(), &extra); err != nil {
		log.Fatal(err)
	}
	fmt.Println(action.Name, extra.Usage.Executions24h)
	// Output:
	// add-roles 1250
}
