#!/usr/bin/env python3
"""Pull-request replay: the recent migration-changing commits of real projects through migralint and squawk.

For each project of projects.json, clones its history (from a local git directory, by default the bare snapshot the
fetch service puts under /work/.mirror/<owner>+<name>/repo) into a scratch directory, takes the last N commits of the
first-parent history that touch its migration paths, and for each one runs

    migralint check --changed --base <first parent> --format json --no-cache
    squawk <the Postgres .sql files of the migration paths the commit adds or modifies>

then classifies every migralint error by cause from the repository itself (file names, runner sections, the
commit's diff, the rule files' match.kind and dialects), not from migralint's own output fields.

Python 3.11, standard library only. See bench/README.md, section "Pull-request replay".
"""

from __future__ import annotations

import argparse
import collections
import datetime
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent

CAUSES = ["down", "unchanged", "history", "not-migration", "rest"]
CAUSE_TITLES = {
    "down": "(a) down migration",
    "unchanged": "(b) unchanged lines",
    "history": "(c) history rule",
    "not-migration": "(d) not a migration of that dialect",
    "rest": "(e) rest",
}
# Used only when the migralint under test has no rules/ directory beside bin/.
FALLBACK_HISTORY_RULES = {
    "modified-applied-migration", "renamed-applied-migration", "deleted-applied-migration",
    "migration-out-of-order", "duplicate-migration-version", "missing-down-migration",
}
# Dialects migralint has no rules for: any non-history finding in such a file is a wrong-dialect finding.
FOREIGN_DIALECTS = {"clickhouse", "cockroachdb", "mssql"}


# --------------------------------------------------------------------------------------------------------------------
# small helpers

