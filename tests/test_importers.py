"""The portal importer: each source shape, merging, re-runs, hand edits, coverage."""

from __future__ import annotations

import json
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.catalogue.load import load_catalogue
from generator.importers import defence, portal_api
from generator.importers.catalog import online_link, procedures_from_catalog
from generator.importers.coverage import coverage
from generator.importers.portal import import_records
from generator.importers.records import Imported, merge
from generator.catalogue.model import Commune
from tests.conftest import FIXTURE_PROCEDURES

ROOT = Path(__file__).parent.parent
IMPORT_DATA = Path(__file__).parent / "data" / "import"
CHECKED = date(2026, 10, 3)
COMMUNES = (
    Commune("03127", "Phường Điện Biên Phủ", "phường", agency_code="H18.132"),
    Commune("03328", "Xã Thanh Nưa", "xã", agency_code="H18.121"),
    Commune("03158", "Xã Sín Thầu", "xã", agency_code="H18.102"),
)
PROVINCE = "dien-bien"


def real(name: str) -> dict:
    return json.loads((IMPORT_DATA / name).read_text(encoding="utf-8"))


def api_record(**changes) -> dict:
    """The real 1.000656 API record, with some keys replaced."""
    record = real("api_1.000656.json")
    record.update(changes)
    return record


def doc_record(**content) -> dict:
    """The real 1.013133 .doc export, with some content fields replaced."""
    record = real("doc_1.013133.json")
    record["content"].update(content)
    return record


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def shared_tree(root: Path, details=(), docs=(), items=(), execution=None) -> Path:
    """A procedures/_sources folder in the real layout holding only the given records."""
    write_json(root / PROVINCE / "manifest.json", {"builtAt": "2026-10-03T19:58:57.940Z", "shardCount": 64})
    for i, record in enumerate(details):
        write_json(root / "details" / f"d{i}.json", record)
    for record in docs:
        write_json(root / "defence" / f"{record['thu_tuc_id']}.json", record)
    if items:
        write_json(root / PROVINCE / "catalog_excerpt.json",
                   {"_source": "github.com/x/mirror catalog.json (commit 07b8d0685b39d01c719fece62f66d07597096df6), excerpt",
                    "items": list(items)})
    if execution:
        write_json(root / PROVINCE / "execution_excerpts/14.json", {"procedures": execution})
    return root


def out_dir(tmp_path: Path) -> Path:
    out = tmp_path / "procedures"
    out.mkdir()
    shutil.copy(FIXTURE_PROCEDURES / "_communes.yml", out / "_communes.yml")
    return out


def item(code: str, cap: str = "Cấp xã", **more) -> dict:
    return {"id": "x", "ma": code, "ten": f"Thủ tục thử {code}", "lv": "Hộ tịch", "cap": cap, **more}


def channel(result, mode: str) -> dict:
    return next(c for c in result.facts["channels"] if c["mode"] == mode)


# --- the 2026 API shape -------------------------------------------------------------------

def test_api_fee_is_the_published_text_not_the_zero_beside_it():
    result = portal_api.procedure_from_api(api_record(), "d.json", CHECKED)
    fee = channel(result, "in_person")["fee"]
    assert fee.startswith("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh")
    assert "0 đồng" not in fee


def test_api_fee_with_an_amount_keeps_amount_and_text():
    method = {"submissionMethod": "DIRECT", "processingTime": 3, "processingTimeUnit": "WORKING_DAY",
              "fees": [{"value": 50000, "description": "Lệ phí cấp giấy"}]}
    result = portal_api.procedure_from_api(api_record(executionMethods=[method]), "d.json", CHECKED)
    assert result.facts["channels"] == [{"mode": "in_person", "time_limit": "3 ngày làm việc",
                                         "fee": "50.000 đồng (Lệ phí cấp giấy)", "note": None}]


def test_api_other_time_unit_gives_the_cases_with_their_names_and_no_channel_limit():
    result = portal_api.procedure_from_api(api_record(), "d.json", CHECKED)
    assert channel(result, "online")["time_limit"] is None
    assert result.facts["cases"] == [
        {"code": "1.000656.01", "name": "Thủ tục đăng ký khai tử", "time_limit": "5 ngày làm việc"},
        {"code": "1.000656.02", "name": "Thủ tục đăng ký khai tử", "time_limit": "1 ngày"},
        {"code": "1.000656.03", "name": "Thủ tục đăng ký khai tử", "time_limit": "2 ngày"},
    ]


