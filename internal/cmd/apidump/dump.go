package main

import (
	"fmt"
	"go/types"
	"slices"
	"strconv"
	"strings"
)

// header is the first line of the dump.
const header = "# The exported API of the public packages, one line per declaration (internal/cmd/apidump). Regenerate: make api"

// dumper writes the lines of the public packages' exported declarations.
type dumper struct {
	// labels names each dumped package in the "pkg LABEL," prefix, by
	// import path; an alias declared in one of them is written by name.
	labels map[string]string
	// modPath is the module's path; its packages, like the standard
	// library's, are written by name in types.
	modPath string

	cur     *types.Package
	scope   string                      // "pkg LABEL" or "pkg LABEL, type T struct"
	tpNames map[*types.TypeParam]string // receiver type parameters, by the type's names
	lines   map[string]bool
}

// label returns the "pkg" name of the package at importPath in the module
// modPath: its path relative to the module, or, for the module's root
// package, its package name.
func label(modPath string, pkg *types.Package) string {
	if rel, ok := strings.CutPrefix(pkg.Path(), modPath+"/"); ok {
		return rel
	}
	return pkg.Name()
}

// dump returns the sorted lines of every exported declaration of pkgs,
// the header first. labels gives each package's "pkg" name.
func dump(modPath string, pkgs []*types.Package, labels map[string]string) ([]string, error) {
	d := &dumper{labels: labels, modPath: modPath, lines: make(map[string]bool)}
	seen := make(map[string]string)
	for _, pkg := range pkgs {
		l := labels[pkg.Path()]
		if l == "" {
			return nil, fmt.Errorf("no label for %s", pkg.Path())
		}
		if other, dup := seen[l]; dup {
			return nil, fmt.Errorf("%s and %s have the same label %q", other, pkg.Path(), l)
		}
		seen[l] = pkg.Path()
		d.cur = pkg
		d.scope = "pkg " + l
		for _, name := range pkg.Scope().Names() {
			if obj := pkg.Scope().Lookup(name); obj.Exported() {
				if err := d.emitObj(obj); err != nil {
					return nil, err
				}
			}
		}
	}
	out := make([]string, 0, len(d.lines)+1)
	for l := range d.lines {
		out = append(out, l)
	}
	slices.Sort(out)
	return append([]string{header}, out...), nil
}

func (d *dumper) emitf(format string, args ...any) error {
	l := d.scope + ", " + fmt.Sprintf(format, args...)
	if strings.Contains(l, "\n") {
		return fmt.Errorf("declaration with a newline: %q", l)
	}
	if d.lines[l] {
		return fmt.Errorf("declaration written twice: %s", l)
	}
	d.lines[l] = true
	return nil
}

func (d *dumper) emitObj(obj types.Object) error {
	switch obj := obj.(type) {
	case *types.Const:
		if err := d.emitf("const %s %s", obj.Name(), d.typeString(obj.Type())); err != nil {
			return err
		}
		short, exact := obj.Val().String(), obj.Val().ExactString()
		if short == exact {
			return d.emitf("const %s = %s", obj.Name(), short)
		}
		return d.emitf("const %s = %s  // %s", obj.Name(), short, exact)
	case *types.Var:
		return d.emitf("var %s %s", obj.Name(), d.typeString(obj.Type()))
	case *types.Func:
		return d.emitf("func %s%s", obj.Name(), d.signatureString(obj.Signature()))
	case *types.TypeName:
		return d.emitType(obj)
	}
	return fmt.Errorf("unknown declaration %s", obj)
}

