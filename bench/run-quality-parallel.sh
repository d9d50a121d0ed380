#!/usr/bin/env bash
# Runs the quality benchmark as parts in two single-threaded processes and merges their rows into one
# BENCHMARKS.md section named after the job file. On these 2-core machines a one-thread process trains
# LeNet as fast as a two-thread one, so two parts at a time nearly double the throughput; every part is
# reproducible on its own (each model gets its own seeded batch order).
# Usage: bash bench/run-quality-parallel.sh bench/jobs/NAME.txt
# Job file: '# ...' comments, 'common: OPTIONS' (every part), 'merge: OPTIONS' (the merged table's header),
# optionally 'jvm: JAVA OPTIONS' (each part's JVM; default -Xmx6g), then one part per line: 'PART OPTIONS'.
# Part rows go to bench-results/NAME-PART.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs_file="$1"
section="$(basename "$jobs_file" .txt)"
common="$(sed -n 's/^common: *//p' "$jobs_file")"
merge="$(sed -n 's/^merge: *//p' "$jobs_file")"
jvm="$(sed -n 's/^jvm: *//p' "$jobs_file")"
jvm="${jvm:--Xmx6g}"
source bench/build-classpath.sh
export CP common section jvm
mkdir -p target/quality-parts
run_part() {
  local part="$1"; shift
  # shellcheck disable=SC2086 # options are word-split on purpose
  OMP_NUM_THREADS=1 java $jvm -cp "$CP" dev.autoprune.bench.QualityBenchmark $common "$@" \
    --section "$section-$part" --markdown "target/quality-parts/$section-$part.md" > "target/quality-parts/$section-$part.log" 2>&1
  echo "part $part done (log: target/quality-parts/$section-$part.log)"
}
export -f run_part
grep -v -e '^#' -e '^common:' -e '^merge:' -e '^jvm:' -e '^ *$' "$jobs_file" | xargs -P 2 -L 1 bash -c 'run_part "$@"' _
csvs="$(grep -v -e '^#' -e '^common:' -e '^merge:' -e '^jvm:' -e '^ *$' "$jobs_file" | awk -v s="$section" '{printf "%sbench-results/%s-%s.csv", (NR>1?",":""), s, $1}')"
# shellcheck disable=SC2086
OMP_NUM_THREADS=1 java -cp "$CP" dev.autoprune.bench.QualityBenchmark $common $merge --section "$section" \
  --table-from "$csvs" --command "bash bench/run-quality-parallel.sh $jobs_file"
