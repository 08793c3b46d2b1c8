"""Turn what a resident typed into a plan: the words to look up and what each may match.

No query parser: users get no query syntax at all (a `?*` wildcard took 4 s in the
pitfalls, and field syntax exposed non-public fields). A plan holds one reading of the
input as typed plus one per everyday phrase it contains (synonyms), and for each word
its alternatives: the word itself, the other i/y spelling ("ki"/"ky"), near misses for
words the index lacks ("khia" -> "khai"), and completions of the last word while the
resident is still typing.

Every alternative and every word of a reading is one clause, and a plan never holds
more than `max_clauses` of them: alternatives multiply (a 100-character query with
synonym rewrites once expanded to thousands of fuzzy clauses and took 1.9 s), so the
cost of a query is bounded by this count, not only by its length. Clauses are granted
in order of how much they matter: the typed words, then synonym readings, spellings,
near misses, completions, and last the word pairs that reward words kept together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Protocol, Sequence

from api.analysis import exact_words, has_marks
from generator.text import fold_words

MAX_WORDS = 12  # longer queries are cut: a resident's question is a few words
MAX_CLAUSES = 96  # see the module docstring; bench/adversarial.py measures the worst query
MAX_COMPLETIONS = 24  # "k" completes to every word starting with k: keep the commonest
PAIR_ALTERNATIVES = 4  # a pair is looked up for the first few alternatives of each word
TYPO_MIN_LENGTH = 3  # "an", "y": too short to guess a typo from
TYPO_MAX_LENGTH = 8  # a syllable has at most 7 letters ("nghieng"), 8 with a slip; longer runs are not typos
SPELLING_BOOST = 0.9  # "ki" for "ky": both spellings are correct Vietnamese
TYPO_BOOST = 0.4
PREFIX_BOOST = 0.5
_CODE = re.compile(r"^\s*(\d\.\d{6})\s*$")
# A syllable ending in i or y after a consonant may be written either way (kĩ/kỹ, lí/lý,
# sĩ/sỹ, qui/quy); "tai" and "tay" are different words, so only these shapes swap.
_I_Y = re.compile(r"^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)([iy])$")

Synonym = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]  # (everyday phrase, what it means)


class Synonyms(tuple):
    """The folded synonyms of a build, with the phrases indexed by their first word, so a
    query looks up only the phrases that can start at each of its words."""

    def __new__(cls, items: Iterable[Synonym] = ()) -> "Synonyms":
        self = super().__new__(cls, items)
        self.by_first: dict[str, list[Synonym]] = {}
        for phrase, targets in self:
            self.by_first.setdefault(phrase[0], []).append((phrase, targets))
        return self


class Vocabulary(Protocol):
    """What planning needs to know of a build's words (api.tables.Tables)."""

    def known(self, word: str) -> bool: ...

    def named(self, word: str) -> bool: ...

    def complete(self, prefix: str) -> list[str]: ...

    def near(self, word: str) -> list[str]: ...


@dataclass(frozen=True)
class Alternative:
    """A word of the index a typed word may stand for, and how much a match on it counts.

    A completion ("kh" -> "khai") is only a guess at what is still being typed: when
    the typed word is a word itself ("tu"), a match through a completion ("tục") does
    not count as holding the word (api.search).
    """

    term: str
    boost: float
    completion: bool = False


@dataclass(frozen=True)
class Reading:
    """One way to read the query: its words, each a key into `Plan.alternatives`.

    A reading through an everyday phrase has the phrase's meaning (words of procedure
    names): only a procedure holding all of it is read this way, or "liệt sĩ" read as
    "người có công" would match every name with "người" and "công" in it.
    """

    words: tuple[str, ...]
    synonym: bool
    meaning: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """Everything a search looks up for one query, within the clause budget."""

    readings: tuple[Reading, ...]
    alternatives: dict[str, tuple[Alternative, ...]]  # per distinct word of the readings
    pairs: tuple[tuple[str, str], ...]  # neighbouring words (of any reading) rewarded together
    exact: tuple[str, ...]  # words typed with diacritics, as typed: they rank exact names first
    code: str | None  # a national procedure code typed as it is
    prefix: str | None  # the last word, when it is also completed
    clauses: int

    @property
    def terms(self) -> frozenset[str]:
        """Every index word the plan may match (highlights show only these)."""
        return frozenset(alt.term for alts in self.alternatives.values() for alt in alts)

    @property
    def named_terms(self) -> frozenset[str]:
        """The index words that count as holding a typed word: all but the completions of
        a typed word that is a word itself (see Alternative)."""
        found = set()
        for alts in self.alternatives.values():
            strong = [alt.term for alt in alts if not alt.completion]
            found.update(strong or [alt.term for alt in alts])
        return frozenset(found)

    @property
    def words(self) -> frozenset[str]:
        """The typed words and their synonym rewrites."""
        return frozenset(word for reading in self.readings for word in reading.words)


