// Command apidump prints the exported API of the module's public packages,
// one line per exported declaration, sorted, in the style of Go's own
// api/go1.*.txt files (cmd/api). `make api` writes it to api/exported.txt;
// `make api-check` fails when the code no longer matches that file, so the
// exported API cannot change by accident.
//
// Usage, from anywhere in the module:
//
//	go run ./internal/cmd/apidump [-w FILE]
//
// A public package is one whose import path, relative to the module, has
// no element internal, examples, benchmarks, contracttest, reliability or
// testdata; main packages have no API and are skipped. The packages are
// read from the compiler's export data (`go list -export`), so the dump
// is of what the compiler sees, build tags of the host included.
//
// The format is cmd/api's, with these choices:
//
//   - Each line starts "pkg LABEL, ", LABEL being the package's import path
//     relative to the module ("option", "auth0test") and, for the module's
//     root package, its name ("auth0").
//   - Parameters are types only: "func NewClient(...option.RequestOption)
//     *Client". A type is qualified by package name for the standard
//     library and this module, and by full import path for any other
//     module, so that a third-party type in the API stands out.
//   - Constants have two lines, their type ("const ChangeAdd ChangeOp", or
//     "ideal-string" for an untyped one) and their value ("const ChangeAdd
//     = \"add\"").
//   - A struct type has a line, then one per exported field, "embedded T"
//     for an embedded one. Promoted fields of an unexported embedded type
//     are not listed (as in cmd/api); promoted methods are.
//   - Methods are those of the method sets of T and *T (promoted methods
//     included), on the receiver they are called with: "method (*T) M(...)".
//     An interface lists its methods under "type I interface, " and the
//     sorted method names in "type I interface { A, B }", or "unexported
//     methods" when only its package can implement it.
//   - Generics use the declared names, not cmd/api's $0: "type
//     PageNumberPage[T any] struct", "method (*PageNumberPage[T]) ...";
//     a method's receiver type parameters take the type's names.
//   - An empty interface is "any"; byte and rune are uint8 and int32; a
//     struct type literal lists its fields.
//   - An alias declared in a public package (or the standard library) is
//     written by name, its declaration line saying what it stands for
//     ("type RequestOption = func(...) error"); any other alias, such as
//     one in an internal package, is written as the type it stands for.
//   - Deprecation is not recorded.
//
// The first line of the output is a comment saying how to regenerate it.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	out := flag.String("w", "", "write the dump to `FILE` instead of standard output")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: apidump [-w FILE]\n\nPrints the exported API of the module's public packages.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "apidump:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	modPath, pkgs, err := loadPublic()
	if err != nil {
		return err
	}
	labels := make(map[string]string)
	for _, p := range pkgs {
		labels[p.Path()] = label(modPath, p)
	}
	lines, err := dump(modPath, pkgs, labels)
	if err != nil {
		return err
	}
	text := strings.Join(lines, "\n") + "\n"
	if out == "" {
		_, err := os.Stdout.WriteString(text)
		return err
	}
	return os.WriteFile(out, []byte(text), 0o644)
}
