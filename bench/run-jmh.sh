#!/usr/bin/env bash
# Builds the benchmarks module and runs the JMH suite; figures go to BENCHMARKS.md, raw results to bench-results/.
# Usage: bash bench/run-jmh.sh [--quick] [--only training|inference]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl dl4j-autoprune-benchmarks -am
mvn -B -q dependency:build-classpath -pl dl4j-autoprune-benchmarks -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="dl4j-autoprune-benchmarks/target/classes:$(cat dl4j-autoprune-benchmarks/target/bench.classpath)"
exec java -cp "$CP" dev.autoprune.bench.JmhSuite "$@"
