// Package contracttest is the SDK's contract suite: it runs every endpoint
// method of the auth0 package against Stoplight Prism serving Auth0's OpenAPI
// document (testdata/openapi), and fails on any request the document rejects
// (Prism's sl-violations header) and on any response the document allows
// that the SDK cannot decode, or decodes with a field lost or changed.
//
// The calls cover the document's 24 operations: the 14 of actions, action
// versions, executions, triggers and bindings, and the 10 of Action Modules
// (Actions.Modules and Actions.Modules.Versions). Each operation is called
// with full params (every body property and query parameter the document
// defines, checked on the wire) and with minimal ones; a coverage check fails
// when an operation has no call, or no call that sets all of its params, or
// when the document does not hold 24 operations. Module references on an
// action are checked in the form the live API needs: module_id and
// module_version_id only.
//
// Prism runs twice: in static mode, answering with the document's examples
// and defaults, and in dynamic mode (-d), answering with random data
// generated from the schemas (from the variant of the document that types
// the list counters and version numbers as integers). The document has no
// examples for the module schemas, so Prism's static module answers are
// generated from the schemas, with every property present but integers 0;
// the dynamic run checks the module integers (version numbers, counts). The
// auto-pagers (all six, modules' three included) and the workflow helpers
// run against the static one. Negative controls check that requests the
// document rejects (module bodies among them), and responses the SDK would
// decode wrongly, are caught.
//
// Run it with
//
//	make prism      # once: installs the pinned Prism into tools/prism
//	make contract
//
// or go test -v -run Contract ./contracttest/ to see how many calls were
// checked. Environment:
//
//   - PRISM_BIN: the prism executable (default
//     ../tools/prism/node_modules/.bin/prism, which needs Node.js);
//   - AUTH0_OPENAPI_SPEC: the document (default
//     ../testdata/openapi/auth0-actions.openapi.json);
//   - AUTH0_OPENAPI_SPEC_DYNAMIC: the document for dynamic mode (default:
//     the .integers variant next to AUTH0_OPENAPI_SPEC, else that document);
//   - CONTRACT_DYNAMIC_ROUNDS: how many times each call is made in dynamic
//     mode (default 5);
//   - CI=true: a missing Prism, Node.js or document fails the suite instead
//     of skipping it.
//
// The package holds only tests.
package contracttest
