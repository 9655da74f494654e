#!/usr/bin/env bash
# Chaos soak: N harvests of all three vendors from the vendor sandbox through a fault proxy in front of a
# real Elasticsearch, each with random incidents (vendor errors, error bodies, cut-off and slow answers,
# broken and far-future records; bulk items, requests and connections refused; SIGKILL, SIGTERM, two
# harvesters at once), then clean runs until one exits 0. Prints "runs, incidents injected, messages lost,
# messages doubled, conversations wrong" and exits 1 on any loss. ES_URL set: that cluster (its it-* indices
# are deleted); else a throw-away embedded node.
# Usage: bench/chaos.sh [--runs N] [--seed S] [--conversations N per vendor]   (default 50 runs, 40 conversations)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests -pl indexer -am package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test.classpath >/dev/null
CP="indexer/target/test-classes:indexer/target/classes:$(cat indexer/target/test.classpath)"
exec java -Xmx1g -cp "$CP" \
  -Dtranscripts.es.zip="$(ls indexer/target/lib/elasticsearch-*.zip)" \
  -Dtranscripts.plugin.zip="$(ls indexer/target/lib/transcripts-analysis-*.zip)" \
  org.transcriptsearch.indexer.chaos.ChaosRun "$@"
