#!/usr/bin/env bash
# What `allocrec top` costs the JVM it watches: the example service (a scope per endpoint, in code)
# under production.jfc, its throughput in windows with `top` attached and without, in ABBA order on
# the same service JVM, measured by the load client in a JVM of its own. Prints each window and the
# median ratio (top on / top off) with its range. `top` runs on the same machine, started by
# ./allocrec as a user starts it (which runs it under nice -n 10).
#   benchmarks/top-cost.sh [PAIRS] [SECONDS]   (defaults: 6 pairs of 15 s windows)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=${1:-6}
seconds=${2:-15}
(cd "$root" && mvn -B -q -DskipTests package -pl cli -am)
cp="$root/cli/target/allocrec.jar:$(printf '%s:' "$root"/cli/target/lib/*.jar)"
log=$(mktemp -d)
trap 'kill $service 2>/dev/null || true; rm -rf "$log"' EXIT

java -XX:+UseParallelGC "-XX:StartFlightRecording:settings=$root/profiles/production.jfc,disk=true,maxage=2m" \
  -cp "$cp" io.allocrec.example.ServiceMain --port 0 --threads 2 > "$log/service.out" 2> "$log/service.err" &
service=$!
until grep -q "listening on" "$log/service.out" 2>/dev/null; do sleep 0.2; done
port=$(sed -n 's/listening on //p' "$log/service.out")
load() {
  java -cp "$cp" io.allocrec.example.LoadClientMain --port "$port" --workers 4 --warmup 2 --seconds "$seconds" \
    | sed -n 's/.* \([0-9.]*\) requests\/s.*/\1/p'
}
echo "service pid $service, port $port; warming up" >&2
load > /dev/null
ratios=()
for ((pair = 0; pair < pairs; pair++)); do
  # ABBA: on-off, then off-on, so a drift in the machine's load falls on both sides alike.
  if ((pair % 2 == 0)); then order="on off"; else order="off on"; fi
  for mode in $order; do
    if [[ $mode == on ]]; then
      "$root/allocrec" top "$service" --interval 1s > "$log/top.out" 2> "$log/top.err" &
      top=$!
      sleep 3
    fi
    rate=$(load)
    if [[ $mode == on ]]; then
      # TERM, not INT: a background job of a non-interactive shell ignores SIGINT, and so does its JVM.
      kill -TERM "$top"; wait "$top" || true
      grep -q "stopped recording" "$log/top.err" || { echo "top did not stop cleanly: $(cat "$log/top.err")" >&2; exit 1; }
      on=$rate
    else
      off=$rate
    fi
    echo "pair $pair top $mode: $rate requests/s" >&2
  done
  ratios+=("$(echo "$on / $off" | bc -l)")
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{r[NR]=$1} END {m = NR % 2 ? r[(NR+1)/2] : (r[NR/2] + r[NR/2+1]) / 2;
  printf "throughput with top / without: median %.4f (range %.4f to %.4f, %d pairs)\n", m, r[1], r[NR], NR}'
