"""Render each site page as Markdown: pure functions of the catalogue, no disk.

Links are written relative to the page (mkdocs and any static host resolve them, and
the site keeps working under a sub-path), using paths made only by `generator.urls`.
"""

from __future__ import annotations

import html
import json
import posixpath

from generator import jsonld, urls
from generator.markup import MODE_LABELS, NOT_PUBLISHED, block, day, inline, link, or_unpublished
from generator.model import ONLINE_LEVELS, Catalogue, Commune, Document, Procedure

PER_CASE = "Theo từng trường hợp (xem bảng dưới)"


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


def office_lines(commune: Commune) -> list[str]:
    """Where and when a resident of `commune` can go in person."""
    office = commune.office
    return [
        f"- **Nơi tiếp nhận:** {inline(commune.service_centre)}",
        f"- **Địa chỉ:** {or_unpublished(office.address)}",
        f"- **Giờ làm việc:** {or_unpublished(office.hours)}",
        f"- **Điện thoại:** {or_unpublished(office.phone)}",
    ]


def _reception_lines(proc: Procedure, commune: Commune) -> list[str]:
    """Who receives the file in this commune; the office's address and hours only where
    that body is the commune's service centre (a military command has its own office)."""
    body = proc.received_by(commune)
    if body == commune.service_centre:
        return office_lines(commune)
    return [f"- **Nơi tiếp nhận:** {or_unpublished(body)}"]


def _online_lines(proc: Procedure, commune: Commune | None) -> list[str]:
    online = proc.online_link(commune.code) if commune else proc.online_service
    if not online:
        return []
    level = ONLINE_LEVELS.get((proc.online_level_for(commune.code) if commune else proc.online_level) or "")
    return [f"**Nộp trực tuyến:** {link('Mở dịch vụ công trực tuyến', online)}"
            + (f" ({level.lower()})" if level else "") + "\n"]


def procedure_page(cat: Catalogue, proc: Procedure, commune: Commune | None,
                   card: list[str] | tuple[str, ...] = ()) -> str:
    """One procedure, in one commune's context (or province-wide when commune is None).

    `card` names the files of this procedure's printed card in the commune's print folder,
    so a clerk who finds a procedure can print its card from the same page."""
    here = urls.procedure_path(commune.code, proc.code) if commune else urls.national_path(proc.code)
    where = f" — {commune.name}" if commune else ""
    meta = {"jsonld": jsonld.government_service(cat, proc, commune)}
    out = [front_matter(f"{proc.name}{where}", f"Mã thủ tục {proc.code}, lĩnh vực {proc.field}", **meta)]
    out.append(f"# {inline(proc.name)}\n")
    out.append(_status_notice(cat, proc, commune, here))
    out.append(f"Mã thủ tục **{proc.code}** · Lĩnh vực: {link(proc.field, rel(here, urls.field_path(proc.field_slug)))}"
               + (" · *Dữ liệu mẫu, không dùng để thực hiện thủ tục*" if proc.sample else "") + "\n")
    if commune:
        out.append(f"## Nộp hồ sơ tại {inline(commune.name)}\n")
        out += _reception_lines(proc, commune)
        out.append(f"- **Trang của xã/phường:** {link(commune.name, rel(here, urls.commune_path(commune.code)))}\n")
    out += _online_lines(proc, commune)
    out += _facts(proc)
    if commune and card:
        sheets = ", ".join(link(f"trang {n}" if len(card) > 1 else "ảnh PNG", rel(here, urls.poster_path(commune.code, name)))
                           for n, name in enumerate(card, 1))
        out.append(f"**Thẻ thủ tục để in (khổ A5):** {sheets}\n")
    if not commune:
        out.append(_communes_list(cat, proc, here))
    out.append(_source(proc))
    return "\n".join(out) + "\n"


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
    give is left out; one line says which ones, so the page never repeats "not published"."""
    sections = [
        ("Cách thức thực hiện", _channels(proc)),
        ("Thành phần hồ sơ", _documents(proc)),
        ("Trình tự thực hiện", _items([block(s) for s in proc.steps], numbered=True)),
        ("Đối tượng thực hiện", _items([inline(a) for a in proc.applicants])),
        ("Cơ quan", _items([f"Cơ quan thực hiện: {inline(proc.agency)}" if proc.agency else "",
                            f"Cơ quan có thẩm quyền: {inline(proc.authority)}" if proc.authority else ""])),
        ("Kết quả thực hiện", _items([inline(r) for r in proc.results])),
        ("Căn cứ pháp lý", _items([inline(b.number) + (f" — {inline(b.title)}" if b.title else "")
                                   for b in proc.legal_basis])),
        ("Yêu cầu, điều kiện thực hiện", _items([block(proc.conditions)] if proc.conditions else [])),
    ]
    missing = [title.lower() for title, body in sections if not body]
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


def _documents(proc: Procedure) -> list[str]:
    """Documents in the source's groups, each group once. The source's unnamed group comes
    first: it holds the application form and the line introducing the named groups."""
    groups: dict[str | None, list[Document]] = {None: []}
    for doc in proc.documents:
        groups.setdefault(doc.group, []).append(doc)
    out = []
    for group, docs in groups.items():
        if not docs:
            continue
        if group:
            out.append(f"\n**{inline(group)}**\n")
        for doc in docs:
            form = f" — {link('tải mẫu', doc.form_url)}" if doc.form_url else ""
            out.append(f"- {inline(doc.name)}" + (f" ({doc.counts})" if doc.counts else "") + form)
    return out


def _communes_list(cat: Catalogue, proc: Procedure, here: str) -> str:
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
