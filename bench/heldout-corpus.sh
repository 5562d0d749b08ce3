#!/usr/bin/env bash
# Assembles a held-out corpus: real Postgres migration histories of projects migralint was NOT tuned on (none of them
# is in ../shared/corpus), to check claims such as "every fix keeps the history applicable" on code nobody tuned for.
# Each project's migration directory is extracted at the mirror's HEAD, or at the commit the entry names (bare git
# mirrors under /work/.mirror, or MIRRORS, as the `fetch` tool leaves them) into DEST in the shared corpus's layout,
# <owner>__<repo>/<original path>, with the manifests runner detection reads (go.mod, Cargo.toml, diesel.toml,
# package.json, Hasura's config.yaml) from the repository root and every directory above the migrations. Nothing of
# theirs is committed here. DEST/SOURCES.txt names each repository, its commit and the number of .sql files taken.
# SET picks the projects: 1 (the default) session 12's eleven, 2 session 13's, the Postgres histories of the projects
# of bench/replay/projects-unseen2.json and projects-unseen3.json (bench/README.md says what each showed).
# Usage: bench/heldout-corpus.sh DEST [SET]
# Then, e.g.: mvn -o -B test -Dtest=PostgresReplayTest#everyCorpusHistoryStillAppliesAfterFixing \
#   -Dsurefire.failIfNoSpecifiedTests=false -Dmigralint.corpus=DEST -Dmigralint.replay.projects=all
set -euo pipefail
dest="${1:?usage: bench/heldout-corpus.sh DEST [SET]}"
set_name="${2:-1}"
mirrors="${MIRRORS:-/work/.mirror}"
# project (mirror name) | migration directory | runner [| commit, when HEAD no longer has the migrations]
set1=(
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
# One entry per migration directory: a project with several Postgres histories has several entries.
set2=(
  "chirpstack+chirpstack|chirpstack/migrations_postgres|diesel"
  "chirpstack+chirpstack|chirpstack/src/integration/postgresql/migrations|diesel"
  "AppFlowy-IO+AppFlowy-Cloud|migrations|sqlx"
  "linkwarden+linkwarden|packages/prisma/migrations|prisma"
  "midday-ai+midday|packages/db/migrations|hand-written, in a drizzle-kit folder"
  "authelia+authelia|internal/storage/migrations/postgres|own (V<n>.<name>.up/down.sql)"
  "conductor-oss+conductor|postgres-persistence/src/main/resources/db/migration_postgres|flyway"
  "conductor-oss+conductor|postgres-persistence/src/main/resources/db/migration_postgres_data|flyway (with migration_postgres)"
  "conductor-oss+conductor|postgres-persistence/src/main/resources/db/migration_postgres_notify|flyway (with migration_postgres)"
  "conductor-oss+conductor|postgres-external-storage/src/main/resources/db/migration_external_postgres|flyway"
  "conductor-oss+conductor|scheduler/postgres-persistence/src/main/resources/db/migration_scheduler|flyway"
  "UPchieve+subway|database/migrations|dbmate"
  "UPchieve+subway|database/seed-updates|dbmate"
  "flipt-io+flipt|config/migrations/postgres|golang-migrate|3664b73603336e3bb105632ea82ff60c4e67e3a3"
  "mCaptcha+mCaptcha|db/db-sqlx-postgres/migrations|sqlx"
  "Lucy-Family-Institute+pace-admin|hasura/migrations|hasura"
  "QuivrHQ+quivr|backend/supabase/migrations|supabase|4e96ad86cbc3f974ca82a273cb34d4b3c73c39fc"
  # Five more, in no earlier set, because several of the above need what this server lacks (pgvector, Supabase).
  "ory+hydra|persistence/sql/migrations|pop"
  "mfts+papermark|prisma/migrations|prisma"
  "dittofeed+dittofeed|packages/backend-lib/drizzle|drizzle"
  "svix+svix-webhooks|server/svix-server/migrations|sqlx"
  "Plume-org+Plume|migrations/postgres|diesel"
)
# What a project's deployment does outside its migrations, for the replay (PostgresReplayTest) to do too: SQL run into
# each database before the first migration, written to DEST/<owner>__<repo>.setup.psql (not .sql: no migration), each
# from the project's own setup, named in the comment.
declare -A setup2=(
  # .docker-compose/postgresql/initdb/0002-chirpstack_extensions.sh
  ["chirpstack+chirpstack"]="CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS hstore;"
  # database/db_init/auth.sql creates the roles migrations grant to; roles are cluster-wide, so only once.
  ["UPchieve+subway"]="DO \$\$ BEGIN CREATE ROLE mat_view_owners; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$;"
)
# Runner settings a project makes in code, which migralint reads only from a file: path|content, beside the migrations.
declare -A settings2=(
  # postgres-persistence/.../PostgresConfiguration.java: configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
  ["conductor-oss+conductor|postgres-persistence/src/main/resources/db/migration_postgres"]="flyway.conf|flyway.postgresql.transactional.lock=false"
)
# Directories one database takes its migrations from as one history, by version (DEST/<owner>__<repo>.histories).
declare -A histories2=(
  # PostgresConfiguration.java: Flyway locations migration_postgres, _notify and _data, merged by version.
  ["conductor-oss+conductor"]="postgres-persistence/src/main/resources/db/migration_postgres postgres-persistence/src/main/resources/db/migration_postgres_notify postgres-persistence/src/main/resources/db/migration_postgres_data"
  # package.json: db:schema-up and db:seeds-up run dbmate on each at every deploy; a later schema migration
  # comments on a column a seed update added.
  ["UPchieve+subway"]="database/migrations database/seed-updates"
)
declare -A setup=() settings=() histories=()
case "$set_name" in
  1) projects=("${set1[@]}") ;;
  2) projects=("${set2[@]}")
     for k in "${!setup2[@]}"; do setup[$k]="${setup2[$k]}"; done
     for k in "${!settings2[@]}"; do settings[$k]="${settings2[$k]}"; done
     for k in "${!histories2[@]}"; do histories[$k]="${histories2[$k]}"; done ;;
  *) echo "heldout-corpus: SET is 1 or 2, not $set_name" >&2; exit 2 ;;
