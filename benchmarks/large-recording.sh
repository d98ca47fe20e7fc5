#!/usr/bin/env bash
# Times allocrec report on a large recording against JDK 25's `jfr view allocation-by-class`,
# `jfr summary` and a full JMC load, each measured with /usr/bin/time (wall time, peak RSS).
#   benchmarks/large-recording.sh [DIR]      (default DIR: /tmp/allocrec-large)
# Needs a JDK 25 for `jfr view` (set JDK25_HOME; default /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/allocrec-large}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$dir"
mvn -B -q -f "$root/pom.xml" -Pbenchmarks -DskipTests package -pl benchmarks,cli -am
bench="$root/benchmarks/target/benchmarks.jar"
recording="$dir/large.jfr"
if [[ ! -f $recording ]]; then
  echo "making $recording ..." >&2
  java -XX:TLABSize=2k -XX:-ResizeTLAB -XX:+UseParallelGC \
    "-XX:StartFlightRecording:filename=$recording,settings=$root/profiles/allocation.jfc,+bench.Build#enabled=true" \
    -cp "$bench" io.allocrec.benchmarks.LargeRecording 35000 2>/dev/null
fi
ls -l "$recording"
"$jdk25/bin/jfr" summary "$recording" | grep -E 'ObjectAllocationSample|bench.Build'
measure() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, peak RSS %M KB" "$@" > "$dir/out.txt" 2> "$dir/err.txt" || true; tail -1 "$dir/err.txt"; }
measure "allocrec report --scope-event bench.Build" "$root/allocrec" report "$recording" --scope-event bench.Build --label name --out "$dir/report"
measure "jfr view allocation-by-class (JDK 25)" "$jdk25/bin/jfr" view allocation-by-class "$recording"
measure "jfr summary (JDK 25)" "$jdk25/bin/jfr" summary "$recording"
measure "full JMC load (JMC 9.1.1, default heap)" java -cp "$bench" io.allocrec.benchmarks.FullJmcLoad "$recording"
measure "full JMC load (JMC 9.1.1, -Xmx1500m)" java -Xmx1500m -cp "$bench" io.allocrec.benchmarks.FullJmcLoad "$recording"
