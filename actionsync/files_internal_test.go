package actionsync

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"

	auth0 "github.com/actions-sdk/auth0-go"
)

// knownTriggers, the triggers LoadDir accepts, are the SDK's TriggerID
// constants: a constant added to triggers.go must be added here too.
func TestKnownTriggersAreTheSDKsConstants(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "../triggers.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var constants []auth0.TriggerID
	for _, decl := range f.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.CONST {
			continue
		}
		for _, spec := range gen.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "TriggerID" {
				continue
			}
			for _, v := range vs.Values {
				if lit, ok := v.(*ast.BasicLit); ok {
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					constants = append(constants, auth0.TriggerID(s))
				}
			}
		}
	}
	if len(constants) < 14 {
		t.Fatalf("found %d TriggerID constants in triggers.go; the parse is wrong", len(constants))
	}
	got := slices.Clone(knownTriggers)
	slices.Sort(got)
	slices.Sort(constants)
	if !slices.Equal(got, constants) {
		t.Errorf("knownTriggers = %v\nthe TriggerID constants of triggers.go = %v", got, constants)
	}
}

func TestSanitizeFileName(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"add-roles":            "add-roles",
		"My Action":            "My Action",
		"a/b":                  "a-b",
		"...":                  "-",
		"nul":                  "-",
		"NUL.txt":              "-",
		"com0":                 "-",
		"lpt9.js":              "-",
		"com10":                "com10",
		"name. ":               "name-",
		"\x00\x1f\u0080\u009f": "----",
		"é":                    "é",
	} {
		if got := sanitizeFileName(in); got != want {
			t.Errorf("sanitizeFileName(%q) = %q, want %q", in, got, want)
		}
	}
	long := ""
	for range 200 {
		long += "é"
	}
	if got := sanitizeFileName(long); len(got) != 254 || got != long[:254] {
		t.Errorf("a 400-byte name is cut to %d bytes, want 254 (255 would split a character)", len(got))
	}
	if got := sanitizeFileName(long[:254] + " x"); got != long[:254] {
		t.Errorf("cut at 255 bytes, then trailing spaces removed: got %q", got[250:])
	}
}
