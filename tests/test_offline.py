"""The static offline search files the site falls back to when the API is unreachable."""

from __future__ import annotations

import json

from generator.site.offline import offline_index, write_offline_index
from generator.text import fold_words


def test_writes_one_file_per_commune_and_one_for_the_province(catalogue, tmp_path):
    written = write_offline_index(catalogue, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "03127/tim-kiem.json", "03158/tim-kiem.json", "03328/tim-kiem.json", "tim-kiem.json"]
    data = json.loads((tmp_path / "03127" / "tim-kiem.json").read_text(encoding="utf-8"))
    assert data == offline_index(catalogue, "03127")


def test_a_commune_file_lists_what_it_delivers_with_its_page_urls(catalogue):
    data = offline_index(catalogue, "03158")
    assert data["commune"] == {"code": "03158", "name": "Xã Sín Thầu", "url": "/03158/"}
    rows = [dict(zip(data["columns"], item)) for item in data["items"]]
    # 1.013133 is delivered only by 03127 and 03328; 1.000001 is a province-level procedure.
    assert [row["code"] for row in rows] == ["1.000656", "1.000894", "1.001193", "2.000815"]
    assert rows[2]["url"] == "/03158/1.001193/"
    assert data["fields"][rows[2]["field"]] == "Hộ tịch"


def test_the_province_file_lists_every_procedure_with_province_wide_urls(catalogue):
    data = offline_index(catalogue)
    assert data["commune"] is None
    assert [item[0] for item in data["items"]] == [p.code for p in catalogue.procedures]
    assert data["items"][0][4] == "/tthc/1.000001/"


def test_items_carry_keywords_and_everyday_words_beyond_the_name(catalogue):
    rows = {item[0]: item for item in offline_index(catalogue)["items"]}
    assert rows["1.000894"][2] == "cuoi"  # keyword "cưới"
    assert rows["1.000656"][2] == "bao"  # "báo tử" means "khai tử"; "tu" is in the name already
    assert set(rows["1.001193"][2].split()) == {"lam", "giay", "cho", "con"}
    assert rows["1.013133"][2] == ""
    for code, name, words, _, _ in rows.values():
        assert not set(words.split()) & set(fold_words(name))
