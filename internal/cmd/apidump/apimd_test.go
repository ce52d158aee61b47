package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestAPIMarkdown keeps the root api.md honest, deriving everything from
// the root package's code:
//
//   - every exported method of every exported type named ...Service has a
//     row client.<accessor>.<a href="./FILE.go">Method</a>, where the
//     accessor is the path of fields from Client to the service and FILE.go
//     the file that defines the method;
//   - the row of an endpoint method (one whose body fills a
//     requestconfig.Call or calls newPager) has title="<method> /<route>",
//     the HTTP method and route template the code uses;
//   - nothing is stale: each such row, each <a href="./F.go">auth0.Name</a>
//     link, each `auth0.Name` or `auth0.Type.Member` in backticks, each
//     client.X.Y mention and each "`client.X` (`auth0.T`)" line names what
//     the code has, defined in the file linked, and every linked file
//     exists.
func TestAPIMarkdown(t *testing.T) {
	t.Parallel()
	root := loadRootSource(t)
	md, err := os.ReadFile(filepath.Join(root.dir, "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	refs := parseAPIMarkdown(string(md))
	for _, e := range checkAPIMarkdown(root, refs) {
		t.Error(e)
	}
}

// rootPackage is the root package type-checked from source.
type rootPackage struct {
	dir   string
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
}

// loadRootSource type-checks the module's root package from its source,
// its imports from export data.
func loadRootSource(t *testing.T) *rootPackage {
	t.Helper()
	modPath, err := modulePath()
	if err != nil {
		t.Fatal(err)
	}
	l, err := newLoader(modPath)
	if err != nil {
		t.Fatal(err)
	}
	lp := l.listed[modPath]
	r := &rootPackage{dir: lp.Dir, fset: l.fset, info: &types.Info{
		Types: make(map[ast.Expr]types.TypeAndValue),
		Defs:  make(map[*ast.Ident]types.Object),
		Uses:  make(map[*ast.Ident]types.Object),
	}}
	for _, name := range lp.GoFiles {
		f, err := parser.ParseFile(r.fset, filepath.Join(lp.Dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		r.files = append(r.files, f)
	}
	conf := types.Config{Importer: l.imp}
	if r.pkg, err = conf.Check(modPath, r.fset, r.files, r.info); err != nil {
		t.Fatal(err)
	}
	return r
}

// mdRef is a reference of api.md to a method: a row
// client.X.<a href="./F.go">M</a> or a link <a href="./F.go">client.X.M</a>.
type mdRef struct {
	line     int
	title    string // the <code title="..."> of the row, if any
	accessor string // "client.Actions.Versions"
	method   string
	file     string
}

// mdName is a mention of api.md of a package-level name: a link
// <a href="./F.go">auth0.Name</a> (file set) or `auth0.Name[.Member]`.
type mdName struct {
	line         int
	name, member string
	file         string
}

// mdAccessor is a line "`client.X` (`auth0.T`)".
type mdAccessor struct {
	line     int
	accessor string
	typ      string
}

type mdRefs struct {
	methods   []mdRef
	names     []mdName
	accessors []mdAccessor
	mentions  []mdName // client.X.Y anywhere: name is the path
	files     []mdName // href="./F": file
}

var (
	// <code title="get /actions/actions">client.Actions.<a href="./actions.go">List</a>
	rowRe = regexp.MustCompile(`(?:<code(?: title="([^"]*)")?>)?(client(?:\.[A-Z]\w*)*)\.<a href="\./([^"]+)">(\w+)</a>`)
	// <code><a href="./client.go">client.Execute</a>
	linkRe = regexp.MustCompile(`(?:<code(?: title="([^"]*)")?>)?<a href="\./([^"]+)">(client(?:\.[A-Z]\w*)*)\.(\w+)</a>`)
	// <a href="./actions.go">auth0.Action</a>, *auth0.Error, auth0.PageNumberPage[T]
	typeLinkRe = regexp.MustCompile(`<a href="\./([^"]+)">\*?auth0\.(\w+)(?:\[[^\]<]*\])?</a>`)
	hrefRe     = regexp.MustCompile(`href="\./([^"#]+)`)
	tickRe     = regexp.MustCompile("`([^`]+)`")
	qualRe     = regexp.MustCompile(`(?:^|[^\w.\-/])auth0\.([A-Za-z_]\w*)(?:\.([A-Za-z_]\w*))?`)
	accessorRe = regexp.MustCompile("`(client(?:\\.[A-Z]\\w*)*)` \\(`auth0\\.(\\w+)`\\)")
	mentionRe  = regexp.MustCompile(`(?:^|[^\w.])(client(?:\.[A-Z]\w*)+)`)
)

func parseAPIMarkdown(md string) mdRefs {
	var r mdRefs
	for i, line := range strings.Split(md, "\n") {
		n := i + 1
		for _, m := range rowRe.FindAllStringSubmatch(line, -1) {
			r.methods = append(r.methods, mdRef{line: n, title: m[1], accessor: m[2], file: m[3], method: m[4]})
		}
		for _, m := range linkRe.FindAllStringSubmatch(line, -1) {
			r.methods = append(r.methods, mdRef{line: n, title: m[1], file: m[2], accessor: m[3], method: m[4]})
		}
		for _, m := range typeLinkRe.FindAllStringSubmatch(line, -1) {
			r.names = append(r.names, mdName{line: n, file: m[1], name: m[2]})
		}
		for _, m := range hrefRe.FindAllStringSubmatch(line, -1) {
			r.files = append(r.files, mdName{line: n, file: m[1]})
		}
		for _, tick := range tickRe.FindAllStringSubmatch(line, -1) {
			for _, m := range qualRe.FindAllStringSubmatch(tick[1], -1) {
				r.names = append(r.names, mdName{line: n, name: m[1], member: m[2]})
			}
		}
		for _, m := range accessorRe.FindAllStringSubmatch(line, -1) {
			r.accessors = append(r.accessors, mdAccessor{line: n, accessor: m[1], typ: m[2]})
		}
		for _, m := range mentionRe.FindAllStringSubmatch(line, -1) {
			r.mentions = append(r.mentions, mdName{line: n, name: m[1]})
		}
	}
	return r
}

// route is an HTTP method and route template, as in a title: "get /actions/actions".
type route string

// apiModel is what the code says api.md must show.
type apiModel struct {
	root      *rootPackage
	client    *types.Named
	at        map[string]*types.Named // accessor path -> type ("client" -> Client)
	accessors map[*types.Named][]string
	services  []*types.Named
	routes    map[*types.Func][]route // the endpoints a method's body calls
	errs      []string
}

func (m *apiModel) errorf(format string, args ...any) {
	m.errs = append(m.errs, fmt.Sprintf(format, args...))
}

func checkAPIMarkdown(root *rootPackage, refs mdRefs) []string {
	m := buildModel(root)
	m.checkMethods(refs)
	m.checkNames(refs)
	return m.errs
}

func buildModel(root *rootPackage) *apiModel {
	m := &apiModel{root: root, at: make(map[string]*types.Named), accessors: make(map[*types.Named][]string),
		routes: make(map[*types.Func][]route)}
	client, _ := root.pkg.Scope().Lookup("Client").(*types.TypeName)
	if client == nil {
		m.errorf("the root package has no type Client")
		return m
	}
	m.client = client.Type().(*types.Named)
	m.walkAccessors("client", m.client, nil)
	for _, name := range root.pkg.Scope().Names() {
		tn, ok := root.pkg.Scope().Lookup(name).(*types.TypeName)
		if !ok || !tn.Exported() || tn.IsAlias() || !strings.HasSuffix(name, "Service") {
			continue
		}
		if named, ok := tn.Type().(*types.Named); ok {
			m.services = append(m.services, named)
			if len(m.accessors[named]) == 0 {
				m.errorf("%s is not reachable from Client through exported fields: it has no client.X accessor", name)
			}
		}
	}
	m.findRoutes()
	return m
}

// walkAccessors records the services reachable from t's exported fields.
func (m *apiModel) walkAccessors(path string, t *types.Named, on []*types.Named) {
	m.at[path] = t
	m.accessors[t] = append(m.accessors[t], path)
	s, ok := t.Underlying().(*types.Struct)
	if !ok || slices.Contains(on, t) {
		return
	}
	for i := range s.NumFields() {
		f := s.Field(i)
		ft := f.Type()
		if p, ok := ft.(*types.Pointer); ok {
			ft = p.Elem()
		}
		named, ok := types.Unalias(ft).(*types.Named)
		if !f.Exported() || !ok || named.Obj().Pkg() != m.root.pkg || !strings.HasSuffix(named.Obj().Name(), "Service") {
			continue
		}
		m.walkAccessors(path+"."+f.Name(), named, append(on, t))
	}
}

// method returns the exported method name of *t (promoted ones included).
func method(t *types.Named, name string) *types.Func {
	ms := types.NewMethodSet(types.NewPointer(t))
	for i := range ms.Len() {
		if f := ms.At(i).Obj().(*types.Func); f.Name() == name && f.Exported() {
			return f
		}
	}
	return nil
}

// fileOf returns the base name of the file that declares obj.
func (m *apiModel) fileOf(obj types.Object) string {
	return filepath.Base(m.root.fset.Position(obj.Pos()).Filename)
}

// findRoutes reads the endpoints each service method's body calls: the
// requestconfig.Call literals (Method: http.MethodX, Path:
// requestconfig.Path("...")/Static("...") or a variable set from one) and
// the newPager calls (GET, their path argument likewise).
func (m *apiModel) findRoutes() {
	info := m.root.info
	for _, f := range m.root.files {
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || fd.Body == nil {
				continue
			}
			fn, _ := info.Defs[fd.Name].(*types.Func)
			if fn == nil || !slices.ContainsFunc(m.services, func(s *types.Named) bool { return recvNamed(fn) == s }) {
				continue
			}
			where := fmt.Sprintf("%s.%s (%s)", recvNamed(fn).Obj().Name(), fn.Name(), m.root.fset.Position(fd.Pos()))
			m.routes[fn] = m.bodyRoutes(where, fd.Body)
		}
	}
}

func recvNamed(fn *types.Func) *types.Named {
	t := fn.Signature().Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := t.(*types.Named)
	return n
}

func (m *apiModel) bodyRoutes(where string, body *ast.BlockStmt) []route {
	info := m.root.info
	vars := make(map[types.Object]string) // path, err := requestconfig.Path("...", id)
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Rhs) != 1 {
			return true
		}
		if tmpl, ok := m.pathCall(as.Rhs[0]); ok {
			if id, ok := as.Lhs[0].(*ast.Ident); ok {
				obj := info.Defs[id]
				if obj == nil {
					obj = info.Uses[id]
				}
				vars[obj] = tmpl
			}
		}
		return true
	})
	pathOf := func(e ast.Expr) (string, bool) {
		if tmpl, ok := m.pathCall(e); ok {
			return tmpl, true
		}
		if id, ok := e.(*ast.Ident); ok {
			tmpl, ok := vars[info.Uses[id]]
			return tmpl, ok
		}
		return "", false
	}
	var routes []route
	add := func(method, path string) {
		r := route(strings.ToLower(method) + " /" + path)
		if !slices.Contains(routes, r) {
			routes = append(routes, r)
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			if !isRequestconfig(info.TypeOf(n), "Call") {
				return true
			}
			var method, path string
			var okM, okP bool
			for _, el := range n.Elts {
				kv, ok := el.(*ast.KeyValueExpr)
				if !ok {
					continue
				}
				switch key, _ := kv.Key.(*ast.Ident); {
				case key == nil:
				case key.Name == "Method":
					if v := info.Types[kv.Value].Value; v != nil && v.Kind() == constant.String {
						method, okM = constant.StringVal(v), true
					}
				case key.Name == "Path":
					path, okP = pathOf(kv.Value)
				}
			}
			if !okM || !okP {
				m.errorf("%s: cannot read the HTTP method and route of its requestconfig.Call (a constant Method and a Path from requestconfig.Path or Static): teach TestAPIMarkdown", where)
				return true
			}
			add(method, path)
		case *ast.CallExpr:
			if !m.isNewPager(n.Fun) {
				return true
			}
			path, ok := "", len(n.Args) > 1
			if ok {
				path, ok = pathOf(n.Args[1])
			}
			if !ok {
				m.errorf("%s: cannot read the route of its newPager call: teach TestAPIMarkdown", where)
				return true
			}
			add("GET", path)
		}
		return true
	})
	return routes
}

