#!/usr/bin/env bash
# Whole-process benchmarks: migralint against squawk on the same files in the same run, plus a Java hello-world
# started the same way as migralint (the floor for a JVM tool's start-up).
#
#   bench/run.sh                 all scenarios, BENCH_RUNS (default 7) interleaved runs each, medians
#   bench/run.sh corpus|staged|history|small   one scenario
#   BASELINE=DIR bench/run.sh ...  also runs DIR/bin/migralint (another checkout, e.g. a clone of main built with
#                                  `mvn -DskipTests package`) beside this one's, interleaved: before and after
#   JAVA_HOME=... bench/run.sh ... the JDK both launchers and the hello-world run on
#
# Scenarios:
#   corpus   the Postgres files of ../shared/corpus (bench/corpus-files.sh): cold (--no-cache) and warm (result cache)
#   staged   one small staged file: what the pre-commit hook runs (check --staged), in a fresh git repository and in
#            a project (a feature branch of a repository holding a corpus project's 163 committed migrations and a
#            .migralint.yml; once as just branched, once a commit ahead); check FILE and squawk FILE on the same file
#   history  a generated ~20 MB migration history (bench/GenerateHistory.java), cold and warm
#   small    many small files of other projects (bench/small-files-corpus.sh assembles them from fetched mirrors into
#            SMALL_CORPUS, default bench/results/small-corpus): cold against squawk
#
# Each command runs BENCH_RUNS times, the commands of a scenario in turn (so a busy machine slows all of them alike);
# wall time is measured around the process, peak RSS by /usr/bin/time. Results: bench/results/latest.md.
# Needs: java 17+, mvn (first build), node/npm (squawk-cli, pinned in bench/package.json), GNU time (apt-get install time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
corpus="${CORPUS:-$root/../shared/corpus}"
runs="${BENCH_RUNS:-7}"
results="$here/results"
mkdir -p "$results"
what="${1:-all}"

command -v /usr/bin/time >/dev/null || { echo "bench: GNU time is needed (apt-get install time)" >&2; exit 2; }

# --- tools ------------------------------------------------------------------------------------------------------
if [ ! -x "$here/node_modules/.bin/squawk" ]; then
  (cd "$here" && npm install --no-audit --no-fund >/dev/null)
fi
# The platform binary itself: the npm wrapper would add a node start-up (~40 ms) to every squawk run.
squawk="$(ls "$here"/node_modules/@squawk-cli/*/bin/squawk 2>/dev/null | head -n 1 || true)"
[ -x "$squawk" ] || squawk="$here/node_modules/.bin/squawk"
migralint="$root/bin/migralint"
"$migralint" --version >/dev/null   # builds the jar when stale and trains the start-up archive
baseline=""
if [ -n "${BASELINE:-}" ]; then
  baseline="$BASELINE/bin/migralint"
  "$baseline" --version >/dev/null
fi
# A scenario's commands plus, with BASELINE, the baseline's version of the migralint ones (NAME_base).
with_base() {
  local n
  for n in "$@"; do
    printf '%s\n' "$n"
    case "$n" in hello|*squawk*) ;; *) [ -z "$baseline" ] || printf '%s_base\n' "$n" ;; esac
  done
}
# Defines cmd_NAME_base as cmd_NAME with the baseline's launcher.
define_base() {
  local n body
  [ -n "$baseline" ] || return 0
  for n in "$@"; do
    body="$(declare -f "cmd_$n" | tail -n +2)"
    eval "cmd_${n}_base() ${body//\$migralint/\$baseline}"
    export -f "cmd_${n}_base"
  done
}
# The hello-world starts as bin/migralint starts a pre-commit run: the launcher says with which options.
JAVA_FLAGS="$(MIGRALINT_PRINT_JAVA_OPTS=1 "$migralint" check --staged)"
# The JVM bin/migralint runs (JAVA_HOME when set), for the hello-world and the report's header.
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"

hello="$results/hello"
if [ ! -f "$hello/hello.jar" ]; then
  mkdir -p "$hello/src"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$hello/src/Hello.java"
  javac -d "$hello/classes" "$hello/src/Hello.java"
  printf 'Main-Class: Hello\n' >"$hello/manifest.txt"
  jar cfm "$hello/hello.jar" "$hello/manifest.txt" -C "$hello/classes" .
fi