def test_api_repeated_cases_are_listed_once():
    case = {"name": "Chứng thực di chúc", "code": "2.001019.01", "processingDay": {"qty": 1, "type": "WORKING_DAY"}}
    other = {**case, "code": "2.001019.02", "processingDay": {"qty": 2, "type": "DAY"}}
    result = portal_api.procedure_from_api(api_record(cases=[case, dict(case), other]), "d.json", CHECKED)
    assert [c["code"] for c in result.facts["cases"]] == ["2.001019.01", "2.001019.02"]


def test_api_cases_with_one_limit_give_that_limit_alone():
    cases = [{"name": "A", "code": f"1.000656.0{i}", "processingDay": {"qty": 3, "type": "DAY"}} for i in (1, 2)]
    result = portal_api.procedure_from_api(api_record(cases=cases), "d.json", CHECKED)
    assert channel(result, "online")["time_limit"] == "3 ngày"
    assert result.facts["cases"] == []


def test_api_time_written_as_text_is_the_limit():
    method = {"submissionMethod": "DIRECT", "processingTime": "Tại thời điểm nhận hồ sơ.", "processingTimeUnit": "OTHER",
              "fees": []}
    result = portal_api.procedure_from_api(api_record(executionMethods=[method]), "d.json", CHECKED)
    assert channel(result, "in_person")["time_limit"] == "Tại thời điểm nhận hồ sơ."


@pytest.mark.parametrize(("fee", "text"), [
    ({"value": 2000, "currencyId": "019b3fb2-b5b8-70ac-85e2-9409ec1eaffa", "description": "/trang"}, "2.000 đồng/trang"),
    ({"value": 10, "currencyId": "019b3fb2-dee2-76ab-aa53-22d4d903a2bb", "description": "/bản"}, "10 USD/bản"),
    ({"value": 10, "currencyName": "USD", "description": "Tại cơ quan đại diện"}, "10 USD (Tại cơ quan đại diện)"),
    ({"value": 7, "currencyId": "khác", "description": "Phí theo quy định"}, "Phí theo quy định"),
])
def test_api_fee_amount_is_in_the_currency_the_record_names(fee, text):
    method = {"submissionMethod": "DIRECT", "processingTime": 1, "processingTimeUnit": "DAY", "fees": [fee]}
    result = portal_api.procedure_from_api(api_record(executionMethods=[method]), "d.json", CHECKED)
    assert channel(result, "in_person")["fee"] == text


def test_api_legal_bases_sharing_a_number_keep_each_title():
    rows = [{"code": "55/2015/NĐ-CP", "name": "Nghị định A"}, {"code": "55/2015/NĐ-CP", "name": "Nghị định B"},
            {"code": "55/2015/NĐ-CP", "name": "Nghị định A"}]
    result = portal_api.procedure_from_api(api_record(legalBasisesDetails=rows), "d.json", CHECKED)
    assert result.facts["legal_basis"] == [{"number": "55/2015/NĐ-CP", "title": "Nghị định A"},
                                           {"number": "55/2015/NĐ-CP", "title": "Nghị định B"}]


def test_api_channel_without_fees_or_cases_has_no_fee_and_no_limit(tmp_path):
    methods = [{"submissionMethod": "ONLINE", "processingTime": 1, "processingTimeUnit": "OTHER", "fees": []}]
    shared = shared_tree(tmp_path / "shared", details=[api_record(executionMethods=methods, cases=[])])
    out = out_dir(tmp_path)
    import_records(shared, out, COMMUNES)
    data = yaml.safe_load((out / "1.000656.yml").read_text(encoding="utf-8"))
    assert data["channels"] == [{"mode": "online"}]


