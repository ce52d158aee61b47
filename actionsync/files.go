package actionsync

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	auth0 "github.com/actions-sdk/auth0-go"
)

// LoadOptions change how LoadDir and LoadYAML read files.
type LoadOptions struct {
	// Keywords are the keyword mappings of the Deploy CLI's keyword
	// replacement, applied to the raw text of every JSON and YAML file and
	// every code file before it is parsed: first each @@KEY@@, with the
	// quotes around it when the same quote is on both sides, becomes the
	// value's JSON (for a whole value: a list, an object, a number, a
	// string); then each ##KEY## becomes the value as text, unescaped
	// (inside a string; a value with a quote or backslash breaks the JSON
	// around it, as with the Deploy CLI). A list or object in ##KEY##
	// becomes its JSON. Keys are matched literally. ParseKeywordMappings
	// reads the Deploy CLI's AUTH0_KEYWORD_REPLACE_MAPPINGS into this form.
	//
	// A secret's value that still holds a ##KEY## or @@KEY@@ after the
	// replacement is an error naming the file and the keyword: a
	// placeholder is never sent as a secret.
	Keywords map[string]any
	// ExtraTriggers are trigger IDs accepted in triggers.json besides the
	// SDK's Trigger… constants, for a trigger Auth0 added after this
	// release. Whether the tenant offers a trigger is NewPlan's check.
	ExtraTriggers []auth0.TriggerID
}

// The Deploy CLI's directory layout.
const (
	dirActions  = "actions"
	dirModules  = "action-modules"
	dirTriggers = "triggers"
	// triggersFile is the file WriteDir writes the bindings to; LoadDir
	// reads the one .json file of triggers/, whatever its name, as the
	// Deploy CLI does.
	triggersFile = "triggers.json"
	codeFile     = "code.js"
)

// LoadDir reads a directory in the Deploy CLI's layout into a Config:
//
//	action-modules/<name>.json   a module: name, code (a path), dependencies, secrets
//	action-modules/<name>/code.js
//	actions/<name>.json          an action: name, code (a path), runtime, dependencies,
//	actions/<name>/code.js         secrets, supported_triggers, deployed, modules
//	triggers/triggers.json       trigger ID → ordered [{action_name, display_name}]
//
// Every .json file directly in actions/ and action-modules/ is one object,
// named by its name field (not by the file's name). code is the path of
// the code file relative to the directory, as the Deploy CLI writes it
// ("./actions/<name>/code.js"; backslashes are read as slashes); it may
// not lead outside the directory. triggers/ holds one .json file.
//
// The fields mean what they mean to the Deploy CLI: deployed: true
// deploys the action (absent or false leaves its deployed version alone);
// modules reference a module by module_name, with module_version_number
// pinning a version, or, when absent, meaning the version this apply
// publishes or else the latest; a field left out (runtime, dependencies,
// secrets, modules) leaves the tenant's as it is. A secret is {name,
// value}: without a value (or with the Deploy CLI's "_VALUE_NOT_SHOWN_")
// it keeps the tenant's value, and NewPlan refuses it where the value
// would have to be sent (a create). The read-only fields the Deploy CLI
// and the API write (id, status, all_changes_published,
// latest_version_number, actions_using_module_total,
// installed_integration_id, created_at, updated_at, …) are ignored; any
// other field is a problem (the Deploy CLI would send it, and Auth0 would
// refuse it). A trigger in triggers.json must be one of the SDK's Trigger…
// constants or LoadOptions.ExtraTriggers; a trigger listed with [] has
// every action unbound, and one left out is not touched.
//
// Keywords are replaced as LoadOptions.Keywords says. Other folders (the
// Deploy CLI's clients/, rules/, …) are not read, and each is listed in
// Config.Skipped with Kind "section".
//
// Problems with the files (invalid JSON, a missing code file, a field of
// the wrong type, an unknown trigger, two files with one name, an
// unreplaced keyword in a secret) are collected, as many as can be found,
// into a *ConfigError whose problems name the file and, where there is
// one, the line. NewPlan's problems with a config from LoadDir name the
// file and line too.
func LoadDir(fsys fs.FS, opts LoadOptions) (*Config, error) {
	if fsys == nil {
		return nil, errors.New("actionsync: LoadDir needs a file system (such as os.DirFS(dir))")
	}
	l, err := newLoader(fsys, opts)
	if err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("actionsync: reading the directory: %w", err)
	}
	found := 0
	for _, e := range entries {
		name := e.Name()
		switch {
		case name == dirActions || name == dirModules || name == dirTriggers:
			if !e.IsDir() {
				l.problem(name, 0, "", "", "should be a directory")
				continue
			}
			found++
		case e.IsDir() && !strings.HasPrefix(name, "."):
			l.cfg.Skipped = append(l.cfg.Skipped, Skipped{Kind: "section", Name: name,
				Reason: "not read: actionsync reads actions, action-modules and triggers"})
		}
	}
	if found == 0 && len(l.problems) == 0 {
		return nil, &ConfigError{Problems: []Problem{{Message: "the directory has none of actions/, action-modules/ and triggers/: " +
			"give a directory in the Deploy CLI's layout (WriteDir and auth0-actions export write one)"}}}
	}
	for _, f := range l.jsonFiles(dirModules) {
		l.moduleFile(f)
	}
	for _, f := range l.jsonFiles(dirActions) {
		l.actionFile(f)
	}
	if files := l.jsonFiles(dirTriggers); len(files) > 1 {
		l.problem(dirTriggers, 0, "", "", "holds %d .json files (%s): the Deploy CLI reads only the first; keep the bindings in one, %s",
			len(files), strings.Join(files, ", "), triggersFile)
	} else if len(files) == 1 {
		l.triggersFile(files[0])
	}
	return l.result()
}