// pathCall returns the route template of requestconfig.Path("...", ...)
// or requestconfig.Static("...").
func (m *apiModel) pathCall(e ast.Expr) (string, bool) {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) == 0 {
		return "", false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	fn, ok := m.root.info.Uses[sel.Sel].(*types.Func)
	if !ok || fn.Pkg() == nil || !strings.HasSuffix(fn.Pkg().Path(), "/internal/requestconfig") ||
		(fn.Name() != "Path" && fn.Name() != "Static") {
		return "", false
	}
	if v := m.root.info.Types[call.Args[0]].Value; v != nil && v.Kind() == constant.String {
		return constant.StringVal(v), true
	}
	return "", false
}

func (m *apiModel) isNewPager(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.IndexExpr:
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	id, ok := fun.(*ast.Ident)
	if !ok {
		return false
	}
	fn, ok := m.root.info.Uses[id].(*types.Func)
	return ok && fn.Name() == "newPager" && fn.Pkg() == m.root.pkg
}

func isRequestconfig(t types.Type, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == name && n.Obj().Pkg() != nil &&
		strings.HasSuffix(n.Obj().Pkg().Path(), "/internal/requestconfig")
}

// checkMethods checks the method rows: each names a method defined in the
// file linked, with the right title; each service method has one.
func (m *apiModel) checkMethods(refs mdRefs) {
	type key struct {
		t      *types.Named
		method string
	}
	rowed := make(map[key]bool)
	for _, r := range refs.methods {
		t := m.at[r.accessor]
		if t == nil {
			m.errorf("api.md:%d: %s is not a field path from Client to a service", r.line, r.accessor)
			continue
		}
		fn := method(t, r.method)
		if fn == nil {
			m.errorf("api.md:%d: %s.%s: %s has no exported method %s", r.line, r.accessor, r.method, t.Obj().Name(), r.method)
			continue
		}
		rowed[key{t, r.method}] = true
		if f := m.fileOf(fn); f != r.file {
			m.errorf("api.md:%d: %s.%s links ./%s, but %s.%s is defined in %s", r.line, r.accessor, r.method, r.file, t.Obj().Name(), r.method, f)
		}
		routes := m.routes[fn]
		switch {
		case len(routes) > 0 && r.title == "":
			m.errorf("api.md:%d: %s.%s calls %s: its row needs title=%q", r.line, r.accessor, r.method, joinRoutes(routes), routes[0])
		case len(routes) > 0 && !slices.Contains(routes, route(r.title)):
			m.errorf("api.md:%d: %s.%s has title=%q, but the code calls %s", r.line, r.accessor, r.method, r.title, joinRoutes(routes))
		case len(routes) == 0 && r.title != "" && slices.Contains(m.services, t):
			m.errorf("api.md:%d: %s.%s has title=%q, but its body calls no endpoint itself (a helper's row has no title)", r.line, r.accessor, r.method, r.title)
		}
	}
	for _, s := range m.services {
		ms := types.NewMethodSet(types.NewPointer(s))
		for i := range ms.Len() {
			fn := ms.At(i).Obj().(*types.Func)
			if !fn.Exported() || rowed[key{s, fn.Name()}] {
				continue
			}
			acc := "client.?"
			if a := m.accessors[s]; len(a) > 0 {
				acc = a[0]
			}
			m.errorf("api.md has no row for %s.%s (%s): want %s.<a href=\"./%s\">%s</a>(...)",
				s.Obj().Name(), fn.Name(), m.fileOf(fn), acc, m.fileOf(fn), fn.Name())
		}
	}
}

