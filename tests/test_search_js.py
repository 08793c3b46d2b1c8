"""docs/assets/search.js under Node: its fold() agrees with Python's, and the offline search finds.

Needs `node` (Debian package nodejs). The browser behaviour (API, timeout, fallback
message) is left to the browser tests.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator.site.offline import offline_index
from tests.conftest import DATA

SCRIPT = DATA.parents[1] / "docs" / "assets" / "search.js"


def run_js(expression: str, **values) -> object:
    """Evaluate `expression` with search.js loaded as `s` and `values` bound by name; return its JSON."""
    node = shutil.which("node")
    assert node, "search.js tests need node (Debian package nodejs)"
    binds = "".join(f"const {name} = {json.dumps(value, ensure_ascii=False)};\n" for name, value in values.items())
    program = f"const s = require({json.dumps(str(SCRIPT))});\n{binds}console.log(JSON.stringify({expression}));"
    done = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True, timeout=30)
    return json.loads(done.stdout)


def test_js_fold_agrees_with_the_shared_table():
    cases = json.loads((DATA / "fold_cases.json").read_text(encoding="utf-8"))["cases"]
    got = run_js("cases.map(c => s.fold(c.input))", cases=cases)
    assert got == [c["folded"] for c in cases]


@pytest.mark.parametrize("query, first", [
    ("khai sinh", "1.001193"), ("Đăng ký khai sinh", "1.001193"), ("bao tu", "1.000656"),
    ("cưới", "1.000894"), ("dang ky ket h", "1.000894"), ("nghia vu", "1.013133"),
])
def test_offline_search_finds_the_procedure_first(catalogue, query, first):
    hits = run_js("s.searchOffline(data, q, 5)", data=offline_index(catalogue, "03127"), q=query)
    assert hits[0]["code"] == first
    assert hits[0]["url"] == f"/03127/{first}/"


def test_offline_search_needs_every_word(catalogue):
    assert run_js("s.searchOffline(data, 'khai zzz', 5)", data=offline_index(catalogue)) == []
    assert run_js("s.searchOffline(data, '?* ', 5)", data=offline_index(catalogue)) == []


def test_offline_marks_matched_words():
    pieces = run_js("s.markPieces('Thủ tục đăng ký kết hôn', 'ket hon')")
    assert [p["text"] for p in pieces if p["mark"]] == ["kết", "hôn"]
    assert "".join(p["text"] for p in pieces) == "Thủ tục đăng ký kết hôn"


def test_offline_marks_a_prefix_only_while_it_is_not_a_whole_word():
    got = run_js("qs.map(q => s.markPieces('Thủ tục đăng ký khai tử', q).filter(p => p.mark).map(p => p.text))",
                 qs=["bao tu", "dang k", "dang k "])
    assert got == [["tử"], ["đăng", "ký", "khai"], ["đăng"]]
