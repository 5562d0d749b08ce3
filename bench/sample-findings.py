#!/usr/bin/env python3
"""Draws a fixed random sample of findings per rule from a migralint JSON report, to judge them by hand.

For each rule (all rules, or those named) with at least --min findings, picks up to --n of its unsuppressed findings
with random.Random(seed), in report order, and prints each with the statement's lines and a few lines around them,
read from the corpus. The same report, seed and rules always give the same sample.

Usage:
  MIGRALINT_JSON=/tmp/out.json bench/rule-counts.sh > counts.tsv      # keeps the report (and its file list)
  bench/sample-findings.py /tmp/out.json [--corpus DIR] [--seed 14] [--n 10] [--min 10]
                           [--severity warning,notice] [--rule ID ...] [--context 3]
--severity picks rules by the severity their rules/ID.yml declares. Only files listed in REPORT.files (written beside the report by rule-counts.sh) count, when that file exists.
"""
import argparse
import collections
import json
import os
import random
import sys


def declared(here, rule, cache={}):
    """The severity a bundled rule's file declares (its headline severity, before severity-when), or None."""
    if rule not in cache:
        cache[rule] = None
        path = os.path.join(here, "..", "rules", rule + ".yml")
        if os.path.exists(path):
            for line in open(path):
                if line.startswith("severity:"):
                    cache[rule] = line.split(":", 1)[1].strip()
                    break
    return cache[rule]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser()
    p.add_argument("report")
    p.add_argument("--corpus", default=os.path.join(here, "..", "..", "shared", "corpus"))
    p.add_argument("--seed", type=int, default=14)
    p.add_argument("--n", type=int, default=10)
    p.add_argument("--min", type=int, default=10)
    p.add_argument("--severity", default="warning,notice",
                   help="sample the rules whose file (rules/ID.yml) declares one of these severities ('' for all)")
    p.add_argument("--rule", action="append", default=[])
    p.add_argument("--context", type=int, default=3, help="lines shown before and after the statement")
    a = p.parse_args()
    wanted = None
    if os.path.exists(a.report + ".files"):
        wanted = set(open(a.report + ".files").read().split())
    severities = set(s for s in a.severity.split(",") if s)
    root = os.path.abspath(a.corpus) + "/"  # with --config, paths are reported absolute
    by_rule = collections.defaultdict(list)
    for f in json.load(open(a.report))["files"]:
        if wanted is not None and f["path"].removeprefix(root) not in wanted:
            continue
        for x in f["findings"]:
            if x.get("suppressed"):
                continue
            if a.rule and x["rule"] not in a.rule:
                continue
            if severities and declared(here, x["rule"]) not in severities:
                continue
            by_rule[x["rule"]].append(x)
    for rule in sorted(by_rule):
        found = by_rule[rule]
        if len(found) < a.min:
            continue
        rng = random.Random(f"{a.seed}:{rule}")
        picked = sorted(rng.sample(range(len(found)), min(a.n, len(found))))
        print(f"=== {rule}: {len(found)} findings, sample of {len(picked)} (seed {a.seed})")
        for k, i in enumerate(picked, 1):
            x = found[i]
            print(f"--- {rule} #{k} {x['path']}:{x['line']} [{x.get('direction', 'up')}]")
            print(f"    {x['message']}")
            try:
                lines = open(os.path.join(a.corpus, x["path"].removeprefix(root)), encoding="utf-8", errors="replace").read().split("\n")
            except OSError as e:
                print(f"    (cannot read: {e})")
                continue
            first = max(1, x["line"] - a.context)
            last = min(len(lines), x.get("endLine", x["line"]) + a.context)
            for n in range(first, last + 1):
                mark = ">" if x["line"] <= n <= x.get("endLine", x["line"]) else " "
                print(f"{mark}{n:5d} {lines[n - 1][:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
