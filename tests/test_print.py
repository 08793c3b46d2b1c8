"""A procedure page printed from a browser (Chromium's print to PDF, read back with poppler):
its essentials fit on the first two A4 pages, the full text follows, links print their
address, and nothing of the screen's chrome is printed. The procedure is made as long as
the bundled birth registration, which printed on 8 pages with the essentials spread over them."""

from __future__ import annotations

import dataclasses

import pytest

from generator.release import build
from generator.catalogue.model import Document
from generator.site.procedure import NOTES_GROUP
from tests.browser import chromium
from tests.conftest import ROOT, poppler

SENTENCE = ("Trường hợp người yêu cầu nộp bản chụp kèm theo bản chính giấy tờ thì người tiếp nhận có trách "
            "nhiệm kiểm tra, đối chiếu bản chụp với bản chính và ký xác nhận, không được yêu cầu nộp bản sao. ")
ONLINE = "https://dichvucongnganhtuphap.moj.gov.vn/danh-sach-thu-tuc"
# Long enough to open in place on screen (pages.FEE_INLINE): on paper it is printed whole.
FEE = ("Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định. Miễn lệ phí cho người thuộc hộ nghèo; "
       "người khuyết tật. Phí cấp bản sao theo Thông tư số 281/2016/TT-BTC.")


def long_procedure(proc):
    papers = tuple(Document(f"Giấy tờ số {i}: " + SENTENCE * 2, originals=1, group="Giấy tờ phải nộp")
                   for i in range(1, 12))
    notes = tuple(Document(f"Lưu ý số {i}: " + SENTENCE * 2, group=NOTES_GROUP) for i in range(1, 26))
    steps = tuple(f"Bước {i}: " + SENTENCE * 5 for i in range(1, 9))
    channels = tuple(dataclasses.replace(ch, fee=FEE) for ch in proc.channels)
    return dataclasses.replace(proc, documents=papers + notes, steps=steps, conditions=SENTENCE * 6,
                               channels=channels)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, catalogue):
    """The long procedure's page in Phường Điện Biên Phủ, printed on A4: text of each page."""
    work = tmp_path_factory.mktemp("print")
    procs = tuple(long_procedure(p) if p.code == "1.001193" else p for p in catalogue.procedures)
    build.build_site(dataclasses.replace(catalogue, procedures=procs), ROOT, work / "site",
                     "http://127.0.0.1/", workers=1)
    pdf = work / "page.pdf"
    with chromium() as browser:
        page = browser.new_page()
        page.goto((work / "site" / "03127" / "1.001193" / "index.html").resolve().as_uri())
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = int(next(line for line in poppler("pdfinfo", str(pdf)).splitlines()
                     if line.startswith("Pages:")).split()[1])
    return [poppler("pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-") for n in range(1, pages + 1)]


def page_of(printed: list[str], text: str) -> int:
    return next(n for n, page in enumerate(printed, 1) if text in page)


def test_the_essentials_fit_on_two_pages_and_the_full_text_follows(printed):
    assert page_of(printed, "Thời hạn giải quyết") == 1
    assert page_of(printed, "Thông tư số 281/2016/TT-BTC") == 1  # a long fee, closed on screen, printed
    assert page_of(printed, "Giấy tờ số 11") <= 2  # the last paper to bring
    details = page_of(printed, "Chi tiết thủ tục")
    assert details == page_of(printed, "Giấy tờ số 11") + 1  # on a sheet of its own
    assert page_of(printed, "Lưu ý số 25") >= details
    assert page_of(printed, "Bước 8") >= page_of(printed, "Lưu ý số 25")
    assert len(printed) > 2  # the full text is there, after


def test_a_printed_link_shows_its_address(printed):
    text = "".join(printed).replace("\n", "")
    assert "Nộp trực tuyến: mở dịch vụ công" in text
    assert ONLINE in text.replace(" ", "")


def test_the_screens_chrome_is_not_printed(printed):
    text = "".join(printed)
    assert "Mục lục" not in text and "Tìm thủ tục" not in text and "Chia sẻ" not in text
    assert "Niêm yết thủ tục hành chính tại các xã" not in text  # the footer
