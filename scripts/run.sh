#!/usr/bin/env bash
# Builds the fat jar if needed and starts one Herald node with the embedded defaults
# (conf/config.json, overridden by HERALD_* environment variables). Without HERALD_JWT_SECRET the
# node generates a secret and prints demo tokens and a curl command to publish an event.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/herald.jar ] || [ -n "$(find src pom.xml -newer target/herald.jar -print -quit)" ]; then
  mvn -B -q -DskipTests package
fi
exec java ${JAVA_OPTS:-} -jar target/herald.jar "$@"
