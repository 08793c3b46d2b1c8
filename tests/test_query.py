"""Query plans: what each typed word may match, synonyms, and the clause budget."""

from __future__ import annotations

import random
import string

import pytest

from api.query import (MAX_CLAUSES, MAX_WORDS, PAIR_ALTERNATIVES, PREFIX_BOOST, TYPO_BOOST, fold_synonyms,
                       plan_query, spellings, synonym_variants)
from generator.text import fold_words


class Words:
    """A vocabulary of a few words, with every near miss and completion its own rule finds."""

    def __init__(self, words):
        self.words = set(words)

    def known(self, word):
        return word in self.words

    named = known

    def complete(self, prefix):
        return sorted(w for w in self.words if w.startswith(prefix))

    def near(self, word):
        return sorted(w for w in self.words if w[:1] == word[:1] and w != word and len(w) == len(word)
                      and sum(a != b for a, b in zip(w, word)) == 1)


VOCABULARY = Words(["dang", "ky", "ki", "khai", "sinh", "ket", "hon", "tu", "tuc", "thu"])


def alternatives(plan, word):
    return {(alt.term, alt.boost) for alt in plan.alternatives[word]}


def test_known_words_stand_for_themselves_and_the_last_one_is_completed():
    plan = plan_query("dang ky kh", VOCABULARY)
    assert plan.readings[0].words == ("dang", "ky", "kh")
    assert alternatives(plan, "dang") == {("dang", 1.0)}
    assert ("ki", 0.9) in alternatives(plan, "ky")  # the other i/y spelling
    assert alternatives(plan, "kh") == {("khai", PREFIX_BOOST)}
    assert plan.prefix == "kh"


def test_trailing_space_ends_the_prefix():
    assert plan_query("ket h", VOCABULARY).prefix == "h"
    assert plan_query("ket h ", VOCABULARY).prefix is None
    assert plan_query("ket h ", VOCABULARY).alternatives["h"] == ()


def test_near_misses_only_for_words_the_index_lacks():
    plan = plan_query("khao sinh ", VOCABULARY)
    assert alternatives(plan, "khao") == {("khai", TYPO_BOOST)}
    assert alternatives(plan, "sinh") == {("sinh", 1.0)}


@pytest.mark.parametrize("text", ["?*", "*", "[a TO z]", "name:khai", "sample:true", "khai^100", '"khai sinh"',
                                  "(", "\\", "-", "khai~5", "OR AND NOT", "{}[]<>", "khai*"])
def test_query_syntax_is_just_words(text):
    plan = plan_query(text, VOCABULARY)
    assert (set(plan.words) if plan else set()) == set(fold_words(text))  # "name:khai": two words, no field


def test_no_words_means_no_plan():
    assert plan_query("?* ... !!", VOCABULARY) is None


def test_a_code_is_looked_up_as_a_code():
    assert plan_query(" 1.001193 ", VOCABULARY).code == "1.001193"
    assert plan_query("1.001193x", VOCABULARY).code is None


def test_words_typed_with_diacritics_are_kept_for_exact_matches():
    assert plan_query("kết hôn", VOCABULARY).exact == ("kết", "hôn")
    assert plan_query("ket hon", VOCABULARY).exact == ()


def test_synonym_variants_replace_the_everyday_phrase():
    synonyms = fold_synonyms([("làm giấy khai sinh", ["đăng ký khai sinh"]), ("sổ đỏ", ["quyền sử dụng đất"])])
    assert synonym_variants(["lam", "giay", "khai", "sinh", "cho", "con"], synonyms) == [
        ["dang", "ky", "khai", "sinh", "cho", "con"]]
    assert synonym_variants(["so", "do"], synonyms) == [["quyen", "su", "dung", "dat"]]
    assert synonym_variants(["so"], synonyms) == []


def test_overlapping_everyday_phrases_that_mean_the_same_are_replaced_together():
    synonyms = fold_synonyms([("làm giấy khai sinh", ["đăng ký khai sinh"]), ("khai sinh cho con", ["đăng ký khai sinh"])])
    variants = synonym_variants(["lam", "giay", "khai", "sinh", "cho", "con"], synonyms)
    assert ["dang", "ky", "khai", "sinh"] in variants
    assert ["dang", "ky", "khai", "sinh", "cho", "con"] in variants  # each alone too


def test_a_typed_word_is_held_by_its_completions_only_when_it_is_no_word_itself():
    vocabulary = Words(["tu", "tuc", "khai", "hon"])
    assert "tuc" not in plan_query("khai tu", vocabulary).named_terms  # "tu" (tử) is a word
    assert {alt.completion for alt in plan_query("khai tu", vocabulary).alternatives["tu"]} == {False, True}
    assert "hon" in plan_query("khai h", vocabulary).named_terms  # "h" is not: its completions stand for it


def test_i_and_y_spellings():
    assert spellings("ky") == ["ki"] and spellings("ki") == ["ky"]
    assert spellings("quy") == ["qui"] and spellings("si") == ["sy"]
    assert spellings("tai") == [] and spellings("tay") == [] and spellings("y") == []


def test_long_queries_are_cut_to_max_words():
    plan = plan_query(" ".join(["khai"] * 30), VOCABULARY)
    assert len(plan.readings[0].words) == MAX_WORDS


# The audit's query (issue 10): synonym phrases that multiply, then long near-miss words.
SYNONYMS = fold_synonyms([(phrase, ["thay đổi", "cải chính", "bổ sung thông tin hộ tịch"])
                          for phrase in ("đổi tên", "sửa tên", "đổi họ")])


def hostile_query(rng):
    return "doi ten sua ten doi ho " + " ".join(
        "".join(rng.choice(string.ascii_lowercase) for _ in range(12)) for _ in range(6))


class EverythingIsNear(Words):
    """A vocabulary where every word has many near misses and completions: the worst case."""

    def near(self, word):
        return [f"{word[:1]}{i}" for i in range(200)]

    def complete(self, prefix):
        return [f"{prefix}{i}" for i in range(200)]


@pytest.mark.parametrize("seed", range(5))
def test_no_plan_exceeds_the_clause_cap(seed):
    plan = plan_query(hostile_query(random.Random(seed)), EverythingIsNear(VOCABULARY.words), SYNONYMS)
    # Counted here from what the plan holds: every word of every reading, every alternative
    # beyond a word itself, and every pair of alternatives looked up side by side.
    words = sum(len(r.words) for r in plan.readings)
    extra = sum(1 for word, alts in plan.alternatives.items() for alt in alts if alt.term != word)
    pairs = sum(len(plan.alternatives[a][:PAIR_ALTERNATIVES]) * len(plan.alternatives[b][:PAIR_ALTERNATIVES])
                for a, b in plan.pairs)
    assert words + extra + pairs == plan.clauses <= MAX_CLAUSES
    assert len(plan.readings) > 1  # the synonym readings were planned, within the cap


def test_the_cap_keeps_the_typed_words_before_near_misses_and_completions():
    plan = plan_query("khao sinh dang kx", EverythingIsNear(VOCABULARY.words), SYNONYMS, max_clauses=6)
    assert plan.readings[0].words == ("khao", "sinh", "dang", "kx")
    assert alternatives(plan, "sinh") == {("sinh", 1.0)} and alternatives(plan, "dang") == {("dang", 1.0)}
    assert plan.clauses == 6
    assert len(plan.alternatives["khao"]) == 2 and plan.alternatives["kx"] == ()
