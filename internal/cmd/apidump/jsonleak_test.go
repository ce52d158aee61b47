package main

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// leakPrefix is the module path prefix whose types must not appear in the
// public API: go-json-experiment is an implementation detail (it may be
// replaced by encoding/json/v2), so no exported declaration may name one
// of its types, directly or through an alias.
const leakPrefix = "github.com/go-json-experiment"

// TestNoJSONExperimentInAPI walks every exported declaration of the public
// packages (types unaliased; through pointers, slices, arrays, maps,
// channels, signatures, type arguments and constraints, struct fields,
// interface methods and the method sets of T and *T) and fails for each
// one that names a type of go-json-experiment. Types a user can reach but
// whose declarations are not walked on their own (unexported types of the
// public packages, any type of the module's internal packages) are walked
// into as well.
func TestNoJSONExperimentInAPI(t *testing.T) {
	t.Parallel()
	modPath, pkgs, err := loadPublic()
	if err != nil {
		t.Fatal(err)
	}
	offenders := jsonExperimentOffenders(modPath, pkgs)
	var names []string
	for name := range offenders {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Errorf("%s names %s: the exported API must not expose go-json-experiment (an implementation detail)",
			name, strings.Join(offenders[name], ", "))
	}
}

// TestJSONExperimentWalker runs the walk on testdata/leak, which names
// go-json-experiment types in each way the walk must see, and checks that
// it finds exactly the declarations that do.
func TestJSONExperimentWalker(t *testing.T) {
	t.Parallel()
	modPath, err := modulePath()
	if err != nil {
		t.Fatal(err)
	}
	path := modPath + "/internal/cmd/apidump/testdata/leak"
	l, err := newLoader(path)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := l.load(path)
	if err != nil {
		t.Fatal(err)
	}
	found := jsonExperimentOffenders(modPath, []*types.Package{pkg})
	var got []string
	for name := range found {
		got = append(got, name)
	}
	slices.Sort(got)
	// Labels are relative to the module, as in the dump.
	const p = "internal/cmd/apidump/testdata/leak."
	want := []string{
		p + "Alias", p + "ByAlias", p + "Generic", p + "I.Next", p + "InMap", p + "Reached",
		p + "T.Field", p + "T.Method", p + "T.embedded", p + "Var",
	}
	if !slices.Equal(got, want) {
		t.Errorf("offenders in testdata/leak:\n got %q\nwant %q", got, want)
	}
}

// jsonExperimentOffenders returns, by declaration ("auth0.Type.Method",
// "option.WithX"), the go-json-experiment types each names.
func jsonExperimentOffenders(modPath string, pkgs []*types.Package) map[string][]string {
	w := &leakWalker{modPath: modPath, public: make(map[string]bool), found: make(map[string][]string)}
	for _, p := range pkgs {
		w.public[p.Path()] = true
	}
	for _, p := range pkgs {
		l := label(modPath, p)
		for _, name := range p.Scope().Names() {
			if obj := p.Scope().Lookup(name); obj.Exported() {
				w.object(l+"."+name, obj)
			}
		}
	}
	return w.found
}

// leakWalker finds the go-json-experiment types the declarations name.
type leakWalker struct {
	modPath string
	public  map[string]bool // import paths of the public packages
	found   map[string][]string

	decl string                // the declaration being walked
	seen map[*types.Named]bool // the types walked into for it
}

func (w *leakWalker) object(decl string, obj types.Object) {
	switch obj := obj.(type) {
	case *types.TypeName:
		named, ok := obj.Type().(*types.Named)
		if !ok || obj.IsAlias() {
			w.start(decl)
			w.visit(obj.Type())
			return
		}
		w.start(decl)
		w.typeParams(named.TypeParams())
		w.members(decl, named)
	default:
		w.start(decl)
		w.visit(obj.Type())
	}
}

// start begins the walk of one declaration.
func (w *leakWalker) start(decl string) {
	w.decl = decl
	w.seen = make(map[*types.Named]bool)
}