def run(cmd, cwd=None, timeout=None, env=None, check=True):
    p = subprocess.run(cmd, cwd=cwd, timeout=timeout, env=env, capture_output=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({p.returncode}): {p.stderr.decode(errors='replace')[-500:]}")
    return p


def git(repo, *args, check=True):
    return run(["git", "-C", str(repo), *args], check=check).stdout.decode("utf-8", errors="replace")


def glob_to_regex(glob: str) -> re.Pattern:
    """git's glob pathspec semantics: '*' stays inside a path segment, '**/' spans directories."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


# --------------------------------------------------------------------------------------------------------------------
# rules of the migralint under test

def load_rules(rules_dir: Path | None):
    """rule id -> (is history rule, dialects or None for all), read from rules/*.yml (match.kind, dialects)."""
    rules = {}
    if rules_dir is None or not rules_dir.is_dir():
        return rules
    for f in sorted(rules_dir.glob("*.yml")):
        text = read_text(f) or ""
        m = re.search(r"^id:\s*([\w-]+)", text, re.M)
        if not m:
            continue
        match_block = re.search(r"^match:\s*\n((?:[ \t]+.*\n?)*)", text, re.M)
        kind = ""
        if match_block:
            k = re.search(r"^\s+kind:\s*(.+)$", match_block.group(1), re.M)
            kind = k.group(1) if k else ""
        d = re.search(r"^dialects:\s*(.+)$", text, re.M)
        dialects = None
        if d:
            dialects = {x.strip() for x in d.group(1).strip().strip("[]").split(",") if x.strip()}
        rules[m.group(1)] = ("migration-history" in kind, dialects)
    return rules


# --------------------------------------------------------------------------------------------------------------------
# classification, from the repository only

DOWN_FILE = [
    re.compile(r"(^|/)[^/]*[._-]down\.sql$", re.I),          # golang-migrate, pop, sqlx: *.down.sql; foo_down.sql
    re.compile(r"(^|/)down\.sql$", re.I),                     # Diesel, Hasura, sourcegraph-style: <dir>/down.sql
    re.compile(r"(^|/)U\d[^/]*__[^/]*\.sql$"),               # Flyway undo: U<version>__<desc>.sql
    re.compile(r"(^|/)[^/]*\.undo\.sql$", re.I),
    re.compile(r"(^|/)(revert|down|rollback)/", re.I),       # sqitch revert/, down/ folders
]
# Section markers inside one file: (regex, direction that starts there).
SECTION_MARKERS = [
    (re.compile(r"^\s*--\s*\+goose\s+down\b", re.I), "down"),
    (re.compile(r"^\s*--\s*\+goose\s+up\b", re.I), "up"),
    (re.compile(r"^\s*--\s*migrate:down\b", re.I), "down"),     # dbmate
    (re.compile(r"^\s*--\s*migrate:up\b", re.I), "up"),
    (re.compile(r"^\s*--\s*down\s+migration\b", re.I), "down"),  # node-pg-migrate SQL files
    (re.compile(r"^\s*--\s*up\s+migration\b", re.I), "up"),
    (re.compile(r"^\s*--\s*\+migrate\s+down\b", re.I), "down"),     # sql-migrate
    (re.compile(r"^\s*--\s*\+migrate\s+up\b", re.I), "up"),
    (re.compile(r"^---- create above / drop below ----"), "down"),      # tern: the up part is before it
]
LIQUIBASE_ROLLBACK = re.compile(r"^\s*--\s*rollback\b", re.I)

NOT_MIGRATION_PATH = [
    (re.compile(r"(^|/)(schema|structure|latest|dump)([-_.][^/]*)?\.sql$", re.I), "schema dump"),
    (re.compile(r"(^|/)(testdata|fixtures?|__fixtures__|test|tests|__tests__|spec)/", re.I), "test data"),
    (re.compile(r"(^|/)seeds?(/|\.sql$)|(^|/)seed[-_][^/]*\.sql$", re.I), "seed data"),
    (re.compile(r"(^|/)(vendor|node_modules|third_party)/", re.I), "vendored"),
    (re.compile(r"(^|/)quer(y|ies)(/|\.sql$)", re.I), "queries"),
]

DIALECT_TOKENS = [
    ("clickhouse", re.compile(r"clickhouse", re.I)),
    ("cockroachdb", re.compile(r"cockroach|(^|[._/-])crdb([._/-]|$)", re.I)),
    ("mssql", re.compile(r"(^|[._/-])(mssql|sqlserver|tsql)([._/-]|$)", re.I)),
    ("mysql", re.compile(r"mysql|mariadb", re.I)),
    ("sqlite", re.compile(r"sqlite|libsql|(^|[._/-])d1([._/-]|$)", re.I)),
    ("postgresql", re.compile(r"postgres|(^|[._/-])(pg|psql)([._/-]|$)", re.I)),
]
DIALECT_CONTENT = [
    ("clickhouse", re.compile(r"ENGINE\s*=\s*\w*MergeTree|\bLowCardinality\s*\(|\bON\s+CLUSTER\b", re.I)),
    ("cockroachdb", re.compile(r"INTERLEAVE\s+IN\s+PARENT|USING\s+HASH\s+WITH\s+BUCKET_COUNT|crdb_internal", re.I)),
    ("mysql", re.compile(r"ENGINE\s*=\s*InnoDB|\bAUTO_INCREMENT\b|\bUNSIGNED\b|\bMODIFY\s+COLUMN\b", re.I)),
    ("sqlite", re.compile(r"\bAUTOINCREMENT\b|^\s*PRAGMA\b|WITHOUT\s+ROWID", re.I | re.M)),
]


VERSIONED_NAME = re.compile(r"\d+[^/]*\.sql$|[VU]\d[\d._]*__[^/]*\.sql$")


class GeneratorSchemas:
    """Files a code generator (sqlc) reads as schema or queries: declared in sqlc.yaml/yml/json, not migrations."""

    def __init__(self, worktree: Path, tracked: list[str]):
        self.schema, self.queries = [], []
        for path in tracked:
            if re.search(r"(^|/)sqlc\.(ya?ml|json)$", path):
                self._read(worktree, path)

    def _read(self, worktree: Path, cfg: str):
        text = read_text(worktree / cfg)
        if text is None:
            return
        base = os.path.dirname(cfg)
        found = {"schema": [], "queries": []}
        if cfg.endswith(".json"):
            try:
                def walk(o):
                    if isinstance(o, dict):
                        for k, v in o.items():
                            if k in found:
                                found[k] += v if isinstance(v, list) else [v]
                            walk(v)
                    elif isinstance(o, list):
                        for x in o:
                            walk(x)
                walk(json.loads(text))
            except ValueError:
                pass
        else:
            key, key_indent = None, -1
            for line in text.splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                indent = len(line) - len(line.lstrip())
                m = re.match(r"^\s*(?:-\s+)?(schema|queries)\s*:\s*(.*)$", line)
                if m:
                    key, key_indent = m.group(1), indent
                    value = m.group(2).split(" #")[0].strip()
                    if value.startswith("["):
                        found[key] += [v.strip().strip("'\"") for v in value.strip("[]").split(",") if v.strip()]
                        key = None
                    elif value:
                        found[key].append(value.strip("'\""))
                        key = None
                    continue
                if key and indent >= key_indent and line.lstrip().startswith("- "):
                    found[key].append(line.lstrip()[2:].split(" #")[0].strip().strip("'\""))
                elif key and indent <= key_indent:
                    key = None
        for k, values in found.items():
            for v in values:
                if isinstance(v, str) and v:
                    target = os.path.normpath(os.path.join(base, v))
                    (self.schema if k == "schema" else self.queries).append(target)

    @staticmethod
    def _under(path, targets):
        return any(path == t or path.startswith(t.rstrip("/") + "/") for t in targets)

    def kind(self, path: str) -> str | None:
        if self._under(path, self.queries):
            return "generator queries"
        # sqlc reads a folder of migrations as its schema: a migrations folder, or versioned files (0001_city.sql, the
        # files a runner applies in order) in a folder of any name, stay migrations.
        if (self._under(path, self.schema) and not re.search(r"migrat", os.path.dirname(path), re.I)
                and not VERSIONED_NAME.match(path.rsplit("/", 1)[-1])):
            return "generator schema"
        return None


class Project:
    def __init__(self, spec: dict):
        self.name = spec["name"]
        self.slug = self.name.replace("/", "__")
        self.runner = spec.get("runner", "")
        self.tip = spec.get("tip")   # the replayed history ends here, so that later replays see the same commits
        self.paths = [(g, d, glob_to_regex(g)) for g, d in spec["paths"]]

    def pathspecs(self):
        return [f":(glob){g}" for g, _, _ in self.paths]

    def glob_dialect(self, path: str) -> str | None:
        """None: not in the migration paths; 'auto': in them, dialect left to the file name."""
        for _, dialect, rx in self.paths:
            if rx.match(path):
                return dialect
        return None


POP_DIALECTS = {"postgresql", "mysql", "sqlite", "cockroachdb"}
POP_NAME = re.compile(r"^(?P<stem>\d+_[^.]+)\.(?:(?!autocommit\.)(?P<dialect>[a-z0-9]+)\.)?(?:autocommit\.)?(?:up|down)\.sql$")


def token_dialect(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    # The file name first (pop's <version>_<name>.<dialect>.up.sql), then the folders, nearest first.
    for segment in [name] + path.split("/")[-2::-1]:
        for dialect, rx in DIALECT_TOKENS:
            if rx.search(segment):
                return dialect
    return None


def file_dialects(project: Project, path: str, content: str | None, tracked: set[str]) -> set[str]:
    """The dialects the file is run against, from the project's globs, then names, then content."""
    d = project.glob_dialect(path)
    if d and d != "auto":
        return {d}
    token = token_dialect(path)
    if token:
        return {token}
    if d == "auto":
        m = POP_NAME.match(path.rsplit("/", 1)[-1])
        if m and not m.group("dialect"):
            # pop/popx: a file without a dialect runs on every database that has no file of its own for that
            # migration (<version>_<name>.<dialect>.up.sql).
            folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
            direction = "down" if path.endswith(".down.sql") else "up"
            own = set()
            for other in tracked:
                if other.startswith(folder + m.group("stem") + ".") and other.endswith(f".{direction}.sql"):
                    t = token_dialect(other[len(folder):])
                    if t:
                        own.add(t)
            return POP_DIALECTS - own
    if content:
        for dialect, rx in DIALECT_CONTENT:
            if rx.search(content):
                return {dialect}
    return {"postgresql"}


def not_migration(path: str, generators: GeneratorSchemas) -> str | None:
    g = generators.kind(path)
    if g:
        return g
    for rx, why in NOT_MIGRATION_PATH:
        if rx.search(path):
            return why
    return None


def down_lines(path: str, content: str | None):
    """('file', None) for a whole down file, ('sections', predicate(line)) otherwise."""
    for rx in DOWN_FILE:
        if rx.search(path):
            return "file", None
    if content is None:
        return "none", None
    lines = content.splitlines()
    direction, starts = None, []
    for i, line in enumerate(lines, start=1):
        for rx, d in SECTION_MARKERS:
            if rx.match(line):
                starts.append((i, d))
                break
    rollback = {i for i, line in enumerate(lines, start=1) if LIQUIBASE_ROLLBACK.match(line)}

    def is_down(line: int | None) -> bool:
        if line is None:
            return False
        if line in rollback:
            return True
        state = None
        for start, d in starts:
            if start <= line:
                state = d
        return state == "down"

    return "sections", is_down


def parse_hunks(diff_text: str):
    """new path -> set of new-side line numbers the commit added or modified (git diff -U0)."""
    changed, path = {}, None
    for line in diff_text.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            path = None if target == "/dev/null" else (target[2:] if target.startswith("b/") else target)
            if path is not None:
                changed.setdefault(path, set())
        elif line.startswith("@@") and path is not None:
            m = re.match(r"@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", line)
            if m:
                start, count = int(m.group(1)), int(m.group(2) or "1")
                changed[path].update(range(start, start + count))
    return changed


def statement_touched(content, e, touched, removed) -> bool:
    """Whether the commit added or modified a line of the error (line..endLine) or of its statement, or removed lines
    inside that statement: a statement edited anywhere is a changed statement (docs/pull-requests.md)."""
    line, end = e.get("line"), e.get("endLine") or e.get("line")
    if line is None:
        return False
    touched, removed = touched or set(), removed or set()
    first, last = line, end
    extent = statement_lines(content, line)
    if extent:
        first, last = min(first, extent[0]), max(last, extent[1])
    return any(n in touched for n in range(first, last + 1)) or any(first <= k < last for k in removed)


def statement_text(content: str | None, line: int | None, end: int | None, limit: int = 2000) -> str | None:
    """The text of the error's statement (statement_lines, widened to the error's own lines), for a human to judge."""
    extent = statement_lines(content, line)
    if extent is None:
        return None
    first, last = min(extent[0], line), max(extent[1], end or line)
    text = "\n".join(content.splitlines()[first - 1:last])
    return text if len(text) <= limit else text[:limit] + "\n…"


def parse_deletions(diff_text: str):
    """new path -> set of new-side line numbers k such that the commit removed lines between line k and line k + 1."""
    removed, path = {}, None
    for line in diff_text.splitlines():
        if line.startswith("+++ "):
            target = line[4:]
            path = None if target == "/dev/null" else (target[2:] if target.startswith("b/") else target)
        elif line.startswith("@@") and path is not None:
            m = re.match(r"@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", line)
            if m and m.group(1) != "0" and m.group(3) == "0":
                removed.setdefault(path, set()).add(int(m.group(2)))
    return removed


DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_][A-Za-z_0-9]*)?\$")


def _split(text: str, start: int, end: int, dollar_is_string: bool):
    """(first, last) offsets of the ';'-terminated pieces of text[start:end]: quotes, comments (and dollar-quoted
    literals when dollar_is_string) skipped; returns pieces and, for dollar literals, their (open end, close start)."""
    pieces, literals, i, piece_start = [], [], start, start
    while i < end:
        c = text[i]
        if text.startswith("--", i):
            j = text.find("\n", i)
            i = end if j < 0 or j > end else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = end if j < 0 or j > end else j + 2
        elif c in "'\"":
            j = i + 1
            while j < end:
                if text[j] == c:
                    if j + 1 < end and text[j + 1] == c:
                        j += 2
                        continue
                    break
                j += 1
            i = j + 1
        elif c == "$" and dollar_is_string and DOLLAR_TAG.match(text, i):
            tag = DOLLAR_TAG.match(text, i).group(0)
            j = text.find(tag, i + len(tag))
            close = end if j < 0 or j > end else j
            literals.append((i + len(tag), close))
            i = close + len(tag)
        elif c == ";":
            pieces.append((piece_start, i + 1))
            piece_start = i + 1
            i += 1
        else:
            i += 1
    if text[piece_start:end].strip():
        pieces.append((piece_start, end))
    return pieces, literals


def _significant_start(text: str, start: int, end: int) -> int:
    """The first offset of text[start:end] that is neither white space nor a comment."""
    i = start
    while i < end:
        if text[i].isspace():
            i += 1
        elif text.startswith("--", i):
            j = text.find("\n", i)
            i = end if j < 0 else j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = end if j < 0 else j + 2
        else:
            return i
    return start


def statement_lines(content: str | None, line: int | None):
    """(first, last) line of the statement that holds `line`, found without migralint: the file split at ';' outside
    quotes, comments and dollar-quoted literals; a line inside a dollar-quoted literal (a DO or function body) belongs
    to the statement of that body it is in (the body split the same way). Leading comments are not part of it.
    None when the line is not in the file."""
    if content is None or line is None:
        return None
    starts = [0]
    for m in re.finditer("\n", content):
        starts.append(m.end())
    if line < 1 or line > len(starts):
        return None
    offset = starts[line - 1]

    def line_of(off):
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= off:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    lo, hi = 0, len(content)
    for _ in range(4):  # nesting bound: a DO holding a function body holding ...
        pieces, literals = _split(content, lo, hi, True)
        piece = next(((a, b) for a, b in pieces if a <= offset < b), None)
        if piece is None:
            return None
        inner = next(((a, b) for a, b in literals if a <= offset < b and piece[0] <= a), None)
        if inner is None:
            first = _significant_start(content, piece[0], piece[1])
            return line_of(first), line_of(max(first, piece[1] - 1))
        lo, hi = inner
    return None


# --------------------------------------------------------------------------------------------------------------------
# one project

class Replay:
    def __init__(self, args):
        self.args = args
        self.migralint = str(Path(args.migralint).resolve())
        rules_dir = Path(args.rules_dir) if args.rules_dir else Path(self.migralint).resolve().parent.parent / "rules"
        self.rules = load_rules(rules_dir)
        self.history_rules = {r for r, (h, _) in self.rules.items() if h} or set(FALLBACK_HISTORY_RULES)
        self.squawk = args.squawk
        # squawk's results by file content, kept in the data directory for the next replay with the same squawk:
        # its panics take it long (bench/squawk-crashes.txt), and most files recur from one replay to the next.
        self.squawk_cache, self.squawk_cache_dirty = {}, False
        self.squawk_cache_file = None
        if self.squawk:
            version = run([self.squawk, "--version"]).stdout.decode().strip()
            tag = re.sub(r"[^\w.]+", "_", version)
            self.squawk_cache_file = Path(args.data) / f"squawk-cache-{tag}.json"
            try:
                self.squawk_cache = json.loads(self.squawk_cache_file.read_text())
            except (OSError, ValueError):
                self.squawk_cache = {}
        self.sparse_excluded = {}
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "GITHUB_ACTIONS")}
        self.env["MIGRALINT_SKIP_BUILD"] = "1"   # one build (done before the replay), many runs
        self.env["NO_COLOR"] = "1"

    def source(self, project: Project) -> str:
        owner, name = project.name.split("/", 1)
        return self.args.source.format(owner=owner, name=name, slug=project.slug)

    def prepare(self, project: Project) -> Path:
        src = self.source(project)
        if "://" not in src and not Path(src).exists():
            raise RuntimeError(f"no repository at {src} (fetch it first)")
        dest = Path(self.args.data) / project.slug
        if dest.exists() and (dest / ".git").exists():
            run(["git", "-C", str(dest), "fetch", "-q", "origin"])
        else:
            if dest.exists():
                shutil.rmtree(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            run(["git", "clone", "-q", "--no-checkout", src, str(dest)])
        return dest

    def commits(self, project: Project, wt: Path):
        if project.tip and not self.args.latest:
            tip = git(wt, "rev-parse", "--verify", project.tip + "^{commit}").strip()
        else:
            tip = git(wt, "rev-parse", "origin/HEAD", check=False).strip() or git(wt, "rev-parse", "FETCH_HEAD").strip()
        out = git(wt, "log", "--first-parent", "--format=%H %P", f"-n{self.args.commits + 1}", tip, "--",
                  *project.pathspecs())
        result = []
        for line in out.splitlines():
            parts = line.split()
            if len(parts) >= 2:          # a root commit has no parent to compare with
                result.append((parts[0], parts[1]))
        return tip, list(reversed(result[: self.args.commits]))

    def project(self, project: Project):
        started = time.monotonic()
        report = {"project": project.name, "runner": project.runner, "status": "ok", "commits": []}
        try:
            wt = self.prepare(project)
            tip, commits = self.commits(project, wt)
        except (RuntimeError, subprocess.SubprocessError, OSError) as e:
            report["status"] = f"skipped: {e}"
            return report
        report["tip"] = tip
        for i, (commit, parent) in enumerate(commits, start=1):
            print(f"  [{project.name} {i}/{len(commits)}] {commit[:12]}", file=sys.stderr, flush=True)
            try:
                report["commits"].append(self.commit(project, wt, commit, parent))
            except (RuntimeError, subprocess.SubprocessError, OSError) as e:
                report["commits"].append({"commit": commit, "parent": parent, "replay_error": str(e)[-500:]})
        report["seconds"] = round(time.monotonic() - started, 1)
        report["files_missing_from_snapshot"] = self.sparse_excluded.get(str(wt), [])
        return report

    def commit(self, project: Project, wt: Path, commit: str, parent: str):
        self.checkout(wt, commit)
        tracked = set(git(wt, "ls-files").splitlines())
        generators = GeneratorSchemas(wt, sorted(tracked))
        diff = self.diff(wt, "-U0", parent, commit)
        changed_lines = parse_hunks(diff)
        removed_lines = parse_deletions(diff)
        status = {}
        for line in self.diff(wt, "--name-status", parent, commit).splitlines():
            parts = line.split("\t")
            status[parts[-1]] = parts[0][0]
        info = {
            "commit": commit,
            "parent": parent,
            "date": git(wt, "log", "-1", "--format=%cs", commit).strip(),
            "subject": git(wt, "log", "-1", "--format=%s", commit).strip()[:120],
            "migration_files": sorted(p for p in status if project.glob_dialect(p) is not None),
        }
        info["migralint"] = self.run_migralint(wt, parent)
        errors = []
        for e in info["migralint"].pop("_errors", []):
            errors.append(self.classify(project, wt, generators, tracked, (changed_lines, removed_lines), status, e))
        info["errors"] = errors
        info["squawk"] = self.run_squawk(project, wt, status)
        return info

    MISSING_BLOB = re.compile(r"unable to read sha1 file of (.+?) \(")

    def checkout(self, wt: Path, commit: str):
        """Checks out the commit; files whose content the snapshot lacks (it leaves out files of 4 MiB and more) are
        left out of the work tree with a sparse checkout, and listed in the report."""
        if str(wt) not in self.sparse_excluded:
            # A clone kept from an earlier replay already leaves them out.
            sparse = read_text(wt / ".git" / "info" / "sparse-checkout") or ""
            self.sparse_excluded[str(wt)] = [line[2:] for line in sparse.splitlines() if line.startswith("!/")]
        excluded = self.sparse_excluded[str(wt)]
        for _ in range(50):
            p = run(["git", "-C", str(wt), "checkout", "-q", "-f", "--detach", commit], check=False)
            if p.returncode == 0:
                git(wt, "clean", "-q", "-f", "-d", "-x")
                return
            missing = self.MISSING_BLOB.findall(p.stderr.decode("utf-8", errors="replace"))
            if not missing or all(m in excluded for m in missing):
                raise RuntimeError(f"checkout {commit}: {p.stderr.decode(errors='replace')[-400:]}")
            excluded += [m for m in missing if m not in excluded]
            git(wt, "config", "core.sparseCheckout", "true")
            info = wt / ".git" / "info"
            info.mkdir(parents=True, exist_ok=True)
            (info / "sparse-checkout").write_text("/*\n" + "".join(f"!/{m}\n" for m in excluded))
        raise RuntimeError(f"checkout {commit}: too many missing files")

    def diff(self, wt: Path, mode: str, parent: str, commit: str) -> str:
        """The commit's diff of SQL files (the files migralint lints); without rename detection when a blob is
        missing from the snapshot."""
        base = ["diff", mode, "--no-color", "--no-ext-diff", parent, commit, "--", ":(glob)**/*.sql*"]
        p = run(["git", "-C", str(wt), *base[:1], "-M", *base[1:]], check=False)
        if p.returncode != 0:
            p = run(["git", "-C", str(wt), *base[:1], "--no-renames", *base[1:]])
        return p.stdout.decode("utf-8", errors="replace")

    # ---- migralint
    def run_migralint(self, wt: Path, parent: str):
        cmd = [self.migralint, "check", "--changed", "--base", parent, "--format", "json", "--no-cache"]
        t0 = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=wt, env=self.env, capture_output=True, timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return {"outcome": "timeout", "exit": None, "seconds": self.args.timeout}
        res = {"exit": p.returncode, "seconds": round(time.monotonic() - t0, 2)}
        stderr = p.stderr.decode("utf-8", errors="replace")
        try:
            doc = json.loads(p.stdout.decode("utf-8", errors="replace"))
        except ValueError:
            doc = None
        if p.returncode not in (0, 1) or doc is None:
            res["outcome"] = "crash"
            res["stderr"] = stderr[-1500:]
            return res
        res["outcome"] = "blocked" if p.returncode == 1 else "passed"
        verdict = doc.get("verdict", {})
        res["files"] = verdict.get("files")
        res["warnings"] = verdict.get("warnings")
        res["notices"] = verdict.get("notices")
        errs = []
        for f in doc.get("files", []):
            for finding in f.get("findings", []):
                if finding.get("severity") == "error" and not finding.get("suppressed"):
                    errs.append({
                        "file": finding.get("path") or f.get("path"),
                        "line": finding.get("line"),
                        "endLine": finding.get("endLine"),
                        "rule": finding.get("rule"),
                        "message": finding.get("message"),
                    })
        res["_errors"] = errs
        if verdict.get("errors") is not None and verdict.get("errors") != len(errs):
            res["note"] = f"verdict says {verdict.get('errors')} errors, {len(errs)} listed"
        return res

    # ---- classification
    def classify(self, project, wt, generators, tracked, changes, status, e):
        path, rule = e["file"] or "", e["rule"] or ""
        full = wt / path
        content = read_text(full) if full.is_file() else None
        history, dialects = self.rules.get(rule, (rule in self.history_rules, None))
        history = history or rule in self.history_rules
        file_ds = file_dialects(project, path, content, tracked)
        why_not = not_migration(path, generators)
        causes = []
        if why_not:
            causes.append("not-migration")
            e["why"] = why_not
        elif not history and (file_ds <= FOREIGN_DIALECTS or (dialects and not file_ds & dialects)):
            causes.append("not-migration")
            e["why"] = (f"{'/'.join(sorted(file_ds)) or 'no'} file, "
                        f"rule for {'/'.join(sorted(dialects)) if dialects else 'any dialect'}")
        if history:
            causes.append("history")
        kind, is_down = down_lines(path, content)
        if kind == "file" or (kind == "sections" and is_down(e["line"])):
            causes.append("down")
        if not history and status.get(path) != "A" and not statement_touched(content, e, *[c.get(path) for c in changes]):
            causes.append("unchanged")
        e["dialect"] = "/".join(sorted(file_ds))
        e["statement"] = statement_text(content, e.get("line"), e.get("endLine"))
        e["causes"] = causes
        # One primary cause per error, in this order: a file that is no migration of the rule's dialect makes every
        # other question moot; history rules are about files, not lines; then down, then unchanged lines.
        for c in ["not-migration", "history", "down", "unchanged"]:
            if c in causes:
                e["cause"] = c
                break
        else:
            e["cause"] = "rest"
        return e

    # ---- squawk
    def run_squawk(self, project, wt, status):
        if not self.squawk:
            return {"outcome": "not run"}
        files = []
        for path, st in sorted(status.items()):
            if st in ("A", "M", "R", "C") and path.endswith(".sql") and (wt / path).is_file():
                gd = project.glob_dialect(path)
                if gd is None:
                    continue
                content = read_text(wt / path)
                if file_dialects(project, path, content, set(status)) & {"postgresql"}:
                    files.append(path)
        if not files:
            return {"outcome": "no files", "files": []}
        res = {"files": files}
        violations, crashed = [], []
        # One squawk run per file, remembered by content: a panic aborts squawk's whole run (and takes it a while),
        # and most files come back unchanged in the next commits.
        for f in files:
            data = (wt / f).read_bytes()
            key = hashlib.sha256(data).hexdigest()
            if key not in self.squawk_cache:
                self.squawk_cache[key] = self._squawk(wt, f)
                self.squawk_cache_dirty = True
            q = self.squawk_cache[key]
            if q is None:
                crashed.append(f)
            else:
                violations += [dict(v, file=f) for v in q]
        if crashed:
            res["crashed_files"] = crashed
        res["violations"] = [{"file": v.get("file"), "line": (v.get("line") or 0) + 1, "rule": v.get("rule_name"),
                              "level": v.get("level")} for v in violations]
        res["outcome"] = "blocked" if violations else ("crash" if res.get("crashed_files") else "passed")
        down = [v for v in res["violations"] if down_lines(v["file"] or "", None)[0] == "file"
                or self._in_down_section(wt, v)]
        res["blocked_up_only"] = len(res["violations"]) > len(down)
        return res

    def save_squawk_cache(self):
        if self.squawk_cache_file and self.squawk_cache_dirty:
            self.squawk_cache_file.parent.mkdir(parents=True, exist_ok=True)
            self.squawk_cache_file.write_text(json.dumps(self.squawk_cache))
            self.squawk_cache_dirty = False

    def _in_down_section(self, wt, v):
        kind, is_down = down_lines(v["file"] or "", read_text(wt / (v["file"] or "")))
        return kind == "sections" and is_down(v["line"])

    def _squawk(self, wt, file):
        """The file's violations, or None when squawk crashed or timed out on it."""
        try:
            p = subprocess.run([self.squawk, "--reporter", "json", file], cwd=wt, capture_output=True,
                               timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return None
        if p.returncode not in (0, 1):
            return None
        try:
            parsed = json.loads(p.stdout.decode("utf-8", errors="replace") or "[]")
        except ValueError:
            return None
        return parsed if isinstance(parsed, list) else []


# --------------------------------------------------------------------------------------------------------------------
# summary

def summarise(report):
    commits = [c for c in report["commits"] if "replay_error" not in c]
    s = {
        "commits": len(commits),
        "replay_errors": len(report["commits"]) - len(commits),
        "migralint_blocked": sum(c["migralint"]["outcome"] == "blocked" for c in commits),
        "migralint_crashed": sum(c["migralint"]["outcome"] in ("crash", "timeout") for c in commits),
        "blocked_by_rest": sum(c["migralint"]["outcome"] == "blocked" and any(e["cause"] == "rest" for e in c["errors"])
                               for c in commits),
        "squawk_blocked": sum(c["squawk"].get("outcome") == "blocked" for c in commits),
        "squawk_blocked_up_only": sum(c["squawk"].get("outcome") == "blocked" and c["squawk"].get("blocked_up_only")
                                      for c in commits),
        "squawk_crashed": sum(bool(c["squawk"].get("crashed_files")) for c in commits),
        "errors": sum(len(c["errors"]) for c in commits),
        "by_cause": {k: 0 for k in CAUSES},
        "by_flag": {k: 0 for k in CAUSES[:-1]},
        "by_rule": collections.Counter(),
        "rest_by_rule": collections.Counter(),
    }
    for c in commits:
        for e in c["errors"]:
            s["by_cause"][e["cause"]] += 1
            for f in e["causes"]:
                s["by_flag"][f] += 1
            s["by_rule"][e["rule"]] += 1
            if e["cause"] == "rest":
                s["rest_by_rule"][e["rule"]] += 1
    if commits:
        s["first_commit"], s["last_commit"] = commits[0]["commit"], commits[-1]["commit"]
        s["first_date"], s["last_date"] = commits[0]["date"], commits[-1]["date"]
    return s


def total(summaries):
    t = {"commits": 0, "replay_errors": 0, "migralint_blocked": 0, "migralint_crashed": 0, "blocked_by_rest": 0,
         "squawk_blocked": 0, "squawk_blocked_up_only": 0, "squawk_crashed": 0, "errors": 0,
         "by_cause": {k: 0 for k in CAUSES}, "by_flag": {k: 0 for k in CAUSES[:-1]},
         "by_rule": collections.Counter(), "rest_by_rule": collections.Counter()}
    for s in summaries:
        for k, v in s.items():
            if k in ("by_cause", "by_flag"):
                for kk, vv in v.items():
                    t[k][kk] += vv
            elif k in ("by_rule", "rest_by_rule"):
                t[k].update(v)
            elif isinstance(v, int) and k in t:
                t[k] += v
    return t


def pct(a, b):
    return f"{100 * a / b:.0f}%" if b else "–"


def markdown(reports, summaries, tot):
    out = []
    out.append("| project | runner | commits | migralint blocked | blocked by (e) | crashed | squawk blocked "
               "(up files only) [crashed] | errors | (a) down | (b) unchanged lines | (c) history | (d) not a migration "
               "of that dialect | (e) rest |")
    out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for r, s in zip(reports, summaries):
        if r["status"] != "ok":
            out.append(f"| {r['project']} | {r['runner']} | {r['status']} |" + " |" * 10)
            continue
        c = s["by_cause"]
        out.append(f"| {r['project']} | {r['runner']} | {s['commits']} | {s['migralint_blocked']} | "
                   f"{s['blocked_by_rest']} | {s['migralint_crashed']} | {s['squawk_blocked']} "
                   f"({s['squawk_blocked_up_only']}){' [%d]' % s['squawk_crashed'] if s['squawk_crashed'] else ''} | {s['errors']} | {c['down']} | {c['unchanged']} | "
                   f"{c['history']} | {c['not-migration']} | {c['rest']} |")
    c, n = tot["by_cause"], tot["errors"]
    out.append(f"| **total** | | **{tot['commits']}** | **{tot['migralint_blocked']}** "
               f"({pct(tot['migralint_blocked'], tot['commits'])}) | **{tot['blocked_by_rest']}** | "
               f"**{tot['migralint_crashed']}** | **{tot['squawk_blocked']}** ({tot['squawk_blocked_up_only']}) "
               f"[{tot['squawk_crashed']}] | "
               f"**{n}** | **{c['down']}** ({pct(c['down'], n)}) | **{c['unchanged']}** ({pct(c['unchanged'], n)}) | "
               f"**{c['history']}** ({pct(c['history'], n)}) | **{c['not-migration']}** "
               f"({pct(c['not-migration'], n)}) | **{c['rest']}** ({pct(c['rest'], n)}) |")
    out.append("")
    f = tot["by_flag"]
    out.append(f"Errors with each cause, counted without priority (an error can have several): (a) {f['down']}, "
               f"(b) {f['unchanged']}, (c) {f['history']}, (d) {f['not-migration']}.")
    out.append("")
    out.append("| project | tip | commits replayed: first … last (first-parent, oldest first) |")
    out.append("|---|---|---|")
    for r, s in zip(reports, summaries):
        if r["status"] == "ok" and s["commits"]:
            out.append(f"| {r['project']} | `{r['tip'][:12]}` | `{s['first_commit'][:12]}` ({s['first_date']}) … "
                       f"`{s['last_commit'][:12]}` ({s['last_date']}) |")
    out.append("")
    out.append("| rule | errors | of which (e) rest |")
    out.append("|---|--:|--:|")
    for rule, count in tot["by_rule"].most_common():
        out.append(f"| {rule} | {count} | {tot['rest_by_rule'].get(rule, 0)} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--migralint", default=str(REPO_ROOT / "bin" / "migralint"),
                    help="the migralint launcher or wrapper under test (default: this repository's bin/migralint)")
    ap.add_argument("--rules-dir", help="rules/*.yml of that build (default: rules/ beside its bin/)")
    ap.add_argument("--squawk", default=None,
                    help="squawk binary (default: bench/node_modules/@squawk-cli/<platform>/bin/squawk); 'none' skips it")
    ap.add_argument("--projects", default=str(HERE / "projects.json"))
    ap.add_argument("--only", help="comma-separated project names (owner/name) to replay")
    ap.add_argument("-n", "--commits", type=int, default=20, help="commits per project (default 20)")
    ap.add_argument("--source", default="/work/.mirror/{owner}+{name}/repo",
                    help="where each project's history is cloned from; {owner} {name} {slug} are filled in")
    ap.add_argument("--data", default="/work/replay-data", help="scratch directory for the clones")
    ap.add_argument("--latest", action="store_true",
                    help="replay from each snapshot's HEAD instead of the tip pinned in projects.json")
    ap.add_argument("--timeout", type=int, default=120, help="seconds per migralint or squawk run")
    ap.add_argument("--json", default=str(HERE.parent / "results" / "replay.json"), help="where the full data goes")
    args = ap.parse_args()

    if args.squawk is None:
        found = sorted((HERE.parent / "node_modules" / "@squawk-cli").glob("*/bin/squawk"))
        args.squawk = str(found[0]) if found else None
        if not found:
            print("replay: squawk not found (cd bench && npm install); replaying without it", file=sys.stderr)
    elif args.squawk == "none":
        args.squawk = None

    specs = json.loads(Path(args.projects).read_text())["projects"]
    if args.only:
        wanted = set(args.only.split(","))
        specs = [s for s in specs if s["name"] in wanted]
    replay = Replay(args)
    # Build (when stale) and print the version once, before the runs that skip the build check.
    version = run([replay.migralint, "--version"], timeout=1800).stdout.decode().strip()
    squawk_version = run([args.squawk, "--version"]).stdout.decode().strip() if args.squawk else None
    print(f"replay: {version}; {squawk_version or 'no squawk'}; {len(specs)} projects, {args.commits} commits each",
          file=sys.stderr)

    started = time.monotonic()
    reports, summaries = [], []
    for spec in specs:
        project = Project(spec)
        print(f"replay: {project.name}", file=sys.stderr, flush=True)
        r = replay.project(project)
        reports.append(r)
        replay.save_squawk_cache()
        summaries.append(summarise(r))
    tot = total(summaries)
    md = markdown(reports, summaries, tot)

    def plain(o):
        return dict(o) if isinstance(o, collections.Counter) else o

    data = {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": " ".join(sys.argv),
        "migralint": {"path": replay.migralint, "version": version},
        "squawk": squawk_version,
        "commits_per_project": args.commits,
        "seconds": round(time.monotonic() - started, 1),
        "history_rules": sorted(replay.history_rules),
        "totals": {k: plain(v) for k, v in tot.items()},
        "projects": [dict(r, summary={k: plain(v) for k, v in s.items()}) for r, s in zip(reports, summaries)],
        "remaining_errors": [dict(e, project=r["project"], commit=c["commit"])
                             for r in reports for c in r["commits"] for e in c.get("errors", [])
                             if e["cause"] == "rest"],
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(data, indent=1, default=plain))
    print(md)
    print(f"\nFull data: {args.json}", file=sys.stderr)


if __name__ == "__main__":
    main()
