"""The crawl of the portal's pages: cutting flattened tables without losing or changing text."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator.importers import crawl
from generator.importers.records import Imported, Skipped, merge
from generator.text import nfc

CRAWL = Path(__file__).parent.parent / "procedures" / "_sources" / "crawl"
RECORDS = sorted(CRAWL.glob("*/*.json"))
DAY = date(2026, 7, 20)


def squeeze(text: str) -> str:
    """Compare texts without their spacing, which the importer tidies."""
    return re.sub(r"\s+", "", nfc(text))


def record(**fields) -> dict:
    base = {"ma_thu_tuc": "1.000001", "ten_thu_tuc": "Thủ tục thử", "cap_thuc_hien": "Cấp xã",
            "linh_vuc": "Hộ tịch", "co_quan_thuc_hien": "Ủy ban nhân dân cấp xã"}
    return {**base, **fields}


# --- channels ---------------------------------------------------------------------------

def test_channel_rows_keep_time_fee_explanation_and_description():
    text = (crawl.CHANNELS_HEAD + "Trực tuyến7 Ngày làm việcMiễn phí(Mức lệ phí do HĐND tỉnh quyết định.)"
            "Nộp qua Cổng.Trực tiếp7 Ngày làm việc50,000 Việt Nam Đồng(/bản)")
    rows = crawl.channels(text).rows
    assert rows == [
        {"mode": "online", "time_limit": "7 Ngày làm việc", "fee": "Mức lệ phí do HĐND tỉnh quyết định.",
         "note": "Nộp qua Cổng."},
        {"mode": "in_person", "time_limit": "7 Ngày làm việc", "fee": "50,000 Việt Nam Đồng/bản", "note": None},
    ]


def test_bare_number_is_not_a_time_limit_and_run_together_digits_are_neither_time_nor_fee():
    rows = crawl.channels(crawl.CHANNELS_HEAD + "Trực tuyến5Miễn phíTrực tiếp120 VNĐ").rows
    assert [(r["mode"], r["time_limit"], r["fee"]) for r in rows] == [
        ("online", None, "Miễn phí"), ("in_person", None, None)]


def test_time_written_as_words_is_kept_as_written():
    text = crawl.CHANNELS_HEAD + "Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phíQua Cổng."
    [row] = crawl.channels(text).rows
    assert row["time_limit"] == "Không phải trả kết quả cho người nộp thuế" and row["note"] == "Qua Cổng."


def test_nested_brackets_in_a_fee_explanation_stay_whole():
    fee_note, rest = crawl._leading_brackets("(Phí (nếu có) theo quy định.)Mô tả")
    assert (fee_note, rest) == ("Phí (nếu có) theo quy định.", "Mô tả")


# --- documents --------------------------------------------------------------------------

def test_documents_keep_groups_counts_and_the_unnamed_group():
    head = crawl.DOCUMENTS_HEAD
    text = (f"* Giấy tờ phải nộp:{head}- Tờ khai theo mẫu (nộp 01 bản chính kèm theo).1 bản chính"
            f"- Bản sao giấy tờ0 bản chính,1 bản sao* Lưu ý :{head}+ Không yêu cầu nộp thêm.0 bản chính"
            f"--{head}- Mẫu hộ tịch điện tử1 bản chính1 bản chính")
    cut = crawl.documents(text)
    assert cut.rows == [
        {"name": "Tờ khai theo mẫu (nộp 01 bản chính kèm theo).", "originals": 1, "copies": 0,
         "group": "Giấy tờ phải nộp"},
        {"name": "Bản sao giấy tờ", "originals": 0, "copies": 1, "group": "Giấy tờ phải nộp"},
        {"name": "Không yêu cầu nộp thêm.", "originals": 0, "copies": 0, "group": "Lưu ý"},
        {"name": "Mẫu hộ tịch điện tử", "originals": 1, "copies": 0, "group": None},
    ]
    assert cut.whole


def test_a_dossier_field_holding_other_text_gives_no_documents():
    cut = crawl.documents("Bước 2. Cơ quan BHXH tiếp nhận hồ sơ và giải quyết theo quy định.")
    assert cut.rows == [] and not cut.whole


# --- legal basis ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "rows"), [
    ("Luật Hộ tịch60/2014/QH13Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ123/2015/NĐ-CP",
     [("60/2014/QH13", "Luật Hộ tịch"),
      ("123/2015/NĐ-CP", "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ")]),
    ("Luật 49/2019/QH1449/2019/QH14Thông tư03/2025/TT-VPCPquy định mức thu2338/QĐ-BTP",
     [("49/2019/QH14", "Luật 49/2019/QH14"), ("03/2025/TT-VPCP", "Thông tư"), ("2338/QĐ-BTP", "quy định mức thu")]),
    ("Của Bộ Tư phápThông tư số 03/2023/TT-BTPThông tư sửa đổi106/2021/TT-BTC",
     [("Thông tư số 03/2023/TT-BTP", "Của Bộ Tư pháp"), ("106/2021/TT-BTC", "Thông tư sửa đổi")]),
    ("Nghị quyết66.7/2025/NQ-CPThông tư 01/2020/TT-BTP01/2020/TT-BTP",
     [("66.7/2025/NQ-CP", "Nghị quyết"), ("01/2020/TT-BTP", "Thông tư 01/2020/TT-BTP")]),
])
def test_legal_basis_rows(text, rows):
    cut = crawl.legal_basis(crawl.LEGAL_HEAD + text)
    assert [(r["number"], r["title"]) for r in cut.rows] == rows
    assert cut.whole


def test_results_are_the_names_before_their_codes():
    text = "Biển số xeMã: KQ.G01.000015Giấy chứng nhận đăng ký xeMã: KQ.G01.000014Từ khóaKhông có thông tin"
    assert crawl.results(text) == ["Biển số xe", "Giấy chứng nhận đăng ký xe"]


# --- which pages are commune procedures ---------------------------------------------------

def test_customs_page_listing_every_level_is_published_as_another_bodys_procedure():
    result = crawl.procedure_from_crawl(record(cap_thuc_hien="Cấp bộ, Cấp tỉnh, Cấp xã",
                                               co_quan_thuc_hien="Chi cục Hải quan khu vực"), "f.json", DAY)
    assert result.facts["level"] == "other"
    assert result.facts["agency"] == "Chi cục Hải quan khu vực"


def test_page_naming_no_body_is_another_bodys_procedure_unless_listed():
    unnamed = record(cap_thuc_hien="Cấp xã", co_quan_thuc_hien="Không có thông tin")
    assert crawl.procedure_from_crawl(unnamed, "f.json", DAY).facts["level"] == "other"
    assert crawl.procedure_from_crawl(unnamed, "f.json", DAY, frozenset({"1.000001"})).facts["level"] == "commune"


def test_page_without_the_commune_level_is_skipped():
    result = crawl.procedure_from_crawl(record(cap_thuc_hien="Cấp tỉnh", co_quan_thuc_hien="Sở Tư pháp"),
                                        "f.json", DAY)
    assert isinstance(result, Skipped) and result.reason.startswith("không thực hiện ở cấp xã")


def test_communes_offering_another_bodys_procedure_online_make_it_theirs():
    page = crawl.procedure_from_crawl(record(co_quan_thuc_hien="Cục Thuế"), "f.json", DAY)
    rows = Imported(page.code, {"code": page.code, "local": [{"commune": "03127", "online_service": "https://x.vn/"}]},
                    {"title": "t", "checked": DAY}, "rows", rank=4)
    assert merge([page]).facts["level"] == "other"
    assert merge([page, rows]).facts["level"] == "commune"


def test_commune_police_and_listed_codes_are_commune_procedures():
    police = crawl.procedure_from_crawl(record(co_quan_thuc_hien="Công an cấp Xã"), "f.json", DAY)
    listed = crawl.procedure_from_crawl(record(cap_thuc_hien="Cấp tỉnh", co_quan_thuc_hien="Sở Tư pháp"),
                                        "f.json", DAY, frozenset({"1.000001"}))
    assert police.facts["agency"] == "Công an cấp Xã"
    assert listed.facts["level"] == "commune"


# --- every real record: cut, never changed ------------------------------------------------

def test_the_crawl_is_in_the_repository():
    assert len(RECORDS) == 590


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.stem)
def test_cutting_a_real_record_loses_and_changes_nothing(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = crawl.documents(data["thanh_phan_ho_so"])
    if docs.whole:
        source = crawl._COUNT.sub("", nfc(data["thanh_phan_ho_so"]).replace(crawl.DOCUMENTS_HEAD, ""))
        groups = [d["group"] for d in docs.rows]
        kept = "".join((g or "") * (i == 0 or g != groups[i - 1]) + d["name"]
                       for i, (d, g) in enumerate(zip(docs.rows, groups)))
        assert squeeze(re.sub(r"[-+*:•]", "", kept)) == squeeze(re.sub(r"[-+*:•]", "", source))
    laws = crawl.legal_basis(data["can_cu_phap_ly"])
    if laws.whole and laws.rows:
        kept = "".join((r["title"] or "") + r["number"] for r in laws.rows)
        assert squeeze(kept) == squeeze(crawl.table_text(data["can_cu_phap_ly"], crawl.LEGAL_HEAD)
                                        .split(crawl._PAGE_AFTER_LEGAL)[0])
    table = squeeze(crawl.table_text(data["cach_thuc_thuc_hien"], crawl.CHANNELS_HEAD))
    for row in crawl.channels(data["cach_thuc_thuc_hien"]).rows:
        for piece in (row["time_limit"], row["note"]):
            assert piece is None or squeeze(piece) in table
