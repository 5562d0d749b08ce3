#!/usr/bin/env bash
# Assembles a held-out corpus: real Postgres migration histories of projects migralint was NOT tuned on (none of them
# is in ../shared/corpus), to check claims such as "every fix keeps the history applicable" on code nobody tuned for.
# Each project's migration directory is extracted at the mirror's HEAD (bare git mirrors under /work/.mirror, or
# MIRRORS, as the `fetch` tool leaves them) into DEST in the shared corpus's layout, <owner>__<repo>/<original path>,
# with the manifests runner detection reads (go.mod, Cargo.toml, diesel.toml, package.json) from the repository root
# and every directory above the migrations. Nothing of theirs is committed here. DEST/SOURCES.txt names each
# repository, its commit and the number of .sql files taken.
# Usage: bench/heldout-corpus.sh DEST
# Then, e.g.: mvn -o -B test -Dtest=PostgresReplayTest#everyCorpusHistoryStillAppliesAfterFixing \
#   -Dsurefire.failIfNoSpecifiedTests=false -Dmigralint.corpus=DEST -Dmigralint.replay.projects=all
set -euo pipefail
dest="${1:?usage: bench/heldout-corpus.sh DEST}"
mirrors="${MIRRORS:-/work/.mirror}"
# project (mirror name)   migration directory   runner
projects=(
  "ory+kratos|persistence/sql/migrations/sql|pop"
  "harness+harness|app/store/database/migrate/postgres|golang-migrate"
  "ente-io+ente|server/migrations|golang-migrate"
  "rust-lang+crates.io|migrations|diesel"
  "langfuse+langfuse|packages/shared/prisma/migrations|prisma"
  "openmeterio+openmeter|tools/migrate/migrations|golang-migrate (atlas.sum)"
  "stack-auth+stack-auth|apps/backend/prisma/migrations|prisma-like, own runner"
  "goharbor+harbor|make/migrations/postgresql|golang-migrate"
  "Permify+permify|internal/storage/postgres/migrations|goose"
  "openfga+openfga|assets/migrations/postgres|goose"
  "hatchet-dev+hatchet|cmd/hatchet-migrate/migrate/migrations|goose"
)

# pop keeps one directory for every database: <version>_<name>[.<dialect>][.autocommit].(up|down).sql. For Postgres it
# runs the .postgres file of a version and direction, else the file without a dialect (popx SortAndFilter); the other
# databases' files are removed here, so the directory holds exactly what pop applies on Postgres.
keep_pop_postgres() {
  local dir="$1" f base version rest direction dialect
  declare -A specific=()
  for f in "$dir"/*.sql; do
    base="${f##*/}"
    if [[ "$base" =~ ^([0-9]+)_[^.]*\.postgres(\.autocommit)?\.(up|down)\.sql$ ]]; then
      specific["${BASH_REMATCH[1]}.${BASH_REMATCH[3]}"]=1
    fi
  done
  for f in "$dir"/*.sql; do
    base="${f##*/}"
    if [[ "$base" =~ ^([0-9]+)_[^.]*((\.[a-z0-9]+)*)\.(up|down)\.sql$ ]]; then
      version="${BASH_REMATCH[1]}"
      rest="${BASH_REMATCH[2]}"
      direction="${BASH_REMATCH[4]}"
      dialect="${rest/.autocommit/}"
      if [ "$dialect" = ".postgres" ]; then continue; fi
      if [ -z "$dialect" ] && [ -z "${specific[$version.$direction]:-}" ]; then continue; fi
    fi
    rm -f "$f"
  done
}

rm -rf "$dest"
mkdir -p "$dest"
: >"$dest/SOURCES.txt"
for p in "${projects[@]}"; do
  IFS='|' read -r name dir runner <<<"$p"
  git_dir="$mirrors/$name/repo"
  if [ ! -d "$git_dir" ]; then
    echo "heldout-corpus: $git_dir missing (fetch github:${name/+//} first); skipped" >&2
    continue
  fi
  out="$dest/${name/+/__}"
  mkdir -p "$out"
  # The manifests runner detection reads: at the root and in every directory above the migrations.
  extras=()
  d="$dir"
  while :; do
    d="$(dirname "$d")"
    prefix=""
    [ "$d" != "." ] && prefix="$d/"
    for f in diesel.toml Cargo.toml go.mod package.json; do
      if git --git-dir="$git_dir" cat-file -e "HEAD:$prefix$f" 2>/dev/null; then extras+=("$prefix$f"); fi
    done
    [ "$d" = "." ] && break
  done
  git --git-dir="$git_dir" archive HEAD "$dir" "${extras[@]}" | tar -x -C "$out"
  if [ "$runner" = "pop" ]; then
    keep_pop_postgres "$out/$dir"
  fi
  files=$(find "$out/$dir" -type f -name '*.sql' | wc -l)
  echo "${name/+//} $(git --git-dir="$git_dir" rev-parse HEAD) $dir ($runner) $files .sql files" >>"$dest/SOURCES.txt"
done
cat "$dest/SOURCES.txt"