# --- measuring --------------------------------------------------------------------------------------------------
# measure SCENARIO NAME... : runs the commands defined as functions cmd_NAME, interleaved, BENCH_RUNS times.
declare -A WALL RSS
measure() {
  local scenario="$1"; shift
  local names=("$@") i n start end rc
  for n in "${names[@]}"; do : >"$results/.$scenario.$n.samples"; done
  for ((i = 0; i < runs; i++)); do
    for n in "${names[@]}"; do
      start=$(date +%s%N)
      rc=0
      /usr/bin/time -f '%M' -o "$results/.rss" bash -c "cmd_$n" >/dev/null 2>"$results/.$scenario.$n.err" || rc=$?
      end=$(date +%s%N)
      if [ "$rc" -gt 1 ]; then   # 0 clean, 1 findings: both tools; anything else is a failure
        echo "bench: $scenario/$n exited $rc:" >&2; tail -5 "$results/.$scenario.$n.err" >&2
      fi
      echo "$(( (end - start) / 1000000 )) $(tail -n 1 "$results/.rss")" >>"$results/.$scenario.$n.samples"
    done
  done
  for n in "${names[@]}"; do
    WALL[$scenario.$n]=$(cut -d' ' -f1 "$results/.$scenario.$n.samples" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    RSS[$scenario.$n]=$(cut -d' ' -f2 "$results/.$scenario.$n.samples" | sort -n | awk '{a[NR]=$1} END {print int(a[int((NR+1)/2)]/1024)}')
  done
}
export -f 2>/dev/null || true
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

report="$results/latest.md"
{
  echo "# migralint benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "$("$JAVA_BIN" -version 2>&1 | head -n 1); squawk $("$squawk" --version | awk '{print $2}'); $runs interleaved runs per command, medians."
  echo "migralint: $(git -C "$root" rev-parse --short HEAD)${baseline:+; baseline (rows marked \"before\"): $(git -C "$BASELINE" rev-parse --short HEAD)}."
  echo
  echo "| scenario | command | wall (ms) | peak RSS (MB) | wall ratio | RSS ratio |"
  echo "|---|---|---:|---:|---:|---:|"
} >"$report"
row() { # scenario name label reference-name
  local w="${WALL[$1.$2]}" r="${RSS[$1.$2]}" rw="" rr=""
  local ref="${4:-}"
  case "$ref" in hsquawk|ssquawk) ref=squawk ;; esac # the history and small scenarios name their squawk commands so
  if [ -n "${4:-}" ]; then rw="$(ratio "$w" "${WALL[$1.$4]}")× $ref"; rr="$(ratio "$r" "${RSS[$1.$4]}")× $ref"; fi
  echo "| $1 | $3 | $w | $r | $rw | $rr |" >>"$report"
}

# A row for NAME and, with a baseline, for NAME_base ("before"), both against the same reference.
rows() { # scenario name label reference-name
  row "$1" "$2" "$3" "${4:-}"
  if [ -n "$baseline" ] && [ -n "${WALL[$1.$2_base]:-}" ]; then
    row "$1" "$2_base" "before: $3" "${4:-}"
  fi
}

export corpus squawk migralint baseline JAVA_FLAGS JAVA_BIN hello results root here

