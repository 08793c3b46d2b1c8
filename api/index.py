"""The search index: its schema, how it is built from the Catalogue, published and opened.

A build is a directory under the index root holding the Whoosh files and `meta.json`
(build id, document count, communes, fields, synonyms: everything the API needs that
is not a procedure). `root/current` is a symlink to the published build. Whoosh fails
searches when a writer commits under them, so a build is never changed after it is
published: a new build goes into a new directory, is checked, and the link is swapped
with a rename, which readers see atomically.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import shutil
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

import whoosh
from whoosh import fields, index
from whoosh.index import FileIndex

from api.analysis import FoldingTokenizer
from api.communes import CommuneDirectory
from api.query import MAX_WORDS, Synonyms, fold_synonyms
from api.search import search
from api.tables import Tables, load_tables, read_tables, save_tables
from generator import urls
from generator.catalogue.model import Catalogue, Commune, Procedure
from generator.text import fold_words

log = logging.getLogger(__name__)

CURRENT = "current"
META = "meta.json"
TABLES = "tables.pickle"
KEEP_BUILDS = 2
_BUILD_NAME = re.compile(r"^build-\d{8}T\d{6}Z-[0-9a-f]{6}$")

FOLD = FoldingTokenizer()
EXACT = FoldingTokenizer(exact=True)

# One document per procedure; communes are a filter (the `communes` keyword), not copies.
SCHEMA = fields.Schema(
    code=fields.ID(stored=True, unique=True),
    name=fields.TEXT(analyzer=FOLD, stored=True, field_boost=3.0),
    name_exact=fields.TEXT(analyzer=EXACT, field_boost=3.0),
    keywords=fields.TEXT(analyzer=FOLD, field_boost=2.0),
    body=fields.TEXT(analyzer=FOLD, field_boost=0.5),
    field=fields.ID(stored=True),
    field_name=fields.STORED(),
    level=fields.ID(stored=True),
    communes=fields.KEYWORD(stored=True),
    in_force=fields.STORED(),
    sample=fields.STORED(),
)


class SearchIndexError(RuntimeError):
    """A build that must not be published, or an index that cannot be opened."""


@dataclass(frozen=True)
class LoadedIndex:
    """An opened build: the Whoosh index, the tables read from it, and the build's metadata.

    Nothing in it changes after opening and queries read only the tables, so one
    LoadedIndex serves every request and thread of a worker until `current` moves.
    """

    ix: FileIndex
    meta: dict[str, Any]
    path: Path
    tables: Tables

    @property
    def build_id(self) -> str:
        """The build's directory name, which also keys the query cache."""
        return self.meta["build_id"]

    @cached_property
    def synonyms(self) -> Synonyms:
        """The build's synonyms, folded once."""
        return fold_synonyms(self.meta.get("synonyms", ()))

    @cached_property
    def communes(self) -> CommuneDirectory:
        """The build's communes, by code and by every name they answer to."""
        return CommuneDirectory(self.meta["communes"])

    @cached_property
    def fields(self) -> dict[str, dict[str, str]]:
        """The build's fields by slug."""
        return {item["slug"]: item for item in self.meta["fields"]}


def procedure_document(proc: Procedure, cat: Catalogue) -> dict[str, Any]:
    """The fields one procedure contributes to the index."""
    delivered = [c.code for c in cat.communes if proc.level == "commune" and proc.applies_to(c.code)]
    body = [proc.field, proc.agency, *proc.applicants, *proc.results, *(d.name for d in proc.documents)]
    return {
        "code": proc.code,
        "name": proc.name,
        "name_exact": proc.name,
        "keywords": "\n".join(proc.keywords),
        "body": "\n".join(filter(None, body)),
        "field": proc.field_slug,
        "field_name": proc.field,
        "level": proc.level,
        "communes": " ".join(delivered),
        "in_force": proc.in_force,
        "sample": proc.sample,
    }


def commune_entry(commune: Commune) -> dict[str, Any]:
    """What the API knows of a commune: enough to resolve a current or former name."""
    return {
        "code": commune.code,
        "name": commune.name,
        "kind": commune.kind,
        "former": [f.name for f in commune.former],
        "url": urls.commune_path(commune.code),
    }


def build_meta(cat: Catalogue, build_id: str) -> dict[str, Any]:
    """The metadata stored next to the Whoosh files of one build."""
    return {
        "build_id": build_id,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "whoosh": whoosh.versionstring(),
        "doc_count": len(cat.procedures),
        "province": cat.province,
        "communes": [commune_entry(c) for c in cat.communes],
        "fields": [{"name": name, "slug": procs[0].field_slug, "url": urls.field_path(procs[0].field_slug)}
                   for name, procs in cat.fields().items()],
        "synonyms": [[word, list(means)] for word, means in cat.synonyms],
    }


