#!/usr/bin/env bash
# Search API benchmark: loads >= 1,000,000 generated multilingual messages (once; reruns reuse them),
# then drives the API and, in the same run, the identical Elasticsearch requests directly, at
# concurrency 1, 4 and 16; prints p50/p99 latency, throughput and the API/Elasticsearch ratio.
#
#   bench/search.sh [--messages 1000000] [--seconds 15] [--concurrency 1,4,16] [--prefix bench] [--reload]
#
# Elasticsearch: ES_URL (+ ES_API_KEY / ES_USERNAME / ES_PASSWORD / ES_CA_FILE), else the embedded node
# (started if need be). The corpus lives in the "<prefix>-messages" / "<prefix>-conversations" aliases;
# remove it with: curl -XDELETE "$ES_URL/bench-messages-v1,bench-conversations-v1"
set -euo pipefail
cd "$(dirname "$0")/.."
jar=search-api/target/search-api.jar
if [[ ! -f $jar ]]; then
  mvn -q -pl search-api -am package -DskipTests
fi
log=search-api/target/bench-search.log
echo "# server and access log: $log" >&2
exec java -Xms512m -Xmx1g -cp "$jar" org.transcriptsearch.search.SearchBenchmark "$@" 2>"$log"
