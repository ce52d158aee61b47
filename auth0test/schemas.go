package auth0test

// The request body schemas of Auth0's OpenAPI document, one per operation
// that takes a body. TestRoutesMatchOpenAPI compares them with
// testdata/openapi: property names, types, enums, required lists,
// additionalProperties, maximum lengths and the no-NUL pattern.
var (
	strSchema  = &schema{types: []string{"string"}}
	boolSchema = &schema{types: []string{"boolean"}}

	triggerIDSchema = &schema{types: []string{"string"}, enum: triggerIDs()}

	actionTriggerSchema = &schema{
		types:    []string{"object"},
		required: []string{"id"},
		props: map[string]*schema{
			"id":              triggerIDSchema,
			"version":         strSchema,
			"status":          strSchema,
			"runtimes":        {types: []string{"array"}, items: strSchema},
			"default_runtime": strSchema,
			"compatible_triggers": {types: []string{"array"}, items: &schema{
				types: []string{"object"}, open: true, required: []string{"id", "version"},
				props: map[string]*schema{"id": triggerIDSchema, "version": strSchema},
			}},
			"binding_policy": {types: []string{"string"}, enum: []string{policyTriggerBound, policyEntityBound}},
		},
	}
	dependencySchema = &schema{types: []string{"object"}, props: map[string]*schema{
		"name": strSchema, "version": strSchema, "registry_url": strSchema,
	}}
	secretSchema = &schema{types: []string{"object"}, open: true, props: map[string]*schema{
		"name": strSchema, "value": strSchema,
	}}
	moduleRefSchema = &schema{types: []string{"object"}, props: map[string]*schema{
		"module_id": strSchema, "module_name": strSchema, "module_version_id": strSchema,
		"module_version_number": {types: []string{"integer"}},
	}}

	draftProps = map[string]*schema{
		"name":               {types: []string{"string"}, minLen: 1},
		"supported_triggers": {types: []string{"array"}, minItems: 1, items: actionTriggerSchema},
		"code":               strSchema,
		"dependencies":       {types: []string{"array"}, items: dependencySchema},
		"runtime":            strSchema,
		"secrets":            {types: []string{"array"}, items: secretSchema},
		"modules":            {types: []string{"array"}, items: moduleRefSchema},
	}

	createActionSchema = &schema{
		types:    []string{"object"},
		required: []string{"name", "supported_triggers"},
		props:    withProp(draftProps, "deploy", boolSchema),
	}
	updateActionSchema = &schema{types: []string{"object"}, props: draftProps}

	testActionSchema = &schema{
		types:    []string{"object"},
		required: []string{"payload"},
		props:    map[string]*schema{"payload": {types: []string{"object"}, open: true}},
	}
	deployVersionSchema = &schema{
		types: []string{"object", "null"},
		props: map[string]*schema{"update_draft": boolSchema},
	}
	bindingsUpdateSchema = &schema{
		types: []string{"object"},
		props: map[string]*schema{"bindings": {types: []string{"array"}, items: &schema{
			oneOf:    true,
			types:    []string{"object"},
			required: []string{"ref"},
			props: map[string]*schema{
				"ref": {types: []string{"object"}, open: true, props: map[string]*schema{
					"type":  {types: []string{"string"}, enum: []string{"binding_id", "action_id", "action_name"}},
					"value": strSchema,
				}},
				"display_name": strSchema,
				"secrets":      {types: []string{"array"}, items: secretSchema},
			},
		}}},
	}

	// Every string of the module schemas refuses NUL characters.
	moduleSecretSchema = &schema{types: []string{"object"}, required: []string{"name", "value"}, props: map[string]*schema{
		"name":  wireString(255),
		"value": wireString(4096),
	}}
	moduleDependencySchema = &schema{types: []string{"object"}, required: []string{"name", "version"}, props: map[string]*schema{
		"name":    wireString(255),
		"version": wireString(50),
	}}
	moduleDraftProps = map[string]*schema{
		"code":         wireString(65536),
		"secrets":      {types: []string{"array"}, items: moduleSecretSchema},
		"dependencies": {types: []string{"array"}, items: moduleDependencySchema},
	}
	createModuleSchema = &schema{
		types:    []string{"object"},
		required: []string{"name", "code"},
		props: withProp(withProp(withProp(moduleDraftProps,
			"name", wireString(255)),
			"api_version", wireString(20)),
			"publish", boolSchema),
	}
	updateModuleSchema   = &schema{types: []string{"object"}, props: moduleDraftProps}
	rollbackModuleSchema = &schema{types: []string{"object"}, required: []string{"module_version_id"},
		props: map[string]*schema{"module_version_id": strSchema}}
)

// wireString is a module schema's string: at most max characters, no NUL.
func wireString(max int) *schema {
	return &schema{types: []string{"string"}, maxLen: max, noNUL: true}
}

func withProp(m map[string]*schema, key string, s *schema) map[string]*schema {
	out := make(map[string]*schema, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	out[key] = s
	return out
}
