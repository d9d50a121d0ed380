#!/usr/bin/env bash
# Sourced by the bench/run-*.sh scripts: builds the benchmarks module (and what it depends on) and sets CP
# to its classpath. Run from the repository root.
mvn -B -q install -DskipTests -pl dl4j-autoprune-benchmarks -am
mvn -B -q dependency:build-classpath -pl dl4j-autoprune-benchmarks -Dmdep.outputFile=target/bench.classpath >/dev/null
CP="dl4j-autoprune-benchmarks/target/classes:$(cat dl4j-autoprune-benchmarks/target/bench.classpath)"