// loader reads one directory or YAML file.
type loader struct {
	fsys     fs.FS
	yaml     bool // LoadYAML: code paths are relative to the YAML file
	kw       *keywords
	triggers map[auth0.TriggerID]bool
	cfg      *Config
	origin   *origin
	problems []Problem
	// modules and actions map each name to the file that has it.
	modules, actions map[string]string
}

func newLoader(fsys fs.FS, opts LoadOptions) (*loader, error) {
	kw, err := newKeywords(opts.Keywords)
	if err != nil {
		return nil, err
	}
	l := &loader{fsys: fsys, kw: kw, triggers: map[auth0.TriggerID]bool{},
		cfg: &Config{}, origin: &origin{places: map[string]*place{}}, modules: map[string]string{}, actions: map[string]string{}}
	for _, t := range knownTriggers {
		l.triggers[t] = true
	}
	for _, t := range opts.ExtraTriggers {
		l.triggers[t] = true
	}
	return l, nil
}

// knownTriggers are the trigger IDs of the SDK's constants.
var knownTriggers = []auth0.TriggerID{
	auth0.TriggerPostLogin, auth0.TriggerCredentialsExchange, auth0.TriggerPreUserRegistration,
	auth0.TriggerPostUserRegistration, auth0.TriggerPostChangePassword, auth0.TriggerSendPhoneMessage,
	auth0.TriggerCustomPhoneProvider, auth0.TriggerCustomEmailProvider, auth0.TriggerPasswordResetPostChallenge,
	auth0.TriggerCustomTokenExchange, auth0.TriggerEventStream, auth0.TriggerPasswordHashMigration,
	auth0.TriggerLoginPostIdentifier, auth0.TriggerSignupPostIdentifier, auth0.TriggerMCPTool,
}

func (l *loader) result() (*Config, error) {
	if len(l.problems) > 0 {
		// File by file, in the order they were read; line by line in each.
		first := map[string]int{}
		for i, p := range l.problems {
			if _, ok := first[p.File]; !ok {
				first[p.File] = i
			}
		}
		slices.SortStableFunc(l.problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(first[a.File], first[b.File]), cmp.Compare(a.Line, b.Line))
		})
		return nil, &ConfigError{Problems: l.problems}
	}
	l.cfg.origin = l.origin
	return l.cfg, nil
}

func (l *loader) problem(file string, line int, object, field, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Object: object, Field: field, Message: fmt.Sprintf(format, args...)})
}

// jsonFiles lists the .json files directly in dir, sorted; none when dir
// does not exist.
func (l *loader) jsonFiles(dir string) []string {
	if fi, err := fs.Stat(l.fsys, dir); err == nil && !fi.IsDir() {
		return nil // reported by LoadDir
	}
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.problem(dir, 0, "", "", "cannot be read: %v", err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(path.Ext(e.Name()), ".json") {
			out = append(out, path.Join(dir, e.Name()))
		}
	}
	return out
}

