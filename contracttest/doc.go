// Package contracttest is the SDK's contract suite: it runs every endpoint
// method of the auth0 package against Stoplight Prism serving Auth0's OpenAPI
// document (testdata/openapi), and fails on any request the document rejects
// (Prism's sl-violations header) and on any response the document allows
// that the SDK cannot decode, or decodes with a field lost or changed.
//
// Prism runs twice: in static mode, answering with the document's examples
// and defaults, and in dynamic mode (-d), answering with random data
// generated from the schemas (from the variant of the document that types
// the list counters and version numbers as integers). The auto-pagers and
// the workflow helpers run against the static one. Negative controls check
// that a request the document rejects, and a response the SDK would decode
// wrongly, are caught.
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
