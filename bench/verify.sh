#!/usr/bin/env bash
# migralint verify over a generated 150-migration history: server start, replay, change, rollback check, beside psql
# applying the same history on the same server (bench/VerifyBench.java). Usage: bench/verify.sh [MIGRATIONS] [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$root/target/migralint.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests package)
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
java -cp "$jar" "$here/VerifyBench.java" "${1:-150}" "${2:-1}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
