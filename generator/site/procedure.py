"""Render each site page as Markdown: pure functions of the catalogue, no disk.

Links are written relative to the page (mkdocs and any static host resolve them, and
the site keeps working under a sub-path), using paths made only by `generator.urls`.
"""

from __future__ import annotations

import html
import json
import posixpath
import re

from generator.site import jsonld

from generator import urls
from generator.site.markup import MODE_LABELS, NOT_PUBLISHED, block, day, inline, link, or_unpublished
from generator.catalogue.model import ONLINE_LEVELS, Catalogue, Commune, Document, Procedure

PER_CASE = "Theo từng trường hợp (xem bảng dưới)"
# Where a procedure page lists its printed card's images (the print files page links here).
CARD_ANCHOR = "the-in"
# Characters of fee text shown as they are among the essentials; a longer text opens in place.
FEE_INLINE = 120
# The document group that holds notes on the dossier rather than papers to bring.
NOTES_GROUP = "Lưu ý"
# "Nghe" (listen) and "Chia sẻ" (share), made to work by assets/page-tools.js where the
# phone can: invisible until then, their room kept so that nothing moves when they appear.
TOOLS = ('<div class="ny-tools" data-ny-tools>'
         '<button type="button" class="ny-tool" data-ny-listen aria-pressed="false">Nghe</button>'
         '<button type="button" class="ny-tool" data-ny-share>Chia sẻ</button></div>\n')


def rel(from_page: str, to_path: str) -> str:
    """Relative link from one page URL (a directory, as `generator.urls` makes them) to another."""
    target, _, query = to_path.partition("?")
    out = posixpath.relpath(target, from_page)
    if target.endswith("/"):
        out = "./" if out == "." else out + "/"
    return out + ("?" + query if query else "")


def front_matter(title: str, description: str = "", **meta: object) -> str:
    """YAML front matter; values are JSON, which is valid YAML and needs no escaping.

    The title and description are HTML-escaped here: MkDocs does not escape its templates,
    and the theme writes them raw into <title>, the header and <meta content="...">."""
    lines = [f"title: {json.dumps(html.escape(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(html.escape(description), ensure_ascii=False)}")
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def office_items(commune: Commune) -> list[str]:
    """Where to go in person: the facts a commune published, and one line for the rest."""
    office = commune.office
    place = inline(commune.service_centre) + (f", {inline(office.address)}" if office.address else "")
    items = [f"**Nộp trực tiếp tại:** {place}"]
    when = [f"**{label}:** {inline(value)}" for label, value in (("Giờ làm việc", office.hours),
                                                                 ("Điện thoại", office.phone)) if value]
    if when:
        items.append(" · ".join(when))
    missing = [label for label, value in (("địa chỉ", office.address), ("giờ làm việc", office.hours),
                                          ("điện thoại", office.phone)) if not value]
    if missing:
        items.append(f"*{', '.join(missing).capitalize()}: {NOT_PUBLISHED.lower()}.*")
    return items


def _place_items(proc: Procedure, commune: Commune) -> list[str]:
    """Who receives the file in this commune; the office's address and hours only where
    that body is the commune's service centre (a military command has its own office)."""
    body = proc.received_by(commune)
    if body == commune.service_centre:
        return office_items(commune)
    return [f"**Nộp tại:** {or_unpublished(body)}"]


def _online_item(proc: Procedure, commune: Commune | None) -> list[str]:
    """The button to apply online, with the service's level, where there is a link."""
    online = proc.online_link(commune.code) if commune else proc.online_service
    if not online:
        return []
    level = ONLINE_LEVELS.get((proc.online_level_for(commune.code) if commune else proc.online_level) or "")
    return [f"{link('Nộp trực tuyến: mở dịch vụ công', online)}{{ .ny-button }}"
            + (f" <small>({level.lower()})</small>" if level else "")]


