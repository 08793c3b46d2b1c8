"""Building, verifying, publishing and reopening the index."""

from __future__ import annotations

import dataclasses
import os

import pytest
from whoosh import index as whoosh_index

from api.index import (CURRENT, META, SCHEMA, IndexHolder, SearchIndexError, build_index, open_build,
                       publish_index, verify_build)


def test_one_document_per_procedure_with_its_metadata(catalogue, tmp_path):
    build = build_index(catalogue, tmp_path / "b")
    loaded = open_build(build)
    assert loaded.ix.doc_count() == len(catalogue.procedures) == 6
    assert loaded.meta["doc_count"] == 6
    assert [c["code"] for c in loaded.meta["communes"]] == ["03127", "03328", "03158"]
    assert loaded.meta["communes"][0]["former"] == ["Phường Him Lam", "Xã Thanh Minh"]
    assert ["báo tử", ["khai tử"]] in loaded.meta["synonyms"]
    assert {f["slug"] for f in loaded.meta["fields"]} == {"chung-thuc", "ho-tich", "nghia-vu-quan-su"}
    assert (build / META).exists()


def test_schema_round_trips_through_the_index(catalogue, tmp_path):
    build = build_index(catalogue, tmp_path / "b")
    assert whoosh_index.open_dir(str(build), readonly=True).schema == SCHEMA


def test_build_refuses_an_existing_directory(catalogue, tmp_path):
    (tmp_path / "b").mkdir()
    with pytest.raises(FileExistsError):
        build_index(catalogue, tmp_path / "b")


def test_verify_refuses_an_index_with_too_few_documents(catalogue, tmp_path):
    # What a full disk once produced: a valid index that opens fine but lacks documents.
    fewer = dataclasses.replace(catalogue, procedures=catalogue.procedures[:2])
    build = build_index(fewer, tmp_path / "b")
    with pytest.raises(SearchIndexError, match="holds 2 documents, catalogue has 6"):
        verify_build(catalogue, build)


def test_verify_refuses_an_index_whose_smoke_queries_miss(catalogue, tmp_path):
    renamed = [dataclasses.replace(p, name="Thủ tục khác hẳn") for p in catalogue.procedures]
    build = build_index(dataclasses.replace(catalogue, procedures=tuple(renamed)), tmp_path / "b")
    with pytest.raises(SearchIndexError, match="smoke query"):
        verify_build(catalogue, build)


def test_publish_swaps_current_and_keeps_two_builds(catalogue, tmp_path):
    first = publish_index(catalogue, tmp_path)
    assert os.readlink(tmp_path / CURRENT) == first.name
    second = publish_index(catalogue, tmp_path)
    third = publish_index(catalogue, tmp_path)
    assert os.readlink(tmp_path / CURRENT) == third.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([CURRENT, second.name, third.name])
    assert not first.exists()


def test_a_failed_publish_leaves_current_alone(catalogue, tmp_path, monkeypatch):
    good = publish_index(catalogue, tmp_path)

    def broken(cat, directory):
        raise SearchIndexError("refused for the test")

    monkeypatch.setattr("api.index.verify_build", broken)
    with pytest.raises(SearchIndexError):
        publish_index(catalogue, tmp_path)
    assert os.readlink(tmp_path / CURRENT) == good.name
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([CURRENT, good.name])


def test_publish_refuses_a_current_that_is_not_a_link(catalogue, tmp_path):
    (tmp_path / CURRENT).mkdir()
    with pytest.raises(SearchIndexError, match="not a symlink"):
        publish_index(catalogue, tmp_path)


def test_holder_reopens_when_current_moves(catalogue, tmp_path):
    holder = IndexHolder(tmp_path)
    with pytest.raises(SearchIndexError, match="no published search index"):
        holder.get()
    publish_index(catalogue, tmp_path)
    first = holder.get()
    assert holder.get() is first  # same link target: no reopening
    publish_index(dataclasses.replace(catalogue, procedures=catalogue.procedures[:3]), tmp_path)
    second = holder.get()
    assert second is not first
    assert second.ix.doc_count() == 3


def test_holder_reports_a_link_to_a_missing_build(tmp_path):
    os.symlink("build-20260101T000000Z-000000", tmp_path / CURRENT)
    with pytest.raises(SearchIndexError, match="cannot open"):
        IndexHolder(tmp_path).get()
