#!/bin/sh
# What the compose stack's one-shot "setup" container runs, and what you can run by hand against any
# Kibana 8.19: (optionally) install the index templates with the indexer's setup, wait until Kibana
# answers (available, or degraded: a Kibana with one plugin in trouble still imports), import every saved
# object in kibana/saved-objects with the data views named for INDEX_PREFIX, retrying with growing pauses
# while Kibana cannot take it yet, and fail loudly unless Kibana answers success:true.
#
# Environment:
#   KIBANA_URL            Kibana's base URL (default http://localhost:5601)
#   KIBANA_USER           a Kibana user allowed to import saved objects (the stack's: transcripts_kibana_setup,
#   KIBANA_USER_PASSWORD  with Saved Objects Management only); both unset: no authentication. Never printed.
#   INDEX_PREFIX          the indexer's index.prefix (default transcripts): the data views read <prefix>-messages,
#                         <prefix>-conversations and <prefix>-runs, and every object's id starts with it
#   INDEXER_JAR           if set, `java -jar $INDEXER_JAR [--config $INDEXER_CONFIG] setup` runs first
#                         (with the indexer's own ES_URL, ES_USERNAME, ES_PASSWORD)
#   SAVED_OBJECTS_DIR     where the .ndjson files are (default: saved-objects next to this script)
#   WAIT_SECONDS          how long to wait for Kibana (default 300)
#   POLL_SECONDS          how often to ask meanwhile, and the first pause between import attempts (default 5)
#   IMPORT_ATTEMPTS       how many times to try the import while Kibana answers 429/5xx or not at all (default 6)
set -eu

KIBANA_URL="${KIBANA_URL:-http://localhost:5601}"
KIBANA_URL="${KIBANA_URL%/}"
KIBANA_USER="${KIBANA_USER:-}"
KIBANA_USER_PASSWORD="${KIBANA_USER_PASSWORD:-}"
INDEX_PREFIX="${INDEX_PREFIX:-transcripts}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"
POLL_SECONDS="${POLL_SECONDS:-5}"
IMPORT_ATTEMPTS="${IMPORT_ATTEMPTS:-6}"
SAVED_OBJECTS_DIR="${SAVED_OBJECTS_DIR:-$(cd "$(dirname "$0")" && pwd)/saved-objects}"

fail() {
  echo "kibana setup: $*" >&2
  exit 1
}

command -v curl >/dev/null 2>&1 || fail "curl is not installed; install it and run again"
for n in WAIT_SECONDS POLL_SECONDS IMPORT_ATTEMPTS; do
  eval "v=\$$n"
  case "$v" in '' | *[!0-9]*) fail "$n must be a whole number, not '$v'" ;; esac
done
[ "$IMPORT_ATTEMPTS" -ge 1 ] || fail "IMPORT_ATTEMPTS must be at least 1"
if [ -n "$KIBANA_USER" ] && [ -z "$KIBANA_USER_PASSWORD" ]; then
  fail "KIBANA_USER is set but KIBANA_USER_PASSWORD is not: set both (or neither, for a Kibana without security)"
fi
if [ -z "$KIBANA_USER" ] && [ -n "$KIBANA_USER_PASSWORD" ]; then
  fail "KIBANA_USER_PASSWORD is set but KIBANA_USER is not: set both (or neither, for a Kibana without security)"
fi
case "$KIBANA_USER$KIBANA_USER_PASSWORD" in
  *'"'* | *'\'*) fail "KIBANA_USER and KIBANA_USER_PASSWORD may not hold a quote or a backslash" ;;
esac
printf '%s' "$INDEX_PREFIX" | grep -Eq '^[a-z0-9][a-z0-9_-]{0,100}$' \
  || fail "INDEX_PREFIX '$INDEX_PREFIX' must be lowercase letters, digits, '-' or '_' (as the indexer's index.prefix)"
