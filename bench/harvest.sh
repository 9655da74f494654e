#!/usr/bin/env bash
# Harvest benchmark: a full CXone harvest of >= 1,000,000 messages from the vendor sandbox (no rate limits)
# into Elasticsearch, then a raw _bulk of the same documents; prints messages/s for both, the ratio and the
# harvester's peak heap. The harvester runs with -Xmx512m. ES_URL set: that cluster; else a throw-away
# embedded node. Usage: bench/harvest.sh [--conversations N] [--seed N] [--index-stats] [--redact PAIRS | --metrics PAIRS]
# (default 120000 conversations). --redact PAIRS: instead of the raw load, PAIRS pairs of harvests without and
# with privacy: redact: all, alternating, and the ratio of their rates; --metrics PAIRS: the same without and with
# the Prometheus meters of harvest --watch --metrics-port.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=indexer/target/indexer.jar
if [ ! -f "$JAR" ]; then
  mvn -q -DskipTests -pl indexer -am package
fi
exec java -Xmx512m -cp "$JAR" org.transcriptsearch.indexer.bench.HarvestBenchmark "$@"
