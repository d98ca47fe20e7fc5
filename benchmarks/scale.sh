#!/usr/bin/env bash
# Reports on recordings that stress what a report holds at once, each timed with /usr/bin/time at
# the launcher's default settings: two million short scopes in about 20 s (allocrec scopes,
# production.jfc), and thousands of virtual threads at once (JDK 25, jdk.MethodTrace as scopes).
#   benchmarks/scale.sh [DIR] [SCOPES] [VIRTUAL_THREADS]   (defaults: /tmp/allocrec-scale, 2000000, 1500)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-/tmp/allocrec-scale}
scopes=${2:-2000000}
virtual=${3:-1500}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mkdir -p "$dir"
(cd "$root" && mvn -B -q -Pbenchmarks -DskipTests package -pl benchmarks,cli -am)
bench="$root/benchmarks/target/benchmarks.jar"
measure() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, peak RSS %M KB" "$@" > "$dir/out.txt" 2> "$dir/err.txt" || echo "$label: exit $?"; tail -1 "$dir/err.txt"; tail -2 "$dir/out.txt"; }

java "-XX:StartFlightRecording:filename=$dir/scopes.jfr,settings=$root/profiles/production.jfc" \
  -cp "$bench" io.allocrec.benchmarks.ScaleWorkload scopes "$scopes" 2>/dev/null
ls -l "$dir/scopes.jfr"
measure "report, $scopes scopes" "$root/allocrec" report "$dir/scopes.jfr" --out "$dir/scopes-report"

"$jdk25/bin/java" "-XX:StartFlightRecording:filename=$dir/virtual.jfr,settings=$root/profiles/production.jfc,+jdk.MethodTrace#enabled=true,+jdk.MethodTrace#threshold=0ms,+jdk.MethodTrace#filter=io.allocrec.benchmarks.ScaleWorkload::handle" \
  -cp "$bench" io.allocrec.benchmarks.ScaleWorkload virtual "$virtual" 2>/dev/null
ls -l "$dir/virtual.jfr"
measure "report, $virtual virtual threads" "$root/allocrec" report "$dir/virtual.jfr" --scope-event jdk.MethodTrace --label method --out "$dir/virtual-report"
