#!/usr/bin/env bash
# What the JDK's start-up answers give report: JDK 17 as it is, with a class-data-sharing archive
# (AppCDS), with C1 only; JDK 25 as it is and with an AOT cache (JEP 483/514/515). The archive and
# the cache are made once, as a build would, by a training run of report on a checked-in
# recording. Then RUNS rounds, each running every variant once in turn, so a busy machine slows
# all alike; each run timed with /usr/bin/time. Prints, per variant, the median (least to
# greatest) of its CPU-seconds and wall time divided by plain JDK 17's of the same round.
#   benchmarks/startup-options.sh RECORDING [RUNS] [SCOPE_EVENT] [LABEL]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
recording=${1:?usage: startup-options.sh RECORDING [RUNS] [SCOPE_EVENT] [LABEL]}
runs=${2:-5}
scope_event=${3:-bench.Endpoint}
label=${4:-name}
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/allocrec" --version > /dev/null # builds when needed, outside the timed runs
training=(report "$root/analyzer/src/test/resources/recordings/jdk17-openjdk-17.0.2.jfr.gz"
  --scope-event jdk.ThreadPark --out "$work/training")
JAVA_HOME=$jdk17 ALLOCREC_JAVA_OPTS="-XX:ArchiveClassesAtExit=$work/report17.jsa" "$root/allocrec" "${training[@]}" > /dev/null 2>&1
rm -rf "$work/training"
JAVA_HOME=$jdk25 ALLOCREC_JAVA_OPTS="-XX:AOTCacheOutput=$work/report25.aot" "$root/allocrec" "${training[@]}" > /dev/null 2>&1
echo "archive: $(du -h "$work/report17.jsa" | cut -f1) (JDK 17 AppCDS), cache: $(du -h "$work/report25.aot" | cut -f1) (JDK 25 AOT)"
variants=("jdk17" "jdk17-cds" "jdk17-c1" "jdk25" "jdk25-aot")
run() { # variant: prints wall, CPU-s, peak RSS KB
  local home=$jdk17 opts=""
  case $1 in
    jdk17-cds) opts="-XX:SharedArchiveFile=$work/report17.jsa" ;;
    jdk17-c1) opts="-XX:TieredStopAtLevel=1" ;;
    jdk25) home=$jdk25 ;;
    jdk25-aot) home=$jdk25 opts="-XX:AOTCache=$work/report25.aot" ;;
  esac
  rm -rf "$work/out"
  JAVA_HOME=$home ALLOCREC_JAVA_OPTS=$opts /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$root/allocrec" report "$recording" \
    --scope-event "$scope_event" --label "$label" --out "$work/out" > /dev/null 2> "$work/err" \
    || { echo "$1 failed: $(tail -1 "$work/err")" >&2; exit 1; }
  awk '{ printf "%s %s %s\n", $1, $2 + $3, $4 }' "$work/time"
}
for ((round = 1; round <= runs; round++)); do
  line="round $round:"
  for v in "${variants[@]}"; do
    read -r wall cpu rss < <(run "$v")
    echo "$v $wall $cpu $rss" >> "$work/runs-$round"
    line+=" $v ${wall}s/${cpu}cpu"
  done
  echo "$line"
done
echo "$(basename "$recording"), $runs rounds: median (least to greatest) of each variant over plain JDK 17 in its round"
for v in "${variants[@]}"; do
  for ((round = 1; round <= runs; round++)); do
    awk -v v="$v" '$1 == "jdk17" { w = $2; c = $3 } $1 == v { vw = $2; vc = $3; vm = $4 } END { print vw / w, vc / c, vc, vm }' "$work/runs-$round"
  done > "$work/ratios-$v"
  med() { sort -g | awk '{ x[NR] = $1 } END { printf "%.2f (%.2f to %.2f)", NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2, x[1], x[NR] }'; }
  printf "  %-10s wall %s  CPU-s %s  (CPU-s median %s, peak RSS %s MB at most)\n" "$v" \
    "$(cut -d' ' -f1 "$work/ratios-$v" | med)" "$(cut -d' ' -f2 "$work/ratios-$v" | med)" \
    "$(cut -d' ' -f3 "$work/ratios-$v" | sort -g | awk '{ x[NR] = $1 } END { print x[int((NR + 1) / 2)] }')" \
    "$(cut -d' ' -f4 "$work/ratios-$v" | sort -g | tail -1 | awk '{ printf "%d", $1 / 1024 }')"
done
