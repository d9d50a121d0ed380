#!/usr/bin/env bash
# Builds the benchmarks module and runs the pruning-quality benchmark; tables go to BENCHMARKS.md.
# Usage: bash bench/run-quality.sh [--quick] [options; --help lists them]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl dl4j-autoprune-benchmarks -am
mvn -B -q dependency:build-classpath -pl dl4j-autoprune-benchmarks -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="dl4j-autoprune-benchmarks/target/classes:$(cat dl4j-autoprune-benchmarks/target/bench.classpath)"
exec java -Xmx8g -cp "$CP" dev.autoprune.bench.QualityBenchmark "$@"
