package actionsync

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// The sections of a Deploy CLI YAML file that LoadYAML reads.
const (
	sectionActions  = "actions"
	sectionModules  = "actionModules"
	sectionTriggers = "triggers"
)

// LoadYAML reads the actions, actionModules and triggers sections of a
// Deploy CLI YAML file (its tenant.yaml) named name in fsys into a Config:
//
//	actions:
//	  - name: add-roles
//	    code: ./actions/add-roles/code.js
//	    supported_triggers: [{id: post-login, version: v3}]
//	    deployed: true
//	    modules: [{module_name: shared-utils}]
//	actionModules:
//	  - name: shared-utils
//	    code: ./action-modules/shared-utils/code.js
//	triggers:
//	  post-login:
//	    - action_name: add-roles
//	      display_name: Add roles
//
// Each item has the fields of LoadDir's JSON files, with the same
// meanings, and code is a path relative to the YAML file's folder. The
// file's other sections (tenant, clients, rules, …) are not read, and each
// is listed in Config.Skipped with Kind "section". Keywords are replaced
// in the raw text of the YAML file, before it is parsed, and in each code
// file (LoadOptions.Keywords). As in YAML, an unquoted ##KEY## that no
// mapping replaced is a comment: as a secret's value it is an error naming
// the keyword, not an empty value.
//
// A plain number where a string is expected (version: 1.10) is read as
// written ("1.10"). Anchors, aliases and merge keys (<<) are resolved.
// Problems are collected into a *ConfigError naming the file and line, as
// with LoadDir.
func LoadYAML(fsys fs.FS, name string, opts LoadOptions) (*Config, error) {
	if fsys == nil {
		return nil, errors.New("actionsync: LoadYAML needs a file system (such as os.DirFS(dir))")
	}
	l, err := newLoader(fsys, opts)
	if err != nil {
		return nil, err
	}
	l.yaml = true
	if _, err := fs.Stat(fsys, name); err != nil {
		return nil, fmt.Errorf("actionsync: reading the YAML file: %w", err)
	}
	root := l.parse(name, true)
	if root == nil {
		return l.result()
	}
	d := &doc{l: l, file: name}
	if root.kind != kindObject {
		d.problem(root.line, "", "is %s: a Deploy CLI YAML file is a mapping of sections (actions, actionModules, triggers, …)", root.kind)
		return l.result()
	}
	base := path.Dir(name)
	found := 0
	for i, key := range root.keys {
		v := root.items[i]
		switch key {
		case sectionModules, sectionActions:
			found++
			items, ok := d.list(v, key)
			if !ok {
				continue
			}
			for _, item := range items {
				if key == sectionModules {
					l.module(name, base, item)
				} else {
					l.action(name, base, item)
				}
			}
		case sectionTriggers:
			found++
			if v.kind != kindNull {
				l.triggerMap(name, v, key)
			}
		default:
			l.cfg.Skipped = append(l.cfg.Skipped, Skipped{Kind: "section", Name: key,
				Reason: "not read: actionsync reads actions, actionModules and triggers"})
		}
	}
	if found == 0 && len(l.problems) == 0 {
		d.problem(0, "", "has none of the sections actions, actionModules and triggers: give a Deploy CLI YAML file that has them")
	}
	return l.result()
}