func (d *dumper) emitType(obj *types.TypeName) error {
	name := obj.Name()
	if a, ok := obj.Type().(*types.Alias); ok {
		var b strings.Builder
		b.WriteString(name)
		d.writeTypeParams(&b, a.TypeParams(), true)
		return d.emitf("type %s = %s", b.String(), d.typeString(a.Rhs()))
	}
	named, ok := obj.Type().(*types.Named)
	if !ok {
		return fmt.Errorf("type %s is neither named nor an alias", obj)
	}
	var b strings.Builder
	b.WriteString(name)
	d.writeTypeParams(&b, named.TypeParams(), true)
	name = b.String()

	switch u := named.Underlying().(type) {
	case *types.Struct:
		if err := d.emitStruct(name, u); err != nil {
			return err
		}
	case *types.Interface:
		return d.emitInterface(name, u) // its methods are its own lines
	default:
		if err := d.emitf("type %s %s", name, d.typeString(u)); err != nil {
			return err
		}
	}

	// The methods of T, then those that only *T has, as cmd/api does:
	// promoted methods included, each with the receiver it is called on.
	done := make(map[string]bool)
	for _, t := range []types.Type{named, types.NewPointer(named)} {
		ms := types.NewMethodSet(t)
		for i := range ms.Len() {
			m := ms.At(i)
			if !m.Obj().Exported() || done[m.Obj().Name()] {
				continue
			}
			done[m.Obj().Name()] = true
			if err := d.emitMethod(named, m); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *dumper) emitStruct(name string, s *types.Struct) error {
	if err := d.emitf("type %s struct", name); err != nil {
		return err
	}
	outer := d.scope
	d.scope += ", type " + name + " struct"
	defer func() { d.scope = outer }()
	for i := range s.NumFields() {
		f := s.Field(i)
		if !f.Exported() {
			continue
		}
		var err error
		if f.Embedded() {
			err = d.emitf("embedded %s", d.typeString(f.Type()))
		} else {
			err = d.emitf("%s %s", f.Name(), d.typeString(f.Type()))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (d *dumper) emitInterface(name string, it *types.Interface) error {
	if err := d.emitInterfaceMethods(name, it); err != nil {
		return err
	}
	var names []string
	for i := range it.NumMethods() {
		if !it.Method(i).Exported() {
			return nil // "unexported methods" says it all
		}
		names = append(names, it.Method(i).Name())
	}
	slices.Sort(names)
	if terms := d.typeTerms(it); terms != "" {
		names = append(names, terms)
	}
	body := "{}"
	if len(names) > 0 {
		body = "{ " + strings.Join(names, ", ") + " }"
	}
	return d.emitf("type %s interface %s", name, body)
}

// emitInterfaceMethods writes one line per exported method of an
// interface, and "unexported methods" when it has some: then only its
// package can implement it, so it may gain methods.
func (d *dumper) emitInterfaceMethods(name string, it *types.Interface) error {
	outer := d.scope
	d.scope += ", type " + name + " interface"
	defer func() { d.scope = outer }()
	unexported := false
	for i := range it.NumMethods() {
		m := it.Method(i)
		if !m.Exported() {
			unexported = true
			continue
		}
		if err := d.emitf("%s%s", m.Name(), d.signatureString(m.Signature())); err != nil {
			return err
		}
	}
	if unexported {
		return d.emitf("unexported methods")
	}
	return nil
}

// emitMethod writes a method of named's method set. The receiver of a
// generic type is written with the type's parameter names, "(*Page[T])",
// and so are a declared method's receiver type parameters wherever they
// appear, whatever the method's receiver calls them; a method promoted
// from an embedded instance already has the outer type's parameters.
func (d *dumper) emitMethod(named *types.Named, m *types.Selection) error {
	sig := m.Type().(*types.Signature)
	tps := ""
	if own := named.TypeParams(); own.Len() > 0 {
		var b strings.Builder
		d.writeTypeParams(&b, own, false)
		tps = b.String()
	}
	if rtp := sig.RecvTypeParams(); rtp != nil && len(m.Index()) == 1 {
		d.tpNames = make(map[*types.TypeParam]string)
		for i := range rtp.Len() {
			d.tpNames[rtp.At(i)] = named.TypeParams().At(i).Obj().Name()
		}
		defer func() { d.tpNames = nil }()
	}
	return d.emitf("method (%s%s) %s%s", d.typeString(sig.Recv().Type()), tps, m.Obj().Name(), d.signatureString(sig))
}

func (d *dumper) typeString(t types.Type) string {
	var b strings.Builder
	d.writeType(&b, t)
	return b.String()
}

func (d *dumper) signatureString(sig *types.Signature) string {
	var b strings.Builder
	d.writeSignature(&b, sig)
	return b.String()
}

// isStd reports whether path is the standard library's: its first element
// has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// qualifier returns how a type of pkg is qualified: not at all in its own
// package; by package name for the standard library and this module; by
// full import path otherwise, so that a third-party type in the API stands
// out and two packages of one name cannot be confused.
func (d *dumper) qualifier(pkg *types.Package) string {
	switch {
	case pkg == nil || pkg == d.cur:
		return ""
	case isStd(pkg.Path()) || pkg.Path() == d.modPath || strings.HasPrefix(pkg.Path(), d.modPath+"/"):
		return pkg.Name() + "."
	}
	return pkg.Path() + "."
}

// writeType writes t as cmd/api does, with these differences: an empty
// interface is "any"; a struct type literal lists its fields; a type
// parameter has its declared name; an alias is written by name when its
// declaration is in the dump (or it is the standard library's or
// predeclared), and as what it stands for otherwise.
func (d *dumper) writeType(b *strings.Builder, t types.Type) {
	switch t := t.(type) {
	case *types.Basic:
		s := t.Name()
		switch t.Kind() {
		case types.UnsafePointer:
			s = "unsafe.Pointer"
		case types.UntypedBool:
			s = "ideal-bool"
		case types.UntypedInt:
			s = "ideal-int"
		case types.UntypedRune:
			s = "ideal-char"
		case types.UntypedFloat:
			s = "ideal-float"
		case types.UntypedComplex:
			s = "ideal-complex"
		case types.UntypedString:
			s = "ideal-string"
		case types.Uint8:
			s = "uint8" // byte
		case types.Int32:
			s = "int32" // rune
		}
		b.WriteString(s)
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		d.writeType(b, t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		d.writeType(b, t.Elem())
	case *types.Pointer:
		b.WriteByte('*')
		d.writeType(b, t.Elem())
	case *types.Map:
		b.WriteString("map[")
		d.writeType(b, t.Key())
		b.WriteByte(']')
		d.writeType(b, t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		default:
			b.WriteString("chan ")
			if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
				b.WriteByte('(')
				d.writeType(b, c)
				b.WriteByte(')')
				return
			}
		}
		d.writeType(b, t.Elem())
	case *types.Signature:
		b.WriteString("func")
		d.writeSignature(b, t)
	case *types.Struct:
		b.WriteString("struct{")
		for i := range t.NumFields() {
			if i > 0 {
				b.WriteByte(';')
			}
			b.WriteByte(' ')
			f := t.Field(i)
			if !f.Embedded() {
				b.WriteString(f.Name())
				b.WriteByte(' ')
			}
			d.writeType(b, f.Type())
			if tag := t.Tag(i); tag != "" {
				b.WriteByte(' ')
				b.WriteString(strconv.Quote(tag))
			}
		}
		if t.NumFields() > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('}')
	case *types.Interface:
		if t.Empty() && !t.IsImplicit() {
			b.WriteString("any")
			return
		}
		if t.IsImplicit() { // [T ~int | ~string]
			b.WriteString(d.typeTerms(t))
			return
		}
		var parts []string
		for i := range t.NumMethods() {
			parts = append(parts, t.Method(i).Name())
		}
		slices.Sort(parts)
		if terms := d.typeTerms(t); terms != "" {
			parts = append(parts, terms)
		}
		b.WriteString("interface{ " + strings.Join(parts, ", ") + " }")
	case *types.Alias:
		obj := t.Obj()
		if obj.Pkg() == nil || isStd(obj.Pkg().Path()) || d.labels[obj.Pkg().Path()] != "" {
			b.WriteString(d.qualifier(obj.Pkg()))
			b.WriteString(obj.Name())
			d.writeTypeArgs(b, t.TypeArgs())
			return
		}
		if t.TypeArgs().Len() > 0 {
			d.writeType(b, types.Unalias(t))
		} else {
			d.writeType(b, t.Rhs())
		}
	case *types.Named:
		b.WriteString(d.qualifier(t.Obj().Pkg()))
		b.WriteString(t.Obj().Name())
		d.writeTypeArgs(b, t.TypeArgs())
	case *types.TypeParam:
		if n, ok := d.tpNames[t]; ok {
			b.WriteString(n)
		} else {
			b.WriteString(t.Obj().Name())
		}
	case *types.Union:
		b.WriteString(d.unionString(t))
	default:
		fmt.Fprintf(b, "<unknown %T>", t)
	}
}

// typeTerms returns the type terms an interface embeds ("~int | ~string"),
// sorted; the methods of embedded interfaces are in its method set already.
func (d *dumper) typeTerms(it *types.Interface) string {
	var terms []string
	for i := range it.NumEmbeddeds() {
		e := it.EmbeddedType(i)
		if u, ok := e.(*types.Union); ok {
			terms = append(terms, d.unionString(u))
			continue
		}
		if ei, ok := e.Underlying().(*types.Interface); ok && ei.IsMethodSet() {
			continue
		}
		terms = append(terms, d.typeString(e))
	}
	slices.Sort(terms)
	return strings.Join(terms, ", ")
}

func (d *dumper) unionString(u *types.Union) string {
	parts := make([]string, u.Len())
	for i := range u.Len() {
		t := u.Term(i)
		parts[i] = d.typeString(t.Type())
		if t.Tilde() {
			parts[i] = "~" + parts[i]
		}
	}
	return strings.Join(parts, " | ")
}

func (d *dumper) writeTypeArgs(b *strings.Builder, args *types.TypeList) {
	if args.Len() == 0 {
		return
	}
	b.WriteByte('[')
	for i := range args.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		d.writeType(b, args.At(i))
	}
	b.WriteByte(']')
}

func (d *dumper) writeTypeParams(b *strings.Builder, tps *types.TypeParamList, withConstraints bool) {
	if tps.Len() == 0 {
		return
	}
	b.WriteByte('[')
	for i := range tps.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		tp := tps.At(i)
		d.writeType(b, tp)
		if withConstraints {
			b.WriteByte(' ')
			d.writeType(b, tp.Constraint())
		}
	}
	b.WriteByte(']')
}

func (d *dumper) writeSignature(b *strings.Builder, sig *types.Signature) {
	d.writeTypeParams(b, sig.TypeParams(), true)
	d.writeParams(b, sig.Params(), sig.Variadic())
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		b.WriteByte(' ')
		d.writeType(b, res.At(0).Type())
	default:
		b.WriteByte(' ')
		d.writeParams(b, res, false)
	}
}

func (d *dumper) writeParams(b *strings.Builder, t *types.Tuple, variadic bool) {
	b.WriteByte('(')
	for i := range t.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		typ := t.At(i).Type()
		if variadic && i == t.Len()-1 {
			b.WriteString("...")
			if s, ok := typ.(*types.Slice); ok {
				typ = s.Elem()
			}
		}
		d.writeType(b, typ)
	}
	b.WriteByte(')')
}
