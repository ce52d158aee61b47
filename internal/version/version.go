// Package version holds the SDK's name and version, sent as telemetry.
package version

// Name is the SDK's name in the User-Agent and Auth0-Client headers.
const Name = "auth0-go-actions"

// Version is the SDK's release.
const Version = "0.1.0"
