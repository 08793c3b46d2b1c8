"""Render the pages that list things: home, communes, fields, search and open data.

Lists stay short per page (a commune's own procedures, a field's procedures) so that page
HTML does not grow with the whole catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator import urls
from generator.importers.coverage import catalogue_coverage
from generator.site.markup import inline, link
from generator.catalogue.model import Catalogue, Commune, Procedure, by_field
from generator.site.procedure import CARD_ANCHOR, TOOLS, front_matter, office_items, rel
from generator.text import fold


# Civil status and certification make up most of what a commune's service centre handles:
# these come first on a commune's page (the order only; no figure is claimed).
COMMONLY_USED = ("1.001193", "1.000656", "1.000894", "1.004873", "2.000815", "2.000635")


@dataclass(frozen=True)
class PosterLink:
    """A printable file of a commune, as the site links it.

    `procedure` is set on a card of one procedure, inside the cards file from its page
    `page`; `pages` counts the pages a file (or card) holds.
    """

    title: str
    filename: str
    format: str = "pdf"
    procedure: str | None = None
    pages: int = 1
    page: int = 0


def coverage_line(cat: Catalogue) -> str:
    """How much of the commune-level catalogue is published in full, stated plainly."""
    commune_level = [p for p in cat.procedures if p.level == "commune" and p.in_force]
    complete = sum(p.is_complete for p in commune_level)
    text = (f"Danh mục hiện có **{len(commune_level)}** thủ tục cấp xã, trong đó **{complete}** thủ tục "
            "có đủ trình tự, cách thức, thành phần hồ sơ và căn cứ pháp lý.")
    national = catalogue_coverage(cat)
    if national:
        when = f" (xuất ngày {national.exported})" if national.exported else ""
        text += (f" Danh sách quốc gia các thủ tục thực hiện tại Trung tâm Phục vụ hành chính công cấp xã"
                 f"{when} có {national.total} mã: niêm yết có trang cho **{national.with_file}** mã, "
                 f"công bố đầy đủ **{national.complete}** mã.")
    online = sum(1 for p in commune_level if p.online_service or any(item.online_service for item in p.local))
    text += f" **{online}** thủ tục có đường dẫn dịch vụ công trực tuyến của từng xã, phường."
    return text + " Điều gì các nguồn đã nhập chưa nêu được ghi là *chưa được công bố*."


def home_page(cat: Catalogue) -> str:
    """Home: find your commune, by its name today or the name it had before 1 July 2025.

    The search box (the template's) and the commune finder come first; how much of the
    catalogue is published comes after them."""
    out = [front_matter(f"Thủ tục hành chính — {cat.province}",
                        "Tra cứu thủ tục hành chính tại 45 xã, phường của tỉnh Điện Biên",
                        kind="home", scripts=["communes"]),
           f"# Thủ tục hành chính {inline(cat.province[0].lower() + cat.province[1:])}\n",
           "## Tìm xã, phường của bạn\n",
           _commune_finder(cat, "/"),
           f"\nXem theo lĩnh vực: {link('Danh sách lĩnh vực', rel('/', urls.FIELDS))}.\n",
           "## Mức độ đầy đủ\n",
           coverage_line(cat) + "\n"]
    return "\n".join(out)


def _commune_finder(cat: Catalogue, here: str) -> str:
    rows = ['<label class="ny-filter-label" for="ny-commune-filter">Lọc xã, phường theo tên hiện nay hoặc tên cũ '
            '(trước ngày 1/7/2025), có dấu hoặc không dấu</label>',
            '<input id="ny-commune-filter" type="search" placeholder="Ví dụ: Thanh Minh" autocomplete="off">',
            '<ul class="ny-communes" id="ny-communes">']
    for commune in cat.communes:
        former = [f.name for f in commune.former if f.name != commune.name]
        keys = fold(" ".join([commune.name, *former]))
        note = f' <span class="ny-former">(trước đây: {", ".join(_html(f) for f in former)})</span>' if former else ""
        href = rel(here, urls.commune_path(commune.code))
        rows.append(f'<li data-search="{_html(keys)}"><a href="{href}">{_html(commune.name)}</a>{note}</li>')
    rows.append("</ul>")
    return "\n".join(rows) + "\n"


def communes_page(cat: Catalogue) -> str:
    """All communes with their former units: the same finder as the home page."""
    return "\n".join([front_matter("Xã, phường", "45 xã, phường của tỉnh Điện Biên và các đơn vị cũ",
                                   kind="communes", scripts=["communes"]),
                      "# Xã, phường\n", _commune_finder(cat, urls.COMMUNES)])


def commune_page(cat: Catalogue, commune: Commune, posters: list[PosterLink]) -> str:
    """A commune's own page: its procedures first (the common ones, then all by field), then
    where to go, its former units and its print files."""
    here = urls.commune_path(commune.code)
    procs = [p for p in cat.procedures_for(commune.code) if p.in_force]
    kind = "phường" if commune.kind == "phường" else "xã"
    href = lambda p: rel(here, urls.procedure_path(commune.code, p.code))  # noqa: E731
    out = [front_matter(commune.name, f"Thủ tục hành chính tại {commune.name}", commune=commune.code,
                        kind="commune", scripts=["page-tools"]),
           f"# {inline(commune.name)}\n", TOOLS]
    common = [p for code in COMMONLY_USED for p in procs if p.code == code]
    if common:
        out.append("## Thủ tục thường dùng\n")
        out += [f"- {link(p.name, href(p))}" for p in common]
        out.append("")
    out.append(f"## Mọi thủ tục tại {inline(commune.name)} ({len(procs)})\n")
    out += _grouped(procs, href)
    out += ["## Nơi nộp hồ sơ\n", *[f"- {item}" for item in office_items(commune)], ""]
    former = [f for f in commune.former if f.name != commune.name]
    if former:
        names = ", ".join(inline(f.name) + (f" ({inline(f.district)})" if f.district else "") for f in former)
        out.append(f"Từ ngày 1/7/2025, {kind} gồm địa bàn của: {names}.\n")
    if posters:
        # After the procedures, which residents come for: the PDFs are what a clerk prints.
        out.append("## Bản in niêm yết\n")
        out += [f"- {_poster_link(here, commune, p)}" for p in posters
                if p.format == "pdf" and p.procedure is None]
        out.append(f"- {link('Mọi tệp in: ảnh xem trước, thẻ từng thủ tục', rel(here, urls.prints_path(commune.code)))}")
    return "\n".join(out) + "\n"


def prints_page(cat: Catalogue, commune: Commune, posters: list[PosterLink]) -> str:
    """Every printable file of a commune: the PDFs, a preview of each, each procedure's card."""
    here = urls.prints_path(commune.code)
    names = {p.code: p.name for p in cat.procedures_for(commune.code)}
    files = [p for p in posters if p.procedure is None]
    out = [front_matter(f"Bản in niêm yết — {commune.name}",
                        f"Bảng niêm yết, thẻ thủ tục và áp phích của {commune.name} để in"),
           f"# Bản in niêm yết: {inline(commune.name)}\n",
           "Các tệp PDF in đen trắng, rõ nét ở mọi cỡ giấy. Mã QR trên bản in dẫn tới các trang của "
           f"{link(commune.name, rel(here, urls.commune_path(commune.code)))} trên trang web này.\n",
           "## Tệp PDF để in\n"]
    out += [f"- {_poster_link(here, commune, p)}" for p in files if p.format == "pdf"]
    out.append("\n## Ảnh xem trước (trang đầu)\n")
    out += [f"- {_poster_link(here, commune, p)}" for p in files if p.format != "pdf"]
    cards = [p for p in posters if p.procedure]
    if cards:
        # Each card's pages are linked from its procedure page: listed here with names, a
        # catalogue of 456 procedures made this page weigh more than the page budget.
        out.append("\n## Thẻ từng thủ tục (khổ A5, hai mặt, trong tệp thẻ thủ tục)\n")
        out.append("Mỗi thẻ mở trang thủ tục, nơi có liên kết tới hai mặt của thẻ.\n")
        for card in cards:
            target = rel(here, urls.procedure_path(commune.code, card.procedure)) + "#" + CARD_ANCHOR
            out.append(f"- {link(names.get(card.procedure, card.procedure), target)} ({card.procedure}, {card.pages} trang)")
    return "\n".join(out) + "\n"


def _poster_link(here: str, commune: Commune, poster: PosterLink) -> str:
    href = link(poster.title, rel(here, urls.poster_path(commune.code, poster.filename)))
    if poster.format != "pdf":
        return href  # an image's title already says so
    return href + (f" (PDF, {poster.pages} trang)" if poster.pages > 1 else " (PDF)")


def _grouped(procs: list[Procedure], href) -> list[str]:
    out = []
    for field, group in by_field(procs).items():
        out.append(f"### {inline(field)}\n")
        out += [f"- {link(p.name, href(p))} <small>{p.code}</small>" for p in group]
        out.append("")
    return out


def search_page(cat: Catalogue) -> str:
    """The search page. Its results come from the search server: the page it renders
    itself from this one for a form sent without JavaScript (api/page.py fills the
    elements marked data-niemyet-*), or assets/search.js asking the API. Served as it is,
    it can have no results, so without JavaScript it says the server did not answer and
    leads to each commune's list of procedures, and to each field's."""
    here = urls.search_page_path()
    out = [front_matter("Tìm kiếm", "Tìm thủ tục hành chính theo tên, có dấu hoặc không dấu"),
           "# Tìm thủ tục\n",
           "Gõ tên thủ tục hoặc việc cần làm vào ô tìm kiếm, có dấu hoặc không dấu, ví dụ "
           "\"khai sinh\", \"ket hon\", \"xác nhận độc thân\". Trên trang của một xã, phường, "
           "chỉ các thủ tục của xã, phường đó được tìm.\n",
           '<p class="niemyet-results__summary" data-niemyet-summary></p>\n',
           '<ol class="niemyet-search__list niemyet-results" data-niemyet-results></ol>\n',
           '<nav class="niemyet-results__pages" data-niemyet-pages aria-label="Các trang kết quả"></nav>\n',
           '<noscript><p class="niemyet-results__offline" data-niemyet-noscript>Trang này chưa có kết quả vì '
           'máy chủ tìm kiếm không trả lời. Hãy chọn xã, phường của bạn dưới đây để xem mọi thủ tục '
           'ở đó, hoặc xem thủ tục theo lĩnh vực.</p></noscript>\n',
           "## Xã, phường\n",
           _commune_finder(cat, here),
           "## Thủ tục theo lĩnh vực\n"]
    # Fields, not every procedure: the complete catalogue listed here would pass the page
    # budget, and each field's page lists its procedures.
    for name, procs in cat.fields().items():
        out.append(f"- {link(name, rel(here, urls.field_path(procs[0].field_slug)))} ({len(procs)})")
    return "\n".join(out) + "\n"


def fields_page(cat: Catalogue) -> str:
    """Every field (lĩnh vực) with how many procedures it holds."""
    here = urls.FIELDS
    out = [front_matter("Lĩnh vực", "Thủ tục hành chính theo lĩnh vực"), "# Lĩnh vực\n"]
    for name, procs in cat.fields().items():
        out.append(f"- {link(name, rel(here, urls.field_path(procs[0].field_slug)))} ({len(procs)})")
    national = catalogue_coverage(cat)
    if national:
        out += ["", "## Mức độ đầy đủ so với danh sách quốc gia\n", coverage_line(cat) + "\n",
                "| Lĩnh vực (danh sách quốc gia) | Số mã | Có trang | Đầy đủ |", "|---|---|---|---|"]
        out += [f"| {inline(f.name)} | {len(f.codes)} | {f.with_file} | {f.complete} |" for f in national.fields]
    return "\n".join(out) + "\n"


def field_page(cat: Catalogue, name: str, procs: tuple[Procedure, ...]) -> str:
    """One field's procedures, linking to their province-wide pages."""
    here = urls.field_path(procs[0].field_slug)
    out = [front_matter(f"Lĩnh vực {name}", f"Thủ tục hành chính lĩnh vực {name}"), f"# {inline(name)}\n"]
    out += [f"- {link(p.name, rel(here, urls.national_path(p.code)))} <small>{p.code}</small>"
            + (" — *không còn áp dụng*" if not p.in_force else "")
            + (" — *do cơ quan khác thực hiện, không niêm yết tại xã*" if p.level == "other" else "")
            for p in procs]
    return "\n".join(out) + "\n"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
