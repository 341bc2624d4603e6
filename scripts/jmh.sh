#!/usr/bin/env bash
# JMH microbenchmarks of the hot paths (trie matching at 10^5 and 10^6 subscriptions, frame
# encoding, routing lookup). Usage: scripts/jmh.sh [extra JMH options]; defaults are short runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/test-classpath.sh
test_classpath
CP=$TEST_CP
exec java -Xmx4g -cp "$CP" org.openjdk.jmh.Main io.herald.bench.HotPathBenchmarks \
  -f 1 -wi 3 -w 2s -i 5 -r 2s "$@"
