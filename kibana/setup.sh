#!/bin/sh
# What the compose stack's one-shot "setup" container runs, and what you can run by hand against any
# Kibana 8.19: (optionally) install the index templates with the indexer's setup, wait until Kibana
# reports itself available, import every saved object in kibana/saved-objects, and fail loudly unless
# Kibana answers success:true.
#
# Environment:
#   KIBANA_URL          Kibana's base URL (default http://localhost:5601)
#   ES_USERNAME         a user allowed to manage saved objects (default elastic)
#   ES_PASSWORD         its password (required when Kibana has security on; never printed)
#   INDEXER_JAR         if set, `java -jar $INDEXER_JAR setup` runs first (needs ES_URL, ES_USERNAME, ES_PASSWORD)
#   SAVED_OBJECTS_DIR   where the .ndjson files are (default: saved-objects next to this script)
#   WAIT_SECONDS        how long to wait for Kibana (default 300)
#   POLL_SECONDS        how often to ask meanwhile (default 5)
set -eu

KIBANA_URL="${KIBANA_URL:-http://localhost:5601}"
KIBANA_URL="${KIBANA_URL%/}"
ES_USERNAME="${ES_USERNAME:-elastic}"
ES_PASSWORD="${ES_PASSWORD:-}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"
POLL_SECONDS="${POLL_SECONDS:-5}"
SAVED_OBJECTS_DIR="${SAVED_OBJECTS_DIR:-$(cd "$(dirname "$0")" && pwd)/saved-objects}"

fail() {
  echo "kibana setup: $*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || fail "curl is not installed; install it and run again"
for n in WAIT_SECONDS POLL_SECONDS; do
  eval "v=\$$n"
  case "$v" in '' | *[!0-9]*) fail "$n must be a whole number of seconds, not '$v'" ;; esac
done
ls "$SAVED_OBJECTS_DIR"/*.ndjson >/dev/null 2>&1 || fail "no .ndjson files in $SAVED_OBJECTS_DIR (set SAVED_OBJECTS_DIR)"

# curl reads the credentials from stdin (-K -), so the password never shows in the process list.
kibana() {
  if [ -n "$ES_PASSWORD" ]; then
    printf 'user = "%s:%s"\n' "$ES_USERNAME" "$ES_PASSWORD" | curl -sS -K - "$@"
  else
    curl -sS "$@"
  fi
}

if [ -n "${INDEXER_JAR:-}" ]; then
  echo "kibana setup: installing index templates, indices and aliases (indexer setup)"
  java -jar "$INDEXER_JAR" setup || fail "the indexer's setup failed (see above)"
fi

echo "kibana setup: waiting up to ${WAIT_SECONDS}s for $KIBANA_URL to be available"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
while :; do
  status=$(kibana --max-time 10 "$KIBANA_URL/api/status" 2>/dev/null || true)
  if printf '%s' "$status" | tr -d ' \n' | grep -Eq '"overall":\{[^}]*"level":"available"'; then
    break
  fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "Kibana at $KIBANA_URL was not available within ${WAIT_SECONDS}s; last status: $(printf '%s' "$status" | head -c 300)"
  sleep "$POLL_SECONDS"
done

bundle=$(mktemp)
response=$(mktemp)
trap 'rm -f "$bundle" "$response"' EXIT
# Data views first, so a reader of the combined file sees what the dashboards point at.
for f in "$SAVED_OBJECTS_DIR"/data-views.ndjson "$SAVED_OBJECTS_DIR"/*.ndjson; do
  [ -f "$f" ] || continue
  case " ${seen:-} " in *" $f "*) continue ;; esac
  seen="${seen:-} $f"
  cat "$f" >>"$bundle"
done
count=$(grep -c . "$bundle")

echo "kibana setup: importing $count saved objects"
code=$(kibana -o "$response" -w '%{http_code}' -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" \
  -H 'kbn-xsrf: transcripts-setup' --form "file=@$bundle;filename=transcripts.ndjson") \
  || fail "could not reach $KIBANA_URL to import"
if [ "$code" != 200 ] || ! tr -d ' \n' <"$response" | grep -q '"success":true'; then
  fail "import refused (HTTP $code): $(head -c 2000 "$response")"
fi
imported=$(tr -d ' \n' <"$response" | sed -n 's/.*"successCount":\([0-9]*\).*/\1/p')
[ "$imported" = "$count" ] || fail "Kibana imported ${imported:-0} of $count objects: $(head -c 2000 "$response")"
echo "kibana setup: imported $imported saved objects; open $KIBANA_URL/app/dashboards"
