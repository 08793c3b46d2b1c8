"""Text from data is never Markdown: whatever a procedure file holds, the page shows it
as written, in every place the templates put it (paragraph, heading, list item, table
cell, link), with the site's own Markdown extensions. Hypothesis tries the characters
Markdown reacts to in every order."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import markdown
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.site.markup import block, inline, link

ROOT = Path(__file__).parent.parent
# What RFC 3986 allows in a URI: unreserved, reserved and '%'.
URL_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
EXTENSIONS = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
SPECIAL = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n0123456789aAxđ"
# Validation refuses control characters (Python-Markdown itself uses \x02 and \x03 as
# placeholders for stashed HTML), so text here is what a valid file can hold.
texts = st.text(alphabet=st.sampled_from(SPECIAL) | st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
                max_size=40)
PAYLOADS = ["x>){:onclick=alert(1)}", "!!! warning \"x\"", "# x #", "1. a", "- - x", "* * *", "[TOC]",
            "<img src=x onerror=alert(1)>", "a  \\\nb", "&lt;b&gt;", "x\n===", "x\n---", "| a | b |",
            "`code`", "<div markdown=\"1\">*x*</div>", "*[HTML]: abbr", "    indented", "{: .cls }", "+ x",
            "1) x", "> q", "???+ note", "[^1]", "**b** __u__", "<http://evil.example/>", "&#60;script&#62;"]


def _convert(text: str) -> str:
    config = {}
    names = []
    for ext in EXTENSIONS:
        if isinstance(ext, dict):
            (name, options), = ext.items()
            config[name] = options
            names.append(name)
        else:
            names.append(ext)
    return markdown.markdown(text, extensions=names, extension_configs=config)


class Shape(HTMLParser):
    """The elements, attributes and text of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "br":
            self.text += "\n"

    def handle_data(self, data):
        self.text += data


def collapsed(text: str) -> str:
    return " ".join(text.split())


def shown(html: str, allowed: set[str]) -> Shape:
    shape = Shape(html)
    extra = [t for t in shape.tags if t[0] not in allowed]
    assert extra == [], html
    return shape


@settings(max_examples=400, deadline=None)
@given(texts)
def test_inline_text_is_shown_as_written_wherever_a_page_puts_it(text):
    want = collapsed(text)
    for prefix, allowed, strip in [("", {"p"}, ""), ("# ", {"h1"}, ""), ("- ", {"ul", "li"}, ""),
                                   ("1. ", {"ol", "li"}, ""), ("**Nơi:** ", {"p", "strong"}, "Nơi: "),
                                   ("Mã · ", {"p"}, "Mã · ")]:
        html = _convert(prefix + inline(text))
        got = shown(html, allowed if want else allowed | {"hr"})
        assert collapsed(got.text) == collapsed(strip + want), (prefix, html)
        assert all(attrs == {} or set(attrs) == {"id"} for _, attrs in got.tags), html


@settings(max_examples=200, deadline=None)
@given(texts)
def test_a_table_cell_keeps_its_text(text):
    html = _convert("| a | b |\n|---|---|\n| " + inline(text) + " | x |")
    cells = [t for t in shown(html, {"table", "thead", "tbody", "tr", "th", "td"}).tags if t[0] == "td"]
    assert len(cells) == 2, html
    assert collapsed(Shape(html).text) == collapsed("a b " + collapsed(text) + " x")


@settings(max_examples=300, deadline=None)
@given(st.lists(texts, min_size=1, max_size=4).map("\n".join))
@example("!!! warning\n    body")
@example("a\n===")
def test_block_text_keeps_its_lines_in_a_numbered_step(text):
    lines = [collapsed(line) for line in text.splitlines() if line.strip()]
    item = block(text).replace("\n", "\n    ")
    html = _convert("1. " + item + "\n")
    got = shown(html, {"ol", "li", "br"} if lines else {"ol", "li", "br", "p"})
    assert [collapsed(line) for line in got.text.strip("\n").split("\n") if line.strip()] == lines, html


@settings(max_examples=300, deadline=None)
@given(texts)
def test_a_link_keeps_its_text_and_target(text):
    url = "https://dichvucong.gov.vn/p/a_b*c(1)?q=a&x=%20#f"
    html = _convert(link(text, url))
    got = shown(html, {"p", "a"})
    anchors = [attrs for tag, attrs in got.tags if tag == "a"]
    assert anchors == [{"href": url}], html
    assert collapsed(got.text) == collapsed(text)


def test_known_payloads_stay_text():
    for payload in PAYLOADS:
        for prefix in ("", "- ", "# "):
            html = _convert(prefix + inline(payload))
            shape = Shape(html)
            assert all(set(attrs) <= {"id"} for _, attrs in shape.tags), (payload, html)
            assert collapsed(shape.text) == collapsed(payload), (payload, html)
        assert "admonition" not in _convert("1. " + block(payload))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=URL_CHARS, max_size=30), st.text(alphabet="<>{}\"' \\^`|", max_size=3))
def test_a_url_is_the_link_target_and_nothing_more(path, outside):
    url = "https://dichvucong.gov.vn/" + path + outside + path
    html = _convert(link("Mở", url) + inline("{: onclick=alert(1) }"))
    anchors = [attrs for tag, attrs in shown(html, {"p", "a"}).tags if tag == "a"]
    assert len(anchors) == 1 and set(anchors[0]) == {"href"}, html
    assert unquote(anchors[0]["href"]) == unquote(quote(url, safe=URL_CHARS)), html
    if not outside:
        assert anchors[0]["href"] == url
