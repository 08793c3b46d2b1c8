"""Which files a commune's posters are printed as: names, titles, sizes, planned pages.

`poster_files` is what the site calls to link a commune's posters: it plans the pages
(to know how many there are) but draws nothing. `poster_set` gives the writer the files
with their planned pages attached, so the two can never disagree.

Per commune, each poster is one PDF (what a clerk prints) and one small preview image of
its first page (what the site shows): the board in A3 (four tables a sheet, to post) and
A4 (two, for offices with an A4 printer or a binder), every card in one A5 file (front
and back of card n are pages 2n-1 and 2n, so it prints double-sided), and the entrance
poster. A card is linked from its procedure's page by its page in that file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator import urls
from generator.catalogue.model import Catalogue, Commune, Procedure
from generator.posters import facts
from generator.posters.board import plan_board
from generator.posters.card import plan_card
from generator.posters.entrance import plan_entrance
from generator.posters.layout import BOARD_A3, BOARD_A4, CARD_A5, ENTRANCE_A3
from generator.posters.plan import Page

CARDS = "the-thu-tuc-a5.pdf"


@dataclass(frozen=True)
class PosterFile:
    """A file under /<commune>/in/ (or, with `page`, a card inside the cards file).

    `format` is "pdf" or "png" (a preview), `size` "A3", "A4" or "A5", `kind` "board",
    "card" or "entrance"; `pages` counts the pages it holds; a card names its procedure
    and the page of the cards file its front is on.
    """

    filename: str
    title: str
    format: str
    size: str
    kind: str
    pages: int
    procedure: str | None = None
    page: int = 0


@dataclass(frozen=True)
class Printable:
    """One file to write and the planned pages it holds, in order (a preview: its first)."""

    file: PosterFile
    pages: tuple[Page, ...]
    day: date | None


def poster_files(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure],
                 first: tuple[str, ...] = ()) -> list[PosterFile]:
    """Every poster file of `commune` and every card in them, in the order a page lists
    them; draws nothing. `first` is the commune's field order."""
    printables = poster_set(commune, procs, first, cards=False)
    shown = facts.posted(procs)
    cards = [PosterFile(CARDS, f"Thẻ thủ tục: {proc.name}", "pdf", "A5", "card", 2, proc.code, 2 * n + 1)
             for n, proc in enumerate(shown)]
    return [item.file for item in printables] + cards


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


def poster_set(commune: Commune, procs: tuple[Procedure, ...] | list[Procedure],
               first: tuple[str, ...] = (), cards: bool = True) -> list[Printable]:
    """Every poster file of `commune` with its planned pages (for write_posters); without
    `cards`, the cards file comes without its pages (two a card: listing needs no more)."""
    shown = facts.posted(procs)
    day = facts.checked_on(shown)
    printables: list[Printable] = []
    for layout in (BOARD_A3, BOARD_A4):
        size = layout.frame.paper.name
        pages = tuple(plan_board(commune, shown, layout, first))
        printables += _with_preview(f"bang-niem-yet-{size.lower()}", f"Bảng niêm yết thủ tục hành chính, khổ {size}",
                                    size, "board", pages, day)
    if shown:
        sides = tuple(page for proc in shown for page in plan_card(commune, proc, CARD_A5)) if cards else ()
        printables += _with_preview(CARDS.removesuffix(".pdf"),
                                    f"Thẻ thủ tục, khổ A5, in hai mặt: mọi thủ tục ({len(shown)} thẻ)",
                                    "A5", "card", sides, day, 2 * len(shown))
    printables += _with_preview("ap-phich-loi-vao-a3", "Áp phích lối vào: tra cứu thủ tục, khổ A3", "A3",
                                "entrance", (plan_entrance(commune, ENTRANCE_A3),), day)
    return printables


def _with_preview(stem: str, title: str, size: str, kind: str, pages: tuple[Page, ...],
                  day: date | None, count: int | None = None) -> list[Printable]:
    """The PDF of all `pages` (`count` of them) and a small image of the first."""
    pdf = PosterFile(f"{stem}.pdf", title, "pdf", size, kind, count or len(pages))
    return [Printable(pdf, pages, day),
            Printable(PosterFile(f"{stem}.png", f"{title} (ảnh xem trước trang đầu)", "png", size, kind, 1),
                      pages[:1], day)]
