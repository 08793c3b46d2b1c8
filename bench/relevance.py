"""Relevance: how often search puts the procedure a resident means first, and in the top 3.

    .venv/bin/python bench/relevance.py [--set real] [--catalogue procedures]

Runs the queries of tests/data/relevance.yml (a set per catalogue) through the search as
the API does (a commune resolved from a code or a current or former name) and writes
top-1 and top-3, by kind of query, with every query that missed the top 3, into the
"Relevance" section of bench/results.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api.analysis import has_marks  # noqa: E402
from api.index import IndexHolder, publish_index  # noqa: E402
from api.search import search  # noqa: E402
from bench.results import machine, write_section  # noqa: E402
from generator.catalogue.load import load_catalogue  # noqa: E402

RELEVANCE = ROOT / "tests" / "data" / "relevance.yml"


def expected(case: dict[str, Any]) -> set[str]:
    """The codes that answer a case (one, or any of a list)."""
    code = case["code"]
    return {code} if isinstance(code, str) else set(code)


def rank_of(loaded, case: dict[str, Any]) -> int | None:
    """Where the first right answer comes (1 = first), or None beyond the top 3."""
    commune = loaded.communes.resolve(case["commune"])["code"] if "commune" in case else None
    hits = search(loaded, case["q"], commune=commune, limit=3)["results"]
    codes = [hit["code"] for hit in hits]
    right = expected(case)
    return next((i + 1 for i, code in enumerate(codes) if code in right), None)


KINDS = {"everyday": "everyday words for the procedure", "slip": "with a slip", "i/y": "the other i/y spelling"}


def kinds(case: dict[str, Any]) -> list[str]:
    """What kind of query this is, for the breakdown (a query may be several kinds)."""
    text = case["q"]
    found = ["with diacritics" if has_marks(text) else "without diacritics"]
    if any(ch.isupper() for ch in text[1:]):
        found.append("capitals")
    if "kind" in case:
        found.append(KINDS[case["kind"]])
    if "commune" in case:
        found.append("in a commune (a code, today's or a former name)")
    return found


def measure(cat, cases: list[dict[str, Any]]) -> tuple[list[tuple[dict, int | None]], Any]:
    """Each case with the rank of its answer, over a freshly published index of `cat`."""
    with tempfile.TemporaryDirectory(prefix="niemyet-relevance-") as tmp:
        publish_index(cat, Path(tmp))
        loaded = IndexHolder(Path(tmp)).get()
        return [(case, rank_of(loaded, case)) for case in cases], loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="real", help="a query set of relevance.yml")
    parser.add_argument("--catalogue", type=Path, help="default: the set's catalogue in relevance.yml")
    args = parser.parse_args()
    data = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))
    folder = args.catalogue or ROOT / data["catalogues"][args.set]
    cat = load_catalogue(folder)
    cases = data["queries"][args.set]
    missing = [case for case in cases if not expected(case) & {p.code for p in cat.procedures}]
    ranked, _ = measure(cat, [case for case in cases if case not in missing])
    by_kind: dict[str, list[int | None]] = defaultdict(list)
    for case, rank in ranked:
        for kind in ["every query", *kinds(case)]:
            by_kind[kind].append(rank)
    fields = {p.field for p in cat.procedures}
    asked = {p.field for case, _ in ranked for p in cat.procedures if p.code in expected(case)}
    lines = [
        f"Run: {machine()}. Command: `.venv/bin/python bench/relevance.py --set {args.set}`; catalogue "
        f"{folder.name}/ ({len(cat.procedures)} procedures in {len(fields)} fields; the queries ask for "
        f"procedures of {len(asked)} of them), queries of tests/data/relevance.yml.",
        "",
        "| queries | how many | top 1 | top 3 |",
        "|---|---|---|---|",
    ]
    for kind, ranks in by_kind.items():
        top1 = sum(rank == 1 for rank in ranks) / len(ranks)
        top3 = sum(rank is not None for rank in ranks) / len(ranks)
        lines.append(f"| {kind} | {len(ranks)} | {top1:.1%} | {top3:.1%} |")
    lines.append("")
    lines.append("Tuned on these queries (field weights, the pair and name-share bonuses were chosen "
                 "by them), so a fresh set of queries would score somewhat lower.")
    misses = [case for case, rank in ranked if rank is None]
    lines += ["", f"Not in the top 3 ({len(misses)}): " + ("; ".join(
        f"\"{c['q']}\"" + (f" in {c['commune']}" if "commune" in c else "") + f" -> {c['code']}" for c in misses)
        or "none") + "."]
    if missing:
        lines.append(f"Skipped, their procedure is not in this catalogue ({len(missing)}): "
                     + "; ".join(f"\"{c['q']}\" -> {c['code']}" for c in missing) + ".")
    write_section("Relevance", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