// read reads a file and replaces the keywords in it.
func (l *loader) read(file string) (string, error) {
	b, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		return "", err
	}
	return l.kw.replace(string(b)), nil
}

// parse reads, replaces and parses a JSON or YAML file; a problem is
// recorded and nil returned when it cannot.
func (l *loader) parse(file string, yamlFormat bool) *node {
	text, err := l.read(file)
	if err != nil {
		l.problem(file, 0, "", "", "cannot be read: %v", trimPathError(err))
		return nil
	}
	var n *node
	if yamlFormat {
		n, err = parseYAML([]byte(text))
	} else {
		n, err = parseJSON([]byte(text))
	}
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			l.problem(file, se.line, "", "", "%s", se.msg)
		} else {
			l.problem(file, 0, "", "", "%v", err)
		}
		return nil
	}
	return n
}

func trimPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (l *loader) moduleFile(file string) {
	if n := l.parse(file, false); n != nil {
		l.module(file, ".", n)
	}
}

func (l *loader) actionFile(file string) {
	if n := l.parse(file, false); n != nil {
		l.action(file, ".", n)
	}
}

func (l *loader) triggersFile(file string) {
	if n := l.parse(file, false); n != nil {
		l.triggerMap(file, n, "")
	}
}

// doc decodes one object of a file, collecting its problems and recording
// the line of each field it reads.
type doc struct {
	l      *loader
	file   string
	object string
	place  *place
}

func (d *doc) problem(line int, field, format string, args ...any) {
	d.l.problem(d.file, line, d.object, field, format, args...)
}

func (d *doc) at(field string, n *node) {
	if d.place != nil && n != nil && n.line > 0 {
		if _, ok := d.place.fields[field]; !ok {
			d.place.fields[field] = n.line
		}
	}
}

func (d *doc) wrongType(n *node, field, want string) {
	d.problem(n.line, field, "is %s: it should be %s", n.kind, want)
}

// str reads a string; null is absent. A YAML number written without
// quotes is read as its text (version: 1.10 is "1.10").
func (d *doc) str(n *node, field string) (string, bool) {
	d.at(field, n)
	switch {
	case n.kind == kindString, n.kind == kindNumber && n.plain:
		return n.text, true
	case n.kind == kindNull:
		return "", false
	}
	d.wrongType(n, field, "a string")
	return "", false
}

func (d *doc) boolean(n *node, field string) bool {
	d.at(field, n)
	switch n.kind {
	case kindBool:
		return n.text == "true"
	case kindNull:
		return false
	}
	d.wrongType(n, field, "true or false")
	return false
}

func (d *doc) integer(n *node, field string) (int, bool) {
	d.at(field, n)
	switch n.kind {
	case kindNumber:
		if v, err := strconv.Atoi(n.text); err == nil && v > 0 {
			return v, true
		}
		d.problem(n.line, field, "is %s: it should be a whole number from 1", n.text)
		return 0, false
	case kindNull:
		return 0, false
	}
	d.wrongType(n, field, "a whole number")
	return 0, false
}

// list reads a list; null is absent (nil, false).
func (d *doc) list(n *node, field string) ([]*node, bool) {
	d.at(field, n)
	switch n.kind {
	case kindArray:
		if n.items == nil {
			return []*node{}, true
		}
		return n.items, true
	case kindNull:
		return nil, false
	}
	d.wrongType(n, field, "a list")
	return nil, false
}

// fields calls f with each field of an object, after checking the object
// and its keys: ignored keys are skipped, unknown ones are problems.
func (d *doc) fields(n *node, field, what string, known []string, ignored []string, f func(key string, v *node, keyField string)) bool {
	d.at(field, n)
	if n.kind != kindObject {
		d.wrongType(n, field, "an object")
		return false
	}
	for i, key := range n.keys {
		keyField := key
		if field != "" {
			keyField = field + "." + key
		}
		switch {
		case slices.Contains(known, key):
			f(key, n.items[i], keyField)
		case slices.Contains(ignored, key):
		default:
			also := ""
			if len(ignored) > 0 {
				also = fmt.Sprintf("; read-only ones such as %s are ignored", ignored[0])
			}
			d.problem(n.keyLines[i], keyField, "is not a field of %s (the fields are %s%s): "+
				"the Deploy CLI would send it, and Auth0 would refuse it", what, strings.Join(known, ", "), also)
		}
	}
	return true
}

