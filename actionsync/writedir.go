package actionsync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	auth0 "github.com/actions-sdk/auth0-go"
)

// WriteDir writes cfg to dir in the Deploy CLI's layout, the one LoadDir
// reads, creating dir if needed:
//
//	action-modules/<name>.json and action-modules/<name>/code.js
//	actions/<name>.json and actions/<name>/code.js
//	triggers/triggers.json
//
// Each JSON file is indented with two spaces and ends with a newline;
// modules and actions are written one file each, triggers sorted by ID
// (each list in its order), so that the same config always gives the same
// bytes and a repository's diffs show only what changed. code is the path
// "./actions/<name>/code.js", as the Deploy CLI writes it. Secrets are
// written by name only: their values are never written. A field the
// config leaves nil (dependencies, secrets, modules: leave the tenant's
// alone) is left out, and an empty one is written as []. Each binding is
// written with its display name (the action's name when it has none).
// Module files carry "all_changes_published": true, which LoadDir
// ignores: the Deploy CLI publishes a module after an import only when
// its file says so, and a config's modules are published whenever their
// draft changes. A module reference without a version number is written
// without module_version_number (the version the apply publishes, or the
// latest), which the Deploy CLI's import refuses; Export's references
// always have one.
//
// <name> is the name made safe for a file name as the Deploy CLI makes it
// (sanitize-filename with "-"): each / ? < > \ : * | " and control
// character becomes "-", a name of dots only or a reserved Windows name
// (con, nul, com1, …) becomes "-", trailing dots and spaces become "-",
// and the result is cut to 255 bytes. Two modules, or two actions, whose
// names give the same file name (ignoring case, as macOS and Windows do)
// are an error rather than one overwriting the other.
//
// Before writing anything WriteDir checks the whole config; a problem is
// a *ConfigError. Each file is written to a temporary file and renamed
// over the old one, so a failure never leaves a half-written file; files
// whose content is already right are not rewritten. Then the files of
// modules and actions the config no longer has (the .json files directly
// in actions/ and action-modules/ that WriteDir did not write, with their
// <name>/code.js) and any other .json file in triggers/ are removed, so
// that LoadDir reads back exactly cfg. Other files are left alone.
func WriteDir(dir string, cfg *Config) error {
	if cfg == nil {
		return errors.New("actionsync: WriteDir needs a config")
	}
	if dir == "" {
		return errors.New("actionsync: WriteDir needs a directory")
	}
	files, err := layout(cfg)
	if err != nil {
		return err
	}
	for _, d := range []string{dirModules, dirActions, dirTriggers} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return fmt.Errorf("actionsync: WriteDir: %w", err)
		}
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := writeFileAtomic(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			return fmt.Errorf("actionsync: WriteDir: %w", err)
		}
	}
	if err := removeStale(dir, files); err != nil {
		return fmt.Errorf("actionsync: WriteDir: %w", err)
	}
	return nil
}

// The JSON shapes of the files, in the Deploy CLI's field order. A nil
// pointer leaves a field out; a pointer to an empty list writes [].

type moduleJSON struct {
	Name                string                          `json:"name"`
	Code                string                          `json:"code"`
	Dependencies        *[]auth0.ActionModuleDependency `json:"dependencies,omitempty"`
	Secrets             *[]secretJSON                   `json:"secrets,omitempty"`
	AllChangesPublished bool                            `json:"all_changes_published"`
}

type actionJSON struct {
	Name              string                    `json:"name"`
	Code              string                    `json:"code"`
	Runtime           string                    `json:"runtime,omitempty"`
	Dependencies      *[]auth0.ActionDependency `json:"dependencies,omitempty"`
	Secrets           *[]secretJSON             `json:"secrets,omitempty"`
	SupportedTriggers []triggerJSON             `json:"supported_triggers"`
	Deployed          bool                      `json:"deployed"`
	Modules           *[]moduleRefJSON          `json:"modules,omitempty"`
}

type secretJSON struct {
	Name string `json:"name"`
}

type triggerJSON struct {
	ID      auth0.TriggerID `json:"id"`
	Version string          `json:"version,omitempty"`
}

type moduleRefJSON struct {
	ModuleName          string `json:"module_name"`
	ModuleVersionNumber int    `json:"module_version_number,omitempty"`
}

type bindingJSON struct {
	ActionName  string `json:"action_name"`
	DisplayName string `json:"display_name"`
}

