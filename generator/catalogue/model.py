"""The typed catalogue every output reads: built only by `catalogue.load_catalogue`.

Frozen dataclasses with tuples, so nothing can change a catalogue halfway through a
build. A field left as None means the public source does not give it: pages say "not
yet published" rather than guess (niemyet never invents a fee, a time limit or a law).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Iterable

import re

from generator.text import fold, slugify

CHANNEL_MODES = ("in_person", "online", "post")
# A body named as the commune's People's Committee, folded ("Ủy ban nhân dân cấp xã", "UBND xã").
_PEOPLES_COMMITTEE = re.compile(r"\b(uy ban nhan dan|ubnd)\b")
# "other": the portal lists "Cấp xã" among the procedure's levels but names no commune body
# acting (tax, customs, social insurance, treasury offices...): a province-wide page, on no
# commune's list or board.
LEVELS = ("commune", "province", "other")
COMMUNE_KINDS = ("xã", "phường")


@dataclass(frozen=True)
class Source:
    """Where the facts of a procedure were published, and when we last checked them."""

    title: str
    checked: date
    url: str | None = None
    decision: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class Channel:
    """One way to submit (cách thức thực hiện), with its own time limit and fee as published."""

    mode: str
    time_limit: str | None = None
    fee: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Case:
    """One case (trường hợp) of a procedure whose time limit depends on the case."""

    time_limit: str
    name: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Document:
    """One paper of the dossier (thành phần hồ sơ)."""

    name: str
    originals: int | None = None
    copies: int | None = None
    form_url: str | None = None
    group: str | None = None

    @property
    def counts(self) -> str:
        """How many to bring, as pages and cards both say it: "1 bản chính, 2 bản sao" ("" if unknown)."""
        return ", ".join(f"{n} {label}" for n, label in ((self.originals, "bản chính"), (self.copies, "bản sao")) if n)


@dataclass(frozen=True)
class LegalBasis:
    """One legal document the procedure rests on (căn cứ pháp lý)."""

    number: str
    title: str | None = None


@dataclass(frozen=True)
class Withdrawal:
    """A procedure no longer in force: its page stays, saying so, because posters outlive it."""

    date: date
    reason: str


ONLINE_LEVELS = {"full": "Dịch vụ công trực tuyến toàn trình", "partial": "Dịch vụ công trực tuyến một phần"}
MILITARY_AGENCY = "G11."  # agency codes of the communes' military commands on the portal


@dataclass(frozen=True)
class LocalService:
    """What one commune adds to a national procedure: its online link and level, and the
    body of that commune the portal lists as delivering it (agency code and name)."""

    commune: str
    online_service: str | None = None
    online_level: str | None = None  # "full" (toàn trình) or "partial" (một phần)
    agency_code: str | None = None
    agency: str | None = None

    @property
    def is_military(self) -> bool:
        """True when the commune's military command, not its People's Committee, delivers it."""
        return bool(self.agency_code and self.agency_code.startswith(MILITARY_AGENCY))


@dataclass(frozen=True)
class Procedure:
    """One national procedure, delivered by many communes (GOV.UK's local transaction)."""

    code: str
    name: str
    level: str
    field: str
    source: Source
    path: Path
    agency: str | None = None
    authority: str | None = None
    applicants: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    channels: tuple[Channel, ...] = ()
    cases: tuple[Case, ...] = ()
    documents: tuple[Document, ...] = ()
    results: tuple[str, ...] = ()
    legal_basis: tuple[LegalBasis, ...] = ()
    conditions: str | None = None
    online_service: str | None = None
    online_level: str | None = None  # "full" (toàn trình) or "partial" (một phần)
    keywords: tuple[str, ...] = ()
    communes: tuple[str, ...] | None = None  # None: every commune of the province
    local: tuple[LocalService, ...] = ()
    replaced_by: str | None = None
    withdrawn: Withdrawal | None = None
    sample: bool = False

    @property
    def field_slug(self) -> str:
        """URL part of the procedure's field ("Hộ tịch" -> "ho-tich")."""
        return slugify(self.field)

    @property
    def in_force(self) -> bool:
        """True unless the procedure was withdrawn or replaced by another."""
        return self.withdrawn is None and self.replaced_by is None

    @property
    def is_complete(self) -> bool:
        """True when the core facts a resident needs are all published: steps, documents,
        legal basis, and a way to submit with its time limit."""
        return bool(self.steps and self.documents and self.legal_basis and self.time_limits)

    @property
    def time_limits(self) -> tuple[str, ...]:
        """The distinct time limits published, per channel or per case."""
        limits = [ch.time_limit for ch in self.channels if ch.time_limit] + [c.time_limit for c in self.cases]
        return tuple(dict.fromkeys(limits))

    def received_by(self, commune: Commune) -> str | None:
        """Who receives the file in `commune`, in the words of a source, or None if no
        source says. The commune's military command receives its own procedures; the
        People's Committee's procedures go through the commune's service centre."""
        local = self.local_for(commune.code)
        if local and local.is_military:
            return local.agency
        if local and local.agency_code:
            return commune.service_centre
        if self.agency and _PEOPLES_COMMITTEE.search(fold(self.agency)):
            return commune.service_centre
        return self.agency

    def local_for(self, commune: str) -> LocalService | None:
        """The commune's own additions to this procedure, if it has any."""
        return next((item for item in self.local if item.commune == commune), None)

    def online_link(self, commune: str) -> str | None:
        """The online-service link a resident of `commune` should use."""
        local = self.local_for(commune)
        if local and local.online_service:
            return local.online_service
        return self.online_service

    def online_level_for(self, commune: str) -> str | None:
        """The level ("full" or "partial") of the online service `commune` offers."""
        local = self.local_for(commune)
        if local and local.online_service:
            return local.online_level
        return self.online_level if self.online_service else None

    def applies_to(self, commune: str) -> bool:
        """True when `commune` delivers this procedure."""
        return self.communes is None or commune in self.communes


@dataclass(frozen=True)
class FormerUnit:
    """A commune-level unit merged away on 1 July 2025, whose name residents still use."""

    name: str
    district: str | None = None
    code: str | None = None


@dataclass(frozen=True)
class Office:
    """The commune's Public Administrative Service Center; None where unsourced."""

    address: str | None = None
    hours: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Commune:
    """One of the province's commune-level units (xã or phường) after the 2025 merger."""

    code: str
    name: str
    kind: str
    former: tuple[FormerUnit, ...] = ()
    agency_code: str | None = None
    military_agency_code: str | None = None
    office: Office = field(default_factory=Office)

    @property
    def service_centre(self) -> str:
        """Where residents submit in person, named the same on pages, posters and JSON-LD."""
        return f"Trung tâm Phục vụ hành chính công {self.name}"

    @property
    def short_name(self) -> str:
        """The name without "Xã"/"Phường", as residents say it."""
        for prefix in ("Xã ", "Phường "):
            if self.name.startswith(prefix):
                return self.name[len(prefix):]
        return self.name


@dataclass(frozen=True)
class CommuneSet:
    """The communes of the province and where that list came from."""

    province: str
    source: str
    communes: tuple[Commune, ...]


@dataclass(frozen=True)
class NationalList:
    """The national list of procedure codes a commune's service centre handles, by field:
    what the catalogue should cover, so coverage is measured rather than claimed."""

    source: str
    exported: date | None
    fields: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class FieldOrder:
    """Which fields a notice board shows first, each from a new sheet (`_poster_order.yml`).

    Residents come for a few fields (civil status, certification, social protection...);
    putting them first, on sheets of their own, lets a counter post only its fields and a
    commune replace one field's sheets. A commune may set its own list in place of the
    province's; fields in neither follow, in alphabetical order.
    """

    fields: tuple[str, ...] = ()
    communes: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def for_commune(self, code: str) -> tuple[str, ...]:
        """The fields `code` puts first, in order."""
        return dict(self.communes).get(code, self.fields)


@dataclass(frozen=True)
class Catalogue:
    """Everything niemyet publishes, validated and loaded once."""

    province: str
    communes_source: str
    communes: tuple[Commune, ...]
    procedures: tuple[Procedure, ...]
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    national_list: NationalList | None = None
    field_order: FieldOrder = field(default_factory=FieldOrder)

    @cached_property
    def _communes_by_code(self) -> dict[str, Commune]:
        return {item.code: item for item in self.communes}

    @cached_property
    def _procedures_by_code(self) -> dict[str, Procedure]:
        return {item.code: item for item in self.procedures}

    def commune(self, code: str) -> Commune:
        """The commune with this code; KeyError if there is none."""
        return self._communes_by_code[code]

    def procedure(self, code: str) -> Procedure:
        """The procedure with this code; KeyError if there is none."""
        return self._procedures_by_code[code]

    def procedures_for(self, commune: str) -> tuple[Procedure, ...]:
        """Procedures delivered by `commune`, in code order."""
        return tuple(p for p in self.procedures if p.level == "commune" and p.applies_to(commune))

    def fields(self) -> dict[str, tuple[Procedure, ...]]:
        """Procedures grouped by field name, fields in Vietnamese alphabetical order."""
        return by_field(self.procedures)


def by_field(procs: Iterable[Procedure]) -> dict[str, tuple[Procedure, ...]]:
    """Procedures grouped by field (lĩnh vực), fields in Vietnamese alphabetical order, each
    keeping the order given: the one order of fields for pages, boards and the index."""
    groups: dict[str, list[Procedure]] = {}
    for proc in procs:
        groups.setdefault(proc.field, []).append(proc)
    return {name: tuple(groups[name]) for name in sorted(groups, key=lambda n: (slugify(n), n))}
