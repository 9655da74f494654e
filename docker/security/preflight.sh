#!/bin/sh
# The compose stack's first one-shot: refuses to start anything while a secret in .env is missing, shorter
# than the service that reads it accepts, or unsafe to pass on. Every problem is printed at once.
#   Elasticsearch refuses native-realm passwords under 6 characters; Kibana refuses an
#   xpack.encryptedSavedObjects.encryptionKey under 32 characters (it would stop after Elasticsearch
#   is up, with the reason only in its own log).
set -eu
. "$(dirname "$0")/checks.sh"

require_secret ELASTIC_PASSWORD 6 "the password of Elasticsearch's superuser elastic (used by the one-shot security step only)"
require_secret KIBANA_PASSWORD 6 "the password of kibana_system, the user Kibana runs as"
require_secret INDEXER_ES_PASSWORD 6 "the password of transcripts_indexer, the user the indexer and setup run as"
require_secret SEARCH_API_ES_PASSWORD 6 "the password of transcripts_search_api, the user the search API runs as"
require_secret KIBANA_SETUP_PASSWORD 6 "the password of transcripts_kibana_setup, the user that imports the dashboards"
require_secret KIBANA_ENCRYPTION_KEY 32 "Kibana's xpack.encryptedSavedObjects.encryptionKey"
for p in KIBANA_PASSWORD INDEXER_ES_PASSWORD SEARCH_API_ES_PASSWORD KIBANA_SETUP_PASSWORD; do
  differs "$p" ELASTIC_PASSWORD
done
require_prefix

if [ "$problems" -gt 0 ]; then
  echo "preflight: $problems problem(s) in .env (above); nothing was started" >&2
  exit 1
fi
echo "preflight: every secret is set and long enough; index prefix $INDEX_PREFIX"