// layout checks cfg and returns every file WriteDir writes, by its path
// relative to the directory (slash-separated), with its content.
func layout(cfg *Config) (map[string][]byte, error) {
	var ps problems
	files := map[string][]byte{}
	add := func(name string, v any) {
		b, err := marshalFile(v)
		if err != nil {
			ps.add(name, "", "cannot be written as JSON: %v", err)
			return
		}
		files[name] = b
	}
	stems := fileStems(&ps, dirModules, "module", len(cfg.Modules), func(i int) string { return cfg.Modules[i].Name })
	for i, m := range cfg.Modules {
		stem := stems[i]
		if stem == "" {
			continue
		}
		code := path.Join(dirModules, stem, codeFile)
		files[code] = []byte(m.Code)
		add(path.Join(dirModules, stem+".json"), moduleJSON{Name: m.Name, Code: "./" + code,
			Dependencies: listPtr(m.Dependencies, func(d auth0.ActionModuleDependency) auth0.ActionModuleDependency { return d }),
			Secrets:      secretNames(m.Secrets), AllChangesPublished: true})
	}
	stems = fileStems(&ps, dirActions, "action", len(cfg.Actions), func(i int) string { return cfg.Actions[i].Name })
	for i, a := range cfg.Actions {
		stem := stems[i]
		if stem == "" {
			continue
		}
		code := path.Join(dirActions, stem, codeFile)
		files[code] = []byte(a.Code)
		out := actionJSON{Name: a.Name, Code: "./" + code, Runtime: a.Runtime, Deployed: a.Deployed,
			Dependencies:      listPtr(a.Dependencies, func(d auth0.ActionDependency) auth0.ActionDependency { return d }),
			Secrets:           secretNames(a.Secrets),
			SupportedTriggers: make([]triggerJSON, 0, len(a.SupportedTriggers))}
		for _, t := range a.SupportedTriggers {
			out.SupportedTriggers = append(out.SupportedTriggers, triggerJSON{ID: t.ID, Version: t.Version})
		}
		for j, ref := range a.Modules {
			if ref.ModuleName == "" {
				ps.add(actionObject(a.Name), fmt.Sprintf("modules[%d]", j), "references a module by ID only (%s): files reference modules by module_name", ref.ModuleID)
			}
		}
		out.Modules = listPtr(a.Modules, func(r auth0.ActionModuleReference) moduleRefJSON {
			return moduleRefJSON{ModuleName: r.ModuleName, ModuleVersionNumber: r.ModuleVersionNumber}
		})
		add(path.Join(dirActions, stem+".json"), out)
	}
	triggers := make(map[auth0.TriggerID][]bindingJSON, len(cfg.Triggers))
	for _, id := range sortedTriggers(cfg.Triggers) {
		if id == "" {
			ps.add("triggers", "", "a trigger ID is empty")
			continue
		}
		list := make([]bindingJSON, 0, len(cfg.Triggers[id]))
		for j, b := range cfg.Triggers[id] {
			if b.ActionName == "" {
				ps.add(triggerObject(id), fmt.Sprintf("bindings[%d].action_name", j), "is required")
			}
			list = append(list, bindingJSON{ActionName: b.ActionName, DisplayName: b.displayName()})
		}
		triggers[id] = list
	}
	add(path.Join(dirTriggers, triggersFile), triggers)
	if err := ps.err(); err != nil {
		return nil, err
	}
	return files, nil
}

// fileStems returns the file name of each object of one kind, or "" for
// an object that has a problem (no name, a name taken, a file name taken).
func fileStems(ps *problems, dir, kind string, n int, name func(int) string) []string {
	stems := make([]string, n)
	byName := map[string]bool{}
	byStem := map[string]string{} // lower-cased file name → the name that has it
	for i := range n {
		nm := name(i)
		obj := fmt.Sprintf("%s %q", kind, nm)
		switch {
		case nm == "":
			ps.add(fmt.Sprintf("%ss[%d]", kind, i), "name", "is required")
			continue
		case byName[nm]:
			ps.add(obj, "name", "is used by two %ss of the config", kind)
			continue
		}
		byName[nm] = true
		stem := sanitizeFileName(nm)
		if len(stem)+len(".json") > 255 {
			ps.add(obj, "name", "is %d bytes long: %s/<name>.json would be too long a file name (255 bytes at most), as for the Deploy CLI: shorten it", len(nm), dir)
			continue
		}
		key := strings.ToLower(stem)
		if other, taken := byStem[key]; taken {
			ps.add(obj, "name", "would be written to %s/%s.json, as %s %q would (file names are made safe as the Deploy CLI makes them, "+
				"and compared ignoring case): rename one of them", dir, stem, kind, other)
			continue
		}
		byStem[key] = nm
		stems[i] = stem
	}
	return stems
}

func listPtr[T, U any](in []T, conv func(T) U) *[]U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = conv(v)
	}
	return &out
}

func secretNames(secrets []auth0.ActionSecretParam) *[]secretJSON {
	return listPtr(secrets, func(s auth0.ActionSecretParam) secretJSON { return secretJSON{Name: s.Name} })
}

// marshalFile is JSON.stringify(v, null, 2) and a newline, as the Deploy
// CLI writes its files: <, > and & are not escaped.
func marshalFile(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writeFileAtomic writes data to a temporary file beside name (a short
// name, so that it fits wherever name fits) and renames it over name,
// unless name already holds data.
func writeFileAtomic(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".actionsync-*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// removeStale removes the files LoadDir would read that WriteDir did not
// write: other .json files in actions/, action-modules/ and triggers/,
// and the <name>/code.js beside those in actions/ and action-modules/.
func removeStale(dir string, written map[string][]byte) error {
	for _, sub := range []string{dirModules, dirActions, dirTriggers} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			return err
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.EqualFold(path.Ext(name), ".json") {
				continue
			}
			if _, ok := written[path.Join(sub, name)]; ok {
				continue
			}
			if err := os.Remove(filepath.Join(dir, sub, name)); err != nil {
				return err
			}
			if sub == dirTriggers {
				continue
			}
			stem := strings.TrimSuffix(name, path.Ext(name))
			if _, ok := written[path.Join(sub, stem, codeFile)]; ok {
				continue
			}
			codeDir := filepath.Join(dir, sub, stem)
			if err := os.Remove(filepath.Join(codeDir, codeFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			_ = os.Remove(codeDir) // only when empty: other files are left alone
		}
	}
	return nil
}
