#!/usr/bin/env bash
# Builds the benchmarks module and runs the JMH suite; figures go to BENCHMARKS.md, raw results to bench-results/.
# Usage: bash bench/run-jmh.sh [--quick] [--only training|inference]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build-classpath.sh
exec java -cp "$CP" dev.autoprune.bench.JmhSuite "$@"
