package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/actions-sdk/auth0-go/auth0test"
)

func TestExport(t *testing.T) {
	t.Parallel()
	srv := auth0test.NewServer(t)
	seed(srv)
	var out bytes.Buffer
	actions, versions, err := export(t.Context(), srv.Client(), &out, newProgress(io.Discard, false))
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

// TestProgress checks that progress rewrites a line only on a terminal:
// a CI log gets plain lines, without carriage returns.
func TestProgress(t *testing.T) {
	t.Parallel()
	var plain, term strings.Builder
	p, q := newProgress(&plain, false), newProgress(&term, true)
	for i := 1; i <= 100; i++ {
		p.update(i, 2*i)
		q.update(i, 2*i)
	}
	p.done("done")
	q.done("done")
	if strings.Contains(plain.String(), "\r") {
		t.Errorf("plain progress has a carriage return: %q", plain.String())
	}
	if want := "exported 50 actions, 100 versions\nexported 100 actions, 200 versions\ndone\n"; plain.String() != want {
		t.Errorf("plain progress = %q, want %q", plain.String(), want)
	}
	if !strings.HasPrefix(term.String(), "\rexported 10 actions") || !strings.HasSuffix(term.String(), "\rdone\n") {
		t.Errorf("terminal progress = %q", term.String())
	}
}
