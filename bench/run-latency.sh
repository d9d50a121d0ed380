#!/usr/bin/env bash
# Builds the benchmarks module, prunes to latency targets with a measured latency model, times the compacted
# networks; rows go to bench-results/latency.csv, the table to BENCHMARKS.md. One thread, as the tables state.
# Usage: bash bench/run-latency.sh [--nets LENET,VGG_BN] [--targets 0.5,0.3] [--batch 64] [--reps 50]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build-classpath.sh
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -cp "$CP" dev.autoprune.bench.LatencyBenchmark "$@"
