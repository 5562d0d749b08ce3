#!/usr/bin/env bash
# Linear-time benchmark: generates migrations of 1k, 10k and 100k statements (one statement a line, plus one file
# holding all of them on a single line) and times `check` in every output format and `fix --diff` on each.
# The point is the growth ratio between sizes, not the absolute numbers (a shared machine is noisy).
#
#   bench/linear/run.sh [SIZES...]     default: 1000 10000 100000
#
# Env: LINEAR_TIMEOUT (seconds per command, default 300; a command that runs longer is reported as ">T"),
#      MIGRALINT_JAR (default target/migralint.jar, built with `mvn -B package -DskipTests` when missing).
# Output: a Markdown table on stdout (and bench/linear/results.md, not committed).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${MIGRALINT_JAR:-$root/target/migralint.jar}"
limit="${LINEAR_TIMEOUT:-300}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000 10000 100000)
[ -f "$jar" ] || (cd "$root" && mvn -B -q package -DskipTests) || { echo "linear: cannot build $jar" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Statements that each give a finding (and most of them a fix): the worst case for reporters and the fixer.
generate() { # N FILE SEPARATOR
  awk -v n="$1" -v sep="$3" 'BEGIN {
    for (i = 0; i < n; i++) {
      k = i % 4
      if (k == 0) s = "CREATE INDEX idx_" i " ON t" i % 50 " (c" i ");"
      else if (k == 1) s = "ALTER TABLE t" i % 50 " ADD COLUMN c" i " integer NOT NULL DEFAULT 0;"
      else if (k == 2) s = "DROP TABLE t" i ";"
      else s = "ALTER TABLE t" i % 50 " ADD CONSTRAINT fk_" i " FOREIGN KEY (c) REFERENCES u (id);"
      printf "%s%s", s, sep
    }
    printf "\n"
  }' > "$2"
}

# seconds, or ">limit" when killed, "OOM" when the JVM ran out of heap, or "exit N" when the process failed (not 0/1)
timed() {
  local start end rc
  start=$(date +%s.%N)
  timeout "$limit" "$@" >/dev/null 2>"$work/err"
  rc=$?
  end=$(date +%s.%N)
  if [ $rc -eq 124 ]; then echo ">${limit}s"; return; fi
  if grep -q OutOfMemoryError "$work/err"; then echo "OOM"; return; fi
  if [ $rc -gt 1 ]; then echo "exit $rc ($(head -c 60 "$work/err" | tr -d '\n'))"; return; fi
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1fs", e - s }'
}

formats=(text json sarif github gitlab rdjson markdown)
{
  printf '| file | statements |'
  for f in "${formats[@]}"; do printf ' check %s |' "$f"; done
  printf ' fix --diff |\n|---|---:|'
  for f in "${formats[@]}"; do printf -- '---:|'; done
  printf -- '---:|\n'
  for n in "${sizes[@]}"; do
    for shape in lines oneline; do
      dir="$work/$shape-$n"; mkdir -p "$dir/migrations"
      file="$dir/migrations/0001_bench.sql"
      if [ "$shape" = lines ]; then generate "$n" "$file" $'\n'; else generate "$n" "$file" ' '; fi
      printf '| %s | %s |' "$shape" "$n"
      for f in "${formats[@]}"; do
        printf ' %s |' "$(cd "$dir" && timed java -Xmx1g -jar "$jar" check --no-cache --format "$f" "$file")"
      done
      printf ' %s |\n' "$(cd "$dir" && timed java -Xmx1g -jar "$jar" fix --diff "$file")"
    done
  done
} | tee "$here/results.md"
