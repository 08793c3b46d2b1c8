"""Run a query plan over one build's tables: which procedures match, in what order, how many.

Scores are Whoosh's BM25F scores of each word in each procedure (api.tables), combined
here: a word counts by its best alternative (itself, a spelling, a near miss, a
completion, each with its boost); a reading adds its words up, and counts three times
when a procedure holds every one of its words; two words side by side in a name as
typed add to both; the best reading wins. Words typed with diacritics add their score
in names spelled exactly so ("hôn" above "hỏn"), and a typed code finds its procedure.

Which procedures count as results (the `total`, the same whatever page is asked for):
those holding at least half of what the best match holds, each word weighted by how
rare it is. "dang ky khai sinh" then lists the registrations that mention birth, not
every procedure that says "đăng ký", and a word no procedure holds removes nothing.
"""

from __future__ import annotations

import heapq
import math
from typing import Any, Mapping, Protocol

from markupsafe import Markup, escape

from api.query import PAIR_ALTERNATIVES, Alternative, Plan, Synonyms, plan_query
from api.tables import Tables
from generator import urls
from generator.text import WORD, fold, fold_words

ALL_WORDS = 3.0  # a procedure holding every word of a reading
PAIR_WEIGHT = 0.5  # two words side by side in the name, as typed
EXACT_BOOST = 1.5  # per word typed with diacritics and found so spelled in the name
CODE_SCORE = 1000.0  # a typed code puts its procedure first
COVER_SHARE = 0.5  # results hold at least this share of what the best match holds


class Searchable(Protocol):
    """What a search needs from an opened build (api.index.LoadedIndex)."""

    @property
    def tables(self) -> Tables: ...

    @property
    def synonyms(self) -> Synonyms: ...


def word_scores(tables: Tables, alternatives: tuple[Alternative, ...]) -> Mapping[int, float]:
    """Each document's score for one word: its best alternative's score times its boost."""
    if len(alternatives) == 1 and alternatives[0].boost == 1.0:
        return tables.scores[alternatives[0].term]
    best: dict[int, float] = {}
    for alt in alternatives:
        boost = alt.boost
        for doc, score in tables.scores[alt.term].items():
            score *= boost
            if score > best.get(doc, 0.0):
                best[doc] = score
    return best


def pair_docs(tables: Tables, plan: Plan, a: str, b: str) -> set[int]:
    """Documents whose name has an alternative of `a` right before one of `b`."""
    found: set[int] = set()
    for left in plan.alternatives[a][:PAIR_ALTERNATIVES]:
        for right in plan.alternatives[b][:PAIR_ALTERNATIVES]:
            found |= tables.pairs.get((left.term, right.term), frozenset())
    return found


def rank(tables: Tables, plan: Plan) -> tuple[dict[int, float], dict[int, float]]:
    """Every matching document's score and coverage (share of the query's weight it holds)."""
    n_docs = tables.doc_count
    words = {word: word_scores(tables, alts) for word, alts in plan.alternatives.items()}
    weight = {word: math.log(1 + n_docs / len(found)) if found else math.log(1 + n_docs)
              for word, found in words.items()}
    pairs = {pair: pair_docs(tables, plan, *pair) for pair in plan.pairs}
    best: dict[int, float] = {}
    cover: dict[int, float] = {}
    for reading in plan.readings:
        score: dict[int, float] = {}
        held: dict[int, float] = {}
        count: dict[int, int] = {}
        for word in reading.words:
            w = weight[word]
            for doc, s in words[word].items():
                score[doc] = score.get(doc, 0.0) + s
                held[doc] = held.get(doc, 0.0) + w
                count[doc] = count.get(doc, 0) + 1
        for a, b in zip(reading.words, reading.words[1:]):
            for doc in pairs.get((a, b), ()):
                score[doc] += PAIR_WEIGHT * (words[a][doc] + words[b][doc])
        total = sum(weight[word] for word in reading.words)
        n_words = len(reading.words)
        for doc, s in score.items():
            if count[doc] == n_words:
                s *= ALL_WORDS
            if s > best.get(doc, 0.0):
                best[doc] = s
            share = held[doc] / total
            if share > cover.get(doc, 0.0):
                cover[doc] = share
    for term in plan.exact:
        for doc, s in tables.exact.get(term, {}).items():
            if doc in best:
                best[doc] += EXACT_BOOST * s
    if plan.code is not None and plan.code in tables.by_code:
        doc = tables.by_code[plan.code]
        best[doc] = best.get(doc, 0.0) + CODE_SCORE
        cover[doc] = 1.0
    return best, cover