ls "$SAVED_OBJECTS_DIR"/*.ndjson >/dev/null 2>&1 || fail "no .ndjson files in $SAVED_OBJECTS_DIR (set SAVED_OBJECTS_DIR)"

# curl reads the credentials from stdin (-K -), so the password never shows in the process list.
kibana() {
  if [ -n "$KIBANA_USER" ]; then
    printf 'user = "%s:%s"\n' "$KIBANA_USER" "$KIBANA_USER_PASSWORD" | curl -sS -K - "$@"
  else
    curl -sS "$@"
  fi
}

if [ -n "${INDEXER_JAR:-}" ]; then
  echo "kibana setup: installing index templates, indices and aliases (indexer setup)"
  if [ -n "${INDEXER_CONFIG:-}" ]; then
    java -jar "$INDEXER_JAR" --config "$INDEXER_CONFIG" setup || fail "the indexer's setup failed (see above)"
  else
    java -jar "$INDEXER_JAR" setup || fail "the indexer's setup failed (see above)"
  fi
fi

echo "kibana setup: waiting up to ${WAIT_SECONDS}s for $KIBANA_URL to be available (or degraded)"
deadline=$(( $(date +%s) + WAIT_SECONDS ))
while :; do
  status=$(kibana --max-time 10 "$KIBANA_URL/api/status" 2>/dev/null || true)
  level=$(printf '%s' "$status" | tr -d ' \n' | sed -n 's/.*"overall":{[^}]*"level":"\([a-z]*\)".*/\1/p')
  case "$level" in
    available) break ;;
    degraded)
      # Some plugin is in trouble (often one this stack does not use); saved objects still work, and the
      # import below says so if they do not.
      summary=$(printf '%s' "$status" | tr -d '\n' | sed -n 's/.*"overall":{[^}]*"summary":"\([^"]*\)".*/\1/p')
      echo "kibana setup: Kibana is degraded (${summary:-no summary}); importing anyway"
      break ;;
  esac
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
if [ "$INDEX_PREFIX" != transcripts ]; then
  # Every whole string "transcripts-..." in the bundle is an object id or a data view's index pattern (the
  # aliases), also inside string-encoded JSON (\"transcripts-messages\"): all follow the prefix, so the
  # data views read this prefix's aliases and two prefixes' dashboards live side by side. Titles say which.
  sed -e "s/\"transcripts-\([a-z0-9_-]*\)\(\\\\\{0,1\}\"\)/\"$INDEX_PREFIX-\1\2/g" \
      -e "s/\"title\":\"\(Transcripts: [^\"]*\)\"/\"title\":\"\1 ($INDEX_PREFIX)\"/g" \
      -e "s/\"name\":\"\(Transcripts: [^\"]*\)\"/\"name\":\"\1 ($INDEX_PREFIX)\"/g" "$bundle" >"$bundle.renamed"
  mv "$bundle.renamed" "$bundle"
  if grep -q '"transcripts-' "$bundle"; then
    fail "the saved objects still name \"transcripts-...\" after renaming for $INDEX_PREFIX: $(grep -o '.\{40\}"transcripts-.\{40\}' "$bundle" | head -n 3)"
  fi
fi
count=$(grep -c . "$bundle")

attempt=1
pause="$POLL_SECONDS"
while :; do
  echo "kibana setup: importing $count saved objects (data views for $INDEX_PREFIX-*), attempt $attempt of $IMPORT_ATTEMPTS"
  code=$(kibana -o "$response" -w '%{http_code}' -X POST "$KIBANA_URL/api/saved_objects/_import?overwrite=true" \
    -H 'kbn-xsrf: transcripts-setup' --form "file=@$bundle;filename=transcripts.ndjson" 2>"$response.err") || code=000
  case "$code" in
    200) break ;;
    401) fail "Kibana refused ${KIBANA_USER:-the anonymous user} (HTTP 401): check KIBANA_USER and KIBANA_USER_PASSWORD" ;;
    403) fail "Kibana says ${KIBANA_USER:-the anonymous user} may not import saved objects (HTTP 403): give it Saved Objects Management ($(head -c 300 "$response"))" ;;
    000 | 408 | 429 | 5??) why="HTTP $code: $(head -c 300 "$response" 2>/dev/null) $(head -c 300 "$response.err" 2>/dev/null)" ;;
    *) fail "import refused (HTTP $code): $(head -c 2000 "$response")" ;;
  esac
  [ "$attempt" -lt "$IMPORT_ATTEMPTS" ] || fail "Kibana could not take the import after $attempt attempts; last answer: $why"
  echo "kibana setup: Kibana could not take the import yet ($why); trying again in ${pause}s"
  sleep "$pause"
  attempt=$((attempt + 1))
  pause=$((pause * 2))
done
rm -f "$response.err"
if ! tr -d ' \n' <"$response" | grep -q '"success":true'; then
  fail "import refused (HTTP $code): $(head -c 2000 "$response")"
fi
imported=$(tr -d ' \n' <"$response" | sed -n 's/.*"successCount":\([0-9]*\).*/\1/p')
[ "$imported" = "$count" ] || fail "Kibana imported ${imported:-0} of $count objects: $(head -c 2000 "$response")"
echo "kibana setup: imported $imported saved objects; open $KIBANA_URL/app/dashboards"