def procedure_page(cat: Catalogue, proc: Procedure, commune: Commune | None,
                   card: list[str] | tuple[str, ...] = ()) -> str:
    """One procedure, in one commune's context (or province-wide when commune is None).

    The order is what a resident who scanned a poster came for, so that the first screen
    of a phone answers (issue 12): the name, how long it takes, what it costs, how and
    where to apply, then what to bring. The full text follows, and prints after those
    essentials. `card` names the files of this procedure's printed card in the commune's
    print folder, so a clerk who finds a procedure can print its card from the same page."""
    here = urls.procedure_path(commune.code, proc.code) if commune else urls.national_path(proc.code)
    where = f" — {commune.name}" if commune else ""
    meta = {"jsonld": jsonld.government_service(cat, proc, commune),
            "kind": "procedure", "search": "bottom", "scripts": ["page-tools"]}
    out = [front_matter(f"{proc.name}{where}", f"Mã thủ tục {proc.code}, lĩnh vực {proc.field}", **meta)]
    out.append(f"# {inline(proc.name)}\n")
    out.append(TOOLS)
    out.append(_status_notice(cat, proc, commune, here))
    if proc.sample:
        out.append("*Dữ liệu mẫu, không dùng để thực hiện thủ tục.*\n")
    out += _essentials(proc, commune)
    out += _to_bring(proc)
    about = [f"Mã thủ tục **{proc.code}**", f"Lĩnh vực: {link(proc.field, rel(here, urls.field_path(proc.field_slug)))}"]
    if commune:
        about.append(f"Trang của {link(commune.name, rel(here, urls.commune_path(commune.code)))}")
    # On paper the full text starts on a new sheet: the essentials make a handout of their own.
    out.append("## Chi tiết thủ tục { .ny-details }\n\n" + " · ".join(about) + "\n")
    out += _facts(proc)
    if commune and card:
        sheets = ", ".join(link(f"trang {n}" if len(card) > 1 else "ảnh PNG", rel(here, urls.poster_path(commune.code, name)))
                           for n, name in enumerate(card, 1))
        out.append(f"**Thẻ thủ tục để in (khổ A5):** {sheets}\n{{: #{CARD_ANCHOR} }}\n")
    if not commune:
        out.append(_communes_list(cat, proc, here))
    out.append(_source(proc))
    return "\n".join(out) + "\n"


def _essentials(proc: Procedure, commune: Commune | None) -> list[str]:
    """Time limit, fee and how to apply, as one short list at the top of the page."""
    items = [f"**Thời hạn giải quyết:** {_time_limit(proc)}", _fee_item(proc), *_online_item(proc, commune)]
    if commune:
        items += _place_items(proc, commune)
    elif proc.level == "commune":
        items.append("**Nộp tại:** Trung tâm Phục vụ hành chính công của xã, phường nơi bạn ở "
                     "([danh sách bên dưới](#noi-thuc-hien))")
    elif proc.level == "other":
        items.append(f"**Cơ quan thực hiện:** {inline(proc.agency)} ([xem bên dưới](#noi-thuc-hien))" if proc.agency
                     else "**Nơi thực hiện:** không có trong danh mục của xã, phường ([xem bên dưới](#noi-thuc-hien))")
    return ['<div class="ny-facts" markdown>', "", *[f"- {item}" for item in items], "", "</div>", ""]


def _time_limit(proc: Procedure) -> str:
    """The time limit: one value, each way of applying with its own, or the cases' values."""
    if any(ch.time_limit for ch in proc.channels) or not proc.cases:
        return _by_channel(proc, "time_limit")
    limits = list(dict.fromkeys(inline(case.time_limit) for case in proc.cases))
    return f"theo từng trường hợp: {', '.join(limits)} ([xem bảng](#cach-thuc-thuc-hien))"


