"""Turn what a resident typed into a Whoosh query, run it, and return plain dicts.

No query parser: users get no query syntax at all (a `?*` wildcard took 4 s in the
pitfalls, and field syntax exposed non-public fields). The query is built here from
the folded words, with typo tolerance, a prefix on the last word (search as you
type), phrase boosts for multi-syllable words, exact-diacritics boosts and synonyms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Protocol, Sequence

from markupsafe import Markup, escape
from whoosh.query import And, FuzzyTerm, Or, Phrase, Prefix, Query, Term

from api.analysis import exact_words, has_marks
from generator import urls
from generator.text import WORD, fold, fold_words

MAX_WORDS = 12  # longer queries are cut: each word adds fuzzy and prefix expansions
TYPO_MIN_LENGTH = 3  # "an", "y": too short to guess a typo from
TYPO_MAX_LENGTH = 12  # Vietnamese syllables have at most 7 letters; longer runs are not typos
_CODE = re.compile(r"^\s*(\d\.\d{6})\s*$")
TEXT_FIELDS = ("name", "keywords")

Synonyms = Sequence[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]
Known = Callable[[str], bool]


class Searchable(Protocol):
    """What a search needs from an opened build (api.index.LoadedIndex)."""

    ix: Any
    meta: dict[str, Any]

    @property
    def synonyms(self) -> Synonyms: ...


def fold_synonyms(pairs: Iterable[Sequence[Any]]) -> Synonyms:
    """Fold the catalogue's (everyday word, [what it means]) pairs into word tuples."""
    folded = []
    for word, means in pairs:
        words = tuple(fold_words(word))
        targets = tuple(tuple(fold_words(m)) for m in means)
        if words and any(targets):
            folded.append((words, tuple(t for t in targets if t)))
    return tuple(folded)


def synonym_variants(words: Sequence[str], synonyms: Synonyms) -> list[list[str]]:
    """The query rewritten with each everyday phrase it contains replaced by what it means."""
    variants: list[list[str]] = []
    for phrase, targets in synonyms:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == phrase:
                variants += [list(words[:i]) + list(t) + list(words[i + n:]) for t in targets]
    return variants[:MAX_WORDS]


def transpositions(word: str) -> list[str]:
    """`word` with two neighbouring letters swapped ("khia" -> "khai"): Whoosh's
    FuzzyTerm counts a swap as two edits, and swaps are the commonest typing slip."""
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)}
    swaps.discard(word)
    return sorted(swaps)


def word_query(word: str, prefix: bool, known: Known) -> Query:
    """Everything one typed word may match: itself, a near miss, or (last word) a prefix.

    Near misses are tried only for words the index does not hold ("khia", "hno"): a
    real word ("thuc") spelled right would otherwise also match its neighbours ("thu").
    """
    parts: list[Query] = [Term(name, word) for name in (*TEXT_FIELDS, "body")]
    if TYPO_MIN_LENGTH <= len(word) <= TYPO_MAX_LENGTH and not known(word):
        for name in TEXT_FIELDS:
            parts.append(FuzzyTerm(name, word, boost=0.4, maxdist=1, prefixlength=1))
            parts += [Term(name, swap, boost=0.4) for swap in transpositions(word)]
    if prefix:
        parts += [Prefix(name, word, boost=0.5) for name in TEXT_FIELDS]
    return Or(parts)


def words_query(words: Sequence[str], prefix: bool, known: Known) -> Query:
    """A query for one reading of the input: all words (best), any word, and phrases."""
    clauses = [word_query(w, prefix and i == len(words) - 1, known) for i, w in enumerate(words)]
    if len(clauses) == 1:
        return clauses[0]
    parts: list[Query] = [And(clauses, boost=2.0), Or(clauses)]
    parts.append(Phrase("name", list(words), slop=2, boost=2.0))
    # Vietnamese words are usually two syllables: reward each pair kept together.
    parts += [Phrase("name", [a, b], boost=1.0) for a, b in zip(words, words[1:])]
    return Or(parts)


@dataclass(frozen=True)
class Plan:
    """What a query was built from, kept to decide which matched words to highlight."""

    query: Query
    words: frozenset[str]  # the typed words and their synonym rewrites
    prefix: str | None  # the last word, when it was also matched as a prefix