def test_api_documents_keep_group_counts_and_only_real_form_links():
    cases = [{"name": "* Giấy tờ phải nộp:", "profileComponents": [
        {"name": "- Tờ khai   theo mẫu", "originalQty": 1, "copyQty": 0,
         "attachments": [{"url": "https://dichvucong.gov.vn/mau/to-khai.docx"}]},
        {"name": "+ Giấy báo tử", "originalQty": 1, "copyQty": 2, "attachments": [{"name": "mau.doc"}]},
    ]}]
    result = portal_api.procedure_from_api(api_record(executionCases=cases), "d.json", CHECKED)
    assert result.facts["documents"] == [
        {"name": "Tờ khai theo mẫu", "originals": 1, "copies": 0,
         "form_url": "https://dichvucong.gov.vn/mau/to-khai.docx", "group": "Giấy tờ phải nộp"},
        {"name": "Giấy báo tử", "originals": 1, "copies": 2, "form_url": None, "group": "Giấy tờ phải nộp"},
    ]


def test_api_record_maps_source_legal_basis_and_agency():
    result = portal_api.procedure_from_api(api_record(), "details/d.json", CHECKED)
    assert result.facts["agency"] == "Ủy ban Nhân dân xã, phường, thị trấn."
    assert result.facts["field"] == "Hộ tịch"
    assert result.facts["results"] == ["Trích lục khai tử"]
    assert {"number": "60/2014/QH13", "title": "Luật 60/2014/QH13"} in result.facts["legal_basis"]
    assert result.source["decision"] == "QĐ/0001-BTP, ngày 01/08/2019"
    assert result.source["url"].endswith("ma_thu_tuc=1.000656")


def test_api_record_not_at_commune_level_is_skipped():
    result = portal_api.procedure_from_api(api_record(isWard=False), "d.json", CHECKED)
    assert "không thực hiện ở cấp xã" in result.reason


# --- the .doc exports ---------------------------------------------------------------------

def test_doc_export_fee_kept_as_published_and_empty_fee_omitted():
    result = defence.procedure_from_export(real("doc_1.013133.json"))
    assert result.facts["channels"] == [
        {"mode": "in_person", "time_limit": "1 ngày làm việc", "fee": "Phí : 0 Đồng"},
        {"mode": "online", "time_limit": "02 giờ", "fee": None},
    ]


def test_doc_export_fee_cell_without_an_amount_says_nothing():
    record = real("doc_1.013133.json")
    record["tables"]["hinh_thuc_nop"] = [{"hinh_thuc": "Dịch vụ bưu chính", "thoi_han_giai_quyet": "", "phi_le_phi": "Phí :  Đồng"}]
    assert defence.procedure_from_export(record).facts["channels"] == [{"mode": "post", "time_limit": None, "fee": None}]


def test_doc_export_placeholders_are_omitted(tmp_path):
    record = doc_record(**{"cơ_quan_có_thẩm_quyền": "Không có thông tin", "yêu_cầu_điều_kiện_thực_hiện": " "})
    shared = shared_tree(tmp_path / "shared", docs=[record])
    out = out_dir(tmp_path)
    import_records(shared, out, COMMUNES)
    data = yaml.safe_load((out / "1.013133.yml").read_text(encoding="utf-8"))
    assert "authority" not in data and "conditions" not in data
    assert "Không có thông tin" not in (out / "1.013133.yml").read_text(encoding="utf-8")


def test_doc_export_counts_parsed_and_form_file_names_not_taken_for_links():
    record = real("doc_1.013133.json")
    record["tables"]["thanh_phan_ho_so"] = [
        {"ten_giay_to": "Bản khai chung", "so_luong": "Bnkhaichung.docx", "ghi_chu": "Bản chính: 3\nBản sao: 0"},
        {"ten_giay_to": "Danh sách", "so_luong": "Bản chính: 0\nBản sao: 5", "ghi_chu": ""},
    ]
    assert defence.procedure_from_export(record).facts["documents"] == [
        {"name": "Bản khai chung", "originals": 3, "copies": 0},
        {"name": "Danh sách", "originals": 0, "copies": 5},
    ]


