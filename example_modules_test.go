package auth0_test

import (
	"context"
	"errors"
	"fmt"

	auth0 "github.com/actions-sdk/auth0-go"
)

func ExampleModuleService_New() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()

	// A module is a draft until a version is published; actions pin versions.
	mod, err := client.Actions.Modules.New(ctx, auth0.ModuleNewParams{
		Name:         "shared-utils",
		Code:         "module.exports = { greet: (name) => `Hello, ${name}` };",
		Dependencies: []auth0.ActionModuleDependency{{Name: "lodash", Version: "4.17.21"}},
		Secrets:      []auth0.ActionSecretParam{{Name: "GREETING", Value: "Hello"}},
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(mod.Name, "published:", mod.LatestVersionNumber, "all changes published:", mod.AllChangesPublished)

	// A second module with the same name is a conflict.
	_, err = client.Actions.Modules.New(ctx, auth0.ModuleNewParams{Name: "shared-utils", Code: "x"})
	fmt.Println("conflict:", errors.Is(err, auth0.ErrConflict))
	// Output:
	// shared-utils published: 0 all changes published: false
	// conflict: true
}

func ExampleModuleVersionService_New() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	mod := srv.AddModule(auth0.ModuleNewParams{Name: "shared-utils", Code: "module.exports = 1;"})

	// Publish the draft as version 1.
	v, err := client.Actions.Modules.Versions.New(ctx, mod.ID)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("version", v.VersionNumber, v.Code)

	// Publishing an unchanged draft is a 409: Modules.Upsert with Publish
	// publishes only when the draft differs.
	_, err = client.Actions.Modules.Versions.New(ctx, mod.ID)
	fmt.Println("nothing to publish:", errors.Is(err, auth0.ErrConflict))
	// Output:
	// version 1 module.exports = 1;
	// nothing to publish: true
}

func ExampleModuleService_Rollback() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	mod := srv.AddModule(auth0.ModuleNewParams{Name: "shared-utils", Code: "// v1"})
	v1 := srv.PublishModule(mod.ID)
	if _, err := client.Actions.Modules.Update(ctx, mod.ID, auth0.ModuleUpdateParams{Code: auth0.String("// v2")}); err != nil {
		fmt.Println("error:", err)
		return
	}
	srv.PublishModule(mod.ID)

	// Rollback copies version 1 into the draft; publish it to use it.
	draft, err := client.Actions.Modules.Rollback(ctx, mod.ID, auth0.ModuleRollbackParams{ModuleVersionID: v1.ID})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("draft:", draft.Code)
	v3, err := client.Actions.Modules.Versions.New(ctx, mod.ID)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println("version", v3.VersionNumber, v3.Code)
	// Output:
	// draft: // v1
	// version 3 // v1
}

func ExampleModuleService_Upsert() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	params := auth0.ModuleUpsertParams{Name: "shared-utils", Code: "module.exports = 1;", Publish: true}

	for _, code := range []string{"module.exports = 1;", "module.exports = 1;", "module.exports = 2;"} {
		params.Code = code
		res, err := client.Actions.Modules.Upsert(ctx, params)
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println("created:", res.Created, "updated:", res.Updated, "published:", res.Published != nil,
			"latest:", res.LatestVersion.VersionNumber)
	}
	// Output:
	// created: true updated: false published: true latest: 1
	// created: false updated: false published: false latest: 1
	// created: false updated: true published: true latest: 2
}

func ExampleModuleService_GetByName() {
	srv, client := exampleFake()
	defer srv.Close()
	srv.AddModule(auth0.ModuleNewParams{Name: "shared-utils", Code: "module.exports = 1;"})
	ctx := context.Background()

	mod, err := client.Actions.Modules.GetByName(ctx, "shared-utils")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(mod.Name)
	_, err = client.Actions.Modules.GetByName(ctx, "no-such-module")
	var nf *auth0.NotFoundError
	fmt.Println("not found:", errors.As(err, &nf), nf.Kind, errors.Is(err, auth0.ErrNotFound))
	// Output:
	// shared-utils
	// not found: true action module true
}

func ExampleModuleService_Rollout() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	mod := srv.AddModule(auth0.ModuleNewParams{Name: "shared-utils", Code: "module.exports = 1;"})
	srv.PublishModule(mod.ID)
	for _, name := range []string{"add-roles", "enrich-profile"} {
		// A reference by name means the module's latest published version.
		_, err := client.Actions.Upsert(ctx, auth0.ActionUpsertParams{Name: name, SupportedTriggers: postLogin,
			Code:    auth0.String("exports.onExecutePostLogin = async () => {};"),
			Modules: []auth0.ActionModuleReference{{ModuleName: "shared-utils"}}, Deploy: true})
		if err != nil {
			fmt.Println("error:", err)
			return
		}
	}
	if _, err := client.Actions.Modules.Upsert(ctx, auth0.ModuleUpsertParams{Name: "shared-utils", Code: "module.exports = 2;", Publish: true}); err != nil {
		fmt.Println("error:", err)
		return
	}

	// Every action that uses the module moves to its latest version and is
	// redeployed. Run it again after a failure: it finishes the rest.
	res, err := client.Actions.Modules.Rollout(ctx, mod.ID, auth0.ModuleRolloutParams{Deploy: true})
	for _, a := range res.Actions {
		fmt.Println(a.ActionName, a.Status, "from version", a.FromVersionNumber, "to", res.Version.VersionNumber)
	}
	if err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// add-roles moved from version 1 to 2
	// enrich-profile moved from version 1 to 2
}

func ExampleModuleService_ListActions() {
	srv, client := exampleFake()
	defer srv.Close()
	ctx := context.Background()
	mod := srv.AddModule(auth0.ModuleNewParams{Name: "shared-utils", Code: "module.exports = 1;"})
	v := srv.PublishModule(mod.ID)
	srv.AddAction(auth0.ActionNewParams{Name: "add-roles", SupportedTriggers: postLogin, Deploy: auth0.Bool(true),
		Modules: []auth0.ActionModuleReference{{ModuleID: mod.ID, ModuleVersionID: v.ID}}})

	for a, err := range client.Actions.Modules.ListActionsAutoPaging(ctx, mod.ID, auth0.ModuleActionListParams{}).All() {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Println(a.ActionName, "uses version", a.ModuleVersionNumber)
	}
	// Deleting a module that deployed actions use is refused (412).
	err := client.Actions.Modules.Delete(ctx, mod.ID)
	fmt.Println("in use:", errors.Is(err, auth0.ErrPreconditionFailed))
	// Output:
	// add-roles uses version 1
	// in use: true
}
