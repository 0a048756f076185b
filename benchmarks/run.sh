#!/usr/bin/env bash
# The benchmark command (docs/BENCHMARKS.md): builds the agent, the samples and the benchmarks,
# then prints one table on stdout.
#   benchmarks/run.sh [--quick] [--jdk JAVA_HOME]... [--work DIR]
# --quick: a minute or two, to prove it works (CI runs it through BenchmarkQuickModeTest).
# Full mode: JDK 17 and 25 from STASIS_JDKS (':'-separated Java homes), else the running JDK.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -q -B package -DskipTests -pl benchmarks -am >&2
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/runner.classpath")"
exec java -Dstasis.bench.root="$root" -cp "$cp" bench.runner.BenchmarkRun "$@"
