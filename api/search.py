"""Run a query plan over one build's tables: which procedures match, in what order, how many.

Scores are Whoosh's BM25F scores of each word in each procedure (api.tables), combined
here: a word counts by its best alternative (itself, a spelling, a near miss, a
completion, each with its boost); a reading adds its words up, and counts three times
when a procedure holds every one of its words; two words side by side in a name as
typed add the pair's rarity; the best reading wins, a reading through an everyday
phrase only for procedures whose names say what it means. Words typed with diacritics
add their score in names spelled exactly so ("hôn" above "hỏn"), a typed code finds its
procedure, and the best 50 are reordered by how much of their name the query covers.

Which procedures count as results (the `total`, the same whatever page is asked for):
those holding at least half of what the best match holds, each word weighted by how
rare it is. "dang ky khai sinh" then lists the registrations that mention birth, not
every procedure that says "đăng ký", and a word no procedure holds removes nothing.
An everyday phrase typed alone ("sổ đỏ") is read as that phrase or what it means, not
word by word ("số", "do").
"""

from __future__ import annotations

import heapq
import math
from typing import Any, Iterable, Mapping, Protocol

from api.query import PAIR_ALTERNATIVES, Alternative, Plan, Synonyms, plan_query
from api.tables import Tables
from generator import urls

ALL_WORDS = 3.0  # a procedure holding every word of a reading
PAIR_WEIGHT = 3.0  # two words side by side in a name, as typed: counts like a name word as rare as the pair
SYNONYM_WEIGHT = 0.9  # a reading through an everyday phrase, against the words as typed
EXACT_BOOST = 1.5  # per word typed with diacritics and found so spelled in the name
CODE_SCORE = 1000.0  # a typed code puts its procedure first
COVER_SHARE = 0.5  # results hold at least this share of what the best match holds
RERANK = 50  # the best this many are reordered by how much of their name the query covers
NAME_SHARE = 1.0  # a name the query covers entirely counts twice
OTHER_BODY = 0.75  # a procedure of another body (tax, customs, ...: level "other"), against a commune's


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


def held_by(tables: Tables, alternatives: tuple[Alternative, ...]) -> set[int] | Mapping[int, float]:
    """The documents that hold a word: through any alternative but a completion, when the
    word has such (a typed "tu" is held by "tử", not by "tục"); else through completions."""
    strong = [alt for alt in alternatives if not alt.completion]
    if len(strong) == len(alternatives):
        return tables.scores[alternatives[0].term] if len(strong) == 1 else set().union(
            *(tables.scores[alt.term].keys() for alt in strong))
    if not strong:
        return set().union(*(tables.scores[alt.term].keys() for alt in alternatives))
    return set().union(*(tables.scores[alt.term].keys() for alt in strong))


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
    held = {word: held_by(tables, alts) for word, alts in plan.alternatives.items()}
    weight = {word: math.log(1 + n_docs / len(found)) if found else math.log(1 + n_docs)
              for word, found in held.items()}
    pairs = {pair: pair_docs(tables, plan, *pair) for pair in plan.pairs}
    # "thông hành", "lễ hội": common words, a rare pair. Its bonus is its rarity, as a word's.
    pair_bonus = {pair: PAIR_WEIGHT * math.log(1 + n_docs / len(found)) for pair, found in pairs.items() if found}
    # An everyday phrase's meaning is a phrase of procedure names (procedures/_synonyms.yml).
    meant = {reading: tables.named_as(reading.meaning) for reading in plan.readings if reading.synonym}
    if any(reading.words == reading.meaning and meant[reading] for reading in plan.readings[1:]):
        # The resident typed an everyday phrase and nothing else ("sổ đỏ", "liệt sĩ"): read
        # as typed, it is that phrase in a name, not its words one by one ("số", "do").
        meant[plan.readings[0]] = tables.named_as(plan.readings[0].words)
    best: dict[int, float] = {}
    cover: dict[int, float] = {}
    for reading in plan.readings:
        score, weights = reading_scores(reading.words, words, held, weight, pairs, pair_bonus)
        if reading in meant:
            factor = SYNONYM_WEIGHT if reading.synonym else 1.0
            named = meant[reading]
            score = {doc: s * factor for doc, s in score.items() if doc in named}
        total = sum(weight[word] for word in reading.words)
        if not best:
            best, cover = score, {doc: weights.get(doc, 0.0) / total for doc in score}
            continue
        for doc, s in score.items():
            if s > best.get(doc, 0.0):
                best[doc] = s
            share = weights.get(doc, 0.0) / total
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


