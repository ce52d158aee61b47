package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"testing"

	"github.com/actions-sdk/auth0-go/auth0test"
)

func TestExport(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	seed(srv)
	var out bytes.Buffer
	actions, versions, err := export(context.Background(), srv.Client(), &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if actions != 120 || versions != 120 {
		t.Fatalf("exported %d actions and %d versions, want 120 and 120", actions, versions)
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var l struct {
			Action struct {
				ID   string `json:"id"`
				Name string `json:"name"`
			} `json:"action"`
			Versions []struct {
				Number int `json:"number"`
			} `json:"versions"`
		}
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if l.Action.ID == "" || l.Action.Name == "" {
			t.Fatalf("line %d has no action: %s", n+1, sc.Bytes())
		}
		n++
	}
	if n != 120 {
		t.Fatalf("%d lines, want 120", n)
	}
}
