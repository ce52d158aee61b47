package main

import (
	"flag"
	"go/types"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/example.txt with the dump of testdata/example")

// TestDumpExample dumps testdata/example, which has a declaration of each
// kind, and compares it with testdata/example.txt (go test -update
// rewrites it; read the diff before committing it).
func TestDumpExample(t *testing.T) {
	t.Parallel()
	modPath, err := modulePath()
	if err != nil {
		t.Fatal(err)
	}
	path := modPath + "/internal/cmd/apidump/testdata/example"
	l, err := newLoader(path)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := l.load(path)
	if err != nil {
		t.Fatal(err)
	}
	lines, err := dump(modPath, []*types.Package{pkg}, map[string]string{path: "example"})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(lines, "\n") + "\n"
	const golden = "testdata/example.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		added, removed := diffLines(strings.Split(string(want), "\n"), strings.Split(got, "\n"))
		t.Errorf("dump of testdata/example differs from %s\nnot expected:\n%s\nmissing:\n%s",
			golden, strings.Join(added, "\n"), strings.Join(removed, "\n"))
	}
}

// diffLines returns the lines of b not in a, and those of a not in b.
func diffLines(a, b []string) (added, removed []string) {
	inA, inB := make(map[string]bool), make(map[string]bool)
	for _, l := range a {
		inA[l] = true
	}
	for _, l := range b {
		inB[l] = true
		if !inA[l] {
			added = append(added, "+ "+l)
		}
	}
	for _, l := range a {
		if !inB[l] {
			removed = append(removed, "- "+l)
		}
	}
	return added, removed
}

func TestIsPublic(t *testing.T) {
	t.Parallel()
	const mod = "github.com/actions-sdk/auth0-go"
	for path, want := range map[string]bool{
		mod:                                  true,
		mod + "/option":                      true,
		mod + "/auth0test":                   true,
		mod + "/actionsync":                  true,
		mod + "/cmd/auth0sync":               true,
		mod + "/internal/jsondec":            false,
		mod + "/examples/internal/tenant":    false,
		mod + "/examples/quickstart":         false,
		mod + "/benchmarks/benchdata":        false,
		mod + "/contracttest":                false,
		mod + "/reliability":                 false,
		mod + "/option/testdata/x":           false,
		mod + "-other/option":                false,
		"github.com/go-json-experiment/json": false,
	} {
		if got := isPublic(mod, path); got != want {
			t.Errorf("isPublic(%q) = %v, want %v", path, got, want)
		}
	}
}