// lookup returns the value of key in an object, or nil.
func lookup(n *node, key string) *node {
	if n == nil || n.kind != kindObject {
		return nil
	}
	if i := slices.Index(n.keys, key); i >= 0 {
		return n.items[i]
	}
	return nil
}

var (
	actionFields        = []string{"name", "code", "runtime", "dependencies", "secrets", "supported_triggers", "deployed", "modules"}
	actionIgnored       = []string{"status", "id", "installed_integration_id", "integration", "all_changes_deployed", "created_at", "updated_at", "built_at", "current_version", "deployed_version"}
	moduleFields        = []string{"name", "code", "dependencies", "secrets"}
	moduleIgnored       = []string{"all_changes_published", "id", "latest_version_number", "latest_version", "actions_using_module_total", "created_at", "updated_at"}
	secretFields        = []string{"name", "value"}
	secretIgnored       = []string{"updated_at"}
	dependencyFields    = []string{"name", "version", "registry_url"}
	modDependencyFields = []string{"name", "version"}
	triggerFields       = []string{"id", "version"}
	triggerIgnored      = []string{"status", "runtimes", "default_runtime", "compatible_triggers", "binding_policy"}
	moduleRefFields     = []string{"module_name", "module_version_number"}
	moduleRefIgnored    = []string{"module_id", "module_version_id"}
	bindingFields       = []string{"action_name", "display_name"}
	noneIgnored         []string
)

// named starts the decoding of an action or module: its name, checked
// for presence and uniqueness, names the object of its problems.
func (l *loader) named(file string, n *node, kind string, seen map[string]string) (*doc, string, bool) {
	d := &doc{l: l, file: file}
	if n.kind != kindObject {
		d.problem(n.line, "", "is %s: it should be an object, one %s", n.kind, kind)
		return nil, "", false
	}
	nameNode := lookup(n, "name")
	if nameNode == nil {
		d.problem(n.line, "name", "is required")
		return nil, "", false
	}
	name, ok := d.str(nameNode, "name")
	if !ok || name == "" {
		if ok || nameNode.kind == kindNull {
			d.problem(nameNode.line, "name", "is empty")
		}
		return nil, "", false
	}
	d.object = fmt.Sprintf("%s %q", kind, name)
	if other, dup := seen[name]; dup {
		d.problem(nameNode.line, "name", "is also the name in %s: each %s needs a name of its own", other, kind)
		return nil, "", false
	}
	seen[name] = placeString(file, nameNode.line)
	d.place = &place{file: file, line: n.line, fields: map[string]int{"name": nameNode.line}}
	l.origin.places[d.object] = d.place
	return d, name, true
}

func placeString(file string, line int) string {
	if line > 0 {
		return file + ":" + strconv.Itoa(line)
	}
	return file
}

// module decodes one module; base is the directory its code path is
// relative to.
func (l *loader) module(file, base string, n *node) {
	d, name, ok := l.named(file, n, "module", l.modules)
	if !ok {
		return
	}
	m := Module{Name: name}
	var code *node
	d.fields(n, "", "a module", moduleFields, moduleIgnored, func(key string, v *node, field string) {
		switch key {
		case "code":
			code = v
		case "dependencies":
			m.Dependencies = d.moduleDependencies(v, field)
		case "secrets":
			m.Secrets = d.secrets(v, field)
		}
	})
	m.Code = d.code(base, code, dirModules, name)
	l.cfg.Modules = append(l.cfg.Modules, m)
}

// action decodes one action; base is the directory its code path is
// relative to.
func (l *loader) action(file, base string, n *node) {
	d, name, ok := l.named(file, n, "action", l.actions)
	if !ok {
		return
	}
	a := Action{Name: name}
	var code *node
	hasTriggers := false
	d.fields(n, "", "an action", actionFields, actionIgnored, func(key string, v *node, field string) {
		switch key {
		case "code":
			code = v
		case "runtime":
			a.Runtime, _ = d.str(v, field)
		case "dependencies":
			a.Dependencies = d.dependencies(v, field)
		case "secrets":
			a.Secrets = d.secrets(v, field)
		case "supported_triggers":
			a.SupportedTriggers, hasTriggers = d.supportedTriggers(v, field)
		case "deployed":
			a.Deployed = d.boolean(v, field)
		case "modules":
			a.Modules = d.moduleRefs(v, field)
		}
	})
	if st := lookup(n, "supported_triggers"); !hasTriggers && (st == nil || st.kind == kindNull) {
		d.problem(n.line, "supported_triggers", "is required: the trigger the action is for, such as [{\"id\": \"post-login\", \"version\": \"v3\"}]")
	}
	a.Code = d.code(base, code, dirActions, name)
	l.cfg.Actions = append(l.cfg.Actions, a)
}

