"""The posters as printed: every code decodes to its page, text is all there, runs repeat."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageFilter

from generator import urls
from generator.catalogue.model import Document, Office, Withdrawal
from generator.posters import PosterError, poster_files, printed_urls, write_posters
from generator.posters.draw import Sheet, draw_board, draw_card, draw_entrance
from generator.posters.facts import NOT_PUBLISHED
from generator.posters.files import poster_set
from generator.posters.ink import TRIAL
from generator.posters.layout import BOARD_A3, BOARD_A4, CARD_A5, ENTRANCE_A3, QUIET
from generator.posters.plan import Code
from generator.posters.qr import qr_text
from generator.posters.reading import decode
from generator.posters.write import check_base_url
from tests.conftest import poppler

BASE = "https://niemyet.dienbien.gov.vn"
COMMUNES = ["03127", "03328", "03158"]


def code_for(commune: str, proc: str) -> str:
    return qr_text(urls.absolute(BASE, urls.procedure_path(commune, proc)))


def as_phone_sees(image: Image.Image) -> Image.Image:
    """The page at 100 DPI, slightly blurred: a phone photo of a print, roughly."""
    small = image.convert("L").resize((image.width // 3, image.height // 3), Image.Resampling.BOX)
    return small.filter(ImageFilter.GaussianBlur(1))


def all_sheets(cat, code: str) -> list[tuple[str, Sheet]]:
    commune = cat.commune(code)
    procs = cat.procedures_for(code)
    sheets = [("board A3", s) for s in draw_board(commune, procs, BASE, BOARD_A3)]
    sheets += [("board A4", s) for s in draw_board(commune, procs, BASE, BOARD_A4)]
    sheets += [("entrance", draw_entrance(commune, BASE, ENTRANCE_A3))]
    for proc in procs:
        sheets += [(f"card {proc.code}", s) for s in draw_card(commune, proc, BASE, CARD_A5)]
    return sheets


@pytest.mark.parametrize("code", COMMUNES)
def test_every_code_decodes_to_its_url_also_blurred_at_100_dpi(catalogue, code):
    sheets = all_sheets(catalogue, code)
    assert sum(d.kind == "code" for _, sheet in sheets for d in sheet.drawn) >= 8
    for name, sheet in sheets:
        drawn = sorted(d.text for d in sheet.drawn if d.kind == "code")
        assert decode(sheet.image) == drawn, name
        assert decode(as_phone_sees(sheet.image)) == drawn, name


@pytest.mark.parametrize("code", COMMUNES)
def test_every_code_keeps_four_white_modules_around_it(catalogue, code):
    for name, sheet in all_sheets(catalogue, code):
        grey = sheet.image.convert("L")
        for d in (d for d in sheet.drawn if d.kind == "code"):
            quiet = QUIET * d.module
            x0, y0, x1, y1 = d.box
            for strip in [(x0 - quiet, y0 - quiet, x1 + quiet, y0), (x0 - quiet, y1, x1 + quiet, y1 + quiet),
                          (x0 - quiet, y0, x0, y1), (x1, y0, x1 + quiet, y1)]:
                assert grey.crop(strip).getextrema() == (255, 255), (name, d.text, strip)


@pytest.mark.parametrize("layout", [BOARD_A3, BOARD_A4])
@pytest.mark.parametrize("code", COMMUNES)
def test_board_codes_point_at_each_procedure_of_the_commune(catalogue, code, layout):
    sheets = draw_board(catalogue.commune(code), catalogue.procedures_for(code), BASE, layout)
    printed = sorted(d.text for s in sheets for d in s.drawn if d.kind == "code")
    assert printed == sorted(code_for(code, p.code) for p in catalogue.procedures_for(code))


def test_a_code_opens_the_page_it_was_made_for():
    printed = code_for("03127", "1.001193")
    parts, meant = urlsplit(printed), urlsplit(urls.absolute(BASE, "/03127/1.001193/"))
    # scheme and host are case-insensitive: a phone opens the same page
    assert (parts.scheme.lower(), parts.netloc.lower(), parts.path) == (meant.scheme, meant.netloc, meant.path)


def test_card_has_procedure_code_and_commune_online_service(catalogue):
    proc = catalogue.procedure("1.001193")
    for code in ("03127", "03328"):
        sheets = draw_card(catalogue.commune(code), proc, BASE, CARD_A5)
        printed = [d.text for s in sheets for d in s.drawn if d.kind == "code"]
        assert printed == [code_for(code, proc.code), qr_text(proc.online_link(code))]
    assert proc.online_link("03127") != proc.online_link("03328")  # the local link is used


def test_card_says_not_published_for_a_missing_agency(catalogue):
    proc = replace(catalogue.procedure("1.000894"), agency=None)
    text = board_text(draw_card(catalogue.commune("03127"), proc, BASE, CARD_A5))
    assert f"Cơ quan giải quyết: {NOT_PUBLISHED}" in text


def test_card_without_online_service_has_one_code(catalogue):
    sheets = draw_card(catalogue.commune("03127"), catalogue.procedure("1.000894"), BASE, CARD_A5)
    assert len([d for s in sheets for d in s.drawn if d.kind == "code"]) == 1


def test_long_online_link_is_printed_smaller_within_the_page_or_refused(catalogue):
    commune = catalogue.commune("03328")
    long_link = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?" + "a=1&" * 40
    proc = replace(catalogue.procedure("1.000894"), online_service=long_link)
    sheets = draw_card(commune, proc, BASE, CARD_A5)
    code = [d for s in sheets for d in s.drawn if d.kind == "code"][-1]
    assert code.text == qr_text(long_link) and CARD_A5.online_module_min <= code.module < CARD_A5.online_module
    for sheet in sheets:
        inside_margins(sheet, CARD_A5.frame)
    assert qr_text(long_link) in [text for s in sheets for text in decode(s.image)]
    with pytest.raises(PosterError, match="quá lớn"):
        draw_card(commune, replace(proc, online_service=long_link + "b=2&" * 200), BASE, CARD_A5)


def test_entrance_points_at_catalogue_and_search(catalogue):
    sheet = draw_entrance(catalogue.commune("03328"), BASE, ENTRANCE_A3)
    assert [d.text for d in sheet.drawn if d.kind == "code"] == [
        qr_text(urls.absolute(BASE, urls.commune_path("03328"))),
        qr_text(urls.absolute(BASE, urls.search_path("03328"))),
    ]
    links = [d.text for d in sheet.drawn if d.kind == "link"]
    assert links == ["niemyet.dienbien.gov.vn/03328/", "niemyet.dienbien.gov.vn/tim-kiem/?xa=03328"]


@pytest.mark.parametrize("layout", [BOARD_A3, BOARD_A4])
def test_board_prints_the_path_under_each_code_and_the_host_on_each_sheet(catalogue, layout):
    sheets = draw_board(catalogue.commune("03127"), catalogue.procedures_for("03127"), BASE, layout)
    for sheet in sheets:
        codes = [d for d in sheet.drawn if d.kind == "code"]
        links = [d for d in sheet.drawn if d.kind == "link"]
        assert links[0].text == "niemyet.dienbien.gov.vn"  # in the head: typed before every path
        assert len(codes) == len(links) - 1
        for code, link in zip(codes, links[1:]):
            assert link.text == urlsplit(code.text).path
            assert link.box[1] > code.box[3]  # under it; its ink clears the quiet zone (test above)
            assert link.box[0] < (code.box[0] + code.box[2]) // 2 < link.box[2]


def board_text(sheets: list[Sheet], feet: tuple[str, ...] = ()) -> str:
    """All words drawn on `sheets` in drawing order, single-spaced, without running heads
    and feet (which fall between the parts of an entry continued on the next page)."""
    running = re.compile(r"\(tiếp theo\)|^Tờ \d|^Mặt (trước|sau) ·|^Thẻ thủ tục mã")
    lines = [d.text for s in sheets for d in s.drawn
             if d.kind == "text" and not running.search(d.text) and d.text not in feet]
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("code", COMMUNES)
def test_board_names_every_procedure_with_its_facts(catalogue, code):
    procs = catalogue.procedures_for(code)
    text = board_text(draw_board(catalogue.commune(code), procs, BASE, BOARD_A4))
    for field in {p.field for p in procs}:
        group = sorted((p for p in procs if p.field == field), key=lambda p: p.code)
        for number, proc in enumerate(group, 1):
            assert f"{number}. {proc.name}" in text
    assert "Thời hạn: 5 ngày làm việc Phí, lệ phí: chưa được công bố" in text  # 1.000656
    assert f"Thời hạn, phí: {NOT_PUBLISHED}" in text  # 1.000894 publishes neither


def test_board_groups_by_field_in_the_communes_order(catalogue):
    procs = catalogue.procedures_for("03127")
    text = board_text(draw_board(catalogue.commune("03127"), procs, BASE, BOARD_A3))
    assert text.index("CHỨNG THỰC (1 thủ tục)") < text.index("HỘ TỊCH (3 thủ tục)") \
        < text.index("NGHĨA VỤ QUÂN SỰ (1 thủ tục)")
    ordered = board_text(draw_board(catalogue.commune("03127"), procs, BASE, BOARD_A3, ("Hộ tịch",)))
    assert ordered.index("HỘ TỊCH (3 thủ tục)") < ordered.index("CHỨNG THỰC (1 thủ tục)") \
        < ordered.index("NGHĨA VỤ QUÂN SỰ (1 thủ tục)")


def test_board_header_shows_office_or_not_published(catalogue):
    with_office = board_text(draw_board(catalogue.commune("03127"), (), BASE, BOARD_A4))
    assert "Điện thoại: 0215 000 0000" in with_office
    without = board_text(draw_board(catalogue.commune("03328"), (), BASE, BOARD_A4))
    for label in ("Địa chỉ", "Giờ làm việc", "Điện thoại"):
        assert f"{label}: {NOT_PUBLISHED}" in without
    assert "Chưa có thủ tục nào được công bố cho đơn vị này." in without


def test_card_lists_documents_time_fee_and_office(catalogue):
    text = board_text(draw_card(catalogue.commune("03127"), catalogue.procedure("1.001193"), BASE, CARD_A5))
    for expected in ("Thủ tục đăng ký khai sinh", "THỜI HẠN GIẢI QUYẾT Ngay trong ngày làm việc",
                     "PHÍ, LỆ PHÍ Trực tiếp: Miễn lệ phí (dữ liệu kiểm thử)",
                     "Tờ khai đăng ký khai sinh (1 bản chính)", "Giấy chứng sinh (1 bản chính)",
                     "Số 1 đường thử nghiệm (dữ liệu kiểm thử)",
                     "Trung tâm Phục vụ hành chính công Phường Điện Biên Phủ", "DỮ LIỆU MẪU",
                     "NỘP HỒ SƠ TRỰC TUYẾN"):
        assert expected in text
    assert "Còn" not in text  # both papers are listed


def test_card_is_one_sheet_and_counts_the_papers_it_has_no_room_for(catalogue):
    base = catalogue.procedure("1.001193")
    papers = tuple(Document(f"Giấy tờ số {i}: bản sao giấy tờ tùy thân và giấy tờ chứng minh nơi cư trú "
                            "của người đi đăng ký", originals=1) for i in range(1, 41))
    proc = replace(base, documents=papers)
    sheets = draw_card(catalogue.commune("03127"), proc, BASE, CARD_A5)
    assert len(sheets) == 2
    text = board_text(sheets)
    listed = re.findall(r"Giấy tờ số (\d+):", text)
    assert listed == [str(n) for n in range(1, len(listed) + 1)] and 10 < len(listed) < 40
    assert f"Còn {40 - len(listed)} giấy tờ khác: quét mã ở mặt trước để xem đủ danh sách." in text
    boxes = [d for s in sheets for d in s.drawn if d.kind == "bar" and d.box[2] - d.box[0] == CARD_A5.box]
    assert len(boxes) == 2 * len(listed)  # a box to tick (top and bottom edge) for each paper


def inside_margins(sheet: Sheet, frame) -> None:
    for d in sheet.drawn:
        x0, y0, x1, y1 = d.box
        assert frame.left <= x0 and x1 <= frame.right, (d.kind, d.text, d.box)
        assert frame.top <= y0 and y1 <= frame.bottom, (d.kind, d.text, d.box)
    image = sheet.image.convert("L")
    strips = [(0, 0, image.width, frame.top), (0, frame.bottom, image.width, image.height),
              (0, 0, frame.left, image.height), (frame.right, 0, image.width, image.height)]
    for strip in strips:
        assert image.crop(strip).getextrema() == (255, 255), strip  # no ink in the margins


@pytest.mark.parametrize("code", COMMUNES)
def test_nothing_outside_the_margins(catalogue, code):
    commune, procs = catalogue.commune(code), catalogue.procedures_for(code)
    for layout in (BOARD_A3, BOARD_A4):
        for sheet in draw_board(commune, procs, BASE, layout):
            inside_margins(sheet, layout.frame)
    for proc in procs:
        for sheet in draw_card(commune, proc, BASE, CARD_A5):
            inside_margins(sheet, CARD_A5.frame)
    inside_margins(draw_entrance(commune, BASE, ENTRANCE_A3), ENTRANCE_A3.frame)


def test_long_name_and_fee_are_cut_with_an_ellipsis_within_the_margins(catalogue):
    long_name = "Thủ tục " + " ".join(["giải quyết chế độ trợ cấp một lần đối với người có công"] * 12)
    long_fee = " ".join(["Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định."] * 60)
    base = catalogue.procedure("1.013133")
    proc = replace(base, name=long_name, channels=(replace(base.channels[0], fee=long_fee),))
    commune = replace(catalogue.commune("03127"), office=Office(address="x" * 300))
    for layout in (BOARD_A3, BOARD_A4):
        sheets = draw_board(commune, (proc,), BASE, layout)
        assert len(sheets) == 1
        inside_margins(sheets[0], layout.frame)
        text = board_text(sheets)
        assert f"1. {long_name[:100]}" in text and long_fee[:40] in text
        assert long_name not in text and long_fee not in text
        assert re.search(r"\S … Dữ liệu mẫu", text) and re.search(r"Phí, lệ phí: Mức lệ phí [^…]*\S …", text)
    cards = draw_card(commune, proc, BASE, CARD_A5)
    assert len(cards) == 2
    for sheet in cards:
        inside_margins(sheet, CARD_A5.frame)
    text = board_text(cards, feet=(commune.name,))
    assert long_name[:60] in text and long_fee[:40] in text and "…" in text
    assert sum(d.kind == "code" for s in cards for d in s.drawn) == 1


def test_card_sets_a_long_name_smaller_to_keep_the_code_on_the_front(catalogue):
    name = "Thủ tục " + " ".join(["giải quyết chế độ trợ cấp một lần đối với người có công"] * 3)
    proc = replace(catalogue.procedure("1.013133"), name=name)
    front = draw_card(catalogue.commune("03127"), proc, BASE, CARD_A5)[0]
    assert name in board_text([front])
    assert sum(d.kind == "code" for d in front.drawn) == 1


def test_withdrawn_procedures_are_not_posted(catalogue):
    procs = list(catalogue.procedures_for("03127"))
    procs[0] = replace(procs[0], withdrawn=Withdrawal(date(2026, 1, 1), "bãi bỏ"))
    sheets = draw_board(catalogue.commune("03127"), procs, BASE, BOARD_A4)
    assert procs[0].name not in board_text(sheets)
    assert procs[0].code not in {f.procedure for f in poster_files(catalogue.commune("03127"), procs)}


def test_a_trial_print_says_so_on_every_page(catalogue):
    trial = "http://127.0.0.1:8000"
    commune, procs = catalogue.commune("03127"), catalogue.procedures_for("03127")
    sheets = [*draw_board(commune, procs, trial, BOARD_A3), *draw_board(commune, procs, trial, BOARD_A4),
              draw_entrance(commune, trial, ENTRANCE_A3)]
    for proc in procs:
        sheets += draw_card(commune, proc, trial, CARD_A5)
    for sheet in sheets:
        mark = [d for d in sheet.drawn if d.text == TRIAL]
        assert len(mark) == 1
        band = [d for d in sheet.drawn if d.kind == "bar" and d.box[1] <= mark[0].box[1]
                and d.box[3] >= mark[0].box[3] and d.box[0] <= mark[0].box[0]]
        assert band, "the mark is white on a black band"
    real = draw_board(commune, procs, BASE, BOARD_A3)
    assert not any(d.text == TRIAL for s in real for d in s.drawn)

    def lines(sheet: Sheet) -> list:
        return [(d.text, d.box) for d in sheet.drawn if d.kind == "text"][:-2]  # all but the foot

    assert [lines(s) for s in real] == [lines(s) for s in sheets[:len(real)]]  # laid out alike


@pytest.mark.parametrize("base", ["http://localhost:8000", "http://127.0.0.1:8000", "https://127.5.0.1/x"])
def test_local_base_url_is_refused_unless_allowed(catalogue, tmp_path, base):
    with pytest.raises(PosterError, match="localhost/127.x"):
        write_posters(catalogue, tmp_path, base)
    assert not any(tmp_path.iterdir())  # refused before anything is written
    check_base_url(base, catalogue, allow_local=True)


@pytest.mark.parametrize("base, message", [
    ("niemyet.vn", "không phải URL http"),
    ("ftp://niemyet.vn", "không phải URL http"),
    ("https://niemyet.vn/?a=1", "không được có"),
    ("https://" + "a" * 40 + ".example.vn", "quá dài"),
])
def test_bad_base_url_is_refused_with_reason(catalogue, base, message):
    with pytest.raises(PosterError, match=message):
        check_base_url(base, catalogue)


@pytest.fixture(scope="module")
def site(catalogue, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_posters(catalogue, out, BASE, workers=1)
    return out


def test_written_files_are_those_poster_files_lists(catalogue, site):
    for commune in catalogue.communes:
        listed = {f.filename for f in poster_files(commune, catalogue.procedures_for(commune.code))}
        written = {p.name for p in (site / commune.code / "in").iterdir()}
        assert written == listed


def test_printed_urls_are_exactly_what_the_planned_codes_point_at(catalogue):
    planned = {urls.absolute(BASE, item.path)
               for commune in catalogue.communes
               for printable in poster_set(commune, catalogue.procedures_for(commune.code))
               for page in printable.pages for item in page.items
               if isinstance(item, Code) and item.path}
    assert printed_urls(catalogue, BASE) == sorted(planned)
    assert urls.absolute(BASE, urls.search_path("03328")) in planned


def test_poster_files_are_a_pdf_and_a_preview_each_and_every_card_by_its_page(catalogue):
    procs = catalogue.procedures_for("03127")
    files = poster_files(catalogue.commune("03127"), procs)
    assert [f.filename for f in files if not f.page] == [
        "bang-niem-yet-a3.pdf", "bang-niem-yet-a3.png", "bang-niem-yet-a4.pdf", "bang-niem-yet-a4.png",
        "the-thu-tuc-a5.pdf", "the-thu-tuc-a5.png", "ap-phich-loi-vao-a3.pdf", "ap-phich-loi-vao-a3.png"]
    cards = next(f for f in files if f.filename == "the-thu-tuc-a5.pdf" and not f.page)
    assert (cards.format, cards.size, cards.kind, cards.pages) == ("pdf", "A5", "card", 2 * len(procs))
    each = [(f.procedure, f.page, f.pages) for f in files if f.page]
    assert each == [(p.code, 2 * n + 1, 2) for n, p in enumerate(procs)]
    assert all(f.title and f.format in ("pdf", "png") for f in files)


def test_pdfs_hold_every_page_as_text_and_previews_are_small(catalogue, site, tmp_path):
    folder = site / "03127" / "in"
    procs = catalogue.procedures_for("03127")
    for path in folder.glob("*.png"):
        with Image.open(path) as image:
            assert 600 <= image.width < 1000 and path.stat().st_size < 150_000, path.name
    info = poppler("pdfinfo", str(folder / "the-thu-tuc-a5.pdf"))
    assert re.search(rf"^Pages:\s+{2 * len(procs)}$", info, re.M)
    assert re.search(r"^Page size:\s+419.52 x 595.2 pts", info, re.M)  # A5
    text = " ".join(poppler("pdftotext", str(folder / "the-thu-tuc-a5.pdf"), "-").split())
    for proc in procs:
        assert proc.name in text and f"thẻ {proc.code}" in text
    board = poppler("pdftotext", str(folder / "bang-niem-yet-a3.pdf"), "-")
    assert "BẢNG NIÊM YẾT THỦ TỤC HÀNH CHÍNH · PHƯỜNG ĐIỆN BIÊN PHỦ" in board
    assert all(f"/03127/{p.code}/" in board for p in procs)


def test_same_catalogue_gives_identical_bytes(catalogue, site, tmp_path):
    cache = tmp_path / "cache"
    again = write_posters(catalogue, tmp_path / "a", BASE, workers=2, cache_dir=cache)
    cached = write_posters(catalogue, tmp_path / "b", BASE, workers=1, cache_dir=cache)
    assert len(again) == len(cached) == len(list(site.rglob("*.*")))
    for path in again:
        rel = path.relative_to(tmp_path / "a")
        assert path.read_bytes() == (site / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_cache_is_keyed_by_base_url(catalogue, tmp_path):
    cache = tmp_path / "cache"
    write_posters(catalogue, tmp_path / "a", BASE, workers=1, cache_dir=cache)
    write_posters(catalogue, tmp_path / "c", "https://tthc.example.vn", workers=1, cache_dir=cache)
    pdf = tmp_path / "c" / "03127" / "in" / "ap-phich-loi-vao-a3.pdf"
    poppler("pdftoppm", "-r", "100", "-gray", "-png", str(pdf), str(tmp_path / "page"))
    with Image.open(next(tmp_path.glob("page*.png"))) as image:
        assert decode(image) == ["HTTPS://TTHC.EXAMPLE.VN/03127/", "HTTPS://TTHC.EXAMPLE.VN/tim-kiem/?xa=03127"]


def test_unchanged_commune_is_linked_from_cache_and_a_change_is_redrawn(catalogue, tmp_path):
    cache = tmp_path / "cache"
    write_posters(catalogue, tmp_path / "a", BASE, workers=1, cache_dir=cache)
    again = write_posters(catalogue, tmp_path / "b", BASE, workers=1, cache_dir=cache)
    board = tmp_path / "b" / "03127" / "in" / "bang-niem-yet-a4.pdf"
    assert board.stat().st_nlink > 1 and board in again  # the same file as the cached one
    changed = replace(catalogue, procedures=tuple(
        replace(p, name=p.name + " (đã sửa)") if p.code == "1.000894" else p
        for p in catalogue.procedures))
    cached = write_posters(changed, tmp_path / "b", BASE, workers=1, cache_dir=cache)
    fresh = write_posters(changed, tmp_path / "fresh", BASE, workers=1)
    for path, expected in zip(cached, fresh):
        assert path.name == expected.name and path.read_bytes() == expected.read_bytes(), path
    before = (tmp_path / "a" / "03127" / "in" / "bang-niem-yet-a4.pdf").read_bytes()
    assert board.read_bytes() != before
    assert (cache / "communes" / "03127" / "bang-niem-yet-a4.pdf").read_bytes() == board.read_bytes()
    assert "(đã sửa)" in board_text(draw_board(changed.commune("03127"),
                                               changed.procedures_for("03127"), BASE, BOARD_A4))


def test_a_new_field_order_redraws_the_boards(catalogue, tmp_path):
    cache = tmp_path / "cache"
    write_posters(catalogue, tmp_path / "a", BASE, workers=1, cache_dir=cache)
    ordered = replace(catalogue, field_order=replace(catalogue.field_order, fields=("Hộ tịch",)))
    write_posters(ordered, tmp_path / "b", BASE, workers=1, cache_dir=cache)
    first = poppler("pdftotext", str(tmp_path / "b" / "03127" / "in" / "bang-niem-yet-a3.pdf"), "-")
    assert first.index("HỘ TỊCH") < first.index("CHỨNG THỰC")


def test_listed_files_are_remembered_and_replanned_after_a_change(catalogue, tmp_path, monkeypatch):
    from generator.posters import write

    commune = catalogue.commune("03127")
    procs = catalogue.procedures_for("03127")
    first = write.listed_files(commune, procs, tmp_path)
    assert first == poster_files(commune, procs)
    monkeypatch.setattr(write, "poster_files", lambda *_: pytest.fail("planned again though unchanged"))
    assert write.listed_files(commune, procs, tmp_path) == first
    monkeypatch.undo()
    fewer = tuple(p for p in procs if p.code != "1.000894")
    assert write.listed_files(commune, fewer, tmp_path) == poster_files(commune, fewer) != first
    (tmp_path / "lists" / "03127.json").write_text("{not json", encoding="utf-8")
    assert write.listed_files(commune, procs, tmp_path) == first  # a damaged entry is replanned


def test_every_page_of_every_trial_pdf_carries_the_mark(catalogue, tmp_path):
    write_posters(catalogue, tmp_path, "http://127.0.0.1:8000", allow_local=True, workers=1)
    pdfs = sorted(tmp_path.glob("*/in/*.pdf"))
    assert len(pdfs) == 4 * len(catalogue.communes)
    for pdf in pdfs:
        pages = poppler("pdftotext", str(pdf), "-").split("\f")[:-1]
        assert pages and all(TRIAL in " ".join(page.split()) for page in pages), pdf.name