def allowed_docs(tables: Tables, commune: str | None, field: str | None) -> frozenset[int] | None:
    """Documents a commune delivers and/or of one field (by slug); None for no restriction."""
    allowed = None
    if commune is not None:
        allowed = tables.by_commune.get(commune, frozenset())
    if field is not None:
        found = tables.by_field.get(field, frozenset())
        allowed = found if allowed is None else allowed & found
    return allowed


def search(
    loaded: Searchable,
    text: str,
    commune: str | None = None,
    field: str | None = None,
    limit: int = 10,
    offset: int = 0,
    base_url: str = "",
    prefix: bool = True,
) -> dict[str, Any]:
    """Search one opened build; return {"total": n, "results": [plain dicts]}.

    `total` counts every result, whatever `limit` and `offset` ask for, so paging through
    the results reaches exactly `total` of them.

    Args:
        commune: a commune code (already resolved): only procedures it delivers, with its URLs.
        field: a field slug ("ho-tich").
    """
    tables = loaded.tables
    plan = plan_query(text, tables, loaded.synonyms, prefix=prefix)
    if plan is None:
        return {"total": 0, "results": []}
    scores, cover = rank(tables, plan)
    allowed = allowed_docs(tables, commune, field)
    floor = COVER_SHARE * max(cover.values(), default=0.0)
    matched = [doc for doc, share in cover.items() if share >= floor and (allowed is None or doc in allowed)]
    page = heapq.nsmallest(offset + limit, matched, key=lambda doc: (-scores[doc], doc))[offset:]
    return {"total": len(matched),
            "results": [hit_dict(tables, doc, scores[doc], plan, commune, base_url) for doc in page]}


def marked_terms(plan: Plan, matched: set[str], name: str) -> set[str]:
    """The matched words worth highlighting in `name`.

    A completion is shown only when the typed word is not in the name itself:
    "tu" (tử) should not light up "tục" in every "Thủ tục".
    """
    extra = matched - plan.words
    if plan.prefix and plan.prefix in fold_words(name):
        extra = {term for term in extra if not term.startswith(plan.prefix)}
    return (matched & plan.words) | extra


def highlight(text: str, terms: set[str]) -> Markup:
    """`text` HTML-escaped, with the words whose folded form was matched wrapped in <mark>."""
    out, last = [], 0
    for match in WORD.finditer(text):
        if fold(match.group()) in terms:
            out += [escape(text[last:match.start()]), Markup("<mark>"), escape(match.group()), Markup("</mark>")]
            last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def hit_url(code: str, commune: str | None, base_url: str) -> str:
    """A hit's page: the commune's own page for the procedure, else the province-wide one."""
    path = urls.procedure_path(commune, code) if commune else urls.national_path(code)
    return urls.absolute(base_url, path) if base_url else path


def hit_dict(tables: Tables, doc: int, score: float, plan: Plan, commune: str | None,
             base_url: str) -> dict[str, Any]:
    """One result as JSON-ready data."""
    fields = tables.docs[doc]
    matched = set(tables.name_words[doc]) & plan.terms
    return {
        "code": fields["code"],
        "name": fields["name"],
        "highlight": str(highlight(fields["name"], marked_terms(plan, matched, fields["name"]))),
        "field": fields["field_name"],
        "field_slug": fields["field"],
        "level": fields["level"],
        "in_force": fields["in_force"],
        "sample": fields["sample"],
        "commune": commune,
        "url": hit_url(fields["code"], commune, base_url),
        "score": round(score, 4),
    }


def get_procedure(loaded: Searchable, code: str, base_url: str = "") -> dict[str, Any] | None:
    """The stored summary of one procedure, or None if the build has no such code."""
    tables = loaded.tables
    doc = tables.by_code.get(code)
    if doc is None:
        return None
    fields = tables.docs[doc]
    communes = fields.get("communes", "").split()
    return {
        "code": fields["code"],
        "name": fields["name"],
        "field": fields["field_name"],
        "field_slug": fields["field"],
        "level": fields["level"],
        "in_force": fields["in_force"],
        "sample": fields["sample"],
        "url": hit_url(fields["code"], None, base_url),
        "communes": [{"code": c, "url": hit_url(fields["code"], c, base_url)} for c in communes],
    }
