#!/usr/bin/env bash
# Builds the benchmarks module, prunes to latency targets with a measured latency model, compares with
# FLOPs-targeted AutoPrune and uniform L1 at equal predicted latency, times the compacted networks; rows go to
# bench-results/SECTION.csv, the table to BENCHMARKS.md section SECTION (default latency-NETS). One thread.
# Usage: bash bench/run-latency.sh [--nets LENET,VGG_BN,RESIDUAL] [--targets 0.5,0.3] [--batch 64] [--reps 30]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build-classpath.sh
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
exec java -cp "$CP" dev.autoprune.bench.LatencyBenchmark "$@"