def _fee_item(proc: Procedure) -> str:
    """The fee. A long one (rules, exemptions, a fee per channel) opens in place, word for
    word, so that it does not push how to apply and what to bring off a phone's first screen."""
    fee = _by_channel(proc, "fee")
    if sum(len(ch.fee or "") for ch in proc.channels) <= FEE_INLINE:
        return f"**Phí, lệ phí:** {fee}"
    fee = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", fee)  # in raw HTML Markdown makes no emphasis
    return f"<details><summary><strong>Phí, lệ phí:</strong> xem quy định</summary>{fee}</details>"


def _by_channel(proc: Procedure, attr: str) -> str:
    """One value when every way of applying has the same; else each way with its own."""
    values = [(MODE_LABELS[ch.mode], getattr(ch, attr)) for ch in proc.channels]
    if not any(value for _, value in values):
        return f"*{NOT_PUBLISHED}*"
    if len({value for _, value in values}) == 1:
        return inline(values[0][1])
    return "; ".join(f"{label}: {or_unpublished(value)}" for label, value in values)


def _to_bring(proc: Procedure) -> list[str]:
    """The papers to bring; the notes that come with them are part of the full text."""
    papers = [doc for doc in proc.documents if doc.group != NOTES_GROUP]
    return ["## Giấy tờ cần mang\n", *(_documents(papers) or [f"*{NOT_PUBLISHED}.*"]), ""]


def _status_notice(cat: Catalogue, proc: Procedure, commune: Commune | None, here: str) -> str:
    if proc.withdrawn:
        text = f"Thủ tục này đã bãi bỏ từ ngày {day(proc.withdrawn.date)}: {inline(proc.withdrawn.reason)}."
    elif proc.replaced_by:
        succ = cat.procedure(proc.replaced_by)
        local = commune and succ.level == "commune" and succ.applies_to(commune.code)
        target = urls.procedure_path(commune.code, succ.code) if local else urls.national_path(succ.code)
        text = f"Thủ tục này đã được thay thế bởi {link(succ.name, rel(here, target))}."
    else:
        return ""
    return f'!!! warning "Không còn áp dụng"\n    {text}\n'


def _facts(proc: Procedure) -> list[str]:
    """The procedure's published facts, section by section. A section the sources do not
    give is left out; one line says which ones, so the page never repeats "not published".
    The papers to bring are listed above the full text (`_to_bring`); their notes are here."""
    sections = [
        ("Cách thức thực hiện", _channels(proc)),
        ("Lưu ý về hồ sơ", _documents([doc for doc in proc.documents if doc.group == NOTES_GROUP], titled=False)),
        ("Trình tự thực hiện", _items([block(s) for s in proc.steps], numbered=True)),
        ("Đối tượng thực hiện", _items([inline(a) for a in proc.applicants])),
        ("Cơ quan", _items([f"Cơ quan thực hiện: {inline(proc.agency)}" if proc.agency else "",
                            f"Cơ quan có thẩm quyền: {inline(proc.authority)}" if proc.authority else ""])),
        ("Kết quả thực hiện", _items([inline(r) for r in proc.results])),
        ("Căn cứ pháp lý", _items([inline(b.number) + (f" — {inline(b.title)}" if b.title else "")
                                   for b in proc.legal_basis])),
        ("Yêu cầu, điều kiện thực hiện", _items([block(proc.conditions)] if proc.conditions else [])),
    ]
    missing = [title.lower() for title, body in sections[2:] if not body]  # channels, notes: above
    out = [f"*{NOT_PUBLISHED}: {', '.join(missing)}.*\n"] if missing else []
    for title, body in sections:
        if body:
            out += [f"## {title}\n", *body] + ([""] if body[-1] else [])
    return out


