#!/usr/bin/env bash
# One machine vs Spark local[2] on Fashion-MNIST: the LeNet of SparkAutoPruneTest (10 outputs) pruned to
# T = 0.5 both ways for the same epochs on the same images, plus the unpruned Spark control
# (dev.autoprune.spark.SparkBenchmark, test sources of dl4j-autoprune-spark). Needs the Fashion-MNIST IDX
# files in /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist). Appends the table rows
# to bench-results/spark-vs-one-machine-fmnist.txt. Arguments: training images (default 6000) and seeds
# (default 1 2 3); about 25 minutes per seed at 6,000 images on 2 busy cores. MVN_FLAGS passes flags to
# Maven (e.g. MVN_FLAGS=-o for an offline build). Nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
images=${1:-6000}
shift || true
seeds=${*:-1 2 3}
mvn -B -q ${MVN_FLAGS:-} test-compile -Pcpu,spark -pl dl4j-autoprune-spark -am
mvn -B -q ${MVN_FLAGS:-} dependency:build-classpath -Pcpu,spark -pl dl4j-autoprune-spark -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/spark-bench.classpath
deps=$(tr ':' '\n' < dl4j-autoprune-spark/target/spark-bench.classpath | grep -v 'dl4j-autoprune-' | paste -sd: -)
cp="dl4j-autoprune-spark/target/test-classes:dl4j-autoprune-spark/target/classes"
cp="$cp:dl4j-autoprune-listener/target/classes:dl4j-autoprune-layers/target/classes"
cp="$cp:dl4j-autoprune-examples/target/classes:$deps"
opens=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' dl4j-autoprune-spark/pom.xml)
mkdir -p bench-results
for seed in $seeds; do
  # shellcheck disable=SC2086
  java -Xmx6g $opens -cp "$cp" dev.autoprune.spark.SparkBenchmark "$seed" "$images" \
    bench-results/spark-vs-one-machine-fmnist.txt 2>/dev/null | grep '^|'
done