def test_doc_export_steps_split_and_applicants_split_outside_brackets():
    record = doc_record(**{
        "trình_tự_thực_hiện": "Trình tự thực hiện Bước 1: Nộp hồ sơ; Bước 2: Nhận kết quả.",
        "đối_tượng_thực_hiện": "Công dân Việt Nam, Tổ chức (không bao gồm doanh nghiệp, HTX)",
    })
    facts = defence.procedure_from_export(record).facts
    assert facts["steps"] == ["Bước 1: Nộp hồ sơ", "Bước 2: Nhận kết quả."]
    assert facts["applicants"] == ["Công dân Việt Nam", "Tổ chức (không bao gồm doanh nghiệp, HTX)"]


@pytest.mark.parametrize(("level", "agency", "reason"), [
    ("Cấp Bộ, Cấp Tỉnh", "Ban chỉ huy quân sự cấp Xã", "không thực hiện ở cấp xã"),
    ("Cấp Xã", "Đội Thủ tục Biên phòng cửa khẩu cảng", "không do cơ quan cấp xã thực hiện"),
])
def test_doc_export_outside_commune_bodies_is_skipped(level, agency, reason):
    record = doc_record(**{"cơ_quan_thực_hiện": agency})
    record["metadata"]["cấp_thực_hiện"] = level
    assert defence.procedure_from_export(record).reason.startswith(reason)


# --- catalogue entries and per-commune rows -----------------------------------------------

def test_catalogue_entry_alone_gives_a_file_with_only_its_facts(tmp_path):
    shared = shared_tree(tmp_path / "shared", items=[item("1.004873"), item("2.000001", cap="Cấp tỉnh")])
    out = out_dir(tmp_path)
    report = import_records(shared, out, COMMUNES)
    data = yaml.safe_load((out / "1.004873.yml").read_text(encoding="utf-8"))
    assert set(data) == {"code", "name", "level", "field", "source"}
    assert data["level"] == "commune"
    assert data["source"]["checked"] == CHECKED
    assert "(commit 07b8d0685b39d01c719fece62f66d07597096df6)" in data["source"]["document"]
    assert report.written == ["1.004873"]
    assert report.skipped["2.000001"].startswith("không thực hiện ở cấp xã")
    assert not (out / "2.000001.yml").exists()


def test_catalogue_level_list_including_commune_is_a_commune_procedure():
    [result] = procedures_from_catalog([item("1.116910", cap="Cấp xã, Cấp Bộ")], "catalog.json", CHECKED)
    assert result.facts["level"] == "commune"


def test_execution_rows_become_local_links_by_agency_code(tmp_path):
    rows = [{"a": "UBND phường Điện Biên Phủ", "c": "H18.132", "u": "dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc?"},
            {"a": "Sở Tư pháp", "c": "H18.01", "u": "example.gov.vn/x"}]
    shared = shared_tree(tmp_path / "shared", items=[item("1.001193")],
                         execution={"1.001193": {"dvc": [{"d": "1.001193.02", "r": rows}]}})
    out = out_dir(tmp_path)
    report = import_records(shared, out, COMMUNES)
    cat = load_catalogue(out)
    assert cat.procedure("1.001193").online_link("03127") == "https://dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc"
    assert cat.procedure("1.001193").local_for("03127").agency_code == "H18.132"
    assert any("1 dòng" in note for note in report.notes)


@pytest.mark.parametrize(("listed", "link"), [
    ("dichvucong.gov.vn/p/x?", "https://dichvucong.gov.vn/p/x"),
    ("http://a.gov.vn/b", "http://a.gov.vn/b"),
    ("", None),
    ("not a link", None),
])
def test_online_link(listed, link):
    assert online_link(listed) == link


# --- the whole import ---------------------------------------------------------------------

def test_import_writes_nfc_even_from_nfd_sources(tmp_path):
    nfd = unicodedata.normalize("NFD", "Thủ tục đăng ký khai tử")
    shared = shared_tree(tmp_path / "shared", details=[api_record(name=nfd)])
    out = out_dir(tmp_path)
    import_records(shared, out, COMMUNES)
    text = (out / "1.000656.yml").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert load_catalogue(out).procedure("1.000656").name == "Thủ tục đăng ký khai tử"


