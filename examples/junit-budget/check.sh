#!/usr/bin/env bash
# Runs this user's project on one JUnit version (the first argument) and checks the outcome:
# two budgets pass, and the third fails with allocrec-junit's message, not with a JUnit or class
# loading error (before allocrec-junit's API went to provided scope, JUnit 5.11 died with
# NoClassDefFoundError: org/junit/platform/engine/OutputDirectoryCreator). Needs allocrec installed
# in the local Maven repository (.ci/run does it); extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
version=$1
shift
mvn -B -q "$@" -Djunit.version="$version" -Dmaven.test.failure.ignore=true clean test >target.log 2>&1 \
    || { cat target.log >&2; echo "junit-budget on JUnit $version: the build failed" >&2; exit 1; }
report=target/surefire-reports/TEST-com.example.OrderLineParserTest.xml
[[ -f $report ]] || { cat target.log >&2; echo "junit-budget on JUnit $version: no test report" >&2; exit 1; }
fail() { echo "junit-budget on JUnit $version: $1" >&2; cat "$report" >&2; exit 1; }
grep -q 'tests="3" errors="0" skipped="0" failures="1"' "$report" || fail "not 3 tests with 1 failure and no error"
# The failure is the over-budget test's, with the sentence: 100,016 bytes for the array (16 of header) and
# JUnit's reflective call (16 bytes on 5.14), never less.
message=$(grep -o 'message="OrderLineParserTest.copiesABufferOverItsBudget() allocated [^"]*"' "$report") \
    || fail "copiesABufferOverItsBudget did not fail with allocrec's message"
[[ $message =~ allocated\ ([0-9,]+)\ bytes,\ [0-9,]+\ bytes\ \([0-9,.]+%\)\ over\ its\ budget\ of\ 1,024\ bytes\ \(exact:\ the\ thread\&apos\;s\ allocation\ counter\)\. ]] \
    || fail "unexpected message: $message"
allocated=${BASH_REMATCH[1]//,/}
(( allocated >= 100016 && allocated < 110000 )) || fail "allocated $allocated bytes, not about 100,016"
# The user's JUnit is the only one on the test class path: allocrec-junit brings none of its own.
mvn -B -q "$@" -Djunit.version="$version" dependency:list -DincludeGroupIds=org.junit.jupiter -DoutputFile=junit.list >/dev/null
others=$(grep -o 'org.junit.jupiter:[a-z-]*:jar:[^:]*' junit.list | grep -v ":$version\$" || true)
[[ -z $others ]] || fail "another JUnit on the class path: $others"
rm -f target.log junit.list
sentence=${message#message=\"}
echo "junit-budget on JUnit $version: 2 budgets passed, 1 failed as expected: ${sentence%%&#10;*}" | sed "s/&apos;/'/g"