def reading_scores(reading: tuple[str, ...], words: Mapping[str, Mapping[int, float]],
                   held: Mapping[str, Any], weight: Mapping[str, float],
                   pairs: Mapping[tuple[str, str], set[int]], pair_bonus: Mapping[tuple[str, str], float],
                   ) -> tuple[dict[int, float], dict[int, float]]:
    """One reading's score per document, and the weight of the words it holds (a word
    matched only through a completion is scored but not held: see held_by).

    The hot loop of a search: the first word's dicts are copied in C, and "holds every
    word" is an intersection of key sets, so each further posting costs two dict updates.
    """
    score = dict(words[reading[0]])
    weights = dict.fromkeys(held[reading[0]], weight[reading[0]])
    for word in reading[1:]:
        w, table, holding = weight[word], words[word], held[word]
        if holding is table:  # one alternative, the word itself: one loop does both
            for doc, s in table.items():
                score[doc] = score.get(doc, 0.0) + s
                weights[doc] = weights.get(doc, 0.0) + w
            continue
        for doc, s in table.items():
            score[doc] = score.get(doc, 0.0) + s
        for doc in holding:
            weights[doc] = weights.get(doc, 0.0) + w
    for pair in zip(reading, reading[1:]):
        bonus = pair_bonus.get(pair, 0.0)
        for doc in pairs.get(pair, ()):
            score[doc] += bonus
    every = set(held[reading[0]])
    for word in reading[1:]:
        every.intersection_update(held[word])
    for doc in every:
        score[doc] *= ALL_WORDS
    return score, weights


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
    page = ordered(tables, plan, scores, matched, offset + limit)[offset:]
    return {"total": len(matched),
            "results": [hit_dict(tables, doc, scores[doc], plan, commune, base_url) for doc in page]}


def ordered(tables: Tables, plan: Plan, scores: dict[int, float], matched: list[int], count: int) -> list[int]:
    """The first `count` results in order: the best RERANK by score, reordered by how much of
    each name the query covers, then the rest by score. The same order whatever page is
    asked for, so paging neither repeats nor skips a result.

    Covering more of a name means the name is what was asked: "khai sinh" is all of
    "(Thủ tục) đăng ký khai sinh" but part of "đăng ký khai sinh lưu động". The scores
    (BM25F over name, keywords and body) cannot see that a longer body talks more of it.
    Among the best, a procedure the commune's centre handles comes before another body's
    that matches about as well: residents search at and for their commune ("mất hộ chiếu"
    is the commune police's form before the passport office's procedure).
    """
    by_score = heapq.nsmallest(max(count, RERANK), matched, key=lambda doc: (-scores[doc], doc))
    terms = plan.named_terms
    top = by_score[:RERANK]
    for doc in top:
        scores[doc] *= 1.0 + NAME_SHARE * name_share(tables.name_counts[doc], terms)
        if tables.docs[doc]["level"] == "other":
            scores[doc] *= OTHER_BODY
    top.sort(key=lambda doc: (-scores[doc], doc))
    return (top + by_score[RERANK:])[:count]


def name_share(counted: tuple[Mapping[str, int], int], terms: frozenset[str]) -> float:
    """The share of a name's words (api.tables.counted_name) that the query holds."""
    counts, length = counted
    return sum(counts[word] for word in counts.keys() & terms) / length if length else 0.0


def marked_terms(plan: Plan, matched: set[str], name_words: Iterable[str]) -> set[str]:
    """The matched words worth highlighting in a name (given by its folded words).

    A completion is shown only when the typed word is not in the name itself:
    "tu" (tử) should not light up "tục" in every "Thủ tục".
    """
    extra = matched - plan.words
    if plan.prefix and plan.prefix in name_words:
        extra = {term for term in extra if not term.startswith(plan.prefix)}
    return (matched & plan.words) | extra


def highlight(name_html: tuple[tuple[tuple[str, str, str], ...], str], marked: set[str]) -> str:
    """A name as HTML with the words whose folded form is in `marked` wrapped in <mark>.

    The name was cut at its words and escaped once, when the build was opened
    (api.tables.escaped_name): nothing from the data reaches the answer unescaped.
    """
    pieces, rest = name_html
    if not marked:
        return "".join([before + word for before, word, _ in pieces]) + rest
    return "".join([f"{before}<mark>{word}</mark>" if folded in marked else before + word
                    for before, word, folded in pieces]) + rest


def hit_url(code: str, commune: str | None, base_url: str) -> str:
    """A hit's page: the commune's own page for the procedure, else the province-wide one."""
    path = urls.procedure_path(commune, code) if commune else urls.national_path(code)
    return urls.absolute(base_url, path) if base_url else path


def hit_dict(tables: Tables, doc: int, score: float, plan: Plan, commune: str | None,
             base_url: str) -> dict[str, Any]:
    """One result as JSON-ready data."""
    fields = tables.docs[doc]
    words = tables.name_words[doc]
    marked = marked_terms(plan, set(words) & plan.terms, words)
    return {
        "code": fields["code"],
        "name": fields["name"],
        "highlight": highlight(tables.name_html[doc], marked),
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