def make_query(text: str, synonyms: Synonyms = (), prefix: bool = True,
               known: Known = lambda word: True) -> Plan | None:
    """Build the query for `text`; None when it holds no word to search for.

    Args:
        known: tells whether the index holds a word (typo expansion is for the others).
    """
    words = fold_words(text)[:MAX_WORDS]
    if not words:
        return None
    # A trailing space means the last word is finished: no prefix expansion.
    prefix = prefix and not text[-1:].isspace()
    variants = synonym_variants(words, synonyms)
    parts = [words_query(words, prefix, known)]
    parts += [words_query(variant, False, known) for variant in variants]
    if has_marks(text):
        exact = exact_words(text)[:MAX_WORDS]
        parts.append(Or([Term("name_exact", w) for w in exact], boost=1.5))
    code = _CODE.match(text)
    if code:
        parts.append(Term("code", code.group(1), boost=20.0))
    query = Or(parts) if len(parts) > 1 else parts[0]
    every = frozenset(words).union(*variants)
    return Plan(query, every, words[-1] if prefix else None)


def marked_terms(plan: Plan, matched: set[str], name: str) -> set[str]:
    """The matched words worth highlighting in `name`.

    A prefix match is shown only when the typed word is not in the name itself:
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


def search_filter(commune: str | None, field: str | None) -> Query | None:
    """Restrict to procedures the commune delivers and/or of one field (by slug)."""
    terms = [Term("communes", commune)] if commune else []
    terms += [Term("field", field)] if field else []
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else And(terms)


def search(
    loaded: Searchable,
    text: str,
    commune: str | None = None,
    field: str | None = None,
    limit: int = 10,
    base_url: str = "",
    prefix: bool = True,
) -> dict[str, Any]:
    """Search one opened build; return {"total": n, "results": [plain dicts]}.

    Args:
        commune: a commune code (already resolved): only procedures it delivers, with its URLs.
        field: a field slug ("ho-tich").
    """
    # One searcher per request; Results are turned into dicts before it closes.
    with loaded.ix.searcher() as searcher:
        reader = searcher.reader()

        def known(word: str) -> bool:
            return any(reader.doc_frequency(name, word) for name in (*TEXT_FIELDS, "body"))

        plan = make_query(text, loaded.synonyms, prefix=prefix, known=known)
        if plan is None:
            return {"total": 0, "results": []}
        # optimize=False: on a few hundred documents the block-quality bookkeeping of
        # nested Or queries cost more than it skipped (p50 7.8 -> 3.7 ms measured).
        hits = searcher.search(plan.query, limit=limit, filter=search_filter(commune, field), terms=True,
                               optimize=False)
        total = len(hits)
        results = [hit_dict(hit, plan, commune, base_url) for hit in hits]
    return {"total": total, "results": results}


def hit_dict(hit: Any, plan: Plan, commune: str | None, base_url: str) -> dict[str, Any]:
    """One result as JSON-ready data."""
    matched = {term.decode("utf-8") for name, term in hit.matched_terms() if name == "name"}
    return {
        "code": hit["code"],
        "name": hit["name"],
        "highlight": str(highlight(hit["name"], marked_terms(plan, matched, hit["name"]))),
        "field": hit["field_name"],
        "field_slug": hit["field"],
        "level": hit["level"],
        "in_force": hit["in_force"],
        "sample": hit["sample"],
        "commune": commune,
        "url": hit_url(hit["code"], commune, base_url),
        "score": round(hit.score, 4),
    }


def get_procedure(loaded: Searchable, code: str, base_url: str = "") -> dict[str, Any] | None:
    """The stored summary of one procedure, or None if the build has no such code."""
    with loaded.ix.searcher() as searcher:
        doc = searcher.document(code=code)
    if doc is None:
        return None
    communes = doc.get("communes", "").split()
    return {
        "code": doc["code"],
        "name": doc["name"],
        "field": doc["field_name"],
        "field_slug": doc["field"],
        "level": doc["level"],
        "in_force": doc["in_force"],
        "sample": doc["sample"],
        "url": hit_url(doc["code"], None, base_url),
        "communes": [{"code": c, "url": hit_url(doc["code"], c, base_url)} for c in communes],
    }
