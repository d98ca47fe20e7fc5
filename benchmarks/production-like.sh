#!/usr/bin/env bash
# Times allocrec report on a production-like recording (ProductionLikeRecording: a shop service's
# endpoints as bench.Endpoint events, some nested, deep and varied stacks) against async-profiler's
# converter (jfr-converter 4.5, --alloc to a flame graph) and JDK 25's `jfr summary` and
# `jfr view allocation-by-class`, each measured with /usr/bin/time (wall time, peak RSS).
#   benchmarks/production-like.sh [DIR] [SIZE_MB]   (defaults: /tmp/allocrec-production-like, 350)
# The recording (DIR/production-like-SIZE_MBmb.jfr) is made once and reused. Needs a JDK 25 for
# `jfr view` (set JDK25_HOME; default /usr/lib/jvm/temurin-25-jdk-amd64). ALLOCREC_JAVA_OPTS
# reaches allocrec report (for example -Xmx3g). A tool that fails does not stop the others.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/allocrec-production-like}
size_mb=${2:-350}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
converter_version=4.5
converter="$dir/jfr-converter-$converter_version.jar"
mkdir -p "$dir"
(cd "$root" && mvn -B -q -Pbenchmarks -DskipTests package -pl benchmarks,cli -am)
bench="$root/benchmarks/target/benchmarks.jar"
recording="$dir/production-like-${size_mb}mb.jfr"
if [[ ! -f $recording ]]; then
  echo "making $recording ..." >&2
  # maxsize=0: without a limit JFR keeps only the last 250 MB, silently dropping the first chunks.
  # The .part name keeps an interrupted run from leaving a recording that looks complete.
  java -XX:TLABSize=2k -XX:-ResizeTLAB -XX:+UseParallelGC \
    "-XX:StartFlightRecording:filename=$recording.part,maxsize=0,settings=$root/profiles/allocation.jfc,+bench.Endpoint#enabled=true" \
    -cp "$bench" io.allocrec.benchmarks.ProductionLikeRecording "$size_mb" >&2
  mv "$recording.part" "$recording"
fi
if [[ ! -f $converter ]]; then
  mvn -B -q dependency:copy "-Dartifact=tools.profiler:jfr-converter:$converter_version" "-DoutputDirectory=$dir" >&2 \
    || echo "jfr-converter $converter_version did not resolve: find its coordinates with mvn dependency:get" >&2
fi
ls -l "$recording"
"$jdk25/bin/jfr" summary "$recording" | grep -E 'Chunks:|ObjectAllocationSample|bench.Endpoint'

# Prints "LABEL: W s wall, peak RSS R KB", and the exit code with the last line of stderr when the
# tool failed; leaves the wall time in $wall and the exit code in $code. Peak RSS is the largest
# process's: for allocrec report, the JVM it forks.
measure() {
  local label=$1; shift
  code=0
  /usr/bin/time -o "$dir/time.txt" -f '%e s wall, peak RSS %M KB' "$@" > "$dir/out.txt" 2> "$dir/err.txt" || code=$?
  wall=$(awk 'END { print $1 }' "$dir/time.txt")
  if ((code == 0)); then
    echo "$label: $(tail -1 "$dir/time.txt")"
  else
    echo "$label: $(tail -1 "$dir/time.txt"), exit $code: $(tail -1 "$dir/err.txt")"
  fi
}
converter_wall= converter_code=none
if [[ -f $converter ]]; then
  measure "jfr-converter $converter_version --alloc (flame graph)" java -jar "$converter" --alloc "$recording" "$dir/flame.html"
  converter_wall=$wall converter_code=$code
fi
measure "allocrec report --scope-event bench.Endpoint${ALLOCREC_JAVA_OPTS:+ (ALLOCREC_JAVA_OPTS=$ALLOCREC_JAVA_OPTS)}" \
  "$root/allocrec" report "$recording" --scope-event bench.Endpoint --label name --out "$dir/report"
allocrec_wall=$wall allocrec_code=$code
measure "jfr summary (JDK 25)" "$jdk25/bin/jfr" summary "$recording"
measure "jfr view allocation-by-class (JDK 25)" "$jdk25/bin/jfr" view allocation-by-class "$recording"
if [[ $converter_code == 0 && $allocrec_code == 0 ]]; then
  awk -v a="$allocrec_wall" -v c="$converter_wall" 'BEGIN { printf "allocrec report / jfr-converter wall time: %.2f\n", a / c }'
else
  echo "allocrec report / jfr-converter wall time: n/a (converter: exit $converter_code, allocrec report: exit $allocrec_code)"
fi