class Budget:
    """Counts clauses; `take(n)` grants n more only while the total stays within the cap."""

    def __init__(self, cap: int) -> None:
        self.cap, self.used = cap, 0

    def take(self, n: int = 1) -> bool:
        if self.used + n > self.cap:
            return False
        self.used += n
        return True


def fold_synonyms(pairs: Iterable[Sequence[Any]]) -> Synonyms:
    """Fold the catalogue's (everyday phrase, [what it means]) pairs into word tuples."""
    folded = []
    for word, means in pairs:
        words = tuple(fold_words(word))
        targets = tuple(tuple(fold_words(m)) for m in means)
        if words and any(targets):
            folded.append((words, tuple(t for t in targets if t)))
    return Synonyms(folded)


def synonym_variants(words: Sequence[str], synonyms: Synonyms) -> list[list[str]]:
    """The query rewritten with each everyday phrase it contains replaced by what it means."""
    return [variant for variant, _ in synonym_readings(words, synonyms)]


def synonym_readings(words: Sequence[str], synonyms: Synonyms) -> list[tuple[list[str], tuple[str, ...]]]:
    """Each rewrite of the query (see synonym_variants) with the meaning it put in.

    Phrases that overlap and mean the same ("làm giấy khai sinh" and "khai sinh cho con"
    in "làm giấy khai sinh cho con") are also replaced together, as one.
    """
    if not isinstance(synonyms, Synonyms):
        synonyms = Synonyms(synonyms)
    found: list[tuple[int, int, tuple[tuple[str, ...], ...]]] = []
    for i, word in enumerate(words):
        for phrase, targets in synonyms.by_first.get(word, ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                found.append((i, i + len(phrase), targets))
    spans = list(found)
    for start, end, targets in sorted(found):
        for other_start, other_end, other in found:
            if other == targets and start < other_start < end < other_end:
                spans.append((start, other_end, targets))
    variants: list[tuple[list[str], tuple[str, ...]]] = []
    for start, end, targets in dict.fromkeys(spans):
        variants += [(list(words[:start]) + list(t) + list(words[end:]), t) for t in targets]
    return variants


def spellings(word: str) -> list[str]:
    """The other i/y spelling of a syllable that has one ("ky" -> ["ki"]), else []."""
    match = _I_Y.match(word)
    if not match:
        return []
    return [match.group(1) + ("y" if match.group(2) == "i" else "i")]


def plan_query(text: str, vocabulary: Vocabulary, synonyms: Synonyms = Synonyms(), prefix: bool = True,
               max_clauses: int = MAX_CLAUSES) -> Plan | None:
    """The plan for `text`; None when it holds no word to search for.

    A trailing space means the last word is finished: it is not completed.
    """
    typed = fold_words(text)[:MAX_WORDS]
    if not typed:
        return None
    budget = Budget(max_clauses)
    prefix = prefix and not text[-1:].isspace()
    readings = [Reading(tuple(typed), False)]
    budget.take(len(typed))
    for variant, meaning in synonym_readings(typed, synonyms):
        if budget.take(len(variant)):
            readings.append(Reading(tuple(variant), True, tuple(meaning)))
    alternatives: dict[str, list[Alternative]] = {}
    for reading in readings:
        for word in reading.words:
            alternatives.setdefault(word, [Alternative(word, 1.0)] if vocabulary.known(word) else [])
    # Spellings and near misses, for the words the resident typed.
    for word in dict.fromkeys(typed):
        for other in spellings(word):
            if vocabulary.known(other) and budget.take():
                alternatives[word].append(Alternative(other, SPELLING_BOOST))
    for word in dict.fromkeys(typed):
        # Not in any name or keyword: a slip, even when some document's body has it ("khia").
        if TYPO_MIN_LENGTH <= len(word) <= TYPO_MAX_LENGTH and not vocabulary.named(word):
            for near in vocabulary.near(word):
                if not budget.take():
                    break
                alternatives[word].append(Alternative(near, TYPO_BOOST))
    last = typed[-1] if prefix else None
    if last is not None:
        have = {alt.term for alt in alternatives[last]}
        for completion in vocabulary.complete(last)[:MAX_COMPLETIONS]:
            if completion not in have and budget.take():
                alternatives[last].append(Alternative(completion, PREFIX_BOOST, completion=True))
    pairs: list[tuple[str, str]] = []
    for reading in readings:
        for a, b in zip(reading.words, reading.words[1:]):
            lookups = len(alternatives[a][:PAIR_ALTERNATIVES]) * len(alternatives[b][:PAIR_ALTERNATIVES])
            if (a, b) not in pairs and lookups and budget.take(lookups):
                pairs.append((a, b))
    exact = tuple(dict.fromkeys(exact_words(text)[:MAX_WORDS])) if has_marks(text) else ()
    code = _CODE.match(text)
    return Plan(
        readings=tuple(readings),
        alternatives={word: tuple(alts) for word, alts in alternatives.items()},
        pairs=tuple(pairs),
        exact=exact,
        code=code.group(1) if code else None,
        prefix=last,
        clauses=budget.used,
    )