esac

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
  IFS='|' read -r name dir runner commit <<<"$p"
  commit="${commit:-HEAD}"
  git_dir="$mirrors/$name/repo"
  if [ ! -d "$git_dir" ]; then
    echo "heldout-corpus: $git_dir missing (fetch github:${name/+//} first); skipped" >&2
    continue
  fi
  out="$dest/${name/+/__}"
  mkdir -p "$out"
  commit="$(git --git-dir="$git_dir" rev-parse "$commit^{commit}")"
  # The manifests runner detection reads: at the root and in every directory above the migrations.
  extras=()
  d="$dir"
  while :; do
    d="$(dirname "$d")"
    prefix=""
    [ "$d" != "." ] && prefix="$d/"
    for f in diesel.toml Cargo.toml go.mod package.json config.yaml; do
      if git --git-dir="$git_dir" cat-file -e "$commit:$prefix$f" 2>/dev/null; then extras+=("$prefix$f"); fi
    done
    [ "$d" = "." ] && break
  done
  git --git-dir="$git_dir" archive "$commit" "$dir" "${extras[@]}" | tar -x -C "$out"
  if [ "$runner" = "pop" ]; then
    keep_pop_postgres "$out/$dir"
  fi
  if [ -n "${settings[$name|$dir]:-}" ]; then
    IFS='|' read -r file content <<<"${settings[$name|$dir]}"
    printf '%s\n' "$content" >"$out/$dir/$file"
  fi
  if [ -n "${setup[$name]:-}" ]; then
    printf '%s\n' "${setup[$name]}" >"$dest/${name/+/__}.setup.psql"
  fi
  if [ -n "${histories[$name]:-}" ]; then
    printf '%s\n' "${histories[$name]}" >"$dest/${name/+/__}.histories"
  fi
  files=$(find "$out/$dir" -type f -name '*.sql' | wc -l)
  echo "${name/+//} $commit $dir ($runner) $files .sql files" >>"$dest/SOURCES.txt"
done
cat "$dest/SOURCES.txt"