def build_index(cat: Catalogue, directory: Path, build_id: str | None = None) -> Path:
    """Write a complete index of `cat` into the new, empty `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=False)
    ix = index.create_in(str(directory), SCHEMA)
    writer = ix.writer()
    try:
        for proc in cat.procedures:
            writer.add_document(**procedure_document(proc, cat))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    save_tables(read_tables(ix), directory / TABLES)
    ix.close()
    meta = build_meta(cat, build_id or directory.name)
    (directory / META).write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return directory


def open_build(directory: Path) -> LoadedIndex:
    """Open one build read-only, with its metadata."""
    directory = Path(directory)
    try:
        meta = json.loads((directory / META).read_text(encoding="utf-8"))
        ix = index.open_dir(str(directory), readonly=True)
        tables = load_tables(directory / TABLES)
    except (OSError, ValueError, index.EmptyIndexError) as exc:
        raise SearchIndexError(f"{directory}: cannot open the search index ({exc})") from exc
    return LoadedIndex(ix, meta, directory, tables)


def verify_build(cat: Catalogue, directory: Path) -> None:
    """Refuse a build whose document count or smoke queries do not match `cat`.

    A build that ran out of disk once left a valid but empty index that opened fine,
    so opening is not enough: count the documents and search for some procedures.
    """
    loaded = open_build(directory)
    try:
        count = loaded.ix.doc_count()
        if count != len(cat.procedures) or loaded.meta.get("doc_count") != count:
            raise SearchIndexError(f"{directory}: index holds {count} documents, catalogue has {len(cat.procedures)}")
        if loaded.tables != read_tables(loaded.ix):
            raise SearchIndexError(f"{directory}: its saved search tables differ from its Whoosh index")
        for proc in smoke_procedures(cat):
            found = search(loaded, proc.code, limit=1)["results"]
            if not found or found[0]["code"] != proc.code:
                raise SearchIndexError(f"{directory}: smoke query {proc.code!r} did not find it")
            # Names may repeat across procedures, so ask for the name among the top 3.
            names = [hit["name"] for hit in search(loaded, proc.name, limit=3)["results"]]
            if len(fold_words(proc.name)) <= MAX_WORDS and proc.name not in names:
                raise SearchIndexError(f"{directory}: smoke query {proc.name!r} did not find {proc.code}")
    finally:
        loaded.ix.close()


def smoke_procedures(cat: Catalogue) -> list[Procedure]:
    """A few procedures spread over the catalogue (first, middle, last) to search for.

    Names longer than a query may be (MAX_WORDS) are searched for by code only: a query
    cut to its first words cannot tell apart long names that begin alike.
    """
    procs = cat.procedures
    picks = {0, len(procs) // 2, len(procs) - 1} if procs else set()
    return [procs[i] for i in sorted(picks)]


def new_build_id() -> str:
    """A sortable, unique name for a build directory."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"build-{stamp}-{secrets.token_hex(3)}"


def publish_index(cat: Catalogue, root: Path) -> Path:
    """Build `cat` into root/<new build>, verify it, swap root/current to it; return the build.

    Keeps the newly published build and the one before it (requests still running on
    the old one finish), and removes older builds. On any failure the new directory
    is removed and root/current is left as it was.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    link = root / CURRENT
    if link.exists() and not link.is_symlink():
        raise SearchIndexError(f"{link} exists and is not a symlink; move it away before publishing")
    build_id = new_build_id()
    build = root / build_id
    try:
        build_index(cat, build, build_id)
        verify_build(cat, build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    previous = Path(os.readlink(link)).name if link.is_symlink() else None
    swap_link(link, build_id)
    log.info("published search index %s (%d procedures)", build_id, len(cat.procedures))
    prune_builds(root, keep={build_id, previous})
    return build


def swap_link(link: Path, target: str) -> None:
    """Point `link` at `target` with one rename, so no reader ever sees it missing."""
    tmp = link.with_name(f".{link.name}-{secrets.token_hex(4)}")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def prune_builds(root: Path, keep: set[str | None]) -> list[Path]:
    """Remove build directories under `root` not named in `keep`; return what was removed."""
    removed = []
    for child in sorted(root.iterdir()):
        if _BUILD_NAME.match(child.name) and child.name not in keep and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
            removed.append(child)
    return removed


class IndexHolder:
    """The published index as the server sees it, reopened whenever `current` moves.

    Whoosh's `searcher.up_to_date()` still says yes after a symlink swap, so the link
    itself is read on every request (one readlink) and the build reopened when it changed.
    Whoosh searchers are not safe to share between threads, so none is kept: opening a
    build reads what queries need into immutable tables (api.tables) with one searcher,
    closed before any request sees the build.

    A swap never fails a request: while one thread opens the new build (tens of
    milliseconds), the others keep answering from the one already open; a build pruned
    before it could be opened (two quick publishes) is skipped for whatever `current`
    points at next; and a build that cannot be opened leaves the last good one serving
    (logged once) until the link moves again.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self._opened: tuple[str, LoadedIndex] | None = None  # (link target, index), swapped whole
        self._failed: str | None = None  # a target that could not be opened

    def _target(self) -> str:
        link = self.root / CURRENT
        try:
            return os.readlink(link)
        except OSError as exc:
            raise SearchIndexError(f"no published search index at {link}") from exc

    def get(self) -> LoadedIndex:
        """The index `current` points at now; SearchIndexError if there is none."""
        target = self._target()
        opened = self._opened
        if opened is not None and (opened[0] == target or self._failed == target):
            return opened[1]
        # Someone else is opening it: answer from the open build rather than wait.
        if not self._lock.acquire(blocking=opened is None):
            return opened[1]  # type: ignore[index]
        try:
            for _ in range(3):
                opened = self._opened
                if opened is not None and opened[0] == target:
                    return opened[1]
                try:
                    loaded = open_build(self.root / target)
                except SearchIndexError:
                    moved = self._target()
                    if moved != target:  # pruned by a newer publish while we opened it
                        target = moved
                        continue
                    if opened is None:
                        raise
                    self._failed = target
                    log.error("cannot open search index %s; still serving %s", target, opened[0])
                    return opened[1]
                self._opened, self._failed = (target, loaded), None
                log.info("opened search index %s", target)
                return loaded
            raise SearchIndexError(f"{self.root / CURRENT} kept moving while it was opened")
        finally:
            self._lock.release()
