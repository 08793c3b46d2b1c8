"""Pages for printed URLs whose commune or procedure scope has changed since printing.

When a commune is merged into another, the register lists its code among the successor's
former units; when a procedure stops being delivered by a commune, it remains in the
catalogue. Either way a ledger path that no regular page answers gets a page that says
plainly what happened and links to where to go now. A path for a procedure that is gone
from the catalogue entirely gets nothing, so the build refuses it (see generator.release.ledger).
"""

from __future__ import annotations

from generator import urls
from generator.site.markup import inline, link
from generator.catalogue.model import Catalogue, Commune
from generator.site.procedure import front_matter, rel


def _successors(cat: Catalogue) -> dict[str, tuple[Commune, str]]:
    """Former unit code -> (the commune that absorbed it, the former unit's name)."""
    current = {c.code for c in cat.communes}
    return {f.code: (c, f.name) for c in cat.communes for f in c.former if f.code and f.code not in current}


def moved_pages(cat: Catalogue, ledger_paths: list[str], pages: dict[str, str]) -> dict[str, str]:
    """A page for each ledger path that no regular page answers but the catalogue can explain."""
    successors = _successors(cat)
    codes = {p.code for p in cat.procedures}
    out = {}
    for path in ledger_paths:
        if path in pages:
            continue
        parts = path.strip("/").split("/")
        if len(parts) > 2 or (len(parts) == 2 and parts[1] not in codes):
            continue
        place, proc_code = parts[0], (parts[1] if len(parts) == 2 else None)
        if place in successors:
            out[path] = _merged_commune_page(cat, path, *successors[place], proc_code)
        elif proc_code and any(c.code == place for c in cat.communes):
            out[path] = _not_here_page(cat, path, cat.commune(place), proc_code)
    return out


def _merged_commune_page(cat: Catalogue, here: str, commune: Commune, old_name: str,
                         proc_code: str | None) -> str:
    target = urls.commune_path(commune.code)
    if proc_code:
        proc = cat.procedure(proc_code)
        delivered = proc.applies_to(commune.code) and proc.level == "commune"
        target = urls.procedure_path(commune.code, proc_code) if delivered else urls.national_path(proc_code)
    return (front_matter(f"{old_name}: nay thuộc {commune.name}")
            + f"# {inline(old_name)} nay thuộc {inline(commune.name)}\n\n"
            + f"Địa bàn {inline(old_name)} đã được sáp nhập vào {inline(commune.name)}. "
            + f"Mời xem tại {link(commune.name if not proc_code else 'trang thủ tục mới', rel(here, target))}.\n")


def _not_here_page(cat: Catalogue, here: str, commune: Commune, proc_code: str) -> str:
    proc = cat.procedure(proc_code)
    return (front_matter(f"{proc.name} — {commune.name}")
            + f"# {inline(proc.name)}\n\n"
            + f"Thủ tục này không còn thực hiện tại {inline(commune.name)}. "
            + f"Xem {link('nơi thực hiện thủ tục', rel(here, urls.national_path(proc_code)))} "
            + f"hoặc {link('các thủ tục của ' + commune.name, rel(here, urls.commune_path(commune.code)))}.\n")
