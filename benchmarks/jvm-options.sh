#!/usr/bin/env bash
# report under several JVMs or sets of JVM options, in rounds that run each set once in turn (a
# machine shared with other work slows all alike); each run timed with /usr/bin/time. Prints, per
# set, the median (least to greatest) of its CPU-seconds and wall time over the first set's in
# the same round, its median CPU-seconds and its highest peak RSS.
#   benchmarks/jvm-options.sh RECORDING ROUNDS NAME=[JAVA_HOME=DIR] OPTIONS ...
# ALLOCREC_JAVA_OPTS carries each set's options; they come after report's own and win. A set may
# start with JAVA_HOME=DIR to run on another JDK. SCOPE_ARGS (default: --scope-event
# bench.Endpoint --label name) is passed to report. What report's JIT options were measured
# against (the JDK's defaults for the same flags):
#   benchmarks/jvm-options.sh F 4 "jdk-defaults=-XX:MaxInlineSize=35 -XX:MaxInlineLevel=15
#     -XX:InlineSmallCode=2500 -XX:Tier4InvocationThreshold=5000 -XX:Tier4MinInvocationThreshold=600
#     -XX:Tier4CompileThreshold=15000 -XX:Tier4BackEdgeThreshold=40000" "as-built="
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
recording=${1:?usage: jvm-options.sh RECORDING ROUNDS NAME=[JAVA_HOME=DIR] OPTIONS ...}
rounds=${2:?usage: jvm-options.sh RECORDING ROUNDS NAME=[JAVA_HOME=DIR] OPTIONS ...}
shift 2
sets=("$@")
read -r -a scope_args <<< "${SCOPE_ARGS:---scope-event bench.Endpoint --label name}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/allocrec" --version > /dev/null # builds when needed, outside the timed runs
for ((round = 1; round <= rounds; round++)); do
  for set in "${sets[@]}"; do
    name=${set%%=*} options=${set#*=} home=${JAVA_HOME:-}
    if [[ $options == JAVA_HOME=* ]]; then
      read -r home options <<< "${options#JAVA_HOME=}"
    fi
    rm -rf "$work/out"
    JAVA_HOME=$home ALLOCREC_JAVA_OPTS=$options /usr/bin/time -o "$work/time" -f '%e %U %S %M' "$root/allocrec" \
      report "$recording" "${scope_args[@]}" --out "$work/out" > /dev/null 2> "$work/err" \
      || { echo "$name failed: $(tail -1 "$work/err")" >&2; exit 1; }
    awk '{ print $1, $2 + $3, $4 }' "$work/time" >> "$work/$name"
  done
done
med() { sort -g | awk '{ x[NR] = $1 } END { printf "%.2f (%.2f to %.2f)", NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2, x[1], x[NR] }'; }
first=${sets[0]%%=*}
echo "$(basename "$recording"), $rounds rounds: median (least to greatest) over $first in the same round"
for set in "${sets[@]}"; do
  name=${set%%=*}
  paste -d' ' "$work/$first" "$work/$name" > "$work/pairs"
  printf "  %-14s CPU-s %s  wall %s  (CPU-s %s, peak RSS %d MB at most)\n" "$name" \
    "$(awk '{ print $5 / $2 }' "$work/pairs" | med)" "$(awk '{ print $4 / $1 }' "$work/pairs" | med)" \
    "$(cut -d' ' -f5 "$work/pairs" | med)" "$(cut -d' ' -f6 "$work/pairs" | sort -g | tail -1 | awk '{ print int($1 / 1024) }')"
done
