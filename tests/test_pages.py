"""Page Markdown: the right sections, the commune's own facts, honest gaps, safe text."""

from __future__ import annotations

import dataclasses

import markdown

from generator.site import procedure
from generator.site.markup import NOT_PUBLISHED, block, inline
from generator.catalogue.model import Case, Channel, Document, LocalService


def headings(text: str) -> list[str]:
    md = markdown.Markdown(extensions=["toc", "tables", "attr_list"])  # as mkdocs.yml
    md.convert(text.split("---\n", 2)[2])
    flat, stack = [], list(md.toc_tokens)
    while stack:
        token = stack.pop(0)
        flat.append(token["name"])
        stack[:0] = token["children"]
    return flat


def test_procedure_page_in_commune_context(catalogue):
    commune = catalogue.commune("03127")
    text = procedure.procedure_page(catalogue, catalogue.procedure("1.001193"), commune)
    assert headings(text) == [
        "Thủ tục đăng ký khai sinh", "Giấy tờ cần mang", "Chi tiết thủ tục", "Cách thức thực hiện",
        "Trình tự thực hiện", "Đối tượng thực hiện", "Cơ quan", "Kết quả thực hiện", "Căn cứ pháp lý",
        "Nguồn"]  # the fixture gives no conditions: that section is left out
    assert "Số 1 đường thử nghiệm (dữ liệu kiểm thử)" in text
    assert "Thứ Hai - Thứ Sáu, 7:00 - 11:30, 13:30 - 17:00" in text
    assert "https://dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc" in text  # its own online link
    assert "Dữ liệu mẫu" in text


def test_unknown_facts_are_left_out_and_named_once_and_nothing_is_invented(catalogue):
    commune = catalogue.commune("03158")  # no office facts in the fixture
    proc = catalogue.procedure("1.000894")
    text = procedure.procedure_page(catalogue, proc, commune)
    assert "**Thời hạn giải quyết:** *Chưa được công bố*" in text
    assert "**Phí, lệ phí:** *Chưa được công bố*" in text
    assert "*Địa chỉ, giờ làm việc, điện thoại: chưa được công bố.*" in text  # one line, not three
    assert "## Giấy tờ cần mang\n\n*Chưa được công bố.*" in text
    assert f"*{NOT_PUBLISHED}: trình tự thực hiện, đối tượng thực hiện, kết quả thực hiện" in text
    assert text.count(NOT_PUBLISHED) == 4  # time limit, fee, papers; one line for the rest of the text
    assert "Cách thức thực hiện" not in headings(text)
    assert "đồng" not in text.lower()  # no fee appears that the file does not give


def test_documents_keep_their_groups_once_each_and_the_unnamed_group_comes_first(catalogue):
    docs = (Document("Bản sao giấy tờ", group="Giấy tờ phải nộp"), Document("Tờ khai theo mẫu", 1, 0),
            Document("Không yêu cầu nộp thêm", group="Lưu ý"), Document("Giấy ủy quyền", group="Giấy tờ phải nộp"))
    proc = dataclasses.replace(catalogue.procedure("1.001193"), documents=docs)
    text = procedure.procedure_page(catalogue, proc, catalogue.commune("03127"))
    order = [text.index(x) for x in ("Tờ khai theo mẫu", "**Giấy tờ phải nộp**", "Bản sao giấy tờ",
                                     "Giấy ủy quyền", "## Lưu ý về hồ sơ", "Không yêu cầu nộp thêm")]
    assert order == sorted(order) and text.count("**Giấy tờ phải nộp**") == 1


