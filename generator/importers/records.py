"""One procedure as read from one public source, and how several such reads combine.

Each source module (portal_api, crawl, defence, catalog) turns its records into
`Imported` values holding procedure-file keys. When several sources give the same code,
`merge` takes each field from the most authoritative source that has it (`rank`: the
portal's 2026 API record first, then its crawled page, then the Defence Ministry's
exports, then the catalogue, which names a procedure and nothing else), so a partial
API extract (its channels only) corrects the crawl's flattened channels and the crawl
fills the rest. The source block names every record that gave a fact, the richest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The keys an import writes, in the order procedure files list them (schema.PROCEDURE).
FACT_KEYS = (
    "code", "name", "level", "field", "agency", "authority", "applicants", "steps",
    "channels", "cases", "documents", "results", "legal_basis", "conditions", "online_service",
    "online_level", "local",
)


@dataclass
class Imported:
    """The facts one public record gives about one procedure, with where they came from."""

    code: str
    facts: dict[str, Any]
    source: dict[str, Any]
    origin: str  # a short name of the source for titles and reports, in Vietnamese
    rank: int = 9  # which source wins a field both give: lower wins
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
    """Combine reads of one code: each field from the best-ranked source that gives it."""
    by_rank = sorted(records, key=lambda r: r.rank)  # stable: ties keep source order
    facts: dict[str, Any] = {}
    for key in FACT_KEYS:
        values = [r.facts[key] for r in by_rank if r.facts.get(key) not in (None, "", [])]
        if key == "local":
            if values:
                facts[key] = _merge_local(values)
        elif values:
            facts[key] = values[0]
    if facts.get("level") == "other" and facts.get("local"):
        facts["level"] = "commune"  # the province's rows show its communes offering it
    ranked = sorted(records, key=lambda r: -r.richness())  # the richest names the procedure's source
    main, others = ranked[0], ranked[1:]
    source = dict(main.source)
    if others:
        source["title"] = f"{main.source['title']}; đối chiếu thêm: {'; '.join(r.origin for r in others)}"
        documents = [r.source.get("document") for r in ranked if r.source.get("document")]
        source["document"] = "; ".join(dict.fromkeys(documents))
        source["checked"] = min(r.source["checked"] for r in ranked)  # the oldest fact decides
    return Imported(main.code, facts, source, main.origin, main.rank, also=[r.origin for r in others])


def _size(value: Any) -> int:
    return len(value) if isinstance(value, list) else 1


def _merge_local(lists: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Union of per-commune entries; for one commune the first list's entry wins."""
    by_commune: dict[str, dict[str, Any]] = {}
    for entries in lists:
        for entry in entries:
            by_commune.setdefault(entry["commune"], entry)
    return [by_commune[c] for c in sorted(by_commune)]
