package option_test

import (
	"context"
	"fmt"
	"log"
	"os"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/option"
)

// Private-key JWT: the application's credential is the public half of a key
// pair, and the SDK signs each token request with the private half. The
// same can come from AUTH0_CLIENT_ID, AUTH0_CLIENT_ASSERTION_PRIVATE_KEY and
// AUTH0_CLIENT_ASSERTION_SIGNING_ALG without any code.
func ExampleWithClientAssertion() {
	key, err := os.ReadFile("m2m-private.pem") // PKCS #8 or PKCS #1, RSA
	if err != nil {
		log.Fatal(err)
	}
	client := auth0.NewClient(
		option.WithDomain("example.us.auth0.com"),
		option.WithClientAssertion("my-client-id", string(key), "RS256"),
	)
	triggers, err := client.Actions.Triggers.List(context.Background())
	if err != nil {
		// A bad key or algorithm is reported here, before anything is
		// sent, and the message never quotes the key.
		log.Fatal(err)
	}
	fmt.Println(len(triggers.Triggers), "triggers")
}