// code reads the code file of a module or action, whose path is the
// value of its code field (nil when absent).
func (d *doc) code(base string, field *node, kindDir, name string) string {
	if field == nil || field.kind == kindNull {
		line := d.place.line
		if field != nil {
			line = field.line
		}
		d.problem(line, "code", "is required: the path of the code file, such as ./%s/%s/%s", kindDir, sanitizeFileName(name), codeFile)
		return ""
	}
	raw, ok := d.str(field, "code")
	if !ok {
		return "" // the wrong type is reported
	}
	line := field.line
	if raw == "" {
		d.problem(line, "code", "is empty: give the path of the code file, such as ./%s/%s/%s", kindDir, sanitizeFileName(name), codeFile)
		return ""
	}
	p, msg := resolveCodePath(base, raw, baseWord(d.l.yaml))
	if msg != "" {
		d.problem(line, "code", "%s", msg)
		return ""
	}
	text, err := d.l.read(p)
	if err == nil {
		return text
	}
	if errors.Is(err, fs.ErrNotExist) {
		msg := fmt.Sprintf("file %s does not exist (the path is relative to the %s)", p, baseWord(d.l.yaml))
		want := path.Join(base, kindDir, sanitizeFileName(name), codeFile)
		if want != p {
			if _, err := fs.Stat(d.l.fsys, want); err == nil {
				msg += fmt.Sprintf("; %s does: set code to ./%s", want, strings.TrimPrefix(want, base+"/"))
			}
		}
		d.problem(line, "code", "%s", msg)
		return ""
	}
	d.problem(line, "code", "file %s cannot be read: %v", p, trimPathError(err))
	return ""
}

func baseWord(yamlFile bool) string {
	if yamlFile {
		return "YAML file's folder"
	}
	return "directory"
}

