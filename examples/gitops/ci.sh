#!/usr/bin/env bash
# The CI job of a repository that keeps its Auth0 Actions as code, in the
# Deploy CLI's directory layout (./tenant):
#
#   ci.sh review   on a pull request: print the plan for the reviewer (and
#                  save it as plan.json for other tools); exit 0 when there is
#                  nothing to change, 0 as well when there are changes to
#                  review, 1 on an error (bad files, a refused token, ...)
#   ci.sh merge    on the main branch: apply the plan, without asking
#
# The tenant and credentials come from the CI's secrets: AUTH0_DOMAIN with
# AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET (or AUTH0_API_TOKEN). The secret
# values the files refer to as ##KEY## come from
# AUTH0_KEYWORD_REPLACE_MAPPINGS, a JSON object, as for the Deploy CLI:
#
#   AUTH0_KEYWORD_REPLACE_MAPPINGS='{"BLOCKED_IPS":"203.0.113.7,198.51.100.9"}'
#
# AUTH0_ACTIONS names the command; by default it is run from the module at
# the version the repository pins.
set -euo pipefail
cd "$(dirname "$0")"
AUTH0_ACTIONS=${AUTH0_ACTIONS:-"go run github.com/actions-sdk/auth0-go/cmd/auth0-actions@v0.1.0"}

case "${1:-}" in
review)
  # auth0-actions exits 0 (no changes), 2 (changes) or 1 (an error).
  status=0
  $AUTH0_ACTIONS plan tenant --json >plan.json || status=$?
  if [ "$status" -eq 1 ]; then exit 1; fi
  $AUTH0_ACTIONS plan tenant || [ $? -eq 2 ]
  ;;
merge)
  $AUTH0_ACTIONS apply tenant --yes || [ $? -eq 2 ]
  ;;
*)
  echo "usage: ci.sh review|merge" >&2
  exit 64
  ;;
esac
