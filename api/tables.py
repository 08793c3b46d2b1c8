"""What a query needs from one published build, read out of its Whoosh index once.

Whoosh builds and stores the index (the folding analyzer, postings, positions) and scores
every posting with its own BM25F; this module asks it for all of that when a build is
opened and keeps the answers in plain dicts and frozensets. Queries then combine them
with dict lookups instead of walking Whoosh's matcher trees, which cost 4-30 ms a query
in pure Python on a few hundred procedures (bench/results.md); the tables cost about
60 ms to read for 150 procedures, once per worker per build.

The tables are read once, when the build is made, and saved next to the Whoosh files
(`save_tables`); a worker opening the build loads them in tens of milliseconds instead
of reading every posting again (0.25-0.6 s for 456 procedures, during which the worker's
other threads waited on the interpreter lock). The build is checked by comparing the
saved tables with a fresh read (api.index.verify_build).

After loading, nothing here touches the index files again, so a build removed from disk
after a newer one was published still answers the requests that hold it, and nothing is
mutated, so the tables are safe to share between threads.
"""

from __future__ import annotations

import bisect
import pickle
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from markupsafe import escape
from whoosh.index import FileIndex
from whoosh.scoring import bm25

from generator.text import WORD, fold

FOLDED_FIELDS = ("name", "keywords", "body")  # their scores add up into one table per word
TYPO_FIELDS = ("name", "keywords")  # near misses and prefixes complete to words of these
EXACT_FIELD = "name_exact"
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

Postings = Mapping[int, float]  # document number -> score


@dataclass(frozen=True)
class Tables:
    """One build's documents and per-word scores, ready for query-time arithmetic."""

    docs: tuple[dict[str, Any], ...]  # stored fields, by document number
    name_words: tuple[tuple[str, ...], ...]  # each name's folded words, in order
    name_html: tuple[tuple[tuple[tuple[str, str, str], ...], str], ...]  # each name escaped: (text before, word, folded)..., rest
    name_counts: tuple[tuple[Mapping[str, int], int], ...]  # each name's words counted, and how many
    # ("Thủ tục" in front, in half the names, is not counted: api.search.name_share)
    scores: Mapping[str, Postings]  # folded word -> its score in each document holding it
    exact: Mapping[str, Postings]  # word with its diacritics -> score in names holding it
    pairs: Mapping[tuple[str, str], frozenset[int]]  # two words side by side in a name
    in_names: Mapping[str, frozenset[int]]  # the documents whose name holds a word
    completions: tuple[str, ...]  # sorted words of names and keywords (prefix search)
    typo_words: frozenset[str]  # the same words as a set (near misses)
    by_code: Mapping[str, int]
    by_commune: Mapping[str, frozenset[int]]
    by_field: Mapping[str, frozenset[int]]

    @property
    def doc_count(self) -> int:
        """How many procedures the build holds."""
        return len(self.docs)

    def known(self, word: str) -> bool:
        """Whether any document holds the folded `word`."""
        return word in self.scores

    def named_as(self, words: tuple[str, ...]) -> frozenset[int]:
        """The documents whose name holds `words` side by side (a phrase, up to its pairs)."""
        if len(words) == 1:
            return self.in_names.get(words[0], frozenset())
        found = self.pairs.get((words[0], words[1]), frozenset())
        for pair in zip(words[1:], words[2:]):
            found = found & self.pairs.get(pair, frozenset())
        return found

    def named(self, word: str) -> bool:
        """Whether a name or keyword holds the folded `word`."""
        return word in self.typo_words

    def complete(self, prefix: str) -> list[str]:
        """Words of names and keywords that start with `prefix`, most widespread first."""
        start = bisect.bisect_left(self.completions, prefix)
        found = []
        for word in self.completions[start:]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return sorted(found, key=lambda w: (-len(self.scores[w]), w))

    def near(self, word: str) -> list[str]:
        """Words of names and keywords one edit from `word`, the first letter kept.

        An edit is a letter deleted, inserted, replaced, or two neighbours swapped
        ("khia" -> "khai"): swaps are the commonest typing slip. About 25 x len(word)
        set lookups, so a long random word costs well under a millisecond.
        """
        head, tail = word[:1], word[1:]
        edits = {tail[:i] + tail[i + 1:] for i in range(len(tail))}
        edits |= {tail[:i] + tail[i + 1] + tail[i] + tail[i + 2:] for i in range(len(tail) - 1)}
        for i in range(len(tail) + 1):
            for letter in ALPHABET:
                edits.add(tail[:i] + letter + tail[i:])
                if i < len(tail):
                    edits.add(tail[:i] + letter + tail[i + 1:])
        found = {head + edit for edit in edits} & self.typo_words
        found.discard(word)
        return sorted(found, key=lambda w: (-len(self.scores[w]), w))


