"""Small static search files, so the site's search box still works when the API does not.

One JSON file per commune (/03127/tim-kiem.json: that commune's procedures, with its page
URLs) and one for the province (/tim-kiem.json: every procedure, province-wide URLs).
docs/assets/search.js falls back to them offline. Each item carries the folded words it
can be found by besides its name (keywords, and the everyday words of the synonyms file
that mean something in them); the browser folds names and queries with the same rule
as fold() (tests/data/fold_cases.json checks both).
Only generator modules are imported here: generator never depends on api.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import urls
from generator.catalogue.model import Catalogue, Procedure
from generator.release.publish import write_new
from generator.text import fold_words, slugify

FORMAT = 1
COLUMNS = ["code", "name", "words", "field", "url"]


def contains(words: list[str], phrase: list[str]) -> bool:
    """True when `phrase` occurs in `words` as consecutive whole words."""
    n = len(phrase)
    return n > 0 and any(words[i:i + n] == phrase for i in range(len(words) - n + 1))


def search_words(proc: Procedure, cat: Catalogue) -> str:
    """The folded words a procedure is found by besides its name (which the browser folds
    itself): keywords and the everyday words that mean something in them, each once."""
    name = fold_words(proc.name)
    words = name + fold_words(" ".join(proc.keywords))
    for everyday, means in cat.synonyms:
        if any(contains(words, fold_words(meaning)) for meaning in means):
            words += fold_words(everyday)
    named = set(name)
    return " ".join(word for word in dict.fromkeys(words) if word not in named)


def offline_index(cat: Catalogue, commune: str | None = None) -> dict[str, Any]:
    """The offline search data of one commune, or of the whole province when `commune` is None."""
    procs = cat.procedures_for(commune) if commune else cat.procedures
    fields = sorted({proc.field for proc in procs}, key=slugify)
    column = {name: i for i, name in enumerate(fields)}
    items = [
        [proc.code, proc.name, search_words(proc, cat), column[proc.field],
         urls.procedure_path(commune, proc.code) if commune else urls.national_path(proc.code)]
        for proc in procs
    ]
    place = None
    if commune:
        place = {"code": commune, "name": cat.commune(commune).name, "url": urls.commune_path(commune)}
    return {"format": FORMAT, "commune": place, "columns": COLUMNS, "fields": fields, "items": items}


def write_offline_index(cat: Catalogue, out_site_root: Path) -> list[Path]:
    """Write /tim-kiem.json and /<commune>/tim-kiem.json under the site folder; return the paths."""
    out_site_root = Path(out_site_root)
    written = []
    for commune in [None, *(c.code for c in cat.communes)]:
        target = out_site_root / urls.offline_index_path(commune).lstrip("/")
        data = json.dumps(offline_index(cat, commune), ensure_ascii=False, separators=(",", ":"))
        write_new(target, data.encode("utf-8"))
        written.append(target)
    return written
