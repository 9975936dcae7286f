#!/usr/bin/env bash
# Builds the launcher once, then runs a single-node OpenSearch in the foreground on
# 127.0.0.1:${OPENSEARCH_PORT:-9200}, its data in ${OPENSEARCH_HOME:-search/opensearch/.node}
# (ignored by git). Ctrl-C stops it. OPENSEARCH_HEAP (default 1g) sets the JVM heap.
set -euo pipefail
HOME_DIR="$(realpath -m "${OPENSEARCH_HOME:-$(dirname "$0")/.node}")"
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
    org.stemmaterials.search.LocalNode "$HOME_DIR" "$PORT"
