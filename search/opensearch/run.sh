#!/usr/bin/env bash
# Builds the launcher once, then runs a single-node OpenSearch in the foreground on
# 127.0.0.1:${OPENSEARCH_PORT:-9200}, its data in ${OPENSEARCH_HOME:-search/opensearch/.node}
# (ignored by git). Ctrl-C stops it. OPENSEARCH_HEAP (default 1g) sets the JVM heap.
# OPENSEARCH_MAJOR=3 runs the 3.x node (v3/) on a Java 21+ JDK: OPENSEARCH_JAVA_HOME, else
# the Temurin 25 JDK in /usr/lib/jvm.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
MAJOR="${OPENSEARCH_MAJOR:-2}"
PORT="${OPENSEARCH_PORT:-9200}"
HEAP="${OPENSEARCH_HEAP:-1g}"
case "$MAJOR" in
    2) PROJECT="$HERE" ;;
    3) PROJECT="$HERE/v3"
       export JAVA_HOME="${OPENSEARCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" ;;
    *) echo "OPENSEARCH_MAJOR must be 2 or 3, not $MAJOR" >&2; exit 2 ;;
esac
HOME_DIR="$(realpath -m "${OPENSEARCH_HOME:-$HERE/.node${MAJOR/2/}}")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

cd "$PROJECT"
if [ ! -f target/classpath.txt ] || [ pom.xml -nt target/classpath.txt ] \
        || [ -n "$(find src "$HERE/shared" -newer target/classpath.txt -print -quit)" ]; then
    mvn -q -B package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
exec "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" \
    -Dopensearch.set.netty.runtime.available.processors=false \
    -Dlog4j2.configurationFile=classpath:log4j2.properties \
    -cp "$(ls target/*-node-1.0.jar):$(cat target/classpath.txt)" \
    org.stemmaterials.search.LocalNode "$HOME_DIR" "$PORT"