def _channels(proc: Procedure) -> list[str]:
    if not proc.channels and not proc.cases:
        return []
    out = []
    if proc.channels:
        out.append("| Hình thức nộp | Thời hạn giải quyết | Phí, lệ phí |\n|---|---|---|")
        for ch in proc.channels:
            limit = inline(ch.time_limit) if ch.time_limit else (PER_CASE if proc.cases else f"*{NOT_PUBLISHED}*")
            out.append(f"| {MODE_LABELS[ch.mode]} | {limit} | {or_unpublished(ch.fee)} |")
        out.append("")
        notes = dict.fromkeys(ch.note for ch in proc.channels if ch.note)
        for note in notes:
            modes = ", ".join(MODE_LABELS[ch.mode] for ch in proc.channels if ch.note == note)
            out.append(f"- **{modes}:** {block(note)}".replace("\n", "\n    "))
        if notes:
            out.append("")
    if proc.cases:
        out.append("**Thời hạn theo từng trường hợp**\n")
        out.append("| Trường hợp | Thời hạn giải quyết |\n|---|---|")
        for case in proc.cases:
            label = " ".join(x for x in (inline(case.name) if case.name else "",
                                         f"({case.code})" if case.code else "") if x)
            out.append(f"| {label or '—'} | {inline(case.time_limit)} |")
        out.append("")
    return out


def _items(items: list[str], numbered: bool = False) -> list[str]:
    items = [item for item in items if item]
    marker = (lambda i: f"{i}.") if numbered else (lambda i: "-")
    return [f"{marker(i)} {item.replace(chr(10), chr(10) + '    ')}" for i, item in enumerate(items, 1)]


def _documents(documents: list[Document], titled: bool = True) -> list[str]:
    """Documents in the source's groups, each group once. The source's unnamed group comes
    first: it holds the application form and the line introducing the named groups."""
    groups: dict[str | None, list[Document]] = {None: []}
    for doc in documents:
        groups.setdefault(doc.group, []).append(doc)
    out = []
    for group, docs in groups.items():
        if not docs:
            continue
        if group and titled:
            out.append(f"\n**{inline(group)}**\n")
        for doc in docs:
            form = f" — {link('tải mẫu', doc.form_url)}" if doc.form_url else ""
            out.append(f"- {inline(doc.name)}" + (f" ({doc.counts})" if doc.counts else "") + form)
    return out


def _communes_list(cat: Catalogue, proc: Procedure, here: str) -> str:
    if proc.level == "other":
        named, ask = ((f"nêu cơ quan thực hiện là {inline(proc.agency)}", "cơ quan đó") if proc.agency
                      else ("không nêu cơ quan thực hiện", "Trung tâm Phục vụ hành chính công của xã, phường"))
        return ("## Nơi thực hiện\n\nCổng Dịch vụ công quốc gia xếp thủ tục này ở cấp xã, nhưng nguồn "
                f"{named}, không nêu Ủy ban nhân dân hay Trung tâm Phục vụ hành chính công của xã, "
                "phường. Vì vậy thủ tục không có trong danh mục niêm yết của xã, phường nào; hãy hỏi "
                f"{ask} nơi nộp hồ sơ.\n")
    if proc.level != "commune":
        return f"## Nơi thực hiện\n\nThủ tục cấp tỉnh: {or_unpublished(proc.agency)}.\n"
    communes = [c for c in cat.communes if proc.applies_to(c.code)]
    items = ", ".join(link(c.name, rel(here, urls.procedure_path(c.code, proc.code))) for c in communes)
    scope = "Tất cả xã, phường của tỉnh" if proc.communes is None else f"{len(communes)} xã, phường"
    return f"## Nơi thực hiện\n\n{scope}: {items}\n"


def _source(proc: Procedure) -> str:
    src = proc.source
    parts = [link(src.title, src.url) if src.url else inline(src.title)]
    parts += [inline(x) for x in (src.decision, src.document) if x]
    return (f"## Nguồn\n\n{'; '.join(parts)}. Kiểm tra lần cuối ngày {day(src.checked)}. "
            "Điều gì ghi *chưa được công bố* là điều các nguồn đã nhập chưa nêu; "
            "niêm yết không tự điền thay.\n")
