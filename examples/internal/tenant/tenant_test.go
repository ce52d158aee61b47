package tenant

import (
	"bytes"
	"strings"
	"testing"
)

func TestLiveNeedsATenantAndSaysWhichItTouches(t *testing.T) {
	t.Setenv("AUTH0_DOMAIN", "")
	var out bytes.Buffer
	if _, _, _, err := Connect(true, &out, "touching %s"); err == nil || !strings.Contains(err.Error(), "AUTH0_DOMAIN") {
		t.Fatalf("-live without AUTH0_DOMAIN: err = %v", err)
	}
	t.Setenv("AUTH0_DOMAIN", "tenant.example.com")
	t.Setenv("AUTH0_API_TOKEN", "token")
	client, srv, stop, err := Connect(true, &out, "touching %s")
	if err != nil || client == nil || srv != nil {
		t.Fatalf("-live: client %v, srv %v, err %v", client, srv, err)
	}
	stop()
	if got := out.String(); got != "-live: touching tenant.example.com\n" {
		t.Errorf("printed %q", got)
	}
}

func TestWithoutLiveTheFakeIsUsedWhateverTheEnvironmentSays(t *testing.T) {
	t.Setenv("AUTH0_DOMAIN", "tenant.example.com")
	t.Setenv("AUTH0_API_TOKEN", "not-to-be-used")
	var out bytes.Buffer
	client, srv, stop, err := Connect(false, &out, "touching %s")
	if err != nil || srv == nil {
		t.Fatalf("srv %v, err %v", srv, err)
	}
	defer stop()
	if !strings.Contains(out.String(), srv.URL) || strings.Contains(out.String(), "tenant.example.com") {
		t.Errorf("printed %q", out.String())
	}
	if _, err := client.Actions.Triggers.List(t.Context()); err != nil {
		t.Fatalf("the fake does not answer: %v", err)
	}
}
