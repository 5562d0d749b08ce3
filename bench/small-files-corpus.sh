#!/usr/bin/env bash
# Assembles a corpus of many small Postgres migration files (up/down pairs, a few statements each) from other
# projects' git histories, as `fetch` mirrors them under /work/.mirror (or MIRRORS): pop (ory/kratos), golang-migrate
# (harness/harness, ente-io/ente) and Diesel (rust-lang/crates.io, LemmyNet/lemmy) layouts. Nothing of theirs is
# committed here: this script extracts each project's migration directory at the mirror's HEAD (with the manifest
# files layout detection looks at) into DEST and writes DEST/files.txt, the Postgres files relative to DEST.
# Usage: bench/small-files-corpus.sh DEST
set -euo pipefail
dest="${1:?usage: bench/small-files-corpus.sh DEST}"
mirrors="${MIRRORS:-/work/.mirror}"
# project   migration directory   which of its .sql files are Postgres (a grep -E pattern on the path)
projects=(
  "ory+kratos|persistence/sql/migrations/sql|\.postgres\.(up|down)\.sql$"
  "harness+harness|app/store/database/migrate/postgres|\.sql$"
  "ente-io+ente|server/migrations|\.sql$"
  "rust-lang+crates.io|migrations|\.sql$"
  "LemmyNet+lemmy|migrations|\.sql$"
)
rm -rf "$dest"
mkdir -p "$dest"
: >"$dest/files.txt.tmp"
for p in "${projects[@]}"; do
  IFS='|' read -r name dir pattern <<<"$p"
  git_dir="$mirrors/$name/repo"
  if [ ! -d "$git_dir" ]; then
    echo "small-files-corpus: $git_dir missing (fetch github:${name/+//} first); skipped" >&2
    continue
  fi
  mkdir -p "$dest/$name"
  # The migrations, plus the manifests next to the repository root that runner detection reads.
  extras=()
  for f in diesel.toml Cargo.toml go.mod package.json; do
    if git --git-dir="$git_dir" cat-file -e "HEAD:$f" 2>/dev/null; then extras+=("$f"); fi
  done
  git --git-dir="$git_dir" archive HEAD "$dir" "${extras[@]}" | tar -x -C "$dest/$name"
  (cd "$dest" && find "$name/$dir" -type f -name '*.sql' | grep -E "$pattern" | sort) >>"$dest/files.txt.tmp"
  echo "$name $(git --git-dir="$git_dir" rev-parse --short HEAD) $(grep -c "^$name/" "$dest/files.txt.tmp") files" >>"$dest/SOURCES.txt"
done
mv "$dest/files.txt.tmp" "$dest/files.txt"
cat "$dest/SOURCES.txt"
