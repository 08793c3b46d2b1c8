"""Tidy text taken from public records before it goes into a procedure file.

The portal's records carry stray tabs, runs of spaces, bullet marks and placeholders such
as "Không có thông tin" (no information). A placeholder is not a fact: it becomes an
omitted field, so the page says "chưa được công bố" instead of printing the placeholder.
Nothing here changes what a text says.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from generator.text import fold, nfc

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_BULLET = re.compile(r"^[-+*•]+\s+")
# Placeholders the exports print where a field is empty, folded for comparison.
NO_INFO = frozenset({"", "khong co thong tin", "chua co thong tin", "khong co du lieu"})
# Bodies at commune level, folded: the commune People's Committee, its chair, its police
# or military command ("Công an cấp Xã", "Ủy ban Nhân dân xã, phường, thị trấn").
_COMMUNE_BODY = re.compile(r"cap xa|(uy ban nhan dan|ubnd) (xa|phuong)")
# Dates on the portal are instants at midnight Vietnam time (UTC+7, no daylight saving).
VIETNAM = timezone(timedelta(hours=7))


def clean_text(value: Any) -> str | None:
    """Return `value` as NFC text with tidy spacing, or None if it holds no information."""
    if value is None:
        return None
    text = nfc(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    if is_no_info(text):
        return None
    return text


def clean_item(value: Any) -> str | None:
    """Like `clean_text`, and also drop a leading list bullet ("- ", "+ ") from an item."""
    text = clean_text(value)
    if text is None:
        return None
    return clean_text(_BULLET.sub("", text))


def is_commune_body(text: str | None) -> bool:
    """True when a published body's name is a commune-level body."""
    return bool(text and _COMMUNE_BODY.search(fold(text)))


def is_no_info(text: str) -> bool:
    """True for an empty text or a placeholder that means "no information"."""
    return fold(text).strip(" .:;") in NO_INFO


def clean_group(value: Any) -> str | None:
    """Turn a dossier heading such as "* Giấy tờ phải nộp:" into "Giấy tờ phải nộp"."""
    text = clean_text(value)
    if text is None:
        return None
    return clean_text(text.strip(" *-+:"))


def split_outside_brackets(text: str, sep: str = ",") -> list[str]:
    """Split a list such as "Doanh nghiệp, Tổ chức (không bao gồm doanh nghiệp, HTX)" at
    top-level separators only, so a bracketed aside stays with its item."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if ch == sep and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [item for item in (clean_text(p) for p in parts) if item]


def unique(items: list[str]) -> list[str]:
    """Drop repeated items, keeping the first of each in order."""
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]


def number_text(value: Any) -> str:
    """Write 5 as "5" and 0.5 as "0,5" (Vietnamese decimal comma)."""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return f"{number:g}".replace(".", ",")


def money_text(value: Any) -> str:
    """Write 50000 as "50.000 đồng", the way the portal prints amounts."""
    number = float(value)
    if number.is_integer():
        return f"{int(number):,} đồng".replace(",", ".")
    return f"{number_text(number)} đồng"


def day_from_millis(millis: Any) -> date | None:
    """The calendar day in Vietnam of a portal timestamp in milliseconds."""
    if not isinstance(millis, (int, float)) or isinstance(millis, bool):
        return None
    return datetime.fromtimestamp(millis / 1000, tz=VIETNAM).date()


def drop_empty(value: Any) -> Any:
    """Remove None, empty texts, lists and mappings, recursively; keep 0 and False."""
    if isinstance(value, dict):
        out = {k: drop_empty(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if not _is_empty(v)}
    if isinstance(value, list):
        out = [drop_empty(v) for v in value]
        return [v for v in out if not _is_empty(v)]
    return value


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)
