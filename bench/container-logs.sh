#!/usr/bin/env bash
# Container log pipeline and start-up benchmarks (docs/performance.md). Needs the engine (bash .ci/engine up).
#   bash bench/container-logs.sh [logMB=100] [syntheticMB=1024] [reps=5] [heap=64m]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/fake-builder/build.sh"
cd "$root/core"
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
exec java "-Xmx${4:-64m}" -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" \
    io.jenkins.plugins.capi.bench.LogPipelineBenchmark "${1:-100}" "${2:-1024}" "${3:-5}"
