#!/usr/bin/env bash
# Starts Vigil's example server (embedded Jetty + VigilServlet + H2 file store under ./data/ + examples/vigil-demo.yaml),
# building the runnable jar first when it is missing or older than the sources.
#   ./run-example.sh [--port 8080] [--host 127.0.0.1] [--prefix /monitoring] [--config FILE] [--db jdbc:h2:file:./data/vigil|memory|jdbc:postgresql://...]
# Credentials: VIGIL_API_KEY, VIGIL_API_TOKEN, VIGIL_BASIC_AUTH=user:password (generated and printed when unset).
set -euo pipefail
cd "$(dirname "$0")"

JAR=examples/target/vigil-examples.jar
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src ./examples/vigil-demo.yaml -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  echo "Building $JAR ..." >&2
  mvn -B -q -DskipTests package -pl examples -am
fi
exec java -jar "$JAR" "$@"
