"""Safe Markdown from catalogue text, and the few Vietnamese labels pages share.

Procedure texts come from government exports: they hold `*`, `_`, `<`, `#` and lines
starting with "- " that Markdown would turn into emphasis, HTML or headings. Every
catalogue string goes through `inline` or `block` before it reaches a page.
"""

from __future__ import annotations

import re
from datetime import date

NOT_PUBLISHED = "Chưa được công bố"
MODE_LABELS = {"in_person": "Trực tiếp", "online": "Trực tuyến", "post": "Qua dịch vụ bưu chính"}

_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;",
    "_": "&#95;", "[": "&#91;", "]": "&#93;", "|": "&#124;", "{": "&#123;", "}": "&#125;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
# A line that Markdown would read as a heading, list item, quote or rule.
_BLOCK_START = re.compile(r"^(\s*)([#>+=\-]|\d+[.)])")


def inline(text: str) -> str:
    """Escape `text` so Markdown shows it literally, on one line."""
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group()], " ".join(text.split()))


def block(text: str) -> str:
    """Escape multi-line `text`, keeping its line breaks as hard breaks."""
    lines = [inline(line) for line in text.splitlines() if line.strip()]
    lines = [_BLOCK_START.sub(lambda m: m.group(1) + _entity(m.group(2)), line) for line in lines]
    return "  \n".join(lines)


def _entity(token: str) -> str:
    return f"&#{ord(token[0])};{token[1:]}"


def link(text: str, url: str) -> str:
    """A Markdown link whose text is escaped and whose URL cannot break out."""
    return f"[{inline(text)}](<{url}>)"


def day(value: date) -> str:
    """Vietnamese date: 03/10/2026."""
    return value.strftime("%d/%m/%Y")


def or_unpublished(value: str | None) -> str:
    """The escaped value, or the plain statement that the source does not give it."""
    return inline(value) if value else f"*{NOT_PUBLISHED}*"