func joinRoutes(rs []route) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = strings.ToUpper(string(r[:strings.IndexByte(string(r), ' ')])) + string(r[strings.IndexByte(string(r), ' '):])
	}
	return strings.Join(s, ", ")
}

// checkNames checks the auth0.Name links and mentions, the accessor lines,
// the client.X mentions and the linked files.
func (m *apiModel) checkNames(refs mdRefs) {
	scope := m.root.pkg.Scope()
	for _, n := range refs.names {
		obj := scope.Lookup(n.name)
		if obj == nil || !obj.Exported() {
			m.errorf("api.md:%d: auth0.%s does not exist", n.line, n.name)
			continue
		}
		if n.file != "" && m.fileOf(obj) != n.file {
			m.errorf("api.md:%d: auth0.%s links ./%s, but it is defined in %s", n.line, n.name, n.file, m.fileOf(obj))
		}
		if n.member != "" {
			tn, ok := obj.(*types.TypeName)
			if !ok {
				m.errorf("api.md:%d: auth0.%s.%s: auth0.%s is not a type", n.line, n.name, n.member, n.name)
				continue
			}
			if f, _, _ := types.LookupFieldOrMethod(tn.Type(), true, m.root.pkg, n.member); f == nil || !f.Exported() {
				m.errorf("api.md:%d: auth0.%s has no field or method %s", n.line, n.name, n.member)
			}
		}
	}
	for _, a := range refs.accessors {
		t := m.at[a.accessor]
		switch {
		case t == nil:
			m.errorf("api.md:%d: %s is not a field path from Client to a service", a.line, a.accessor)
		case t.Obj().Name() != a.typ:
			m.errorf("api.md:%d: %s is a %s, not a %s", a.line, a.accessor, t.Obj().Name(), a.typ)
		}
	}
	for _, c := range refs.mentions {
		// A path to a service, or to one of its (or Client's) methods.
		if m.at[c.name] != nil {
			continue
		}
		i := strings.LastIndexByte(c.name, '.')
		if t := m.at[c.name[:i]]; t == nil || method(t, c.name[i+1:]) == nil {
			m.errorf("api.md:%d: %s is neither a service of the client nor a method of one", c.line, c.name)
		}
	}
	for _, f := range refs.files {
		if _, err := os.Stat(filepath.Join(m.root.dir, f.file)); err != nil {
			m.errorf("api.md:%d: ./%s does not exist", f.line, f.file)
		}
	}
}

