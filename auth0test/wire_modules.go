package auth0test

import (
	"slices"
	"time"
)

// Wire shapes of the Action Modules endpoints, as the live API sends them
// (contract §13): microsecond timestamps; counters and
// all_changes_published always sent; latest_version nested (without
// created_at) in the single-module responses, latest_version_number flat
// in list items only.

// tsMicro is a timestamp as the live API writes modules': microseconds, Z.
type tsMicro time.Time

func (t tsMicro) IsZero() bool { return time.Time(t).IsZero() }

func (t tsMicro) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format("2006-01-02T15:04:05.000000Z") + `"`), nil
}

type wireModuleSecret struct {
	Name      string  `json:"name"`
	UpdatedAt tsMicro `json:"updated_at,omitzero"`
}

type wireModuleVersionRef struct {
	ID            string             `json:"id"`
	VersionNumber int                `json:"version_number"`
	Code          string             `json:"code"`
	Dependencies  []moduleDep        `json:"dependencies"`
	Secrets       []wireModuleSecret `json:"secrets"`
}

type wireModule struct {
	ID                      string                `json:"id"`
	Name                    string                `json:"name"`
	Code                    string                `json:"code"`
	Dependencies            []moduleDep           `json:"dependencies"`
	Secrets                 []wireModuleSecret    `json:"secrets"`
	ActionsUsingModuleTotal int                   `json:"actions_using_module_total"`
	AllChangesPublished     bool                  `json:"all_changes_published"`
	LatestVersionNumber     int                   `json:"latest_version_number,omitempty"`
	CreatedAt               tsMicro               `json:"created_at"`
	UpdatedAt               tsMicro               `json:"updated_at"`
	LatestVersion           *wireModuleVersionRef `json:"latest_version,omitempty"`
}

type wireModuleVersion struct {
	ID            string             `json:"id"`
	ModuleID      string             `json:"module_id"`
	VersionNumber int                `json:"version_number"`
	Code          string             `json:"code"`
	Secrets       []wireModuleSecret `json:"secrets"`
	Dependencies  []moduleDep        `json:"dependencies"`
	CreatedAt     tsMicro            `json:"created_at"`
}

type wireModuleAction struct {
	ActionID            string `json:"action_id"`
	ActionName          string `json:"action_name"`
	ModuleVersionID     string `json:"module_version_id"`
	ModuleVersionNumber int    `json:"module_version_number"`
}

func wireModuleSecrets(ss []secret) []wireModuleSecret {
	out := make([]wireModuleSecret, 0, len(ss))
	for _, s := range ss {
		out = append(out, wireModuleSecret{Name: s.name, UpdatedAt: tsMicro(s.updatedAt)})
	}
	return out
}

// moduleView says how a module is shown.
type moduleView int

const (
	moduleSingle moduleView = iota // create, get, update, rollback: latest_version nested
	moduleItem                     // a list item: latest_version_number flat
)

func (st *state) wireModule(m *module, view moduleView) *wireModule {
	w := &wireModule{ID: m.id, Name: m.name, Code: m.draft.code, Dependencies: nonNil(slices.Clone(m.draft.deps)),
		Secrets: wireModuleSecrets(m.draft.secrets), ActionsUsingModuleTotal: st.actionsUsingModule(m.id),
		AllChangesPublished: m.allChangesPublished(), CreatedAt: tsMicro(m.createdAt), UpdatedAt: tsMicro(m.updatedAt)}
	if l := m.latest(); l != nil {
		if view == moduleItem {
			w.LatestVersionNumber = l.number
		} else {
			w.LatestVersion = &wireModuleVersionRef{ID: l.id, VersionNumber: l.number, Code: l.code,
				Dependencies: nonNil(slices.Clone(l.deps)), Secrets: wireModuleSecrets(l.secrets)}
		}
	}
	return w
}

// wireModuleUpdated is the update response: the new draft with the times
// from before the update, as the live API sends it (a secret that is new
// has no time from before, so none is sent).
func (st *state) wireModuleUpdated(m *module, before module) *wireModule {
	w := st.wireModule(m, moduleSingle)
	w.UpdatedAt = tsMicro(before.updatedAt)
	for i := range w.Secrets {
		w.Secrets[i].UpdatedAt = tsMicro{}
		if j := slices.IndexFunc(before.draft.secrets, func(s secret) bool { return s.name == w.Secrets[i].Name }); j >= 0 {
			w.Secrets[i].UpdatedAt = tsMicro(before.draft.secrets[j].updatedAt)
		}
	}
	return w
}

func wireModuleVersionOf(v *moduleVersion) *wireModuleVersion {
	return &wireModuleVersion{ID: v.id, ModuleID: v.moduleID, VersionNumber: v.number, Code: v.code,
		Secrets: wireModuleSecrets(v.secrets), Dependencies: nonNil(slices.Clone(v.deps)), CreatedAt: tsMicro(v.createdAt)}
}

func wireModuleActionOf(u moduleUse) wireModuleAction {
	return wireModuleAction{ActionID: u.action.id, ActionName: u.action.name,
		ModuleVersionID: u.ref.ModuleVersionID, ModuleVersionNumber: u.ref.ModuleVersionNumber}
}
