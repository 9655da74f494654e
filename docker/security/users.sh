#!/bin/sh
# The compose stack's one-shot security step, the only place that logs in as the superuser elastic:
# sets kibana_system's password and creates (or updates: it is idempotent) one role and one user per
# service from roles/*.json, the index patterns following INDEX_PREFIX. What each role may do: kibana/README.md.
#
# Environment: ES_URL (default http://elasticsearch:9200), ELASTIC_PASSWORD, KIBANA_PASSWORD,
# INDEXER_ES_PASSWORD, SEARCH_API_ES_PASSWORD, KIBANA_SETUP_PASSWORD, INDEX_PREFIX (default transcripts).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/checks.sh"
ES_URL="${ES_URL:-http://elasticsearch:9200}"
ES_URL="${ES_URL%/}"

require_secret ELASTIC_PASSWORD 6 "the superuser's password"
require_secret KIBANA_PASSWORD 6 "kibana_system's password"
require_secret INDEXER_ES_PASSWORD 6 "transcripts_indexer's password"
require_secret SEARCH_API_ES_PASSWORD 6 "transcripts_search_api's password"
require_secret KIBANA_SETUP_PASSWORD 6 "transcripts_kibana_setup's password"
require_prefix
[ "$problems" -eq 0 ] || { echo "security: nothing was changed" >&2; exit 1; }

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# curl reads the superuser's credentials from a file, so they never show in the process list.
printf 'user = "elastic:%s"\n' "$ELASTIC_PASSWORD" >"$work/auth"

# call METHOD PATH BODY_FILE WHAT: fails the step with Elasticsearch's answer unless it says 200.
call() {
  code=$(curl -sS -K "$work/auth" -o "$work/answer" -w '%{http_code}' -X "$1" "$ES_URL$2" \
    -H 'Content-Type: application/json' --data-binary "@$3" || true)
  if [ "$code" != 200 ]; then
    echo "security: $4 failed (HTTP $code): $(head -c 500 "$work/answer" 2>/dev/null)" >&2
    exit 1
  fi
}

printf '{"password":"%s"}' "$KIBANA_PASSWORD" >"$work/body"
call POST /_security/user/kibana_system/_password "$work/body" "setting kibana_system's password"
echo "security: kibana_system's password is set"

# user NAME ROLE PASSWORD
user() {
  printf '{"password":"%s","roles":["%s"],"full_name":"%s (docker compose)"}' "$3" "$2" "$1" >"$work/body"
  call PUT "/_security/user/$1" "$work/body" "creating user $1"
}

for file in "$here"/roles/*.json; do
  role=$(basename "$file" .json)
  sed "s/\${INDEX_PREFIX}/$INDEX_PREFIX/g" "$file" >"$work/body"
  call PUT "/_security/role/$role" "$work/body" "creating role $role"
  echo "security: role $role is in place"
done
user transcripts_indexer transcripts_indexer "$INDEXER_ES_PASSWORD"
user transcripts_search_api transcripts_search_api "$SEARCH_API_ES_PASSWORD"
user transcripts_kibana_setup transcripts_kibana_setup "$KIBANA_SETUP_PASSWORD"
echo "security: users transcripts_indexer, transcripts_search_api and transcripts_kibana_setup are in place (index prefix $INDEX_PREFIX)"
