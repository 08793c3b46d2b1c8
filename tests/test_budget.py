"""The page-size estimate that lets `niemyet validate` refuse what the build would refuse
as too heavy: it stays above the real size of every page, and a catalogue it accepts at
the edge of the budget builds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.site import budget, pages

from generator.release import build
from generator.catalogue.load import CatalogueError, load_catalogue
from generator.release.checks import MAX_PAGE_BYTES
from tests.conftest import FIXTURE_PROCEDURES
from tests.test_hostile import TEXTS

ROOT = Path(__file__).parent.parent
BASE = "https://niemyet.example.vn/"
# Characters that weigh most once escaped: Markdown entities (&#124;), HTML entities,
# JSON-LD escapes (\u003c), three-byte letters.
HEAVY = "|{}<>&'\"ệ"


def heavy_procedure(code: str, steps: int) -> dict:
    """A procedure of `steps` long steps, written in the costliest characters."""
    text = lambda n: (HEAVY * (n // len(HEAVY) + 1))[:n]  # noqa: E731
    return {"code": code, "name": text(1_400), "level": "commune", "field": "Lĩnh vực nặng",
            "agency": text(1_000), "applicants": [text(300)] * 3,
            "steps": [text(3_000) + "\n" + TEXTS[n % len(TEXTS)] for n in range(steps)],
            "channels": [{"mode": "in_person", "time_limit": text(1_500), "fee": text(1_000)}],
            "documents": [{"name": text(200), "originals": 1} for _ in range(10)],
            "source": {"title": text(900), "checked": "2026-11-01"}}


def catalogue_with(tmp_path: Path, steps: int) -> Path:
    folder = tmp_path / "procedures"
    shutil.copytree(FIXTURE_PROCEDURES, folder)
    text = yaml.safe_dump(heavy_procedure("9.000001", steps), allow_unicode=True).replace("'2026-11-01'", "2026-11-01")
    (folder / "9.000001.yml").write_text(text, encoding="utf-8")
    return folder


def largest_accepted(tmp_path: Path) -> int:
    """The most steps validation accepts for the heavy procedure."""
    low, high = 1, 80
    while low < high:
        mid = (low + high + 1) // 2
        try:
            load_catalogue(catalogue_with(tmp_path / str(mid), mid))
            low = mid
        except CatalogueError:
            high = mid - 1
    return low


def test_the_heaviest_page_validation_accepts_builds_and_one_step_more_is_refused(tmp_path):
    steps = largest_accepted(tmp_path)
    with pytest.raises(CatalogueError) as info:
        load_catalogue(catalogue_with(tmp_path / "over", steps + 1))
    assert {p.path.name for p in info.value.problems} == {"9.000001.yml"}
    assert all("quá ngân sách 150000 byte của một trang: rút gọn văn bản của thủ tục" in p.message
               for p in info.value.problems)
    cat = load_catalogue(catalogue_with(tmp_path / "edge", steps))
    out = tmp_path / "site"
    build.build_site(cat, ROOT, out, BASE, workers=2)  # BuildError if any page were over budget
    heaviest = max(p.stat().st_size for p in out.resolve().rglob("index.html"))
    assert MAX_PAGE_BYTES * 0.8 < heaviest <= MAX_PAGE_BYTES
    for url_path, text in pages.site_pages(cat).items():
        html = out / url_path.strip("/") / "index.html"
        assert budget.page_bytes(text) >= html.stat().st_size, url_path


def test_the_estimate_is_above_every_page_of_the_fixture(tmp_path, catalogue):
    out = tmp_path / "site"
    build.build_site(catalogue, ROOT, out, BASE, workers=2)
    for url_path, text in pages.site_pages(catalogue).items():
        actual = (out / url_path.strip("/") / "index.html").stat().st_size
        assert actual <= budget.page_bytes(text) <= actual + budget.THEME_BYTES, url_path


@pytest.mark.parametrize("which", ["fixture", "hostile corpus"])
def test_every_generated_page_is_within_the_estimate_validation_made(which, catalogue, tmp_path):
    """Validation renders each procedure in one commune only, and each commune's list
    once: every page of every commune must still be within those estimates."""
    from tests.test_hostile import write_corpus

    cat = catalogue if which == "fixture" else load_catalogue(write_corpus(tmp_path / "procedures"))
    made = {e.url_path: e.bytes for e in budget.estimates(cat)}
    heavy = budget.heaviest_commune(cat)
    checked = 0
    for url_path, text in pages.site_pages(cat).items():
        parts = url_path.strip("/").split("/")
        key = f"/{heavy.code}/{parts[1]}/" if len(parts) == 2 and parts[0].isdigit() else url_path
        assert budget.page_bytes(text) <= made[key], url_path
        checked += 1
    assert checked > 3 * len(cat.procedures)
