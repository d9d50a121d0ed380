#!/usr/bin/env bash
# Builds the benchmarks module and times each layer of original vs compacted networks; tables go to BENCHMARKS.md.
# Usage: bash bench/run-layer-times.sh [--target 0.1] [--batch 64] [--reps 100] [--nets LENET,VGG_BN]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build-classpath.sh
exec java -cp "$CP" dev.autoprune.bench.LayerTimeBreakdown "$@"
