package auth0test_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
	"github.com/actions-sdk/auth0-go/auth0test"
)

// recording is an excerpt of a live recording (testdata/recordings).
type recording struct {
	Source       map[string]string `json:"source"`
	Interactions []struct {
		Method   string          `json:"method"`
		Path     string          `json:"path"`
		Status   int             `json:"status"`
		Response json.RawMessage `json:"response"`
	} `json:"interactions"`
}

func loadRecording(t *testing.T, name string) recording {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "recordings", name))
	if err != nil {
		t.Fatal(err)
	}
	var r recording
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Interactions) == 0 {
		t.Fatalf("%s has no interactions", name)
	}
	return r
}

// replay sends a recorded request to the fake and returns its status and
// body.
func replay(t *testing.T, srv *auth0test.Server, url, method string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+srv.Token())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

// TestTriggerListIsTheLiveOne: GET /actions/triggers answers the newest
// live trigger list byte for byte (keys in the live order), from the
// Deploy CLI's e2e recordings of 2026-08.
func TestTriggerListIsTheLiveOne(t *testing.T) {
	t.Parallel()
	rec := loadRecording(t, "deploy-cli-e2e.GET-actions-triggers.2026-08-10.json")
	srv := auth0test.NewServer(t)
	for _, it := range rec.Interactions {
		status, body := replay(t, srv, srv.URL+it.Path, it.Method)
		var want bytes.Buffer
		if err := json.Compact(&want, it.Response); err != nil {
			t.Fatal(err)
		}
		if status != it.Status || !bytes.Equal(bytes.TrimSpace(body), want.Bytes()) {
			t.Errorf("%s %s = %d\n%s\nwant %d\n%s", it.Method, it.Path, status, body, it.Status, want.Bytes())
		}
	}
}

// TestBindingsOfEveryTriggerAsLive: listing the bindings of every trigger
// of the live list, entity-bound ones included, answers as the live
// tenant did in 2026-08: 200 and an empty page.
func TestBindingsOfEveryTriggerAsLive(t *testing.T) {
	t.Parallel()
	rec := loadRecording(t, "deploy-cli-e2e.GET-bindings-every-trigger.2026-08-10.json")
	srv := auth0test.NewServer(t)
	for _, it := range rec.Interactions {
		status, body := replay(t, srv, srv.URL+it.Path, it.Method)
		var got, want any
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatalf("%s: %v", it.Path, err)
		}
		if err := json.Unmarshal(it.Response, &want); err != nil {
			t.Fatal(err)
		}
		if status != it.Status || !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s = %d %s, want %d %s", it.Method, it.Path, status, body, it.Status, it.Response)
		}
	}
}

// TestHelpersRefuseTheLiveEntityBoundTriggers: now that listing their
// bindings answers 200, the SDK's binding helpers still refuse the four
// entity-bound triggers of the live list, deciding from binding_policy
// before reading or writing any binding.
func TestHelpersRefuseTheLiveEntityBoundTriggers(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	c := srv.Client()
	for _, trig := range []auth0.TriggerID{auth0.TriggerCustomTokenExchange, auth0.TriggerEventStream,
		auth0.TriggerPasswordHashMigration, auth0.TriggerMCPTool} {
		_, err := c.Actions.Triggers.Bindings.Add(t.Context(), trig, auth0.BindingAddParams{ActionID: "act_1"})
		var eb *auth0.EntityBoundTriggerError
		if !errors.Is(err, auth0.ErrEntityBoundTrigger) || !errors.As(err, &eb) || eb.Trigger != trig || eb.Err != nil {
			t.Errorf("Add to %s: %v, want an EntityBoundTriggerError decided from the trigger list", trig, err)
		}
		if _, err := c.Actions.Triggers.Bindings.Remove(t.Context(), trig, "act_1"); !errors.Is(err, auth0.ErrEntityBoundTrigger) {
			t.Errorf("Remove from %s: %v", trig, err)
		}
	}
	if n := srv.RequestCount(auth0test.RouteBindingsList) + srv.RequestCount(auth0test.RouteBindingsUpdate); n != 0 {
		t.Errorf("%d binding requests, want none", n)
	}
}
