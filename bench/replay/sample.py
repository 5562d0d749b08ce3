#!/usr/bin/env python3
"""A reproducible random sample of the blocking errors of a replay, for a human to judge.

Reads the JSON that replay.py writes (--json) and prints N errors drawn with a fixed seed (the same JSON, N and seed
give the same sample), each with its project, commit, file, line, rule, cause, message and the statement's text.
The statement comes from the JSON (replay.py stores it); for a JSON written before it did, from the replay's clone of
the project (--data) at that commit.

    python3 bench/replay/sample.py /tmp/replay13.json -n 30 --seed 13
    python3 bench/replay/sample.py /tmp/replay13.json -n 20 --cause rest --rule require-concurrent-index

Python 3.11, standard library only.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import replay  # noqa: E402  (statement_text)


def blocking_errors(data: dict, cause: str | None = None, rule: str | None = None, project: str | None = None):
    """Every error of a blocked commit, in the JSON's order (projects, commits, errors): the population sampled."""
    out = []
    for p in data.get("projects", []):
        if project and p.get("project") != project:
            continue
        for c in p.get("commits", []):
            if (c.get("migralint") or {}).get("outcome") != "blocked":
                continue
            for e in c.get("errors", []):
                if (cause is None or e.get("cause") == cause) and (rule is None or e.get("rule") == rule):
                    out.append((p.get("project"), c, e))
    return out


def draw(population: list, n: int, seed: int) -> list:
    """n items drawn without replacement by a generator seeded with seed, in the population's order."""
    if n >= len(population):
        return list(population)
    picked = sorted(random.Random(seed).sample(range(len(population)), n))
    return [population[i] for i in picked]


def statement_from_clone(data_dir: str, project: str, commit: str, e: dict) -> str | None:
    clone = Path(data_dir) / project.replace("/", "__")
    p = subprocess.run(["git", "-C", str(clone), "show", f"{commit}:{e.get('file')}"], capture_output=True)
    if p.returncode != 0:
        return None
    return replay.statement_text(p.stdout.decode("utf-8", errors="replace"), e.get("line"), e.get("endLine"))


def render(i: int, project: str, c: dict, e: dict, statement: str | None) -> str:
    lines = [f"## {i}. {project} {c.get('commit', '')[:12]} ({c.get('date', '')}) {c.get('subject', '')}",
             f"{e.get('file')}:{e.get('line')}  {e.get('rule')}  [cause: {e.get('cause')}; dialect: {e.get('dialect')}]",
             f"{e.get('message')}"]
    if statement:
        lines += ["```sql", statement, "```"]
    else:
        lines.append("(statement text not available)")
    lines.append("verdict: [ ] right  [ ] wrong  [ ] unsure   note:")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("json", help="a replay.py --json file")
    ap.add_argument("-n", type=int, default=30, help="errors to draw (default 30)")
    ap.add_argument("--seed", type=int, default=13, help="random seed (default 13)")
    ap.add_argument("--cause", help="only errors of this primary cause (down, unchanged, history, not-migration, rest)")
    ap.add_argument("--rule", help="only errors of this rule")
    ap.add_argument("--project", help="only errors of this project (owner/name)")
    ap.add_argument("--data", default="/work/replay-data", help="replay.py's clones, for JSONs without statements")
    args = ap.parse_args(argv)

    data = json.loads(Path(args.json).read_text())
    population = blocking_errors(data, args.cause, args.rule, args.project)
    sample = draw(population, args.n, args.seed)
    print(f"# {len(sample)} of {len(population)} blocking errors of {args.json} (seed {args.seed}"
          f"{', cause ' + args.cause if args.cause else ''}{', rule ' + args.rule if args.rule else ''}"
          f"{', project ' + args.project if args.project else ''}); migralint {data.get('migralint', {}).get('version')}\n")
    for i, (project, c, e) in enumerate(sample, start=1):
        statement = e.get("statement") or statement_from_clone(args.data, project, c.get("commit", ""), e)
        print(render(i, project, c, e, statement))
        print()


if __name__ == "__main__":
    main()
