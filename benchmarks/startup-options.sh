#!/usr/bin/env bash
# What the JDK's start-up answers give report: JDK 17 as it is, with a class-data-sharing archive
# (AppCDS), with C1 only; JDK 25 as it is and with an AOT cache (JEP 483/514/515). The archive and
# the cache are made once, as a build would, by a training run of report on a checked-in
# recording; then jvm-options.sh times the five in alternate rounds against plain JDK 17.
#   benchmarks/startup-options.sh RECORDING [ROUNDS] [SCOPE_EVENT] [LABEL]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
recording=${1:?usage: startup-options.sh RECORDING [ROUNDS] [SCOPE_EVENT] [LABEL]}
rounds=${2:-5}
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$root/allocrec" --version > /dev/null # builds when needed, outside the training runs
# Plain JDK 17 is the baseline: without the archive the build makes for ./allocrec.
export ALLOCREC_CLASS_ARCHIVE=off
training=(report "$root/analyzer/src/test/resources/recordings/jdk17-openjdk-17.0.2.jfr.gz"
  --scope-event jdk.ThreadPark --out "$work/training")
JAVA_HOME=$jdk17 ALLOCREC_JAVA_OPTS="-XX:ArchiveClassesAtExit=$work/report17.jsa" "$root/allocrec" "${training[@]}" > /dev/null 2>&1
rm -rf "$work/training"
JAVA_HOME=$jdk25 ALLOCREC_JAVA_OPTS="-XX:AOTCacheOutput=$work/report25.aot" "$root/allocrec" "${training[@]}" > /dev/null 2>&1
echo "archive: $(du -h "$work/report17.jsa" | cut -f1) (JDK 17 AppCDS), cache: $(du -h "$work/report25.aot" | cut -f1) (JDK 25 AOT)"
SCOPE_ARGS="--scope-event ${3:-bench.Endpoint} --label ${4:-name}" "$root/benchmarks/jvm-options.sh" "$recording" "$rounds" \
  "jdk17=JAVA_HOME=$jdk17" \
  "jdk17-cds=JAVA_HOME=$jdk17 -XX:SharedArchiveFile=$work/report17.jsa" \
  "jdk17-c1=JAVA_HOME=$jdk17 -XX:TieredStopAtLevel=1" \
  "jdk25=JAVA_HOME=$jdk25" \
  "jdk25-aot=JAVA_HOME=$jdk25 -XX:AOTCache=$work/report25.aot"
