"""The loader: the fixture loads into typed objects; every kind of bad file is reported
with its file, field, line and a clear message, all in one run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.catalogue.load import CatalogueError, Problem, fix_nfc, load_catalogue
from tests.conftest import FIXTURE_PROCEDURES, write_files

COMMUNES = (FIXTURE_PROCEDURES / "_communes.yml").read_text(encoding="utf-8")
GOOD = """code: '1.000001'
name: Thủ tục thử
level: commune
field: Hộ tịch
agency: Ủy ban nhân dân cấp xã
source:
  title: Nguồn thử
  decision: Quyết định thử
  checked: 2026-10-03
"""


def problems_for(tmp_path: Path, files: dict[str, str]) -> list[Problem]:
    write_files(tmp_path, {"_communes.yml": COMMUNES, **files})
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    return info.value.problems


def test_fixture_loads_into_frozen_typed_objects(catalogue):
    proc = catalogue.procedure("1.001193")
    assert proc.name == "Thủ tục đăng ký khai sinh"
    assert proc.source.checked == date(2026, 10, 3)
    assert [c.mode for c in proc.channels] == ["in_person", "online"]
    assert proc.documents[0].originals == 1 and proc.documents[0].copies == 0
    assert proc.online_link("03127") == "https://dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc"
    assert proc.online_link("03328") == proc.online_service
    with pytest.raises(AttributeError):
        proc.name = "x"  # frozen: a build cannot change the catalogue halfway


def test_procedures_for_respects_commune_limits_and_level(catalogue):
    codes = lambda commune: [p.code for p in catalogue.procedures_for(commune)]  # noqa: E731
    assert "1.013133" in codes("03127") and "1.013133" not in codes("03158")
    assert "1.000001" not in codes("03127")  # province level: no commune page
    assert codes("03158") == ["1.000656", "1.000894", "1.001193", "2.000815"]


def test_synonyms_are_loaded(catalogue):
    assert ("báo tử", ("khai tử",)) in catalogue.synonyms


@pytest.mark.parametrize(("text", "expected"), [
    (GOOD.replace("field: Hộ tịch\n", "field: [Hộ tịch\n"),
     "1.000001.yml:5: lỗi cú pháp YAML: expected ',' or ']', but got ':'"),
    (GOOD.replace("field: Hộ tịch\n", ""),
     "1.000001.yml:1: thiếu trường bắt buộc 'field'"),
    (GOOD.replace("field: Hộ tịch", "field: 12"),
     "1.000001.yml:4: 'field': cần văn bản, nhận được 12"),
    (GOOD + "fee: 5000\n",
     "1.000001.yml:10: trường không được hỗ trợ 'fee'"),
    (GOOD + "agnecy: x\n",
     "1.000001.yml:10: trường không được hỗ trợ 'agnecy' (có phải 'agency'?)"),
    (GOOD + "communes: ['99999']\n",
     "1.000001.yml: 'communes': không có xã/phường mã '99999' trong _communes.yml"),
    (GOOD + "online_service: dichvucong.gov.vn/abc\n",
     "1.000001.yml:10: 'online_service': cần URL http(s), nhận được 'dichvucong.gov.vn/abc'"),
    (GOOD.replace("Thủ tục thử", "Thu\u0309 tu\u0323c thử"),
     "1.000001.yml:2: 'name': văn bản chưa ở dạng Unicode NFC (chạy 'niemyet validate --fix-nfc')"),
    (GOOD.replace("level: commune", "level: xa"),
     "1.000001.yml:3: 'level': cần một trong commune, province, other; nhận được 'xa'"),
    (GOOD.replace("  checked: 2026-10-03\n", "  checked: hôm qua\n"),
     "1.000001.yml:9: 'source.checked': cần ngày dạng YYYY-MM-DD, nhận được 'hôm qua'"),
    (GOOD + "channels:\n- mode: in_person\n  fee: 0\n",
     "1.000001.yml:12: 'channels[1].fee': cần văn bản, nhận được 0"),
    (GOOD + "documents:\n- originals: 1\n",
     "1.000001.yml:11: thiếu trường bắt buộc 'documents[1].name'"),
    (GOOD.replace("code: '1.000001'", "code: '1.000002'"),
     "1.000001.yml: 'code': mã '1.000002' không khớp tên tệp '1.000001.yml'"),
    ("- just\n- a list\n",
     "1.000001.yml:1: cần một bảng 'khóa: giá trị', nhận được một danh sách"),
])
def test_bad_file_gets_exact_message(tmp_path, text, expected):
    problems = problems_for(tmp_path, {"1.000001.yml": text})
    assert [str(p).replace(f"{tmp_path}/", "") for p in problems] == [expected]


def test_duplicate_code_in_two_folders_is_reported(tmp_path):
    problems = problems_for(tmp_path, {"1.000001.yml": GOOD, "ho-tich/1.000001.yml": GOOD})
    assert [p.message for p in problems] == [f"'code': mã thủ tục '1.000001' trùng với {tmp_path}/1.000001.yml"]
    assert problems[0].path == tmp_path / "ho-tich/1.000001.yml"


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    files = {
        "1.000001.yml": GOOD.replace("field: Hộ tịch\n", "") + "fee: x\n",
        "1.000002.yml": "code: [\n",
        "1.000003.yml": GOOD.replace("1.000001", "1.000003"),
    }
    write_files(tmp_path, {"_communes.yml": COMMUNES, **files})
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    bad_files = sorted({p.path.name for p in info.value.problems})
    assert bad_files == ["1.000001.yml", "1.000002.yml"]
    assert len(info.value.problems) == 3
    assert info.value.summary() == "3 lỗi trong 2 trên 4 tệp; không có gì được ghi."


def test_missing_communes_file_is_an_error(tmp_path):
    write_files(tmp_path, {"1.000001.yml": GOOD})
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    assert [p.message for p in info.value.problems] == ["không tìm thấy tệp"]


def test_duplicate_commune_code_is_reported(tmp_path):
    doubled = COMMUNES + COMMUNES[COMMUNES.index("- code: '03158'"):]
    write_files(tmp_path, {"_communes.yml": doubled, "1.000001.yml": GOOD})
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    assert [p.message for p in info.value.problems] == ["mã xã/phường '03158' xuất hiện nhiều lần"]


def test_replaced_by_must_name_a_known_procedure(tmp_path):
    problems = problems_for(tmp_path, {"1.000001.yml": GOOD + "replaced_by: '9.999999'\n"})
    assert [p.message for p in problems] == ["'replaced_by': không có thủ tục mã '9.999999'"]


def test_fix_nfc_rewrites_decomposed_text(tmp_path):
    nfd = GOOD.replace("Thủ tục thử", "Thu\u0309 tu\u0323c thử")
    write_files(tmp_path, {"_communes.yml": COMMUNES, "1.000001.yml": nfd})
    assert fix_nfc(tmp_path) == [tmp_path / "1.000001.yml"]
    assert load_catalogue(tmp_path).procedure("1.000001").name == "Thủ tục thử"


def test_folders_starting_with_underscore_are_not_procedures(tmp_path):
    write_files(tmp_path, {"_communes.yml": COMMUNES, "1.000001.yml": GOOD, "_sources/raw.yml": "a: [1\n"})
    assert [p.code for p in load_catalogue(tmp_path).procedures] == ["1.000001"]


def test_the_real_catalogue_loads_without_problems():
    cat = load_catalogue(Path(__file__).parent.parent / "procedures")
    assert len(cat.communes) == 45
    assert sum(c.kind == "phường" for c in cat.communes) == 3
    assert sum(len(c.former) for c in cat.communes) == 129
    assert all(p.source.title and (p.source.url or p.source.decision or p.source.document)
               for p in cat.procedures)


def test_national_list_gives_coverage_on_the_home_page(tmp_path):
    from generator.site.listings import coverage_line

    national = ("source: Danh sách thử\nexported: 2026-08-06\nfields:\n"
                "- name: Hộ tịch\n  codes: ['1.000001', '1.999999']\n")
    write_files(tmp_path, {"_communes.yml": COMMUNES, "1.000001.yml": GOOD, "_national_list.yml": national})
    cat = load_catalogue(tmp_path)
    assert cat.national_list.fields == (("Hộ tịch", ("1.000001", "1.999999")),)
    line = coverage_line(cat)
    assert "(xuất ngày 06/08/2026) có 2 mã: niêm yết có trang cho **1** mã, công bố đầy đủ **0** mã" in line


def alias_bomb(levels: int = 7, width: int = 9) -> str:
    """The audit's file: each level a list of `width` aliases to the level before."""
    lines = ['a0: &a0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("text", "expected"), [
    (alias_bomb(), "1.000001.yml:1: YAML: không dùng neo và bí danh ('&tên', '*tên'); tệp thủ tục không cần "
                   "chúng và chúng có thể nhân một tệp nhỏ thành hàng GB"),
    ("&a [*a]\n", "1.000001.yml:1: YAML: không dùng neo và bí danh ('&tên', '*tên'); tệp thủ tục không cần "
                  "chúng và chúng có thể nhân một tệp nhỏ thành hàng GB"),
    (GOOD + "name: Tên khác\n", "1.000001.yml:10: khóa 'name' lặp lại (lần đầu ở dòng 2); YAML sẽ lặng lẽ bỏ giá trị trước"),
    (GOOD + "<<: {agency: x}\n", "1.000001.yml:10: YAML: không dùng khóa gộp '<<'"),
    ("a: " + "[" * 20 + "]" * 20 + "\n", "1.000001.yml:1: YAML lồng quá sâu (hơn 12 cấp)"),
    (GOOD.replace("Thủ tục thử", "Thủ tục\x00 thử"), "1.000001.yml:2: ký tự điều khiển U+0000 không được phép (cột 14)"),
    (GOOD.replace("Thủ tục thử", "Thủ tục \u202ethử"), "1.000001.yml:2: ký tự đảo hướng chữ U+202E không được phép (cột 15)"),
    (GOOD.replace("name: Thủ tục thử", 'name: "Thủ tục \\u2066thử"'),
     "1.000001.yml:2: 'name': ký tự đảo hướng chữ U+2066 không được phép (ký tự thứ 9)"),
    (GOOD.replace("name: Thủ tục thử", 'name: "Thủ tục \\x1bthử"'),
     "1.000001.yml:2: 'name': ký tự điều khiển U+001B không được phép (ký tự thứ 9)"),
    (GOOD.replace("name: Thủ tục thử", "name: " + "thủ tục " * 300),
     "1.000001.yml:2: 'name': dài 2399 ký tự, tối đa 2000"),
    (GOOD + "communes: ['3127']\n", "1.000001.yml:10: 'communes[1]': cần mã xã/phường 5 chữ số như 03127, nhận được '3127'"),
    (GOOD + "replaced_by: ../x\n", "1.000001.yml:10: 'replaced_by': cần mã thủ tục quốc gia dạng 1.000894, nhận được '../x'"),
    (GOOD + "online_service: 'https://dichvucong.gov.vn/x>){:onclick=alert(1)}'\n",
     "1.000001.yml:10: 'online_service': cần URL http(s), nhận được 'https://dichvucong.gov.vn/x>){:oncli...'"),
    (GOOD + "online_service: javascript:alert(1)\n",
     "1.000001.yml:10: 'online_service': cần URL http(s), nhận được 'javascript:alert(1)'"),
    (GOOD + "online_service: https://dichvucong.gov.vn@evil.example/\n",
     "1.000001.yml:10: 'online_service': cần URL http(s), nhận được 'https://dichvucong.gov.vn@evil.examp...'"),
    (GOOD + "online_service: https://dịchvụcông.vn/\n",
     "1.000001.yml:10: 'online_service': cần URL http(s), nhận được 'https://dịchvụcông.vn/'"),
    (GOOD.replace("field: Hộ tịch", "field: '!!!'"),
     "1.000001.yml: 'field': '!!!' không có chữ hoặc số nào để làm địa chỉ trang"),
])
def test_hostile_file_gets_exact_message(tmp_path, text, expected):
    problems = problems_for(tmp_path, {"1.000001.yml": text})
    assert [str(p).replace(f"{tmp_path}/", "") for p in problems] == [expected]


