"""The shape of a procedure file and of the communes file, kept as data.

A checker walks a parsed YAML value against these shapes and reports every problem it
finds (not just the first), each with the field's path as spelled in the file and its
line, so a clerk can fix a whole file in one pass.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable
from urllib.parse import urlsplit

TEXT = "văn bản"
WHOLE = "số nguyên không âm"
FLAG = "true hoặc false"
DAY = "ngày dạng YYYY-MM-DD"
URL = "URL http(s)"


@dataclass(frozen=True)
class ListOf:
    """A YAML list whose items all have shape `item`."""

    item: Any


@dataclass(frozen=True)
class OneOf:
    """A text value that must be one of `choices`."""

    choices: tuple[str, ...]


@dataclass(frozen=True)
class Mapping:
    """A YAML mapping with known keys; `required` keys must be present."""

    fields: dict[str, Any]
    required: frozenset[str] = frozenset()


SOURCE = Mapping(
    {"title": TEXT, "url": URL, "decision": TEXT, "document": TEXT, "checked": DAY},
    frozenset({"title", "checked"}),
)
CHANNEL = Mapping(
    {"mode": OneOf(("in_person", "online", "post")), "time_limit": TEXT, "fee": TEXT, "note": TEXT},
    frozenset({"mode"}),
)
DOCUMENT = Mapping(
    {"name": TEXT, "originals": WHOLE, "copies": WHOLE, "form_url": URL, "group": TEXT},
    frozenset({"name"}),
)
CASE = Mapping({"time_limit": TEXT, "name": TEXT, "code": TEXT}, frozenset({"time_limit"}))
LEGAL_BASIS = Mapping({"number": TEXT, "title": TEXT}, frozenset({"number"}))
LOCAL = Mapping(
    {"commune": TEXT, "online_service": URL, "online_level": OneOf(("full", "partial")),
     "agency_code": TEXT, "agency": TEXT},
    frozenset({"commune"}),
)
WITHDRAWN = Mapping({"date": DAY, "reason": TEXT}, frozenset({"date", "reason"}))

PROCEDURE = Mapping(
    {
        "code": TEXT,
        "name": TEXT,
        "level": OneOf(("commune", "province")),
        "field": TEXT,
        "agency": TEXT,
        "authority": TEXT,
        "applicants": ListOf(TEXT),
        "steps": ListOf(TEXT),
        "channels": ListOf(CHANNEL),
        "cases": ListOf(CASE),
        "documents": ListOf(DOCUMENT),
        "results": ListOf(TEXT),
        "legal_basis": ListOf(LEGAL_BASIS),
        "conditions": TEXT,
        "online_service": URL,
        "online_level": OneOf(("full", "partial")),
        "keywords": ListOf(TEXT),
        "communes": ListOf(TEXT),
        "local": ListOf(LOCAL),
        "replaced_by": TEXT,
        "withdrawn": WITHDRAWN,
        "sample": FLAG,
        "source": SOURCE,
    },
    frozenset({"code", "name", "level", "field", "source"}),
)

FORMER_UNIT = Mapping({"name": TEXT, "district": TEXT, "code": TEXT}, frozenset({"name"}))
OFFICE = Mapping({"address": TEXT, "hours": TEXT, "phone": TEXT})
COMMUNE = Mapping(
    {
        "code": TEXT,
        "name": TEXT,
        "kind": OneOf(("xã", "phường")),
        "former": ListOf(FORMER_UNIT),
        "agency_code": TEXT,
        "military_agency_code": TEXT,
        "office": OFFICE,
    },
    frozenset({"code", "name", "kind"}),
)
COMMUNES_FILE = Mapping(
    {"province": TEXT, "source": TEXT, "refreshed": DAY, "communes": ListOf(COMMUNE)},
    frozenset({"province", "source", "communes"}),
)
SYNONYMS_FILE = Mapping(
    {"source": TEXT, "synonyms": ListOf(Mapping({"words": ListOf(TEXT), "means": ListOf(TEXT)},
                                                frozenset({"words", "means"})))},
    frozenset({"synonyms"}),
)

REFERENCE_FILE = Mapping(
    {"source": TEXT, "exported": DAY,
     "fields": ListOf(Mapping({"name": TEXT, "codes": ListOf(TEXT)}, frozenset({"name", "codes"})))},
    frozenset({"source", "fields"}),
)

Report = Callable[[tuple, str], None]


def path_text(path: tuple) -> str:
    """Spell a value's path as a person reads it: documents[2].name."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def check(value: Any, shape: Any, path: tuple, report: Report) -> None:
    """Report every way `value` differs from `shape`; `report(path, message)` collects them."""
    where = f"'{path_text(path)}': " if path else ""
    if isinstance(shape, Mapping):
        _check_mapping(value, shape, path, report)
    elif isinstance(shape, ListOf):
        if not isinstance(value, list):
            report(path, f"{where}cần một danh sách, nhận được {_describe(value)}")
            return
        for i, item in enumerate(value):
            check(item, shape.item, path + (i,), report)
    elif isinstance(shape, OneOf):
        if value not in shape.choices:
            report(path, f"{where}cần một trong {', '.join(shape.choices)}; nhận được {_describe(value)}")
    else:
        problem = _check_scalar(value, shape)
        if problem:
            report(path, f"{where}{problem}")


def _check_mapping(value: Any, shape: Mapping, path: tuple, report: Report) -> None:
    where = f"'{path_text(path)}': " if path else ""
    if not isinstance(value, dict):
        report(path, f"{where}cần một bảng 'khóa: giá trị', nhận được {_describe(value)}")
        return
    for key in sorted(shape.required - value.keys()):
        report(path, f"thiếu trường bắt buộc '{path_text(path + (key,))}'")
    for key, item in value.items():
        if key not in shape.fields:
            hint = difflib.get_close_matches(str(key), shape.fields, n=1)
            also = f" (có phải '{hint[0]}'?)" if hint else ""
            report(path + (key,), f"trường không được hỗ trợ '{path_text(path + (key,))}'{also}")
            continue
        check(item, shape.fields[key], path + (key,), report)


def _check_scalar(value: Any, kind: str) -> str | None:
    if kind == TEXT:
        if not isinstance(value, str):
            return f"cần {TEXT}, nhận được {_describe(value)}"
        if not value.strip():
            return "không được để trống"
        if unicodedata.normalize("NFC", value) != value:
            return "văn bản chưa ở dạng Unicode NFC (chạy 'niemyet validate --fix-nfc')"
    elif kind == WHOLE:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            return f"cần {WHOLE}, nhận được {_describe(value)}"
    elif kind == FLAG:
        if not isinstance(value, bool):
            return f"cần {FLAG}, nhận được {_describe(value)}"
    elif kind == DAY:
        if not isinstance(value, date):
            return f"cần {DAY}, nhận được {_describe(value)}"
    elif kind == URL:
        if not is_url(value):
            return f"cần {URL}, nhận được {_describe(value)}"
    return None


def is_url(value: Any) -> bool:
    """True for an absolute http(s) URL with a host and no spaces."""
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "." in parts.hostname


def _describe(value: Any) -> str:
    names = {dict: "một bảng", list: "một danh sách", bool: "true/false", type(None): "giá trị rỗng"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"
