"""Render each site page as Markdown: pure functions of the catalogue, no disk.

Links are written relative to the page (mkdocs and any static host resolve them, and
the site keeps working under a sub-path), using paths made only by `generator.urls`.
"""

from __future__ import annotations

import json
import posixpath

from generator import jsonld, urls
from generator.markup import MODE_LABELS, NOT_PUBLISHED, block, day, inline, link, or_unpublished
from generator.model import Catalogue, Commune, Document, Procedure


def rel(from_page: str, to_path: str) -> str:
    """Relative link from one page URL (a directory, as `generator.urls` makes them) to another."""
    target, _, query = to_path.partition("?")
    out = posixpath.relpath(target, from_page)
    if target.endswith("/"):
        out = "./" if out == "." else out + "/"
    return out + ("?" + query if query else "")


def front_matter(title: str, description: str = "", **meta: object) -> str:
    """YAML front matter; values are JSON, which is valid YAML and needs no escaping."""
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# The document group that holds notes on the dossier rather than papers to bring.
NOTES_GROUP = "Lưu ý"
# "Nghe" (listen) and "Chia sẻ" (share), made to work by assets/page-tools.js where the
# phone can: invisible until then, their room kept so that nothing moves when they appear.
TOOLS = ('<div class="ny-tools" data-ny-tools>'
         '<button type="button" class="ny-tool" data-ny-listen aria-pressed="false">Nghe</button>'
         '<button type="button" class="ny-tool" data-ny-share>Chia sẻ</button></div>\n')


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
    if proc.channels:
        about.append("Cách nộp: " + ", ".join(MODE_LABELS[ch.mode].lower() for ch in proc.channels))
    if commune:
        about.append(f"Trang của {link(commune.name, rel(here, urls.commune_path(commune.code)))}")
    # On paper the full text starts on a new sheet: the essentials make a handout of their own.
    out.append("## Chi tiết thủ tục { .ny-details }\n\n" + " · ".join(about) + "\n")
    out += _details(proc)
    if commune and card:
        sheets = ", ".join(link(f"trang {n}" if len(card) > 1 else "ảnh PNG", rel(here, urls.poster_path(commune.code, name)))
                           for n, name in enumerate(card, 1))
        out.append(f"**Thẻ thủ tục để in (khổ A5):** {sheets}\n")
    if not commune:
        out.append(_communes_list(cat, proc, here))
    out.append(_source(proc))
    return "\n".join(out) + "\n"


def _essentials(proc: Procedure, commune: Commune | None) -> list[str]:
    """Time limit, fee and how to apply, as one short list at the top of the page."""
    items = [f"**Thời hạn giải quyết:** {_by_channel(proc, 'time_limit')}",
             f"**Phí, lệ phí:** {_by_channel(proc, 'fee')}"]
    online = proc.online_link(commune.code) if commune else proc.online_service
    if online:
        items.append(f"{link('Nộp trực tuyến: mở dịch vụ công', online)}{{ .ny-button }}")
    if commune:
        items += office_items(commune)
    elif proc.level == "commune":
        items.append("**Nộp tại:** Trung tâm Phục vụ hành chính công của xã, phường nơi bạn ở "
                     "([danh sách bên dưới](#noi-thuc-hien))")
    return ['<div class="ny-facts" markdown>', "", *[f"- {item}" for item in items], "", "</div>", ""]


def _by_channel(proc: Procedure, attr: str) -> str:
    """One value when every way of applying has the same; else each way with its own."""
    values = [(MODE_LABELS[ch.mode], getattr(ch, attr)) for ch in proc.channels]
    if not any(value for _, value in values):
        return f"*{NOT_PUBLISHED}*"
    if len({value for _, value in values}) == 1:
        return inline(values[0][1])
    return "; ".join(f"{label}: {or_unpublished(value)}" for label, value in values)


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


def _to_bring(proc: Procedure) -> list[str]:
    """The papers to bring; the notes that come with them are part of the full text."""
    papers = [doc for doc in proc.documents if doc.group != NOTES_GROUP]
    return ["## Giấy tờ cần mang\n", *(_documents(papers) or [f"*{NOT_PUBLISHED}.*\n"])]


def _status_notice(cat: Catalogue, proc: Procedure, commune: Commune | None, here: str) -> str:
    if proc.withdrawn:
        text = f"Thủ tục này đã bãi bỏ từ ngày {day(proc.withdrawn.date)}: {inline(proc.withdrawn.reason)}."
    elif proc.replaced_by:
        succ = cat.procedure(proc.replaced_by)
        target = urls.procedure_path(commune.code, succ.code) if commune else urls.national_path(succ.code)
        text = f"Thủ tục này đã được thay thế bởi {link(succ.name, rel(here, target))}."
    else:
        return ""
    return f'!!! warning "Không còn áp dụng"\n    {text}\n'


def _details(proc: Procedure) -> list[str]:
    """The full text: every section the source gives; the ones it does not, in one line."""
    out, missing = [], []
    notes = [doc for doc in proc.documents if doc.group == NOTES_GROUP]
    if notes:
        out += ["## Lưu ý về hồ sơ\n", *[f"- {inline(doc.name)}" for doc in notes], ""]
    agencies = [f"Cơ quan thực hiện: {or_unpublished(proc.agency)}"]
    if proc.authority:
        agencies.append(f"Cơ quan có thẩm quyền: {inline(proc.authority)}")
    sections = [
        ("Trình tự thực hiện", [block(s) for s in proc.steps], True),
        ("Đối tượng thực hiện", [inline(a) for a in proc.applicants], False),
        ("Cơ quan", agencies, False),
        ("Kết quả thực hiện", [inline(r) for r in proc.results], False),
        ("Căn cứ pháp lý", [inline(b.number) + (f" — {inline(b.title)}" if b.title else "")
                            for b in proc.legal_basis], False),
        ("Yêu cầu, điều kiện thực hiện", [block(proc.conditions)] if proc.conditions else [], False),
    ]
    for title, items, numbered in sections:
        if items:
            out += _section(title, items, numbered)
        else:
            missing.append(title.lower())
    if missing:
        out.append(f"*{NOT_PUBLISHED}: {'; '.join(missing)}.*\n")
    return out


def _documents(documents: list[Document]) -> list[str]:
    out, group = [], None
    for doc in documents:
        if doc.group != group and doc.group:
            out.append(f"\n**{inline(doc.group)}**\n")
        group = doc.group
        form = f" — {link('tải mẫu', doc.form_url)}" if doc.form_url else ""
        out.append(f"- {inline(doc.name)}" + (f" ({doc.counts})" if doc.counts else "") + form)
    return out + [""] if out else []


def _section(title: str, items: list[str], numbered: bool = False) -> list[str]:
    marker = (lambda i: f"{i}.") if numbered else (lambda i: "-")
    body = [f"{marker(i)} {item.replace(chr(10), chr(10) + '    ')}" for i, item in enumerate(items, 1)]
    return [f"## {title}\n", *body, ""]


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
            "Mục ghi *chưa được công bố* là thông tin nguồn công khai chưa có; "
            "niêm yết không tự điền thay.\n")
