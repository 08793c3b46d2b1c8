"""One procedure as read from one public source, and how several such reads combine.

Each source module (portal_api, defence, catalog) turns its records into `Imported`
values holding procedure-file keys. When two sources give the same code, `merge` keeps,
field by field, the richer value, and the source block names the richest record, noting
the others in its title: a resident's page shows one set of facts with one named origin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The keys an import writes, in the order procedure files list them (schema.PROCEDURE).
FACT_KEYS = (
    "code", "name", "level", "field", "agency", "authority", "applicants", "steps",
    "channels", "documents", "results", "legal_basis", "conditions", "local",
)


@dataclass
class Imported:
    """The facts one public record gives about one procedure, with where they came from."""

    code: str
    facts: dict[str, Any]
    source: dict[str, Any]
    origin: str  # a short name of the source for titles and reports, in Vietnamese
    also: list[str] = field(default_factory=list)  # origins merged into this one

    def richness(self) -> int:
        """How much this record says: one point per field, plus one per list item."""
        score = 0
        for key, value in self.facts.items():
            if key in ("code", "local"):
                continue
            score += 1 + (len(value) if isinstance(value, list) else 0)
        return score


@dataclass(frozen=True)
class Skipped:
    """A record not imported, and why (in Vietnamese, for the report)."""

    code: str
    origin: str
    reason: str


def merge(records: list[Imported]) -> Imported:
    """Combine reads of one code: per field the richer value wins, ties to the richest record."""
    ranked = sorted(records, key=lambda r: -r.richness())  # stable: ties keep source order
    main = ranked[0]
    facts: dict[str, Any] = {}
    for key in FACT_KEYS:
        values = [r.facts[key] for r in ranked if r.facts.get(key) not in (None, "", [])]
        if key == "local":
            if values:
                facts[key] = _merge_local(values)
        elif values:
            facts[key] = max(values, key=_size)  # max keeps the first of equals
    others = [r.origin for r in ranked[1:]]
    source = dict(main.source)
    if others:
        source["title"] = f"{main.source['title']}; đối chiếu thêm: {'; '.join(others)}"
    return Imported(main.code, facts, source, main.origin, also=others)


def _size(value: Any) -> int:
    return len(value) if isinstance(value, list) else 1


def _merge_local(lists: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Union of per-commune entries; for one commune the first list's entry wins."""
    by_commune: dict[str, dict[str, Any]] = {}
    for entries in lists:
        for entry in entries:
            by_commune.setdefault(entry["commune"], entry)
    return [by_commune[c] for c in sorted(by_commune)]
