"""Building, verifying, publishing and reopening the index."""

from __future__ import annotations

import dataclasses
import os
import threading

import pytest
from whoosh import index as whoosh_index

from api.index import (CURRENT, META, SCHEMA, TABLES, IndexHolder, SearchIndexError, build_index, open_build,
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


def test_a_build_that_cannot_be_opened_leaves_the_last_good_one_serving(catalogue, tmp_path):
    publish_index(catalogue, tmp_path)
    holder = IndexHolder(tmp_path)
    good = holder.get()
    broken = tmp_path / "build-20990101T000000Z-000000"
    broken.mkdir()
    os.symlink(broken.name, tmp_path / "tmp-link")
    os.replace(tmp_path / "tmp-link", tmp_path / CURRENT)
    assert holder.get() is good and holder.get() is good  # tried once, then not again
    newer = publish_index(catalogue, tmp_path)
    assert holder.get().path.name == newer.name  # the link moved on: opened


def test_a_build_pruned_while_it_was_opened_is_skipped_for_the_newer_one(catalogue, tmp_path, monkeypatch):
    publish_index(catalogue, tmp_path)
    holder = IndexHolder(tmp_path)
    holder.get()
    publish_index(catalogue, tmp_path)
    real_open, calls, publishing = open_build, [], []

    def open_while_two_more_publish(directory):
        if publishing:  # publish_index verifies its build with open_build too
            return real_open(directory)
        calls.append(directory.name)
        if len(calls) == 1:  # what a quick publisher does meanwhile: swap twice, prune this build
            publishing.append(True)
            publish_index(catalogue, tmp_path)
            publish_index(catalogue, tmp_path)
            publishing.clear()
        return real_open(directory)

    monkeypatch.setattr("api.index.open_build", open_while_two_more_publish)
    loaded = holder.get()
    assert loaded.path.name == os.readlink(tmp_path / CURRENT) == calls[-1]
    assert len(calls) == 2


def test_other_threads_answer_from_the_open_build_while_a_new_one_opens(catalogue, tmp_path, monkeypatch):
    publish_index(catalogue, tmp_path)
    holder = IndexHolder(tmp_path)
    old = holder.get()
    publish_index(catalogue, tmp_path)
    opening, release = threading.Event(), threading.Event()
    real_open = open_build

    def slow_open(directory):
        opening.set()
        release.wait(10)
        return real_open(directory)

    monkeypatch.setattr("api.index.open_build", slow_open)
    opener = threading.Thread(target=holder.get)
    opener.start()
    try:
        assert opening.wait(10)
        assert holder.get() is old  # not blocked behind the opener
    finally:
        release.set()
        opener.join()
    assert holder.get() is not old


def test_verify_refuses_saved_tables_that_differ_from_the_whoosh_index(catalogue, tmp_path):
    build = build_index(catalogue, tmp_path / "b")
    other = build_index(dataclasses.replace(catalogue, procedures=catalogue.procedures[:2]), tmp_path / "o")
    (build / TABLES).write_bytes((other / TABLES).read_bytes())
    with pytest.raises(SearchIndexError, match="saved search tables differ"):
        verify_build(catalogue, build)


def test_a_truncated_tables_file_is_a_clear_error(catalogue, tmp_path):
    build = build_index(catalogue, tmp_path / "b")
    data = (build / TABLES).read_bytes()
    (build / TABLES).write_bytes(data[: len(data) // 2])
    with pytest.raises(SearchIndexError, match="cannot read the search tables"):
        open_build(build)