// TestAPIMarkdownCatches breaks a copy of api.md in each way the check
// must notice, at places found in the document itself, and checks that
// each is reported at its line.
func TestAPIMarkdownCatches(t *testing.T) {
	t.Parallel()
	root := loadRootSource(t)
	raw, err := os.ReadFile(filepath.Join(root.dir, "api.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(raw)
	refs := parseAPIMarkdown(md)
	if errs := checkAPIMarkdown(root, refs); len(errs) > 0 {
		t.Skip("api.md fails TestAPIMarkdown already")
	}
	first := func(what string, ok func(mdRef) bool) mdRef {
		for _, r := range refs.methods {
			if ok(r) {
				return r
			}
		}
		t.Fatalf("api.md has no %s", what)
		return mdRef{}
	}
	endpoint := first("titled row", func(r mdRef) bool { return r.title != "" })
	helper := first("helper row", func(r mdRef) bool { return r.title == "" && r.accessor != "client" })
	var typeLink mdName
	for _, n := range refs.names {
		if n.file != "" {
			typeLink = n
			break
		}
	}
	otherFile := filepath.Base(root.fset.Position(root.files[0].Pos()).Filename)
	if otherFile == endpoint.file {
		otherFile = filepath.Base(root.fset.Position(root.files[1].Pos()).Filename)
	}
	acc := refs.accessors[0]
	lines := strings.Split(md, "\n")

	for _, c := range []struct {
		name     string
		line     int
		old, new string
		want     string
	}{
		{"wrong route", endpoint.line, `title="` + endpoint.title + `"`, `title="get /nowhere"`, "the code calls"},
		{"no title", endpoint.line, ` title="` + endpoint.title + `"`, "", "needs title"},
		{"title on a helper", helper.line, "<code>", `<code title="get /nowhere">`, "calls no endpoint"},
		{"missing method", endpoint.line, ">" + endpoint.method + "</a>", ">NoSuchMethod</a>", "no exported method"},
		{"wrong file", endpoint.line, `href="./` + endpoint.file + `">` + endpoint.method, `href="./` + otherFile + `">` + endpoint.method, "is defined in"},
		{"wrong accessor", endpoint.line, endpoint.accessor + ".<a", endpoint.accessor + ".Nowhere.<a", "not a field path"},
		{"stale type link", typeLink.line, "auth0." + typeLink.name + "<", "auth0.NoSuchName<", "does not exist"},
		{"stale type in backticks", 1, "", " `auth0.NoSuchName`", "does not exist"},
		{"stale member", 1, "", " `auth0." + typeLink.name + ".NoSuchField`", "no field or method"},
		{"wrong service type", acc.line, "(`auth0." + acc.typ + "`)", "(`auth0.NoSuchService`)", "not a NoSuchService"},
		{"stale mention", 1, "", " client.Actions.NoSuchThing", "neither a service"},
		{"missing file", 1, "", ` <a href="./nosuch.go">x</a>`, "does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			broken := slices.Clone(lines)
			l := broken[c.line-1]
			if c.old == "" {
				l += c.new
			} else if strings.Contains(l, c.old) {
				l = strings.Replace(l, c.old, c.new, 1)
			} else {
				t.Fatalf("api.md:%d has no %q", c.line, c.old)
			}
			broken[c.line-1] = l
			errs := checkAPIMarkdown(root, parseAPIMarkdown(strings.Join(broken, "\n")))
			prefix := fmt.Sprintf("api.md:%d: ", c.line)
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, prefix) && strings.Contains(e, c.want) }) {
				t.Errorf("breaking api.md:%d (%s): no error %q... %q; got %q", c.line, c.name, prefix, c.want, errs)
			}
		})
	}

	// A service method without any row.
	broken := slices.Delete(slices.Clone(lines), helper.line-1, helper.line)
	errs := checkAPIMarkdown(root, parseAPIMarkdown(strings.Join(broken, "\n")))
	if !slices.ContainsFunc(errs, func(e string) bool {
		return strings.Contains(e, "no row for") && strings.Contains(e, "."+helper.method+" (")
	}) {
		t.Errorf("deleting api.md:%d (%s.%s): no \"no row for\" error; got %q", helper.line, helper.accessor, helper.method, errs)
	}
}
