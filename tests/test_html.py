"""Every template's HTML and the site's stylesheet pass the Nu HTML checker (vnu) with no error.

vnu comes from npm (`vnu-jar`, installed by scripts/setup.sh into node_modules/) and runs
on Debian's Java. It checks the files as served, before any script runs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser import TEMPLATES, html_file
from tests.conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(*files: Path) -> dict[str, list[str]]:
    """Run the Nu checker once over `files`; return each file's errors as 'line: message'."""
    java = shutil.which("java")
    assert java, "vnu needs java (Debian package default-jre-headless; scripts/setup.sh installs it)"
    assert VNU.is_file(), f"{VNU} missing: scripts/setup.sh installs npm's vnu-jar"
    done = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", "--also-check-css",
                           *map(str, files)], capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    out: dict[str, list[str]] = {str(f): [] for f in files}
    for message in messages:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = message["url"].removeprefix("file:")
            out.setdefault(name, []).append(f"{message.get('lastLine', '?')}: {message['message']}")
    return out


@pytest.fixture(scope="module")
def checked(served_site) -> dict[str, list[str]]:
    root = served_site.root.resolve()
    files = {name: html_file(root, name) for name in TEMPLATES}
    files["stylesheet"] = next((root / "assets").glob("niemyet*.css"))
    errors = vnu_errors(*files.values())
    return {name: errors[str(path)] for name, path in files.items()}


@pytest.mark.parametrize("name", [*TEMPLATES, "stylesheet"])
def test_no_html_errors(checked, name):
    assert checked[name] == []


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<!doctype html><html lang="vi"><title>x</title><input type="checkbox" autocomplete="off">',
                   encoding="utf-8")
    assert any("autocomplete" in e for e in vnu_errors(bad)[str(bad)])
