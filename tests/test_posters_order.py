"""The order of fields on a notice board: a setting in procedures/_poster_order.yml, checked
by the loader like every other file, and followed by the board."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue.load import CatalogueError, load_catalogue
from generator.catalogue.model import FieldOrder
from generator.posters.facts import group_by_field
from tests.conftest import FIXTURE_PROCEDURES, write_files

ROOT = Path(__file__).parent.parent


def catalogue_with(tmp_path: Path, order: str):
    files = {p.name: p.read_text(encoding="utf-8") for p in FIXTURE_PROCEDURES.glob("*.yml")}
    write_files(tmp_path, {**files, "_poster_order.yml": order})
    return load_catalogue(tmp_path)


def problems(tmp_path: Path, order: str) -> list[str]:
    with pytest.raises(CatalogueError) as info:
        catalogue_with(tmp_path, order)
    return [str(p).replace(f"{tmp_path}/", "") for p in info.value.problems]


def test_the_setting_is_loaded_with_a_communes_own_list(tmp_path):
    cat = catalogue_with(tmp_path, "fields: [Hộ tịch, Chứng thực]\n"
                                   "communes:\n- commune: '03328'\n  fields: [Nghĩa vụ quân sự]\n")
    assert cat.field_order == FieldOrder(("Hộ tịch", "Chứng thực"), (("03328", ("Nghĩa vụ quân sự",)),))
    assert cat.field_order.for_commune("03127") == ("Hộ tịch", "Chứng thực")
    assert cat.field_order.for_commune("03328") == ("Nghĩa vụ quân sự",)


def test_without_the_file_no_field_comes_first(catalogue):
    assert catalogue.field_order.for_commune("03127") == ()


@pytest.mark.parametrize("order, expected", [
    ("fields: [Hộ tịch, Hộ tich]\n",
     "_poster_order.yml: 'fields[2]': không có lĩnh vực 'Hộ tich' trong danh mục hay danh sách quốc gia "
     "(có phải 'Hộ tịch'?)"),
    ("fields: [Hộ tịch, Chứng thực, Hộ tịch]\n",
     "_poster_order.yml: 'fields[3]': lĩnh vực 'Hộ tịch' đã có ở trên"),
    ("fields: [Hộ tịch]\ncommunes:\n- commune: '99999'\n  fields: [Hộ tịch]\n",
     "_poster_order.yml: 'communes[1].commune': không có xã/phường mã '99999' trong _communes.yml"),
    ("fields: [Hộ tịch]\ncommunes:\n- commune: '03127'\n  fields: [Hộ tịch]\n"
     "- commune: '03127'\n  fields: [Chứng thực]\n",
     "_poster_order.yml: 'communes[2].commune': xã/phường '03127' đã có thứ tự riêng ở trên"),
    ("fields: Hộ tịch\n", "_poster_order.yml:1: 'fields': cần một danh sách, nhận được 'Hộ tịch'"),
    ("fields: [Hộ tịch]\norder: [x]\n", "_poster_order.yml:2: trường không được hỗ trợ 'order'"),
])
def test_a_bad_setting_is_refused_naming_the_entry(tmp_path, order, expected):
    assert problems(tmp_path, order) == [expected]


def test_a_field_of_the_national_list_may_be_named_before_it_has_procedures(tmp_path):
    national = "source: thử\nfields:\n- name: Bảo trợ xã hội\n  codes: ['1.000001']\n"
    (tmp_path / "_national_list.yml").parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "_national_list.yml").write_text(national, encoding="utf-8")
    cat = catalogue_with(tmp_path, "fields: [Bảo trợ xã hội, Hộ tịch]\n")
    assert cat.field_order.fields == ("Bảo trợ xã hội", "Hộ tịch")


def test_fields_come_in_the_set_order_then_the_rest_alphabetically(catalogue):
    procs = catalogue.procedures_for("03127")
    assert [name for name, _ in group_by_field(procs)] == ["Chứng thực", "Hộ tịch", "Nghĩa vụ quân sự"]
    ordered = group_by_field(procs, ("Nghĩa vụ quân sự", "Bảo trợ xã hội", "Hộ tịch"))
    assert [name for name, _ in ordered] == ["Nghĩa vụ quân sự", "Hộ tịch", "Chứng thực"]
    for _, group in ordered:
        assert [p.code for p in group] == sorted(p.code for p in group)
    assert sorted(p.code for _, group in ordered for p in group) == sorted(p.code for p in procs)


def test_the_bundled_setting_loads_and_names_the_fields_residents_come_for():
    cat = load_catalogue(ROOT / "procedures")
    assert cat.field_order.fields[:5] == ("Hộ tịch", "Chứng thực", "Bảo trợ xã hội", "Người có công", "Đất đai")
