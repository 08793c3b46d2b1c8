"""Render each site page as Markdown: pure functions of the catalogue, no disk.

Links are written relative to the page (mkdocs and any static host resolve them, and
the site keeps working under a sub-path), using paths made only by `generator.urls`.
"""

from __future__ import annotations

import json
import posixpath

from generator import jsonld, urls
from generator.markup import MODE_LABELS, NOT_PUBLISHED, block, day, inline, link, or_unpublished
from generator.model import Catalogue, Commune, Procedure


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


# "Nghe" (listen) and "Chia sẻ" (share), made to work by assets/page-tools.js where the
# phone can: invisible until then, their room kept so that nothing moves when they appear.
TOOLS = ('<div class="ny-tools" data-ny-tools>'
         '<button type="button" class="ny-tool" data-ny-listen aria-pressed="false">Nghe</button>'
         '<button type="button" class="ny-tool" data-ny-share>Chia sẻ</button></div>\n')


def office_lines(commune: Commune) -> list[str]:
    """Where and when a resident of `commune` can go in person."""
    office = commune.office
    return [
        f"- **Nơi tiếp nhận:** {inline(commune.service_centre)}",
        f"- **Địa chỉ:** {or_unpublished(office.address)}",
        f"- **Giờ làm việc:** {or_unpublished(office.hours)}",
        f"- **Điện thoại:** {or_unpublished(office.phone)}",
    ]


def procedure_page(cat: Catalogue, proc: Procedure, commune: Commune | None,
                   card: list[str] | tuple[str, ...] = ()) -> str:
    """One procedure, in one commune's context (or province-wide when commune is None).

    `card` names the files of this procedure's printed card in the commune's print folder,
    so a clerk who finds a procedure can print its card from the same page."""
    here = urls.procedure_path(commune.code, proc.code) if commune else urls.national_path(proc.code)
    where = f" — {commune.name}" if commune else ""
    meta = {"jsonld": jsonld.government_service(cat, proc, commune),
            "kind": "procedure", "search": "bottom", "scripts": ["page-tools"]}
    out = [front_matter(f"{proc.name}{where}", f"Mã thủ tục {proc.code}, lĩnh vực {proc.field}", **meta)]
    out.append(f"# {inline(proc.name)}\n")
    out.append(TOOLS)
    out.append(_status_notice(cat, proc, commune, here))
    out.append(f"Mã thủ tục **{proc.code}** · Lĩnh vực: {link(proc.field, rel(here, urls.field_path(proc.field_slug)))}"
               + (" · *Dữ liệu mẫu, không dùng để thực hiện thủ tục*" if proc.sample else "") + "\n")
    if commune:
        out.append(f"## Nộp hồ sơ tại {inline(commune.name)}\n")
        out += office_lines(commune)
        out.append(f"- **Trang của xã/phường:** {link(commune.name, rel(here, urls.commune_path(commune.code)))}\n")
    online = proc.online_link(commune.code) if commune else proc.online_service
    if online:
        out.append(f"**Nộp trực tuyến:** {link('Mở dịch vụ công trực tuyến', online)}\n")
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
        target = urls.procedure_path(commune.code, succ.code) if commune else urls.national_path(succ.code)
        text = f"Thủ tục này đã được thay thế bởi {link(succ.name, rel(here, target))}."
    else:
        return ""
    return f'!!! warning "Không còn áp dụng"\n    {text}\n'


def _facts(proc: Procedure) -> list[str]:
    out = ["## Cách thức thực hiện\n"]
    if proc.channels:
        out.append("| Hình thức nộp | Thời hạn giải quyết | Phí, lệ phí |\n|---|---|---|")
        for ch in proc.channels:
            out.append(f"| {MODE_LABELS[ch.mode]} | {or_unpublished(ch.time_limit)} | {or_unpublished(ch.fee)} |")
        out.append("")
    else:
        out.append(f"*{NOT_PUBLISHED}.*\n")
    out.append("## Thành phần hồ sơ\n")
    out += _documents(proc) or [f"*{NOT_PUBLISHED}.*\n"]
    out += _section("Trình tự thực hiện", [block(s) for s in proc.steps], numbered=True)
    out += _section("Đối tượng thực hiện", [inline(a) for a in proc.applicants])
    agencies = [f"Cơ quan thực hiện: {or_unpublished(proc.agency)}"]
    if proc.authority:
        agencies.append(f"Cơ quan có thẩm quyền: {inline(proc.authority)}")
    out += _section("Cơ quan", agencies)
    out += _section("Kết quả thực hiện", [inline(r) for r in proc.results])
    out += _section("Căn cứ pháp lý", [inline(b.number) + (f" — {inline(b.title)}" if b.title else "")
                                       for b in proc.legal_basis])
    out += _section("Yêu cầu, điều kiện thực hiện", [block(proc.conditions)] if proc.conditions else [])
    return out


def _documents(proc: Procedure) -> list[str]:
    out, group = [], None
    for doc in proc.documents:
        if doc.group != group and doc.group:
            out.append(f"\n**{inline(doc.group)}**\n")
        group = doc.group
        form = f" — {link('tải mẫu', doc.form_url)}" if doc.form_url else ""
        out.append(f"- {inline(doc.name)}" + (f" ({doc.counts})" if doc.counts else "") + form)
    return out + [""] if out else []


def _section(title: str, items: list[str], numbered: bool = False) -> list[str]:
    if not items:
        return [f"## {title}\n", f"*{NOT_PUBLISHED}.*\n"]
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
