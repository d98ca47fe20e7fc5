#!/usr/bin/env bash
# allocrec report against async-profiler's converter (jfr-converter 4.5 --alloc, a flame graph of
# the whole file) on one recording, in RUNS alternate pairs, so that a machine shared with other
# work slows both alike. Each run is timed with /usr/bin/time: wall time, CPU-seconds (user +
# system) and peak RSS. Prints each pair, then for wall time and for CPU-seconds the median of
# the per-pair ratios with the least and greatest, and the medians of both tools' figures.
#   benchmarks/converter-ratio.sh RECORDING [RUNS] [SCOPE_EVENT]   (defaults: 6, bench.Endpoint)
# The scope's label field is `name` (bench.Endpoint's). The converter's jar is fetched once from
# Maven Central into the recording's folder. REPORT_OUT (default: a folder beside the recording)
# is where report writes; ALLOCREC_JAVA_OPTS reaches report's JVM.
# Recordings of three shapes: production-like.sh makes one, and
#   java -XX:TLABSize=2k -XX:-ResizeTLAB -XX:+UseParallelGC \
#     -XX:StartFlightRecording:filename=F,maxsize=0,settings=profiles/allocation.jfc,+bench.Endpoint#enabled=true \
#     -cp benchmarks/target/benchmarks.jar io.allocrec.benchmarks.DeepStackRecording|ManyScopesRecording SIZE_MB
# the other two (benchmarks/PRODUCTION-LIKE.md). ManyScopesRecording closes 2 million scopes a second:
# add -XX:FlightRecorderOptions:memorysize=200m there, or JFR drops some of them (jdk.DataLoss).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
recording=${1:?usage: converter-ratio.sh RECORDING [RUNS] [SCOPE_EVENT]}
runs=${2:-6}
scope_event=${3:-bench.Endpoint}
[[ -f $recording ]] || { echo "$recording is missing" >&2; exit 2; }
dir=$(cd "$(dirname "$recording")" && pwd)
converter_version=4.5
converter="$dir/jfr-converter-$converter_version.jar"
if [[ ! -f $converter ]]; then
  (cd "$root" && mvn -B -q dependency:copy "-Dartifact=tools.profiler:jfr-converter:$converter_version" \
    "-DoutputDirectory=$dir") >&2
fi
out=${REPORT_OUT:-$dir/report}
times=$(mktemp -d)
trap 'rm -rf "$times"' EXIT
# One line per pair: converter wall, CPU, RSS KB; report wall, CPU, RSS KB.
# The launcher builds when a source is newer than its jar: build now, not inside a timed run
# (a run that built measures about 40 CPU-seconds and 700 MB: Maven's, not report's).
"$root/allocrec" --version > /dev/null
for ((run = 1; run <= runs; run++)); do
  /usr/bin/time -o "$times/converter" -f '%e %U %S %M' java -jar "$converter" --alloc "$recording" "$times/flame.html" \
    > /dev/null 2> "$times/converter.err" || { echo "the converter failed: $(tail -1 "$times/converter.err")" >&2; exit 1; }
  /usr/bin/time -o "$times/report" -f '%e %U %S %M' "$root/allocrec" report "$recording" \
    --scope-event "$scope_event" --label name --out "$out" > /dev/null 2> "$times/report.err" \
    || { echo "report failed: $(tail -1 "$times/report.err")" >&2; exit 1; }
  read -r cw cu cs cm < <(tail -1 "$times/converter")
  read -r rw ru rs rm < <(tail -1 "$times/report")
  awk -v cw="$cw" -v cc="$(awk -v u="$cu" -v s="$cs" 'BEGIN { print u + s }')" -v cm="$cm" \
      -v rw="$rw" -v rc="$(awk -v u="$ru" -v s="$rs" 'BEGIN { print u + s }')" -v rm="$rm" -v run="$run" 'BEGIN {
    printf "pair %d: converter %.2f s wall, %.2f CPU-s, %d MB; report %.2f s wall, %.2f CPU-s, %d MB; ratio wall %.2f, CPU %.2f\n",
      run, cw, cc, cm / 1024, rw, rc, rm / 1024, rw / cw, rc / cc
    print cw, cc, cm, rw, rc, rm > "/dev/stderr" }' 2>> "$times/pairs"
done
summary() { # column (1-based) of the pairs file, or a ratio of two columns: median, least, greatest
  awk -v a="$1" -v b="${2:-0}" '{ print b ? $a / $b : $a }' "$times/pairs" | sort -g | awk '{ v[NR] = $1 }
    END { printf "%.2f (%.2f to %.2f)", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'
}
echo "$(basename "$recording"), $runs pairs: median (least to greatest)"
echo "  report / converter, wall time:   $(summary 4 1)"
echo "  report / converter, CPU-seconds: $(summary 5 2)"
echo "  converter: wall $(summary 1) s, CPU $(summary 2) s, peak RSS $(awk '{ print $3 / 1024 }' "$times/pairs" | sort -g | tail -1 | cut -d. -f1) MB at most"
echo "  report:    wall $(summary 4) s, CPU $(summary 5) s, peak RSS $(awk '{ print $6 / 1024 }' "$times/pairs" | sort -g | tail -1 | cut -d. -f1) MB at most"
