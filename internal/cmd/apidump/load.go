package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// excludedElems are the path elements that keep a package out of the
// public API: a package whose import path, relative to the module, has one
// of them is not dumped.
var excludedElems = []string{"internal", "examples", "benchmarks", "contracttest", "reliability", "testdata"}

// listedPackage is the part of `go list -json` the loader reads.
type listedPackage struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	Export     string
	Standard   bool
	DepOnly    bool
	Error      *struct{ Err string }
}

// goList runs `go list -json=<fields> args...` and decodes its stream of
// packages. A package that go list reports broken is an error.
func goList(args ...string) ([]listedPackage, error) {
	cmd := exec.Command("go", append([]string{"list", "-json=ImportPath,Name,Dir,GoFiles,Export,Standard,DepOnly,Error"}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %w\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list %s: %w", strings.Join(args, " "), err)
		}
		if p.Error != nil {
			return nil, fmt.Errorf("go list: %s: %s", p.ImportPath, p.Error.Err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// modulePath returns the path of the main module of the current directory.
func modulePath() (string, error) {
	out, err := exec.Command("go", "list", "-m").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m: %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// isPublic reports whether the package at importPath, in the module
// modPath, is part of the public API: it is the module's own or below it,
// and no element of its path relative to the module is excluded.
func isPublic(modPath, importPath string) bool {
	rel, ok := strings.CutPrefix(importPath, modPath)
	if !ok || (rel != "" && rel[0] != '/') {
		return false
	}
	for elem := range strings.SplitSeq(strings.TrimPrefix(rel, "/"), "/") {
		if slices.Contains(excludedElems, elem) {
			return false
		}
	}
	return true
}

// publicPackages lists the import paths of the module's public packages,
// sorted; main packages have no API and are left out.
func publicPackages(modPath string) ([]string, error) {
	pkgs, err := goList(modPath + "/...")
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, p := range pkgs {
		if p.Name != "main" && isPublic(modPath, p.ImportPath) {
			paths = append(paths, p.ImportPath)
		}
	}
	slices.Sort(paths)
	return paths, nil
}

// loader type-checks packages from the compiler's export data, which
// `go list -export` builds (or finds in the build cache). One loader
// shares one importer, so that a package imported twice is one
// *types.Package.
type loader struct {
	fset   *token.FileSet
	listed map[string]listedPackage
	imp    types.Importer
}

// newLoader builds the export data of paths and of everything they import.
func newLoader(paths ...string) (*loader, error) {
	pkgs, err := goList(append([]string{"-export", "-deps"}, paths...)...)
	if err != nil {
		return nil, err
	}
	l := &loader{fset: token.NewFileSet(), listed: make(map[string]listedPackage)}
	for _, p := range pkgs {
		l.listed[p.ImportPath] = p
	}
	l.imp = importer.ForCompiler(l.fset, "gc", func(path string) (io.ReadCloser, error) {
		p, ok := l.listed[path]
		if !ok || p.Export == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(p.Export)
	})
	return l, nil
}

// load returns the package at path, type-checked from its export data.
func (l *loader) load(path string) (*types.Package, error) {
	return l.imp.Import(path)
}

// loadPublic loads every public package of the module of the current
// directory, in import-path order.
func loadPublic() (modPath string, pkgs []*types.Package, err error) {
	modPath, err = modulePath()
	if err != nil {
		return "", nil, err
	}
	paths, err := publicPackages(modPath)
	if err != nil {
		return "", nil, err
	}
	if len(paths) == 0 {
		return "", nil, fmt.Errorf("no public package in %s", modPath)
	}
	l, err := newLoader(paths...)
	if err != nil {
		return "", nil, err
	}
	for _, path := range paths {
		pkg, err := l.load(path)
		if err != nil {
			return "", nil, err
		}
		pkgs = append(pkgs, pkg)
	}
	return modPath, pkgs, nil
}
