#!/usr/bin/env bash
# JVM sizing benchmark (JVM-SIZING.md §5): every workload under -Xmx=L, L/1.2, MaxRAMPercentage=75, Paketo and
# Berth, side by side on the local Docker engine. Prints one table and writes it to $BERTH_STATE/bench/.
#   scripts/bench-jvm-sizing.sh --quick          # JDK 17, W1/W3/W8, 256/512/1024 MiB: a few minutes
#   scripts/bench-jvm-sizing.sh                  # full matrix (see docs/BENCHMARKS.md for its duration)
#   options: --reps N  --limits 256,512,...  --workers N  --out FILE
set -euo pipefail
cd "$(dirname "$0")/.."
target="${BERTH_TARGET:-target}"
cp_file="cluster-runtime/server/${target}/bench-classpath.txt"
mvn -B -q -Dberth.target="${target}" -pl cluster-runtime/server -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile="$(pwd)/${cp_file}" -Dmdep.includeScope=test
server="cluster-runtime/server/${target}"
exec java -cp "${server}/test-classes:${server}/classes:$(cat "${cp_file}")" \
  dev.berth.runtime.sizing.bench.SizingBench "$@"