// resolveCodePath turns a code path as the Deploy CLI writes it
// ("./actions/x/code.js", backslashes allowed) into a path of the file
// system, relative to base. It returns a message when the path cannot be
// used.
func resolveCodePath(base, raw, where string) (string, string) {
	p := strings.ReplaceAll(raw, `\`, "/")
	if strings.HasPrefix(p, "/") || len(p) >= 2 && p[1] == ':' {
		return "", fmt.Sprintf("%q is an absolute path: give the path relative to the %s, such as ./actions/NAME/code.js", raw, where)
	}
	p = path.Join(base, p)
	if p == ".." || strings.HasPrefix(p, "../") || !fs.ValidPath(p) {
		return "", fmt.Sprintf("%q leads outside the %s: keep code files inside it", raw, where)
	}
	return p, ""
}

func (d *doc) dependencies(n *node, field string) []auth0.ActionDependency {
	items, ok := d.list(n, field)
	if !ok {
		return nil
	}
	out := make([]auth0.ActionDependency, 0, len(items))
	for i, item := range items {
		f := fmt.Sprintf("%s[%d]", field, i)
		var dep auth0.ActionDependency
		d.fields(item, f, "a dependency", dependencyFields, noneIgnored, func(key string, v *node, kf string) {
			switch key {
			case "name":
				dep.Name, _ = d.str(v, kf)
			case "version":
				dep.Version, _ = d.str(v, kf)
			case "registry_url":
				dep.RegistryURL, _ = d.str(v, kf)
			}
		})
		out = append(out, dep)
	}
	return out
}

func (d *doc) moduleDependencies(n *node, field string) []auth0.ActionModuleDependency {
	items, ok := d.list(n, field)
	if !ok {
		return nil
	}
	out := make([]auth0.ActionModuleDependency, 0, len(items))
	for i, item := range items {
		f := fmt.Sprintf("%s[%d]", field, i)
		var dep auth0.ActionModuleDependency
		d.fields(item, f, "a module's dependency", modDependencyFields, noneIgnored, func(key string, v *node, kf string) {
			switch key {
			case "name":
				dep.Name, _ = d.str(v, kf)
			case "version":
				dep.Version, _ = d.str(v, kf)
			}
		})
		out = append(out, dep)
	}
	return out
}

// secrets reads {name, value} items. A value never appears in a problem.
func (d *doc) secrets(n *node, field string) []auth0.ActionSecretParam {
	items, ok := d.list(n, field)
	if !ok {
		return nil
	}
	out := make([]auth0.ActionSecretParam, 0, len(items))
	for i, item := range items {
		f := fmt.Sprintf("%s[%d]", field, i)
		var s auth0.ActionSecretParam
		var valueNode *node
		d.fields(item, f, "a secret", secretFields, secretIgnored, func(key string, v *node, kf string) {
			switch key {
			case "name":
				s.Name, _ = d.str(v, kf)
			case "value":
				valueNode = v
				d.at(kf, v)
				switch {
				case v.kind == kindString, v.kind == kindNumber && v.plain:
					s.Value = v.text
				case v.kind == kindNull:
				default:
					d.wrongType(v, kf, "a string") // never the value itself
				}
			}
		})
		if item.kind == kindObject && s.Name == "" {
			d.problem(item.line, f+".name", "is required")
		}
		if valueNode != nil {
			d.checkSecretValue(s, valueNode, f+".value")
		}
		if s.Value == notShown {
			s.Value = "" // the Deploy CLI's marker: no value, keep the tenant's
		}
		out = append(out, s)
	}
	return out
}

// checkSecretValue refuses a value that is still a keyword placeholder.
func (d *doc) checkSecretValue(s auth0.ActionSecretParam, v *node, field string) {
	hint := "add it to the keywords (LoadOptions.Keywords; with auth0-actions, --keywords FILE.json or AUTH0_KEYWORD_REPLACE_MAPPINGS): a placeholder is never sent as a secret"
	if v.kind == kindNull {
		if m := placeholder.FindStringSubmatch(v.comment); m != nil {
			d.problem(v.line, field, "secret %s: its value is the keyword %s, which no mapping replaced (unquoted, YAML reads it as a comment): %s",
				s.Name, m[0], hint)
		}
		return
	}
	if m := placeholder.FindStringSubmatch(s.Value); m != nil {
		key := m[1] + m[2]
		d.problem(v.line, field, "secret %s: its value still holds keyword %s (%s), which no mapping replaced: %s", s.Name, key, m[0], hint)
	}
}

func (d *doc) supportedTriggers(n *node, field string) ([]auth0.Trigger, bool) {
	items, ok := d.list(n, field)
	if !ok {
		return nil, false
	}
	out := make([]auth0.Trigger, 0, len(items))
	for i, item := range items {
		f := fmt.Sprintf("%s[%d]", field, i)
		var t auth0.Trigger
		d.fields(item, f, "a supported trigger", triggerFields, triggerIgnored, func(key string, v *node, kf string) {
			switch key {
			case "id":
				id, _ := d.str(v, kf)
				t.ID = auth0.TriggerID(id)
			case "version":
				t.Version, _ = d.str(v, kf)
			}
		})
		out = append(out, t)
	}
	return out, true
}

func (d *doc) moduleRefs(n *node, field string) []auth0.ActionModuleReference {
	items, ok := d.list(n, field)
	if !ok {
		return nil
	}
	out := make([]auth0.ActionModuleReference, 0, len(items))
	for i, item := range items {
		f := fmt.Sprintf("%s[%d]", field, i)
		var ref auth0.ActionModuleReference
		d.fields(item, f, "a module reference", moduleRefFields, moduleRefIgnored, func(key string, v *node, kf string) {
			switch key {
			case "module_name":
				ref.ModuleName, _ = d.str(v, kf)
			case "module_version_number":
				ref.ModuleVersionNumber, _ = d.integer(v, kf)
			}
		})
		if item.kind == kindObject && ref.ModuleName == "" {
			d.problem(item.line, f+".module_name", "is required: the module's name")
		}
		out = append(out, ref)
	}
	return out
}

// triggerMap decodes a trigger → bindings object (triggers.json, or the
// triggers section of a YAML file, whose field prefix is section).
func (l *loader) triggerMap(file string, n *node, section string) {
	d := &doc{l: l, file: file}
	if n.kind != kindObject {
		d.problem(n.line, section, "is %s: it should be an object from trigger ID to its bindings, such as {\"post-login\": [{\"action_name\": \"add-roles\"}]}", n.kind)
		return
	}
	if l.cfg.Triggers == nil {
		l.cfg.Triggers = map[auth0.TriggerID][]Binding{}
	}
	for i, key := range n.keys {
		id := auth0.TriggerID(key)
		td := &doc{l: l, file: file, object: triggerObject(id),
			place: &place{file: file, line: n.keyLines[i], fields: map[string]int{}}}
		if !l.triggers[id] {
			td.problem(n.keyLines[i], "", "is not a trigger this SDK knows (%s): check the spelling, or add it to LoadOptions.ExtraTriggers (auth0-actions: --extra-triggers)",
				triggerNames(l.triggers))
			continue
		}
		l.origin.places[td.object] = td.place
		v := n.items[i]
		if v.kind == kindNull {
			td.problem(v.line, "", "has no list: give its bindings in order, or [] to unbind every action")
			continue
		}
		items, ok := td.list(v, "bindings")
		if !ok {
			continue
		}
		list := make([]Binding, 0, len(items))
		for j, item := range items {
			f := fmt.Sprintf("bindings[%d]", j)
			var b Binding
			td.fields(item, f, "a binding", bindingFields, noneIgnored, func(key string, v *node, kf string) {
				switch key {
				case "action_name":
					b.ActionName, _ = td.str(v, kf)
				case "display_name":
					b.DisplayName, _ = td.str(v, kf)
				}
			})
			if item.kind == kindObject && b.ActionName == "" {
				td.problem(item.line, f+".action_name", "is required: the name of the action to bind")
			}
			list = append(list, b)
		}
		l.cfg.Triggers[id] = list
	}
}

func triggerNames(set map[auth0.TriggerID]bool) string {
	names := make([]string, 0, len(set))
	for t := range set {
		names = append(names, string(t))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// origin says where each object of a loaded config was read, so that
// NewPlan's problems can name the file and line.
type origin struct {
	places map[string]*place // by Problem.Object
}

// place is where an object was read: its file, its line, and the line of
// each field read (such as "secrets[0].value").
type place struct {
	file   string
	line   int
	fields map[string]int
}

// lineOf returns the line of a field, or of the nearest enclosing field
// read, or of the object.
func (p *place) lineOf(field string) int {
	for field != "" {
		if l, ok := p.fields[field]; ok {
			return l
		}
		if strings.HasSuffix(field, "]") {
			field = field[:strings.LastIndex(field, "[")]
		} else if i := strings.LastIndex(field, "."); i >= 0 {
			field = field[:i]
		} else {
			field = ""
		}
	}
	return p.line
}

// locate fills in the file and line of the problems of a *ConfigError
// about a config LoadDir or LoadYAML read; any other error is returned as
// it is.
func (c *Config) locate(err error) error {
	var ce *ConfigError
	if c == nil || c.origin == nil || !errors.As(err, &ce) {
		return err
	}
	out := &ConfigError{Problems: slices.Clone(ce.Problems)}
	for i := range out.Problems {
		p := &out.Problems[i]
		pl := c.origin.places[p.Object]
		if p.File != "" || pl == nil {
			continue
		}
		p.File, p.Line = pl.file, pl.lineOf(p.Field)
	}
	return out
}

// Windows reserved names, with or without an extension, case-insensitive.
var windowsReserved = regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$`)

// sanitizeFileName makes a name safe for a file name as the Deploy CLI's
// sanitize-filename (with "-" as the replacement) does; it never returns
// "" for a name that is not empty.
func sanitizeFileName(name string) string {
	return sanitizeWith(sanitizeWith(name, "-"), "")
}

func sanitizeWith(name, repl string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case strings.ContainsRune(`/?<>\:*|"`, r), r <= 0x1f, r >= 0x80 && r <= 0x9f:
			b.WriteString(repl)
		default:
			b.WriteRune(r)
		}
	}
	s := b.String()
	if strings.Trim(s, ".") == "" && s != "" {
		s = repl
	}
	if windowsReserved.MatchString(s) {
		s = repl
	}
	if trimmed := strings.TrimRight(s, ". "); len(trimmed) < len(s) {
		s = trimmed + repl
	}
	return truncateUTF8(s, 255)
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
