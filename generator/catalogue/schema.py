"""The shape of a procedure file and of the communes file, kept as data.

A checker walks a parsed YAML value against these shapes and reports every problem it
finds (not just the first), each with the field's path as spelled in the file and its
line, so a clerk can fix a whole file in one pass.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable
from urllib.parse import urlsplit

WHOLE = "số nguyên không âm"
FLAG = "true hoặc false"
DAY = "ngày dạng YYYY-MM-DD"
URL = "URL http(s)"
MAX_URL = 2_000


@dataclass(frozen=True)
class Text:
    """Free text of at most `limit` characters (limits are about twice the longest real
    record; what a page of that size weighs is checked again per procedure)."""

    limit: int = 1_000


@dataclass(frozen=True)
class Code:
    """A code of a fixed shape: codes become URLs printed on paper, so nothing else passes."""

    pattern: re.Pattern
    what: str


TEXT = Text()
SHORT = Text(200)
LONG = Text(5_000)
PROCEDURE_CODE = Code(re.compile(r"[0-9]\.[0-9]{6}"), "mã thủ tục quốc gia dạng 1.000894")
COMMUNE_CODE = Code(re.compile(r"[0-9]{5}"), "mã xã/phường 5 chữ số như 03127")


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
    {"title": TEXT, "url": URL, "decision": Text(500), "document": Text(3_000), "checked": DAY},
    frozenset({"title", "checked"}),
)
CHANNEL = Mapping(
    {"mode": OneOf(("in_person", "online", "post")), "time_limit": Text(2_000), "fee": Text(10_000), "note": Text(20_000)},
    frozenset({"mode"}),
)
DOCUMENT = Mapping(
    {"name": Text(10_000), "originals": WHOLE, "copies": WHOLE, "form_url": URL, "group": Text(2_000)},
    frozenset({"name"}),
)
CASE = Mapping({"time_limit": Text(2_000), "name": TEXT, "code": SHORT}, frozenset({"time_limit"}))
LEGAL_BASIS = Mapping({"number": Text(500), "title": Text(3_000)}, frozenset({"number"}))
LOCAL = Mapping(
    {"commune": COMMUNE_CODE, "online_service": URL, "online_level": OneOf(("full", "partial")),
     "agency_code": SHORT, "agency": TEXT},
    frozenset({"commune"}),
)
WITHDRAWN = Mapping({"date": DAY, "reason": Text(3_000)}, frozenset({"date", "reason"}))

PROCEDURE = Mapping(
    {
        "code": PROCEDURE_CODE,
        "name": Text(2_000),
        "level": OneOf(("commune", "province", "other")),
        "field": SHORT,
        "agency": Text(3_000),
        "authority": Text(3_000),
        "applicants": ListOf(TEXT),
        "steps": ListOf(Text(30_000)),
        "channels": ListOf(CHANNEL),
        "cases": ListOf(CASE),
        "documents": ListOf(DOCUMENT),
        "results": ListOf(Text(3_000)),
        "legal_basis": ListOf(LEGAL_BASIS),
        "conditions": Text(20_000),
        "online_service": URL,
        "online_level": OneOf(("full", "partial")),
        "keywords": ListOf(SHORT),
        "communes": ListOf(COMMUNE_CODE),
        "local": ListOf(LOCAL),
        "replaced_by": PROCEDURE_CODE,
        "withdrawn": WITHDRAWN,
        "sample": FLAG,
        "source": SOURCE,
    },
    frozenset({"code", "name", "level", "field", "source"}),
)

FORMER_UNIT = Mapping({"name": SHORT, "district": SHORT, "code": COMMUNE_CODE}, frozenset({"name"}))
OFFICE = Mapping({"address": TEXT, "hours": TEXT, "phone": SHORT})
COMMUNE = Mapping(
    {
        "code": COMMUNE_CODE,
        "name": SHORT,
        "kind": OneOf(("xã", "phường")),
        "former": ListOf(FORMER_UNIT),
        "agency_code": SHORT,
        "military_agency_code": SHORT,
        "office": OFFICE,
    },
    frozenset({"code", "name", "kind"}),
)
COMMUNES_FILE = Mapping(
    {"province": SHORT, "source": LONG, "refreshed": DAY, "communes": ListOf(COMMUNE)},
    frozenset({"province", "source", "communes"}),
)
SYNONYMS_FILE = Mapping(
    {"source": LONG, "synonyms": ListOf(Mapping({"words": ListOf(SHORT), "means": ListOf(SHORT)},
                                                frozenset({"words", "means"})))},
    frozenset({"synonyms"}),
)

REFERENCE_FILE = Mapping(
    {"source": LONG, "exported": DAY,
     "fields": ListOf(Mapping({"name": SHORT, "codes": ListOf(PROCEDURE_CODE)}, frozenset({"name", "codes"})))},
    frozenset({"source", "fields"}),
)

FIELD_ORDER_FILE = Mapping(
    {"source": LONG, "fields": ListOf(SHORT),
     "communes": ListOf(Mapping({"commune": COMMUNE_CODE, "fields": ListOf(SHORT)}, frozenset({"commune", "fields"})))},
    frozenset({"fields"}),
)

# Characters no record needs and that change what a reader sees or what a parser does:
# control characters (Python-Markdown uses \x02 and \x03 as its own placeholders), and
# the bidi embeddings, overrides and isolates that reorder text on screen (Trojan Source).
# Tabs and line breaks are text; so are the invisible left-to-right marks (U+200E, U+200F)
# that the portal's records hold inside words.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def forbidden_character(char: str) -> str:
    """How a clerk is told about one character FORBIDDEN matched."""
    code = f"U+{ord(char):04X}"
    if char in "\u2028\u2029":
        return f"ký tự ngắt dòng Unicode {code}"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"ký tự đảo hướng chữ {code}"
    return f"ký tự điều khiển {code}"


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
    elif isinstance(shape, Code):
        if not isinstance(value, str) or not shape.pattern.fullmatch(value):
            report(path, f"{where}cần {shape.what}, nhận được {_describe(value)}")
    elif isinstance(shape, Text):
        problem = _check_text(value, shape.limit)
        if problem:
            report(path, f"{where}{problem}")
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


def _check_text(value: Any, limit: int) -> str | None:
    if not isinstance(value, str):
        return f"cần văn bản, nhận được {_describe(value)}"
    if not value.strip():
        return "không được để trống"
    bad = FORBIDDEN.search(value)
    if bad:
        return f"{forbidden_character(bad.group())} không được phép (ký tự thứ {bad.start() + 1})"
    if len(value) > limit:
        return f"dài {len(value)} ký tự, tối đa {limit}"
    if unicodedata.normalize("NFC", value) != value:
        return "văn bản chưa ở dạng Unicode NFC (chạy 'niemyet validate --fix-nfc')"
    return None


def _check_scalar(value: Any, kind: str) -> str | None:
    if kind == WHOLE:
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


_URL = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]")


def is_url(value: Any) -> bool:
    """True for an absolute http(s) URL to a named host, written only with the characters
    RFC 3986 allows (so nothing in it can end a link or an attribute on a page), with no
    user name before the host (https://dichvucong.gov.vn@evil.example/ goes to evil.example)."""
    if not isinstance(value, str) or len(value) > MAX_URL or not _URL.fullmatch(value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return False
    return (parts.scheme in ("http", "https") and "@" not in parts.netloc
            and bool(_HOST.fullmatch(parts.hostname or "")))


def _describe(value: Any) -> str:
    names = {dict: "một bảng", list: "một danh sách", bool: "true/false", type(None): "giá trị rỗng"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "...'"
