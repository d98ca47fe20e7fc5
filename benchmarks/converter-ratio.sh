#!/usr/bin/env bash
# The ratio of allocrec report's wall time to async-profiler's converter's (jfr-converter 4.2
# --alloc, a flame graph of the whole file) on the same production-like recording, from RUNS
# alternate runs of the two, so that a machine shared with other work slows both alike. Prints each
# pair (wall time, peak RSS) and the median, least and greatest ratio.
#   benchmarks/converter-ratio.sh [DIR] [SIZE_MB] [RUNS]   (defaults: /tmp/allocrec-production-like, 350, 6)
# The recording and the converter's jar are those benchmarks/production-like.sh makes and fetches:
# run it once first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/allocrec-production-like}
size_mb=${2:-350}
runs=${3:-6}
recording="$dir/production-like-${size_mb}mb.jfr"
converter="$dir/jfr-converter-4.2.jar"
for needed in "$recording" "$converter"; do
  [[ -f $needed ]] || { echo "$needed is missing: run benchmarks/production-like.sh $dir $size_mb first" >&2; exit 2; }
done
ratios=()
for ((run = 1; run <= runs; run++)); do
  /usr/bin/time -o "$dir/converter-time.txt" -f '%e %M' java -jar "$converter" --alloc "$recording" "$dir/flame.html" \
    > /dev/null 2>&1
  /usr/bin/time -o "$dir/report-time.txt" -f '%e %M' "$root/allocrec" report "$recording" \
    --scope-event bench.Endpoint --label name --out "$dir/report" > /dev/null 2>&1
  read -r converter_wall converter_rss < "$dir/converter-time.txt"
  read -r report_wall report_rss < "$dir/report-time.txt"
  ratio=$(awk -v r="$report_wall" -v c="$converter_wall" 'BEGIN { printf "%.2f", r / c }')
  ratios+=("$ratio")
  echo "run $run: converter $converter_wall s, $converter_rss KB; report $report_wall s, $report_rss KB; ratio $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ r[NR] = $1 }
  END { median = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
        printf "report / converter wall time over %d runs: median %.2f, least %.2f, greatest %.2f\n", NR, median, r[1], r[NR] }'