def test_reimport_is_byte_identical(tmp_path):
    shared = shared_tree(tmp_path / "shared", details=[api_record()], docs=[real("doc_1.013133.json")],
                         items=[item("1.004873")])
    out = out_dir(tmp_path)
    first = import_records(shared, out, COMMUNES)
    before = {p.name: p.read_bytes() for p in out.glob("*.yml")}
    second = import_records(shared, out, COMMUNES)
    assert sorted(first.written) == ["1.000656", "1.004873", "1.013133"]
    assert second.written == [] and sorted(second.unchanged) == sorted(first.written)
    assert {p.name: p.read_bytes() for p in out.glob("*.yml")} == before


def test_hand_added_keys_survive_a_reimport_and_imported_facts_are_restored(tmp_path):
    rows = [{"c": "H18.132", "u": "dichvucong.gov.vn/x"}]
    shared = shared_tree(tmp_path / "shared", items=[item("1.001193")],
                         execution={"1.001193": {"dvc": [{"r": rows}]}})
    out = out_dir(tmp_path)
    import_records(shared, out, COMMUNES)
    path = out / "1.001193.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = "Tên sửa tay"
    data["keywords"] = ["làm giấy khai sinh"]
    data["communes"] = ["03127", "03328"]
    data["local"].append({"commune": "03328", "online_service": "https://thanhnua.example.vn/khai-sinh"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    report = import_records(shared, out, COMMUNES)
    proc = load_catalogue(out).procedure("1.001193")
    assert report.written == ["1.001193"]
    assert proc.name == "Thủ tục thử 1.001193"
    assert proc.keywords == ("làm giấy khai sinh",)
    assert proc.communes == ("03127", "03328")
    assert proc.online_link("03328") == "https://thanhnua.example.vn/khai-sinh"
    assert proc.online_link("03127") == "https://dichvucong.gov.vn/x"


def test_two_sources_of_one_code_merge_richer_first_and_name_both(tmp_path):
    listed = item("1.000656", lv="Hộ tịch (danh mục)")
    shared = shared_tree(tmp_path / "shared", details=[api_record()], items=[listed])
    out = out_dir(tmp_path)
    report = import_records(shared, out, COMMUNES)
    proc = load_catalogue(out).procedure("1.000656")
    assert proc.field == "Hộ tịch" and proc.is_complete
    assert proc.source.title == ("Cổng Dịch vụ công quốc gia, thủ tục 1.000656 (dữ liệu API 2026); "
                                 "đối chiếu thêm: danh mục thủ tục tỉnh Điện Biên")
    assert report.merged["1.000656"] == ["dữ liệu API 2026", "danh mục thủ tục tỉnh Điện Biên"]


def test_merge_takes_each_field_from_the_best_ranked_source_and_names_every_source():
    day = date(2026, 7, 20)
    crawled = Imported("1", {"code": "1", "name": "A", "steps": ["s1", "s2"], "results": ["r"],
                             "channels": [{"mode": "online", "time_limit": None}]},
                       {"title": "trang", "checked": day, "document": "crawl/1.json"}, "trang", rank=1)
    api = Imported("1", {"code": "1", "name": "B", "channels": [{"mode": "online", "time_limit": "5 ngày"}]},
                   {"title": "api", "checked": CHECKED, "document": "details/x.json"}, "api", rank=0)
    merged = merge([crawled, api])
    assert merged.facts["name"] == "B" and merged.facts["channels"] == [{"mode": "online", "time_limit": "5 ngày"}]
    assert merged.facts["steps"] == ["s1", "s2"] and merged.facts["results"] == ["r"]
    assert merged.source["title"] == "trang; đối chiếu thêm: api"
    assert merged.source["document"] == "crawl/1.json; details/x.json"
    assert merged.source["checked"] == day


def test_bad_source_file_is_reported_and_the_rest_imported(tmp_path):
    shared = shared_tree(tmp_path / "shared", items=[item("1.004873")])
    broken = shared / "details/broken.json"
    broken.parent.mkdir(parents=True)
    broken.write_text("{not json", encoding="utf-8")
    out = out_dir(tmp_path)
    report = import_records(shared, out, COMMUNES)
    assert report.written == ["1.004873"]
    assert report.skipped["broken.json"].startswith("không đọc được tệp nguồn")


def test_unreadable_existing_file_is_left_alone(tmp_path):
    shared = shared_tree(tmp_path / "shared", items=[item("1.004873")])
    out = out_dir(tmp_path)
    (out / "1.004873.yml").write_text("code: [1\n", encoding="utf-8")
    report = import_records(shared, out, COMMUNES)
    assert (out / "1.004873.yml").read_text(encoding="utf-8") == "code: [1\n"
    assert "không ghi đè" in report.skipped["1.004873"]


def test_report_lines_group_reasons_with_counts(tmp_path):
    shared = shared_tree(tmp_path / "shared", items=[item("2.1", cap="Cấp tỉnh"), item("2.2", cap="Cấp Bộ")])
    report = import_records(shared, out_dir(tmp_path), COMMUNES)
    assert report.lines() == [
        "0 tệp được ghi, 0 tệp không đổi, 2 bản ghi bỏ qua, 0 thủ tục gộp từ nhiều nguồn.",
        "  bỏ qua 2: không thực hiện ở cấp xã",
    ]


def test_agency_map_may_be_passed_as_a_mapping(tmp_path):
    rows = [{"c": "X.1", "u": "a.gov.vn/b"}]
    shared = shared_tree(tmp_path / "shared", items=[item("1.001193")], execution={"1.001193": {"dvc": [{"r": rows}]}})
    out = out_dir(tmp_path)
    import_records(shared, out, {"X.1": "03158"})
    assert load_catalogue(out).procedure("1.001193").online_link("03158") == "https://a.gov.vn/b"


# --- coverage -----------------------------------------------------------------------------

def test_coverage_counts_files_and_complete_ones(tmp_path):
    shared = shared_tree(tmp_path / "shared", details=[api_record()], items=[item("1.004873"), item("1.009999")])
    out = out_dir(tmp_path)
    import_records(shared, out, COMMUNES)
    index = [
        {"ten_linh_vuc": "Hộ tịch", "danh_sach_ma_tthc": ["1.000656", "1.004873", "1.000894"]},
        {"ten_linh_vuc": "Đất đai", "danh_sach_ma_tthc": ["1.000001"]},
    ]
    cov = coverage(load_catalogue(out), index)
    assert (cov.total, cov.with_file, cov.complete) == (4, 2, 1)
    assert [(f.name, f.with_file, f.complete) for f in cov.fields] == [("Hộ tịch", 2, 1), ("Đất đai", 0, 0)]
    assert cov.missing == ("1.000001", "1.000894")
    assert cov.extra == ("1.009999",)


# --- the real catalogue -------------------------------------------------------------------

def test_real_procedures_load_and_are_what_the_importer_writes(tmp_path):
    """Gate: procedures/ loads with no problem, and re-importing the public records changes
    no file, so nobody edited an imported fact by hand where the next import would undo it."""
    procedures = ROOT / "procedures"
    cat = load_catalogue(procedures)
    copy_dir = tmp_path / "procedures"
    shutil.copytree(procedures, copy_dir)
    report = import_records(copy_dir / "_sources", copy_dir, cat)
    assert report.written == []
    assert len(report.unchanged) >= 340
    assert all(p.source.title for p in cat.procedures)


def test_missing_required_field_is_taken_from_another_source_or_reported(tmp_path):
    no_field = api_record(categoriesDetails=[], executingAgencies="", departmentsExecuting=[])
    shared = shared_tree(tmp_path / "shared", details=[no_field])
    out = out_dir(tmp_path)
    report = import_records(shared, out, COMMUNES)
    assert report.skipped["1.000656"] == "nguồn không có trường bắt buộc: field"
    write_json(shared / PROVINCE / "catalog_excerpt.json", {"items": [item("1.000656")]})
    import_records(shared, out, COMMUNES)
    proc = load_catalogue(out).procedure("1.000656")
    assert proc.field == "Hộ tịch" and proc.agency is None and proc.steps


def test_api_agency_named_only_as_a_group_is_used():
    record = api_record(executingAgencies="", departmentsExecuting=[],
                        unitGroupsExecuting=[{"id": "x", "name": "Ủy ban nhân dân cấp xã"}])
    assert portal_api.procedure_from_api(record, "d.json", CHECKED).facts["agency"] == "Ủy ban nhân dân cấp xã"
