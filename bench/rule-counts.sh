#!/usr/bin/env bash
# Findings by rule on the Postgres files of the shared corpus (bench/corpus-files.sh), at default settings: for each
# rule its count and findings per 100 statements. Each project's migration directories are checked as a history
# (directories, not named files: a history's migrations were each deployed on their own, see table-created-in-change).
# Usage: bench/rule-counts.sh [JAR] [CORPUS_DIR] > counts.tsv
#   JAR         a migralint jar (default: target/migralint.jar, built by bin/migralint)
#   prints      rule <TAB> findings <TAB> per-100-statements, then a line "total <TAB> findings <TAB> statements"
#   MIGRALINT_ARGS  extra check arguments (e.g. "--config strict.yml")
#   MIGRALINT_JSON  also keep the JSON report there (for bench/sample-findings.py)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="${1:-$here/../target/migralint.jar}"
corpus="$(cd "${2:-$here/../../shared/corpus}" && pwd)"
if [ ! -f "$jar" ]; then
  "$here/../bin/migralint" --version >/dev/null
  jar="$here/../target/migralint.jar"
fi
jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$here/corpus-files.sh" "$corpus" >"$work/files.txt"
xargs -a "$work/files.txt" -n1 dirname | sort -u >"$work/dirs.txt"
# Prisma and Diesel keep one migration per directory: check their parents, so each history is one run.
sed 's|/[^/]*$||' "$work/dirs.txt" | sort -u >"$work/parents.txt"
mapfile -t dirs <"$work/parents.txt"
rc=0
(cd "$corpus" && java -jar "$jar" check --no-cache --format json ${MIGRALINT_ARGS:-} "${dirs[@]}") >"$work/out.json" || rc=$?
if [ "$rc" -gt 1 ] || [ ! -s "$work/out.json" ]; then
  echo "migralint failed with exit status $rc" >&2
  exit "$rc"
fi
if [ -n "${MIGRALINT_JSON:-}" ]; then
  cp "$work/out.json" "$MIGRALINT_JSON"
  cp "$work/files.txt" "$MIGRALINT_JSON.files"
fi
python3 - "$work/files.txt" "$work/out.json" "$corpus" <<'EOF'
import json, sys, collections
wanted = set(open(sys.argv[1]).read().split())
root = sys.argv[3].rstrip("/") + "/"   # with --config, paths are reported absolute
report = json.load(open(sys.argv[2]))
counts, statements = collections.Counter(), 0
for f in report["files"]:
    if f["path"].removeprefix(root) not in wanted:
        continue
    statements += f.get("statements", 0)
    for x in f["findings"]:
        if not x.get("suppressed"):
            counts[x["rule"]] += 1
for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{rule}\t{n}\t{100.0 * n / max(statements, 1):.2f}")
print(f"total\t{sum(counts.values())}\t{statements}")
EOF
