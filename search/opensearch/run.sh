#!/usr/bin/env bash
# Builds the launcher once, then runs a single-node OpenSearch in the foreground on
# 127.0.0.1:${OPENSEARCH_PORT:-9200}, data in search/opensearch/.node/ (ignored). Ctrl-C stops it.
# OPENSEARCH_HEAP (default 1g) sets the JVM heap.
set -euo pipefail
cd "$(dirname "$0")"
PORT="${OPENSEARCH_PORT:-9200}"
HEAP="${OPENSEARCH_HEAP:-1g}"
if [ ! -f target/classpath.txt ] || [ pom.xml -nt target/classpath.txt ] \
        || [ -n "$(find src -newer target/classpath.txt -print -quit)" ]; then
    mvn -q -B package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
exec java -Xms"$HEAP" -Xmx"$HEAP" \
    -Dopensearch.set.netty.runtime.available.processors=false \
    -Dlog4j2.configurationFile=classpath:log4j2.properties \
    -cp "target/opensearch-node-1.0.jar:$(cat target/classpath.txt)" \
    org.stemmaterials.search.LocalNode .node "$PORT"
