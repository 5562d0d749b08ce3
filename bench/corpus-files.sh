#!/usr/bin/env bash
# Prints the Postgres files of the shared corpus (relative to it), one per line, sorted: the file set migralint and
# squawk are compared on. squawk only understands Postgres, so the corpus's MySQL, SQLite and ClickHouse files (as
# ../shared/corpus/SOURCES.md classifies them) are left out, and so are the files listed in squawk-crashes.txt: on
# those squawk 2.66 panics ("the parser seems stuck") and aborts the whole run, so neither tool gets them.
# Usage: bench/corpus-files.sh [CORPUS_DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
corpus="${1:-$here/../../shared/corpus}"
cd "$corpus"
find . -name '*.sql' -type f | sed 's|^\./||' | sort \
  | grep -v -E '/(mysql|sqlite|clickhouse)/|riversqlite|^openstatusHQ__openstatus/|^atuinsh__atuin/crates/atuin-(ai|client|kv|scripts|server-sqlite)/' \
  | grep -v -x -F -f <(grep -v '^#' "$here/squawk-crashes.txt" | sed '/^$/d')
