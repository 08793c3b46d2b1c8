"""The tables a build is read into: Whoosh's own scores, names, filters, and no disk after opening."""

from __future__ import annotations

import html
import shutil

import pytest
from whoosh.query import Term

from api.index import build_index, open_build
from api.search import search
from api.tables import _field_postings
from generator.text import fold, fold_words


def test_scores_are_whooshs_own_bm25f(loaded_index):
    with loaded_index.ix.searcher() as searcher:
        tables = dict(_field_postings(searcher, "name"))
        for word in ("khai", "sinh", "thu", "nghia"):
            hits = searcher.search(Term("name", word), limit=None)
            assert {hit.docnum: pytest.approx(hit.score) for hit in hits} == tables[word]


def test_a_words_table_adds_up_its_fields(loaded_index):
    with loaded_index.ix.searcher() as searcher:
        fields = [dict(_field_postings(searcher, name)).get("khai", {}) for name in ("name", "keywords", "body")]
    summed = {doc: sum(f.get(doc, 0.0) for f in fields) for doc in set().union(*fields)}
    assert loaded_index.tables.scores["khai"] == pytest.approx(summed)


def test_names_are_rebuilt_word_for_word_from_positions(loaded_index, catalogue):
    tables = loaded_index.tables
    for doc, fields in enumerate(tables.docs):
        assert tables.name_words[doc] == tuple(fold_words(fields["name"]))
        pieces, rest = tables.name_html[doc]
        assert tuple(folded for _, _, folded in pieces) == tables.name_words[doc]
        assert all(fold(html.unescape(word)) == folded for _, word, folded in pieces)
        assert html.unescape("".join(before + word for before, word, _ in pieces) + rest) == fields["name"]
    assert sorted(tables.by_code) == sorted(p.code for p in catalogue.procedures)


def test_filters_by_commune_and_field(loaded_index):
    tables = loaded_index.tables
    military = {tables.docs[doc]["code"] for doc in tables.by_field["nghia-vu-quan-su"]}
    assert military == {"1.013133"}
    assert tables.by_code["1.013133"] in tables.by_commune["03328"]
    assert tables.by_code["1.013133"] not in tables.by_commune["03158"]


def test_completions_and_near_misses(loaded_index):
    tables = loaded_index.tables
    assert "khai" in tables.complete("kh") and all(w.startswith("kh") for w in tables.complete("kh"))
    assert "khai" in tables.near("khia")  # two letters swapped
    assert "sinh" in tables.near("sinhh") and "sinh" in tables.near("snh") and "sinh" in tables.near("sanh")
    assert "khai" not in tables.near("ahai")  # the first letter is never guessed
    assert "khai" not in tables.near("khai")


def test_an_opened_build_answers_after_its_files_are_removed(catalogue, tmp_path):
    # A build two swaps old is pruned from disk while a worker may still hold it.
    loaded = open_build(build_index(catalogue, tmp_path / "b"))
    shutil.rmtree(tmp_path / "b")
    assert search(loaded, "khai sinh")["results"][0]["code"] == "1.001193"