// members walks a named type's exported fields, interface methods or
// underlying type, and its exported methods, each as a declaration of its
// own ("decl.Member") when decl is a top-level type.
func (w *leakWalker) members(decl string, named *types.Named) {
	switch u := named.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if f := u.Field(i); f.Exported() || f.Embedded() {
				w.start(decl + "." + f.Name())
				w.visit(f.Type())
			}
		}
	case *types.Interface:
		for i := range u.NumMethods() {
			if m := u.Method(i); m.Exported() {
				w.start(decl + "." + m.Name())
				w.visit(m.Type())
			}
		}
		return
	default:
		w.start(decl)
		w.visit(u)
	}
	for _, t := range []types.Type{named, types.NewPointer(named)} {
		ms := types.NewMethodSet(t)
		for i := range ms.Len() {
			if m := ms.At(i); m.Obj().Exported() {
				w.start(decl + "." + m.Obj().Name())
				w.visit(m.Type())
			}
		}
	}
}

func (w *leakWalker) typeParams(tps *types.TypeParamList) {
	for i := range tps.Len() {
		w.visit(tps.At(i).Constraint())
	}
}

func (w *leakWalker) visit(t types.Type) {
	switch t := t.(type) {
	case *types.Alias:
		w.visit(types.Unalias(t))
	case *types.Named:
		obj := t.Obj()
		if obj.Pkg() != nil && strings.HasPrefix(obj.Pkg().Path(), leakPrefix) {
			name := obj.Pkg().Path() + "." + obj.Name()
			if !slices.Contains(w.found[w.decl], name) {
				w.found[w.decl] = append(w.found[w.decl], name)
			}
		}
		for i := range t.TypeArgs().Len() {
			w.visit(t.TypeArgs().At(i))
		}
		if w.reachableOnlyThrough(obj) && !w.seen[t.Origin()] {
			w.seen[t.Origin()] = true
			w.inside(t)
		}
	case *types.Pointer:
		w.visit(t.Elem())
	case *types.Slice:
		w.visit(t.Elem())
	case *types.Array:
		w.visit(t.Elem())
	case *types.Map:
		w.visit(t.Key())
		w.visit(t.Elem())
	case *types.Chan:
		w.visit(t.Elem())
	case *types.Signature:
		w.typeParams(t.TypeParams())
		for _, tuple := range []*types.Tuple{t.Params(), t.Results()} {
			for i := range tuple.Len() {
				w.visit(tuple.At(i).Type())
			}
		}
	case *types.Struct:
		for i := range t.NumFields() {
			if f := t.Field(i); f.Exported() || f.Embedded() {
				w.visit(f.Type())
			}
		}
	case *types.Interface:
		for i := range t.NumMethods() {
			if m := t.Method(i); m.Exported() {
				w.visit(m.Type())
			}
		}
		for i := range t.NumEmbeddeds() {
			w.visit(t.EmbeddedType(i))
		}
	case *types.Union:
		for i := range t.Len() {
			w.visit(t.Term(i).Type())
		}
	case *types.Basic, *types.TypeParam:
		// Nothing inside; a type parameter's constraint is walked where
		// it is declared.
	default:
		panic(fmt.Sprintf("leakWalker: unexpected %T", t))
	}
}

// reachableOnlyThrough reports whether a type is walked into where it is
// used: it is of this module and its declaration is not walked on its own
// (an unexported type, or a type of a package that is not public).
func (w *leakWalker) reachableOnlyThrough(obj *types.TypeName) bool {
	p := obj.Pkg()
	if p == nil || (p.Path() != w.modPath && !strings.HasPrefix(p.Path(), w.modPath+"/")) {
		return false
	}
	return !w.public[p.Path()] || !obj.Exported()
}

// inside walks the exported members of a type reached from w.decl,
// attributing what it finds to w.decl.
func (w *leakWalker) inside(t *types.Named) {
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for i := range u.NumFields() {
			if f := u.Field(i); f.Exported() || f.Embedded() {
				w.visit(f.Type())
			}
		}
	case *types.Interface:
		w.visit(u)
		return
	default:
		w.visit(u)
	}
	for _, mt := range []types.Type{t, types.NewPointer(t)} {
		ms := types.NewMethodSet(mt)
		for i := range ms.Len() {
			if m := ms.At(i); m.Obj().Exported() {
				w.visit(m.Type())
			}
		}
	}
}
