#!/usr/bin/env bash
# Fuzzes every Jazzer target under src/test/java/dev/migralint/fuzz, one after the other, each for the duration its
# @FuzzTest(maxDuration) gives (10 minutes: jazzer-junit 0.24 takes the fuzzing time from the annotation only; in
# `mvn test`, regression mode, it is not used), and prints per target the executions and the findings (crashes).
#
#   bench/fuzz.sh [Class#method ...]
#
# Each target runs as `JAZZER_FUZZ=1 mvn test -Djazzer.hooks=true -Dtest=Class#method`; its
# log goes to bench/results/fuzz/<target>.log. A finding is written by Jazzer under
# src/test/resources/dev/migralint/fuzz/<Class>Inputs/<method>/crash-* and fails the run; it then replays as a
# regression test in `mvn test` (see bench/README.md, "Fuzzing").
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
logs="$here/results/fuzz"
mkdir -p "$logs"
cd "$root"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in src/test/java/dev/migralint/fuzz/*.java; do
    class="$(basename "$f" .java)"
    # a method follows its @FuzzTest annotation
    while read -r method; do targets+=("$class#$method"); done < <(
      awk '/@FuzzTest/ { want = 1; next } want && /void [a-zA-Z0-9_]+\(/ { sub(/.*void /, ""); sub(/\(.*/, ""); print; want = 0 }' "$f")
  done
fi
printf '| target | duration | executions | exec/s | findings | result |\n|---|---|---:|---:|---:|---|\n'
for t in "${targets[@]}"; do
  class="${t%%#*}"; method="${t#*#}"
  inputs="src/test/resources/dev/migralint/fuzz/${class}Inputs/$method"
  before=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  log="$logs/$class-$method.log"
  duration="$(awk -v m="$method" '/@FuzzTest/ { d = $0; sub(/.*maxDuration = "/, "", d); sub(/".*/, "", d) }
    $0 ~ ("void " m "\\(") { print d; exit }' "src/test/java/dev/migralint/fuzz/$class.java")"
  JAZZER_FUZZ=1 mvn -o -B test -Djazzer.hooks=true -Dtest="$t" \
    -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=true >"$log" 2>&1
  rc=$?
  # libFuzzer's closing line: "Done 123456 runs in 30 second(s)"; surefire keeps the test's output in its report.
  out="$(cat "$log" target/surefire-reports/*"$class"*-output.txt 2>/dev/null)"
  runs="$(printf '%s\n' "$out" | grep -oE 'Done [0-9]+ runs in [0-9]+ second' | tail -1)"
  execs="$(printf '%s\n' "$runs" | awk '{print $2}')"
  secs="$(printf '%s\n' "$runs" | awk '{print $5}')"
  if [ -z "$execs" ]; then
    execs="$(printf '%s\n' "$out" | grep -oE '^#[0-9]+' | tail -1 | tr -d '#')"
  fi
  rate=""
  [ -n "$execs" ] && [ -n "$secs" ] && [ "$secs" -gt 0 ] && rate=$((execs / secs))
  after=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  result=$([ $rc -eq 0 ] && echo ok || echo "FAILED (exit $rc, see $log)")
  printf '| %s | %s | %s | %s | %s | %s |\n' "$t" "$duration" "${execs:-?}" "${rate:-?}" "$((after - before))" "$result"
done