def read_tables(ix: FileIndex) -> Tables:
    """Read every posting of the folded fields, scored by Whoosh's BM25F, and the stored fields."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        docs = tuple(fields for _, fields in sorted(reader.iter_docs()))
        scores: dict[str, dict[int, float]] = {}
        for name in FOLDED_FIELDS:
            for word, postings in _field_postings(searcher, name):
                into = scores.setdefault(word, {})
                for doc, score in postings.items():
                    into[doc] = into.get(doc, 0.0) + score
        exact = dict(_field_postings(searcher, EXACT_FIELD))
        name_words = _name_words(reader, len(docs))
        typo_words = {term.decode("utf-8") for name in TYPO_FIELDS for term in reader.lexicon(name)}
    pairs: dict[tuple[str, str], set[int]] = {}
    in_names: dict[str, set[int]] = {}
    for doc, words in enumerate(name_words):
        for pair in zip(words, words[1:]):
            pairs.setdefault(pair, set()).add(doc)
        for word in words:
            in_names.setdefault(word, set()).add(doc)
    by_commune: dict[str, set[int]] = {}
    by_field: dict[str, set[int]] = {}
    for doc, fields in enumerate(docs):
        for commune in fields.get("communes", "").split():
            by_commune.setdefault(commune, set()).add(doc)
        by_field.setdefault(fields["field"], set()).add(doc)
    spans = tuple(tuple((m.start(), m.end(), fold(m.group())) for m in WORD.finditer(fields["name"]))
                  for fields in docs)
    return Tables(
        docs=docs,
        name_words=name_words,
        name_counts=tuple(counted_name(words) for words in name_words),
        name_html=tuple(escaped_name(fields["name"], found) for fields, found in zip(docs, spans)),
        scores=scores,
        exact=exact,
        pairs={pair: frozenset(found) for pair, found in pairs.items()},
        in_names={word: frozenset(found) for word, found in in_names.items()},
        completions=tuple(sorted(typo_words)),
        typo_words=frozenset(typo_words),
        by_code={fields["code"]: doc for doc, fields in enumerate(docs)},
        by_commune={code: frozenset(found) for code, found in by_commune.items()},
        by_field={slug: frozenset(found) for slug, found in by_field.items()},
    )


def save_tables(tables: Tables, path: Path) -> None:
    """Write the tables of a build that is not published yet (pickle: our own file, in the
    build's own folder, as trusted as the Whoosh files whose table of contents Whoosh
    pickles itself)."""
    with open(path, "wb") as out:
        pickle.dump(tables, out, protocol=pickle.HIGHEST_PROTOCOL)


def load_tables(path: Path) -> Tables:
    """The tables saved with a build; ValueError if the file is not whole."""
    try:
        with open(path, "rb") as source:
            tables = pickle.load(source)
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError) as exc:
        raise ValueError(f"{path}: cannot read the search tables ({exc})") from exc
    if not isinstance(tables, Tables):
        raise ValueError(f"{path}: not search tables")
    return tables


def escaped_name(name: str, spans: tuple[tuple[int, int, str], ...]) -> tuple[tuple[tuple[str, str, str], ...], str]:
    """A name cut at its words and HTML-escaped once, for highlights (api.search.highlight)."""
    pieces, last = [], 0
    for start, end, folded in spans:
        pieces.append((str(escape(name[last:start])), str(escape(name[start:end])), folded))
        last = end
    return tuple(pieces), str(escape(name[last:]))


def counted_name(words: tuple[str, ...]) -> tuple[Mapping[str, int], int]:
    """A name's words counted, and how many, without "Thủ tục" in front (half the names
    start so, the others not: it says nothing about what the procedure is)."""
    if words[:2] == ("thu", "tuc") and len(words) > 2:
        words = words[2:]
    return Counter(words), len(words)


def _field_postings(searcher: Any, name: str) -> list[tuple[str, dict[int, float]]]:
    """Every word of one field with its BM25F score in each document.

    The score is Whoosh's (whoosh.scoring.bm25 with the searcher's BM25F parameters, idf
    and average length); the field lengths are read once per field rather than once per
    posting as Whoosh's scorer does, which made opening a build of 456 procedures take
    0.4 s (tests/test_tables.py checks the scores equal Whoosh's own search).
    """
    reader, weighting = searcher.reader(), searcher.weighting
    b = getattr(weighting, "_field_B", {}).get(name, weighting.B)
    k1, average = weighting.K1, searcher.avg_field_length(name) or 1
    lengths = [reader.doc_field_length(doc, name, 1) for doc in range(reader.doc_count_all())]
    found = []
    for term in reader.lexicon(name):
        word = term.decode("utf-8")
        idf = searcher.idf(name, word)
        matcher = reader.postings(name, word)
        postings = {}
        while matcher.is_active():
            doc = matcher.id()
            postings[doc] = bm25(idf, matcher.weight(), lengths[doc], average, b, k1)
            matcher.next()
        found.append((word, postings))
    return found


def _name_words(reader: Any, count: int) -> tuple[tuple[str, ...], ...]:
    """Each name's folded words in order, rebuilt from the positions Whoosh stored."""
    placed: list[dict[int, str]] = [{} for _ in range(count)]
    for term in reader.lexicon("name"):
        word = term.decode("utf-8")
        matcher = reader.postings("name", word)
        while matcher.is_active():
            for position in matcher.value_as("positions"):
                placed[matcher.id()][position] = word
            matcher.next()
    return tuple(tuple(words[p] for p in sorted(words)) for words in placed)
