"""Safe Markdown from catalogue text, and the few Vietnamese labels pages share.

Procedure texts come from government exports: they hold `*`, `_`, `<`, `#` and lines
starting with "- " that Markdown would turn into emphasis, HTML or headings. Every
catalogue string goes through `inline` or `block` before it reaches a page.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import quote

NOT_PUBLISHED = "Chưa được công bố"
MODE_LABELS = {"in_person": "Trực tiếp", "online": "Trực tuyến", "post": "Qua dịch vụ bưu chính"}

_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "&#92;", "`": "&#96;", "*": "&#42;",
    "_": "&#95;", "[": "&#91;", "]": "&#93;", "|": "&#124;", "{": "&#123;", "}": "&#125;",
    "#": "&#35;", "!": "&#33;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
# The start of a line that Markdown would read as a list item ("- ", "+ ", "2. ": a space
# must follow, so "2.000 đồng" stays as it is), a setext underline or a rule ("===",
# "---"). Headings, quotes and admonitions start with characters escaped everywhere.
_BLOCK_START = re.compile(r"^(?:([+\-]|\d+[.)])(?=\s|$)|([=\-])(?=[=\-\s]*$))")
# RFC 3986: unreserved, reserved and the percent sign. Anything else in a URL is encoded,
# so no URL can end a Markdown link early or carry an attribute list ({:onclick=...}).
URL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"


def inline(text: str) -> str:
    """Escape `text` so Markdown shows it literally, on one line, wherever a page puts it
    (paragraph, heading, list item, table cell): never emphasis, HTML, a link, an
    attribute list, an admonition or the start of a list."""
    escaped = _SPECIAL.sub(lambda m: _ENTITIES[m.group()], " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: _entity(m.group(1) or m.group(2)), escaped)


def block(text: str) -> str:
    """Escape multi-line `text`, keeping its line breaks as hard breaks."""
    return "  \n".join(inline(line) for line in text.splitlines() if line.strip())


def _entity(token: str) -> str:
    return f"&#{ord(token[0])};{token[1:]}"


def link(text: str, url: str) -> str:
    """A Markdown link whose text is escaped and whose URL cannot break out.

    '&' is written as '&amp;': Python-Markdown passes "&#...;" in a URL through as an
    entity, which would change the address a resident opens."""
    target = quote(url, safe=URL_CHARS).replace("&", "&amp;")
    return f"[{inline(text)}](<{target}>)"


def day(value: date) -> str:
    """Vietnamese date: 03/10/2026."""
    return value.strftime("%d/%m/%Y")


def or_unpublished(value: str | None) -> str:
    """The escaped value, or the plain statement that the source does not give it."""
    return inline(value) if value else f"*{NOT_PUBLISHED}*"
