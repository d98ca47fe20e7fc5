#!/usr/bin/env bash
# The estimator's evaluation (README, "Scopes in production"): each workload of
# io.allocrec.benchmarks.estimate.Workload in a fresh JVM per seed, reported on with its own scope
# events, every name's sampled figure and interval scored against the exact bytes of its calls.
# Prints one line per (name, run) and the table; writes DIR/results.csv. Recordings in DIR are reused.
#   benchmarks/estimate.sh [DIR] [SECONDS] [SEEDS]   (defaults: /tmp/allocrec-estimate, 12, 1,2)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/allocrec-estimate}
seconds=${2:-12}
seeds=${3:-1,2}
(cd "$root" && mvn -B -q -Pbenchmarks -DskipTests package -pl benchmarks -am)
cd "$root"
java -cp benchmarks/target/benchmarks.jar io.allocrec.benchmarks.estimate.EstimateSuite "$dir" "$seconds" "$seeds" \
  evaluated calibration
