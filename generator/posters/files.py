"""Which files a commune's posters are printed as: names, titles, sizes, planned pages.

`poster_files` is what the site calls to link a commune's posters: it plans the pages
(to know how many there are) but draws nothing. `poster_set` gives the writer the same
list with the planned pages attached, so the two can never disagree.

Packaging, chosen for a catalogue of 45 communes x ~120-400 procedures: per commune, the
board as a PDF and a PNG per page, in A4 and A3; the entrance poster as PDF and PNG; the
cards as one PDF per size holding every card (what a clerk prints) and, at A5 only, a
PNG per card page (what a clerk shares or prints one of). A4 cards exist as PDF only:
a PNG per A4 card would double the files and the drawing time for the same content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator import urls
from generator.model import Catalogue, Commune, Procedure
from generator.posters import facts
from generator.posters.board import plan_board
from generator.posters.card import plan_card
from generator.posters.entrance import plan_entrance
from generator.posters.layout import A4, A5, BOARD_A3, BOARD_A4, CARD_A5, ENTRANCE_A3, Paper
from generator.posters.plan import Page


@dataclass(frozen=True)
class PosterFile:
    """One file under /<commune>/in/: its name, a Vietnamese title, format, paper, pages."""

    filename: str
    title: str
    format: str  # "pdf" or "png"
    size: str  # "A3", "A4" or "A5"
    kind: str  # "board", "card" or "entrance"
    pages: int
    procedure: str | None = None


@dataclass(frozen=True)
class Printable:
    """One file and the planned pages it holds, in order."""

    file: PosterFile
    pages: tuple[Page, ...]
    day: date | None
    paper: Paper | None = None  # print the pages on this paper instead of their own size


def poster_files(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure]) -> list[PosterFile]:
    """Every poster file of `commune`, in the order a page should list them; draws nothing."""
    return [item.file for item in poster_set(commune, procs)]


def printed_urls(cat: Catalogue, base_url: str) -> list[str]:
    """Every URL of this site the posters print, sorted: for the ledger of printed URLs.

    The same paths the planned pages carry (tests compare the two), made without planning:
    each commune's page and search, and each of its posted procedures. Online-service links
    point at other sites and are not ours to keep.
    """
    found = set()
    for commune in cat.communes:
        paths = [urls.commune_path(commune.code), urls.search_path(commune.code)]
        paths += [urls.procedure_path(commune.code, proc.code)
                  for proc in facts.posted(cat.procedures_for(commune.code))]
        found.update(urls.absolute(base_url, path) for path in paths)
    return sorted(found)


def poster_set(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure]) -> list[Printable]:
    """Every poster file of `commune` with its planned pages (for write_posters)."""
    shown = facts.posted(procs)
    day = facts.checked_on(shown)
    printables: list[Printable] = []
    for layout in (BOARD_A3, BOARD_A4):
        size = layout.frame.paper.name
        pages = tuple(plan_board(commune, shown, layout))
        stem = f"bang-niem-yet-{size.lower()}"
        title = f"Bảng niêm yết thủ tục hành chính, khổ {size}"
        printables += _document(stem, title, size, "board", pages, day, None)
    entrance = (plan_entrance(commune, ENTRANCE_A3),)
    printables += _document("ap-phich-loi-vao-a3", "Áp phích lối vào: tra cứu thủ tục, khổ A3",
                            "A3", "entrance", entrance, day, None)
    cards = {proc.code: tuple(plan_card(commune, proc, CARD_A5)) for proc in shown}
    card_pages = tuple(page for pages in cards.values() for page in pages)
    if card_pages:
        for paper in (A5, A4):
            title = f"Thẻ thủ tục, khổ {paper.name}: mọi thủ tục ({len(shown)} thẻ)"
            printables.append(Printable(
                PosterFile(f"the-thu-tuc-{paper.name.lower()}.pdf", title, "pdf", paper.name,
                           "card", len(card_pages)),
                card_pages, day, paper))
    for proc in shown:
        printables += _pngs(f"the-{proc.code}-a5", f"Thẻ thủ tục: {proc.name}, khổ A5", "A5",
                            "card", cards[proc.code], proc.source.checked, proc.code)
    return printables


def _document(stem: str, title: str, size: str, kind: str, pages: tuple[Page, ...],
              day: date | None, procedure: str | None) -> list[Printable]:
    """A PDF of all `pages` and a PNG of each."""
    pdf = PosterFile(f"{stem}.pdf", title, "pdf", size, kind, len(pages), procedure)
    return [Printable(pdf, pages, day), *_pngs(stem, title, size, kind, pages, day, procedure)]


def _pngs(stem: str, title: str, size: str, kind: str, pages: tuple[Page, ...],
          day: date | None, procedure: str | None) -> list[Printable]:
    """One PNG per page; numbered only when there is more than one."""
    if len(pages) == 1:
        return [Printable(PosterFile(f"{stem}.png", f"{title} (ảnh)", "png", size, kind, 1,
                                     procedure), pages, day)]
    return [
        Printable(PosterFile(f"{stem}-trang-{n:02d}.png", f"{title}, trang {n}/{len(pages)} (ảnh)",
                             "png", size, kind, 1, procedure), (page,), day)
        for n, page in enumerate(pages, 1)
    ]
