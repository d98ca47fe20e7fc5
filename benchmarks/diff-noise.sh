#!/usr/bin/env bash
# Measures allocrec diff's noise on DiffNoiseWorkload (six operations as allocrec scopes, sizes
# varying per call, two threads, production.jfc), each run in a fresh JVM with a new seed:
#  - false positives: every pair of RUNS unchanged runs diffed, each name's verdict counted;
#  - detection: one name ("search") made to allocate 1, 2, 3, 5 and 10% more, three runs each,
#    each diffed against an unchanged run; a detection is that name's "regressed".
#   benchmarks/diff-noise.sh [DIR] [RUNS] [CALLS]   (defaults: /tmp/allocrec-diff-noise, 6, 20000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/allocrec-diff-noise}
runs=${2:-6}
calls=${3:-20000}
mkdir -p "$dir"
(cd "$root" && mvn -B -q -Pbenchmarks -DskipTests package -pl benchmarks,cli -am)
bench="$root/benchmarks/target/benchmarks.jar"

record() { # NAME SEED [OPERATION PERCENT]
  local name=$1; shift
  java "-XX:StartFlightRecording:filename=$dir/$name.jfr,settings=$root/profiles/production.jfc" \
    -cp "$bench" io.allocrec.benchmarks.DiffNoiseWorkload "$calls" "$@" 2>/dev/null >/dev/null
}
# Prints "name verdict" per scope name of a diff (exit 7 is a regression, not a failure here).
verdicts() {
  "$root/allocrec" diff "$dir/$1.jfr" "$dir/$2.jfr" --out "$dir/diff-$1-$2" >/dev/null 2>"$dir/err.txt" || [[ $? == 7 ]]
  tail -n +2 "$dir/diff-$1-$2/diff.csv" | cut -d, -f1,2 | tr , ' '
}

for ((i = 1; i <= runs; i++)); do record "base-$i" "$i"; done
pairs=0 names=0 wrong=0
for ((i = 1; i <= runs; i++)); do
  for ((j = i + 1; j <= runs; j++)); do
    pairs=$((pairs + 1))
    while read -r name verdict; do
      names=$((names + 1))
      if [[ $verdict != unchanged ]]; then wrong=$((wrong + 1)); echo "  false $verdict: $name (base-$i vs base-$j)"; fi
    done < <(verdicts "base-$i" "base-$j")
  done
done
echo "false positives: $wrong of $names name comparisons ($pairs pairs of unchanged runs, $calls calls per name)"

for percent in 1 2 3 5 10; do
  caught=0 others=0
  for rep in 1 2 3; do
    record "search-plus-$percent-$rep" "$((100 * percent + rep))" search "$percent"
    while read -r name verdict; do
      if [[ $name == search ]]; then
        [[ $verdict == regressed ]] && caught=$((caught + 1))
      elif [[ $verdict != unchanged ]]; then
        others=$((others + 1))
      fi
    done < <(verdicts "base-$rep" "search-plus-$percent-$rep")
  done
  echo "search +$percent%: caught in $caught of 3 runs; other names not unchanged: $others of 15"
done
