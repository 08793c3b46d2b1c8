"""What a poster says about a procedure and an office, in the words printed on paper.

Only published facts are printed. Where the catalogue has nothing, the poster says
"chưa được công bố" (not yet published) instead of leaving a blank a reader might take
for "free" or "same day". When channels publish different values, each is labelled
with its channel so an in-person fee is never shown as the online one.
"""

from __future__ import annotations

from datetime import date

from generator.site import markup
from generator.catalogue.model import Commune, Document, Procedure, by_field

NOT_PUBLISHED = markup.NOT_PUBLISHED.lower()  # after a label: "Địa chỉ: chưa được công bố"
MODE_LABELS = {"in_person": "Trực tiếp", "online": "Trực tuyến", "post": "Qua bưu chính"}
NOTES_GROUP = "Lưu ý"  # a dossier "group" of remarks, not papers to bring
BULLETS = "-+•*–"


def clean(text: str) -> str:
    """One line of source text as printed: runs of spaces folded, leading bullet dropped."""
    return " ".join(text.split()).lstrip(BULLETS).strip()


def time_limit_text(proc: Procedure) -> str:
    """The time limit (thời hạn giải quyết) as published, per channel where they differ, or
    per case (trường hợp) where the source gives it that way."""
    text = _per_channel(proc, "time_limit")
    if text == NOT_PUBLISHED and proc.cases:
        cases = [f"{clean(case.name)}: {clean(case.time_limit)}" if case.name else clean(case.time_limit)
                 for case in proc.cases]
        return "Theo từng trường hợp: " + "; ".join(cases)
    return text


def fee_text(proc: Procedure) -> str:
    """The fee (phí, lệ phí) as published, per channel where they differ."""
    return _per_channel(proc, "fee")


def _per_channel(proc: Procedure, attr: str) -> str:
    values: dict[str, list[str]] = {}
    for channel in proc.channels:
        value = getattr(channel, attr)
        if value:
            values.setdefault(clean(value), []).append(MODE_LABELS.get(channel.mode, channel.mode))
    if not values:
        return NOT_PUBLISHED
    texts = list(values)
    if len(texts) == 1 and len(values[texts[0]]) == len(proc.channels):
        return texts[0]
    return "; ".join(f"{', '.join(modes)}: {text}" for text, modes in values.items())


def documents_to_bring(proc: Procedure) -> list[str]:
    """The papers of the dossier, each with how many originals and copies, notes left out."""
    return [_document_line(doc) for doc in proc.documents if doc.group != NOTES_GROUP]


def _document_line(doc: Document) -> str:
    name = clean(doc.name)
    return f"{name} ({doc.counts})" if doc.counts else name


def office_lines(commune: Commune) -> list[tuple[str, str]]:
    """(label, value) for the commune's office: address, hours and phone, or not published."""
    office = commune.office
    return [
        ("Địa chỉ", office.address or NOT_PUBLISHED),
        ("Giờ làm việc", office.hours or NOT_PUBLISHED),
        ("Điện thoại", office.phone or NOT_PUBLISHED),
    ]


def checked_on(procs: tuple[Procedure, ...] | list[Procedure]) -> date | None:
    """The most recent date the poster's facts were checked against their source."""
    return max((proc.source.checked for proc in procs), default=None)


def group_by_field(procs: tuple[Procedure, ...] | list[Procedure],
                   first: tuple[str, ...] = ()) -> list[tuple[str, list[Procedure]]]:
    """Procedures grouped by field (lĩnh vực), codes in order within each: the fields named in
    `first` (a commune's field order) in that order, then the others alphabetically."""
    groups = by_field(sorted(procs, key=lambda p: p.code))
    named = [name for name in first if name in groups]
    rest = [name for name in groups if name not in first]
    return [(name, list(groups[name])) for name in named + rest]


def posted(procs: tuple[Procedure, ...] | list[Procedure]) -> list[Procedure]:
    """The procedures a notice board lists: those still in force."""
    return [proc for proc in procs if proc.in_force]