def test_a_code_that_is_not_a_national_code_is_refused(tmp_path):
    text = GOOD.replace("code: '1.000001'", "code: tim-kiem.json")
    problems = problems_for(tmp_path, {"tim-kiem.json.yml": text})
    assert [str(p).replace(f"{tmp_path}/", "") for p in problems] == [
        "tim-kiem.json.yml:1: 'code': cần mã thủ tục quốc gia dạng 1.000894, nhận được 'tim-kiem.json'"]


def test_two_spellings_of_one_field_are_refused(tmp_path):
    problems = problems_for(tmp_path, {"1.000001.yml": GOOD,
                                       "1.000002.yml": GOOD.replace("1.000001", "1.000002").replace("Hộ tịch", "Hộ Tịch")})
    assert [p.message for p in problems] == [
        "'field': 'Hộ Tịch' và 'Hộ tịch' cùng địa chỉ trang /linh-vuc/ho-tich/: hãy viết tên lĩnh vực giống nhau"]


def test_a_file_too_large_is_refused_unread(tmp_path):
    problems = problems_for(tmp_path, {"1.000001.yml": GOOD + "# " + "x" * 1_000_000 + "\n"})
    assert [p.message for p in problems] == ["tệp 1000203 byte, lớn hơn giới hạn 1000000 byte"]