def test_per_case_limits_show_each_case_name_and_channel_notes_show(catalogue):
    proc = dataclasses.replace(
        catalogue.procedure("1.001193"),
        channels=(Channel("in_person", None, "2.000 đồng/trang", "Tối đa thu không quá 200.000 đồng/bản."),),
        cases=(Case("5 ngày làm việc", "Khai sinh", "1.001193.01"), Case("1 ngày", "Khai sinh lưu động", None)))
    text = procedure.procedure_page(catalogue, proc, catalogue.commune("03127"))
    assert f"| Trực tiếp | {procedure.PER_CASE} | 2.000 đồng/trang |" in text
    assert "| Khai sinh (1.001193.01) | 5 ngày làm việc |" in text and "| Khai sinh lưu động | 1 ngày |" in text
    assert "- **Trực tiếp:** Tối đa thu không quá 200.000 đồng/bản." in text
    assert ("**Thời hạn giải quyết:** theo từng trường hợp: 5 ngày làm việc, 1 ngày "
            "([xem bảng](#cach-thuc-thuc-hien))") in text


def test_a_military_command_procedure_is_not_received_at_the_service_centre(catalogue):
    local = (LocalService("03127", "https://dichvucong.mod.gov.vn/x", "full", "G11.09.002.001",
                          "Ban CHQS Phường Điện Biên Phủ"),)
    proc = dataclasses.replace(catalogue.procedure("1.013133"), local=local)
    commune = catalogue.commune("03127")
    text = procedure.procedure_page(catalogue, proc, commune)
    assert "- **Nộp tại:** Ban CHQS Phường Điện Biên Phủ" in text
    assert commune.service_centre not in text
    assert "(dịch vụ công trực tuyến toàn trình)" in text


def test_fee_and_time_limit_are_shown_as_published(catalogue):
    text = procedure.procedure_page(catalogue, catalogue.procedure("1.013133"), catalogue.commune("03127"))
    assert "- **Thời hạn giải quyết:** 1 ngày làm việc\n- **Phí, lệ phí:** Phí : 0 Đồng\n" in text


def test_each_way_of_applying_keeps_its_own_time_limit_and_fee(catalogue):
    proc = catalogue.procedure("1.001193")
    assert {ch.fee for ch in proc.channels} == {"Miễn lệ phí (dữ liệu kiểm thử)", None}
    text = procedure.procedure_page(catalogue, proc, catalogue.commune("03127"))
    assert "**Phí, lệ phí:** Trực tiếp: Miễn lệ phí (dữ liệu kiểm thử); Trực tuyến: *Chưa được công bố*" in text


def test_the_essentials_come_before_the_full_text_and_notes_after_the_papers(catalogue):
    doc = dataclasses.replace(catalogue.procedure("1.001193").documents[0], name="Ghi chú về hồ sơ", group="Lưu ý")
    proc = dataclasses.replace(catalogue.procedure("1.001193"),
                               documents=catalogue.procedure("1.001193").documents + (doc,))
    text = procedure.procedure_page(catalogue, proc, catalogue.commune("03127"))
    order = ["Thời hạn giải quyết", "Phí, lệ phí", "Nộp trực tuyến: mở dịch vụ công", "Nộp trực tiếp tại",
             "## Giấy tờ cần mang", "Giấy chứng sinh", "## Chi tiết thủ tục", "## Lưu ý về hồ sơ",
             "Ghi chú về hồ sơ", "## Trình tự thực hiện"]
    assert [text.index(x) for x in order] == sorted(text.index(x) for x in order)


def test_national_page_lists_the_communes_that_deliver_it(catalogue):
    text = procedure.procedure_page(catalogue, catalogue.procedure("1.013133"), None)
    assert "2 xã, phường" in text
    assert "../../03127/1.013133/" in text and "03158" not in text


