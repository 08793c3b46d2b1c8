"""How heavy each page will be, known before mkdocs runs, so `niemyet validate` refuses a
catalogue whose pages the build would refuse as too heavy (checks.MAX_PAGE_BYTES).

The estimate is an upper bound, from the page's own Markdown (so it follows the templates
as they change): the theme's fixed part, the title and description twice escaped into
the head and header, the JSON-LD as Jinja's `tojson` writes it, and the body with room
for the tags Markdown adds to each line and the id of each heading. tests/test_budget.py
checks it stays above the real size of every page of several built sites.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.site import listings, procedure

from generator import urls
from generator.catalogue.model import Catalogue, Commune, Procedure

# The theme's part of a page (head, header, navigation, search box, footer) and what the
# rules below leave out: at most 2.6 kB on the 21,109 pages of the imported catalogue
# (456 procedures) with overrides/main.html (11.4 kB with material's base.html), with
# the weights below, rounded up.
THEME_BYTES = 4_000
# What Markdown adds to the body, at most: per line (<p></p>, line breaks), per list item
# (<li></li> for "- "), per link (<a href=""></a> for [](<>)), per table row and cell
# (<tr>, <td></td>), per heading (its id and tags; the theme has no table of contents).
LINE_BYTES = 6
ITEM_BYTES = 4
LINK_BYTES = 8
ROW_BYTES = 3
CELL_BYTES = 12
HEADING_BYTES = 40
# The longest label of a commune's online-service level, with its sentence.
LEVEL_BYTES = 200
_HEADING = re.compile(r"^#{1,6} (.*)$", re.M)
_ITEM = re.compile(r"^\s*(?:- |\d+\. )", re.M)
_ROW = re.compile(r"^\|(?!-).*$", re.M)


@dataclass(frozen=True)
class Estimate:
    """The upper bound of one page's size, which page it is and the file that decides it
    (None for a list, which every file feeds)."""

    url_path: str
    bytes: int
    path: Path | None = None


def page_bytes(markdown: str) -> int:
    """An upper bound of the HTML bytes mkdocs writes for a page generated as `markdown`."""
    _, head, body = markdown.split("---\n", 2)
    meta = {key: json.loads(value) for key, _, value in (line.partition(": ") for line in head.splitlines())}
    size = THEME_BYTES + 2 * len(meta.get("title", "").encode()) + len(meta.get("description", "").encode())
    if "jsonld" in meta:
        data = json.dumps(meta["jsonld"], sort_keys=True)
        size += len(data) + 5 * sum(data.count(c) for c in "<>&'")
    headings = sum(2 * len(m.group(1).encode()) + HEADING_BYTES for m in _HEADING.finditer(body))
    rows = _ROW.findall(body)
    tables = ROW_BYTES * len(rows) + CELL_BYTES * sum(row.count("|") - 1 for row in rows)
    return (size + len(body.encode()) + LINE_BYTES * (body.count("\n") + 1) + ITEM_BYTES * len(_ITEM.findall(body))
            + LINK_BYTES * body.count("](") + headings + tables)


def heaviest_commune(cat: Catalogue) -> Commune | None:
    """The commune whose own text (name, office) weighs most on a procedure's page,
    measured on the page of a procedure received at the commune's service centre (so its
    office is shown) and without any commune's own link or body."""
    if not cat.procedures:
        return None
    plain = dataclasses.replace(cat.procedures[0], local=(), communes=None, replaced_by=None, withdrawn=None,
                                agency="Ủy ban nhân dân cấp xã")
    return max(cat.communes, key=lambda c: page_bytes(procedure.procedure_page(cat, plain, c)), default=None)


def _local_allowance(proc: Procedure) -> int:
    """What one commune's own entry can add to a procedure's page: its online link,
    escaped, in the link and the JSON-LD, the label of its level, and the body that
    receives the file there (in place of the office, at most twice, escaped)."""
    if not proc.local:
        return 0
    longest = max(12 * len(item.online_service or "") + 12 * len(item.agency or "") for item in proc.local)
    return longest + LEVEL_BYTES


def commune_pages(cat: Catalogue) -> list[Estimate]:
    """Every commune's page. Communes listing the same procedures share the list's weight
    (its links are relative: the same bytes in every commune), so each page is its own
    header, measured alone, plus one list measured once."""
    empty = dataclasses.replace(cat, procedures=())
    groups: dict[tuple[str, ...], list[Commune]] = {}
    for commune in cat.communes:
        groups.setdefault(tuple(p.code for p in cat.procedures_for(commune.code)), []).append(commune)
    out = []
    for members in groups.values():
        first = members[0]
        listed = (page_bytes(listings.commune_page(cat, first, []))
                  - page_bytes(listings.commune_page(empty, first, [])))
        out += [Estimate(urls.commune_path(c.code), page_bytes(listings.commune_page(empty, c, [])) + listed)
                for c in members]
    return out


def estimates(cat: Catalogue) -> list[Estimate]:
    """The estimated size of every page whose size depends on the catalogue: each
    procedure province-wide and in the heaviest commune (with room for any commune's own
    online link), and every list."""
    out = []
    heavy = heaviest_commune(cat)
    for proc in cat.procedures:
        out.append(Estimate(urls.national_path(proc.code), page_bytes(procedure.procedure_page(cat, proc, None)),
                            proc.path))
        if heavy and proc.level == "commune":
            out.append(Estimate(urls.procedure_path(heavy.code, proc.code),
                                page_bytes(procedure.procedure_page(cat, proc, heavy)) + _local_allowance(proc),
                                proc.path))
    lists = {"/": listings.home_page(cat), urls.COMMUNES: listings.communes_page(cat),
             urls.FIELDS: listings.fields_page(cat), urls.search_page_path(): listings.search_page(cat)}
    for name, procs in cat.fields().items():
        lists[urls.field_path(procs[0].field_slug)] = listings.field_page(cat, name, procs)
    out += [Estimate(path, page_bytes(text)) for path, text in lists.items()]
    return out + commune_pages(cat)
