#!/usr/bin/env bash
# One machine vs Spark local[2]: the LeNet of SparkAutoPruneTest pruned to T = 0.5 both ways, plus unpruned
# controls (dev.autoprune.spark.SparkBenchmark, test sources of dl4j-autoprune-spark). Prints the table rows
# and writes them to bench-results/spark-vs-one-machine.txt. About 7 minutes on 2 cores. MVN_FLAGS passes
# flags to Maven (e.g. MVN_FLAGS=-o for an offline build).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MVN_FLAGS:-} test-compile -Pcpu,spark -pl dl4j-autoprune-spark -am
mvn -B -q ${MVN_FLAGS:-} dependency:build-classpath -Pcpu,spark -pl dl4j-autoprune-spark -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/spark-bench.classpath
deps=$(tr ':' '\n' < dl4j-autoprune-spark/target/spark-bench.classpath | grep -v 'dl4j-autoprune-' | paste -sd: -)
cp="dl4j-autoprune-spark/target/test-classes:dl4j-autoprune-spark/target/classes"
cp="$cp:dl4j-autoprune-listener/target/classes:dl4j-autoprune-layers/target/classes:$deps"
opens=$(sed -n 's:.*<spark.java17.opens>\(.*\)</spark.java17.opens>.*:\1:p' dl4j-autoprune-spark/pom.xml)
mkdir -p bench-results
# shellcheck disable=SC2086
java -Xmx6g $opens -cp "$cp" dev.autoprune.spark.SparkBenchmark 2>/dev/null | grep '^|' | tee bench-results/spark-vs-one-machine.txt