def test_real_records_keep_their_tabs_typos_marks_and_cyrillic_letters(tmp_path):
    text = GOOD.replace("name: Thủ tục thử", 'name: "Thủ tục\\tthử số Р-12 đăng k\u200eý"')
    write_files(tmp_path, {"_communes.yml": COMMUNES, "1.000001.yml": text})
    assert load_catalogue(tmp_path).procedure("1.000001").name == "Thủ tục\tthử số Р-12 đăng k\u200eý"


def test_hostile_commune_file_is_refused(tmp_path):
    communes = COMMUNES.replace("- code: '03158'", "- code: '03158'\n  code: '03159'", 1)
    communes = communes.replace("name: Xã Sín Thầu", "name: \"Xã\\u202eSín Thầu\"", 1)
    write_files(tmp_path, {"_communes.yml": communes, "1.000001.yml": GOOD})
    with pytest.raises(CatalogueError) as info:
        load_catalogue(tmp_path)
    assert [p.message for p in info.value.problems] == [
        "khóa 'code' lặp lại (lần đầu ở dòng 28); YAML sẽ lặng lẽ bỏ giá trị trước"]


def test_nesting_too_deep_for_any_parser_is_an_error_not_a_crash(tmp_path):
    problems = problems_for(tmp_path, {"1.000001.yml": "a: " + "[" * 10_000 + "]" * 10_000 + "\n"})
    assert len(problems) == 1 and problems[0].message.startswith("lỗi cú pháp YAML")


