#!/usr/bin/env bash
# Builds the benchmarks module and runs the pruning-quality benchmark; tables go to BENCHMARKS.md.
# Usage: bash bench/run-quality.sh [--quick] [options; --help lists them]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build-classpath.sh
exec java -Xmx8g -cp "$CP" dev.autoprune.bench.QualityBenchmark "$@"