# --- (a) the corpus ---------------------------------------------------------------------------------------------
if [ "$what" = all ] || [ "$what" = corpus ]; then
  "$here/corpus-files.sh" "$corpus" >"$results/corpus-files.txt"
  # The files squawk cannot parse are left out for both tools; say so if the list no longer matches.
  while read -r f; do
    case "$f" in ''|'#'*) continue ;; esac
    rc=0; (cd "$corpus" && "$squawk" "$f" >/dev/null 2>&1) || rc=$?
    [ "$rc" -ge 2 ] || echo "bench: squawk no longer crashes on $f (exit $rc): update bench/squawk-crashes.txt" >&2
  done <"$here/squawk-crashes.txt"
  export CACHE_DIR="$results/cache-corpus"
  rm -rf "$CACHE_DIR"
  # One process per tool, all files as arguments (xargs would split the list into several runs).
  cmd_squawk() { mapfile -t f <"$results/corpus-files.txt"; cd "$corpus" && "$squawk" "${f[@]}"; }
  cmd_cold() { mapfile -t f <"$results/corpus-files.txt"; cd "$corpus" && "$migralint" check --no-cache --color never "${f[@]}"; }
  cmd_warm() { mapfile -t f <"$results/corpus-files.txt"; cd "$corpus" && MIGRALINT_CACHE_DIR="$CACHE_DIR" "$migralint" check --color never "${f[@]}"; }
  # A fresh CI checkout with a restored cache: same content, new modification times, so no stat record is trusted and
  # every file is read and hashed (the per-file path; no whole-run answer). A copy of the files, touched before each run.
  copy="$results/corpus-copy"
  if [ ! -d "$copy" ]; then
    mkdir -p "$copy" && (cd "$corpus" && mapfile -t f <"$results/corpus-files.txt" && cp --parents "${f[@]}" "$copy")
  fi
  export copy CHECKOUT_CACHE_DIR="$results/cache-checkout"
  rm -rf "$CHECKOUT_CACHE_DIR"
  cmd_checkout() { mapfile -t f <"$results/corpus-files.txt"; cd "$copy" && touch "${f[@]}" && MIGRALINT_CACHE_DIR="$CHECKOUT_CACHE_DIR" "$migralint" check --color never "${f[@]}"; }
  export -f cmd_squawk cmd_cold cmd_warm cmd_checkout
  define_base cold
  # Fill the caches. The first unchanged run after a lint records the whole-run answer that later ones print.
  cmd_warm >/dev/null 2>&1 || true
  cmd_warm >/dev/null 2>&1 || true
  cmd_checkout >/dev/null 2>&1 || true
  mapfile -t corpus_names < <(with_base squawk cold; echo warm; echo checkout)
  measure corpus "${corpus_names[@]}"
  n=$(wc -l <"$results/corpus-files.txt")
  row corpus squawk "squawk ($n files)"
  rows corpus cold "migralint, cold (--no-cache)" squawk
  row corpus warm "migralint, warm cache (unchanged files: whole-run answer)" squawk
  row corpus checkout "migralint, warm cache after a fresh checkout (every file re-hashed; includes touching them)" squawk
fi

# --- (b) one small staged file ----------------------------------------------------------------------------------
if [ "$what" = all ] || [ "$what" = staged ]; then
  repo="$results/staged-repo"
  rm -rf "$repo"; mkdir -p "$repo/prisma/migrations/20240101000000_add_index"
  small="$repo/prisma/migrations/20240101000000_add_index/migration.sql"
  cat >"$small" <<'SQL'
-- AlterTable
ALTER TABLE "User" ADD COLUMN "lastSeenAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "User_lastSeenAt_idx" ON "User"("lastSeenAt");
SQL
  (cd "$repo" && git init -q && git add -A)
  # The project: a repository with history on main, a branch, a configuration file, one new migration staged.
  project="$results/staged-project"
  project_source="$corpus/documenso__documenso/packages/prisma/migrations"
  names=(hello staged file squawk_file)
  if [ -d "$project_source" ]; then
    rm -rf "$project"; mkdir -p "$project/packages/prisma"
    cp -R "$project_source" "$project/packages/prisma/migrations"
    printf 'include: ["packages/prisma/migrations/**/*.sql"]\npostgres-version: 15\n' >"$project/.migralint.yml"
    (cd "$project" && git init -q -b main && git add -A &&
      git -c user.name=bench -c user.email=bench@example.invalid commit -q -m history && git gc -q &&
      git checkout -q -b feature)
    mkdir -p "$project/packages/prisma/migrations/20990101000000_add_index"
    cp "$small" "$project/packages/prisma/migrations/20990101000000_add_index/migration.sql"
    (cd "$project" && git add -A)
    # The same on a branch with a commit of its own: the history is then measured against the merge base, not HEAD.
    ahead="$results/staged-project-ahead"
    rm -rf "$ahead"; cp -a "$project" "$ahead"
    mkdir -p "$ahead/packages/prisma/migrations/20980101000000_earlier"
    printf 'ALTER TABLE "User" ADD COLUMN "nickname" TEXT;\n' \
      >"$ahead/packages/prisma/migrations/20980101000000_earlier/migration.sql"
    (cd "$ahead" && git reset -q && git add packages/prisma/migrations/20980101000000_earlier &&
      git -c user.name=bench -c user.email=bench@example.invalid commit -q -m earlier && git add -A)
    names+=(project ahead)
  else
    echo "bench: $project_source not found; the project row is skipped" >&2
  fi
  export repo small project ahead
  cmd_hello() { "$JAVA_BIN" $JAVA_FLAGS -jar "$hello/hello.jar"; }
  cmd_staged() { cd "$repo" && "$migralint" check --staged --no-cache --color never; }
  cmd_project() { cd "$project" && "$migralint" check --staged --no-cache --color never; }
  cmd_ahead() { cd "$ahead" && "$migralint" check --staged --no-cache --color never; }
  cmd_file() { cd "$repo" && "$migralint" check --no-cache --color never "$small"; }
  cmd_squawk_file() { cd "$repo" && "$squawk" "$small"; }
  export -f cmd_hello cmd_staged cmd_project cmd_ahead cmd_file cmd_squawk_file
  define_base staged project ahead file
  mapfile -t names < <(with_base "${names[@]}")
  measure staged "${names[@]}"
  row staged hello "Java hello-world (same JVM flags)"
  rows staged staged "migralint check --staged (pre-commit hook), fresh repository" hello
  if [ -n "${WALL[staged.project]:-}" ]; then
    rows staged project "migralint check --staged, project (163 migrations on main, .migralint.yml)" hello
    rows staged ahead "migralint check --staged, project, the branch one commit ahead of main" hello
  fi
  rows staged file "migralint check FILE" hello
  row staged squawk_file "squawk FILE" hello
