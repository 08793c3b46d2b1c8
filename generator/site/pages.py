"""Decide every page of the site and write its Markdown, touching only what changed.

Pages are a pure function of the catalogue (`site_pages`). `write_pages` leaves a file
alone when its text is unchanged, so its modification time stays old and mkdocs' dirty
build skips it: a change to one procedure re-renders only the pages that show it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable

from generator.site import listings, procedure

from generator import urls
from generator.site.listings import PosterLink
from generator.catalogue.model import Catalogue, Commune

PosterLister = Callable[[Catalogue, Commune], list[PosterLink]]


def md_path(url_path: str) -> str:
    """Markdown file for a page URL: /03127/1.001193/ -> 03127/1.001193/index.md."""
    inner = url_path.strip("/")
    return f"{inner}/index.md" if inner else "index.md"


def site_pages(cat: Catalogue, posters: PosterLister | None = None) -> dict[str, str]:
    """Every generated page, as {URL path: Markdown}."""
    out = {"/": listings.home_page(cat), urls.COMMUNES: listings.communes_page(cat),
           urls.FIELDS: listings.fields_page(cat), urls.search_page_path(): listings.search_page(cat)}
    for name, procs in cat.fields().items():
        out[urls.field_path(procs[0].field_slug)] = listings.field_page(cat, name, procs)
    for proc in cat.procedures:
        out[urls.national_path(proc.code)] = procedure.procedure_page(cat, proc, None)
    for commune in cat.communes:
        links = posters(cat, commune) if posters else []
        out[urls.commune_path(commune.code)] = listings.commune_page(cat, commune, links)
        if links:
            out[urls.prints_path(commune.code)] = listings.prints_page(cat, commune, links)
        for proc in cat.procedures_for(commune.code):
            card = [f"{p.filename}#page={p.page + side}" for p in links if p.procedure == proc.code
                    for side in range(p.pages)]
            out[urls.procedure_path(commune.code, proc.code)] = procedure.procedure_page(cat, proc, commune, card)
    return out


def poster_links(cat: Catalogue, commune: Commune, cache_dir: Path | None = None) -> list[PosterLink]:
    """The commune's printable files as the posters package will write them (remembered in
    `cache_dir`, the posters' cache, when given)."""
    from generator.posters.write import listed_files  # drawing code loads only for posters

    files = listed_files(commune, cat.procedures_for(commune.code), cache_dir,
                         cat.field_order.for_commune(commune.code))
    return [PosterLink(f.title, f.filename, f.format, f.procedure, f.pages, f.page) for f in files]


def shard_of(url_path: str, shards: int) -> int:
    """Which mkdocs build renders a page: commune pages spread over shards 1.., the rest in 0.

    A commune's page and its procedure pages stay together, so one shard owns each
    commune; the hash keeps that assignment stable when communes are added.
    """
    first = url_path.strip("/").split("/")[0]
    if shards <= 1 or not first.isdigit():
        return 0
    return 1 + int(hashlib.sha1(first.encode()).hexdigest(), 16) % (shards - 1)


def write_pages(files: dict[str, str], docs_dir: Path) -> tuple[list[Path], list[Path]]:
    """Write {docs-relative .md path: text}; delete other .md files; return (written, removed).

    Unchanged files are not touched, so mkdocs' dirty build knows they need no rendering.
    """
    written, wanted = [], set()
    for rel_path, text in files.items():
        target = docs_dir / rel_path
        wanted.add(target)
        data = text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    removed = [p for p in docs_dir.rglob("*.md") if p not in wanted]
    for path in removed:
        path.unlink()
    return written, removed