def test_another_bodys_procedure_names_that_body_and_no_commune(catalogue):
    customs = dataclasses.replace(catalogue.procedure("1.000001"), level="other", agency="Chi cục Hải quan khu vực")
    text = procedure.procedure_page(catalogue, customs, None)
    assert "**Cơ quan thực hiện:** Chi cục Hải quan khu vực" in text
    assert "nguồn nêu cơ quan thực hiện là Chi cục Hải quan khu vực" in text
    assert "không có trong danh mục niêm yết của xã, phường nào" in text
    assert "Trung tâm Phục vụ hành chính công của xã, phường nơi bạn ở" not in text
    unnamed = procedure.procedure_page(catalogue, dataclasses.replace(customs, agency=None), None)
    assert "nguồn không nêu cơ quan thực hiện" in unnamed
    assert "hãy hỏi cơ quan đó nơi nộp hồ sơ" in text
    assert "hãy hỏi Trung tâm Phục vụ hành chính công của xã, phường nơi nộp hồ sơ" in unnamed
    assert "**Nơi thực hiện:** không có trong danh mục của xã, phường" in unnamed
    assert f"**Cơ quan thực hiện:** *{NOT_PUBLISHED}*" not in unnamed  # said once, in the gaps line


def test_another_bodys_procedure_is_on_no_communes_list_but_on_its_fields(catalogue):
    from generator.site import listings

    customs = dataclasses.replace(catalogue.procedure("1.000001"), level="other")
    cat = dataclasses.replace(catalogue, procedures=tuple(customs if p.code == "1.000001" else p
                                                          for p in catalogue.procedures))
    assert all(customs.code not in {p.code for p in cat.procedures_for(c.code)} for c in cat.communes)
    page = listings.field_page(cat, customs.field, cat.fields()[customs.field])
    assert "1.000001</small> — *do cơ quan khác thực hiện, không niêm yết tại xã*" in page


def test_withdrawn_and_replaced_procedures_say_so(catalogue):
    old = dataclasses.replace(catalogue.procedure("1.000894"), replaced_by="1.001193")
    text = procedure.procedure_page(catalogue, old, catalogue.commune("03127"))
    assert "đã được thay thế bởi [Thủ tục đăng ký khai sinh](<../1.001193/>)" in text


def test_catalogue_text_cannot_inject_markup():
    assert inline("<script>alert(1)</script> *x* [a](b)") == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &#42;x&#42; &#91;a&#93;(b)")
    assert block("# not a heading\n- not a list\n1. nor this") == (
        "&#35; not a heading  \n&#45; not a list  \n&#49;. nor this")


def test_relative_links_between_page_urls():
    assert procedure.rel("/03127/1.001193/", "/03127/") == "../"
    assert procedure.rel("/03127/", "/03127/") == "./"
    assert procedure.rel("/", "/linh-vuc/") == "linh-vuc/"
    assert procedure.rel("/03127/", "/03127/in/bang-a4.pdf") == "in/bang-a4.pdf"


def test_a_successor_not_delivered_in_the_commune_is_linked_province_wide(catalogue):
    old = dataclasses.replace(catalogue.procedure("1.000894"), replaced_by="1.000001")  # a province procedure
    text = procedure.procedure_page(catalogue, old, catalogue.commune("03127"))
    assert "](<../../tthc/1.000001/>)" in text


def test_a_long_fee_opens_in_place_word_for_word(catalogue):
    fee = ("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định. Miễn lệ phí cho người thuộc hộ nghèo; "
           "người khuyết tật. Phí cấp bản sao theo Thông tư số 281/2016/TT-BTC.")
    proc = catalogue.procedure("1.001193")
    proc = dataclasses.replace(proc, channels=(Channel("in_person", "1 ngày", fee), Channel("online", "1 ngày")))
    text = procedure.procedure_page(catalogue, proc, catalogue.commune("03127"))
    assert ("- <details><summary><strong>Phí, lệ phí:</strong> xem quy định</summary>"
            f"Trực tiếp: {inline(fee)}; Trực tuyến: <em>{NOT_PUBLISHED}</em></details>") in text
    short = dataclasses.replace(proc, channels=(Channel("in_person", "1 ngày", "Miễn phí"),))
    assert "- **Phí, lệ phí:** Miễn phí\n" in procedure.procedure_page(catalogue, short, catalogue.commune("03127"))