fi

# --- (c) a generated 20 MB history ------------------------------------------------------------------------------
if [ "$what" = all ] || [ "$what" = history ]; then
  hist="$results/history"
  if [ ! -d "$hist" ]; then
    java "$here/GenerateHistory.java" "$hist" "${HISTORY_MB:-20}" >/dev/null
  fi
  export hist CACHE_DIR="$results/cache-history"
  rm -rf "$CACHE_DIR"
  cmd_hsquawk() { cd "$hist" && "$squawk" ./*.sql; }
  cmd_hcold() { cd "$hist" && "$migralint" check --no-cache --color never .; }
  cmd_hwarm() { cd "$hist" && MIGRALINT_CACHE_DIR="$CACHE_DIR" "$migralint" check --color never .; }
  export -f cmd_hsquawk cmd_hcold cmd_hwarm
  cmd_hwarm >/dev/null 2>&1 || true
  measure history hsquawk hcold hwarm
  row history hsquawk "squawk ($(ls "$hist" | wc -l) files, $(du -sm "$hist" | cut -f1) MB)"
  row history hcold "migralint, cold (--no-cache)" hsquawk
  row history hwarm "migralint, warm cache" hsquawk
fi

# --- (d) many small files of other projects ------------------------------------------------------------------------
if [ "$what" = all ] || [ "$what" = small ]; then
  small_corpus="${SMALL_CORPUS:-$results/small-corpus}"
  if [ ! -f "$small_corpus/files.txt" ]; then
    "$here/small-files-corpus.sh" "$small_corpus" >/dev/null
  fi
  # squawk aborts a whole run on a file its parser panics on: such files are left out for both tools.
  small_files="$results/small-files.txt"
  rc=0; (cd "$small_corpus" && mapfile -t f <files.txt && "$squawk" "${f[@]}" >/dev/null 2>&1) || rc=$?
  if [ "$rc" -ge 2 ]; then
    : >"$small_files"
    while read -r f; do
      rc=0; (cd "$small_corpus" && "$squawk" "$f" >/dev/null 2>&1) || rc=$?
      if [ "$rc" -lt 2 ]; then echo "$f" >>"$small_files"; else echo "bench: squawk fails on $f; left out" >&2; fi
    done <"$small_corpus/files.txt"
  else
    cp "$small_corpus/files.txt" "$small_files"
  fi
  export small_corpus small_files
  cmd_ssquawk() { mapfile -t f <"$small_files"; cd "$small_corpus" && "$squawk" "${f[@]}"; }
  cmd_scold() { mapfile -t f <"$small_files"; cd "$small_corpus" && "$migralint" check --no-cache --color never "${f[@]}"; }
  export -f cmd_ssquawk cmd_scold
  define_base scold
  mapfile -t small_names < <(with_base ssquawk scold)
  measure small "${small_names[@]}"
  row small ssquawk "squawk ($(wc -l <"$small_files") files: $(cut -d' ' -f1 "$small_corpus/SOURCES.txt" | paste -sd, -))"
  rows small scold "migralint, cold (--no-cache)" ssquawk
fi

rm -f "$results"/.rss
cat "$report"