SYNONYMS_BLOCK = """synonyms:
- words:
  - nhận con
  means:
  - thủ tục thử
"""


def test_synonym_flow_list_is_refused_because_it_cuts_phrases_at_commas(tmp_path):
    flow = "synonyms:\n- words: [nhận con]\n  means: [nhận cha, mẹ, con]\n"
    problems = problems_for(tmp_path, {"1.000001.yml": GOOD, "_synonyms.yml": flow})
    assert [str(p) for p in problems] == [
        f"{tmp_path}/_synonyms.yml:{line}: danh sách dạng [a, b] cắt cụm từ tại dấu phẩy; viết mỗi cụm từ "
        "trên một dòng riêng bắt đầu bằng '- '" for line in (2, 3)]


def test_synonym_phrase_with_commas_in_a_block_list_stays_whole(tmp_path):
    good = GOOD.replace("name: Thủ tục thử", "name: Thủ tục đăng ký nhận cha, mẹ, con")
    synonyms = SYNONYMS_BLOCK.replace("thủ tục thử", "nhận cha, mẹ, con")
    write_files(tmp_path, {"_communes.yml": COMMUNES, "1.000001.yml": good, "_synonyms.yml": synonyms})
    assert load_catalogue(tmp_path).synonyms == (("nhận con", ("nhận cha, mẹ, con",)),)


def test_synonym_leading_to_no_procedure_is_refused(tmp_path):
    synonyms = SYNONYMS_BLOCK.replace("thủ tục thử", "tách thửa")
    problems = problems_for(tmp_path, {"1.000001.yml": GOOD, "_synonyms.yml": synonyms})
    assert [str(p) for p in problems] == [
        f"{tmp_path}/_synonyms.yml: 'means': cụm từ 'tách thửa' không khớp tên thủ tục nào"]
