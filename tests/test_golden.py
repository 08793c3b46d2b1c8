"""One golden page per template, so any change to what residents read shows up in review.

Regenerate after an intended change, then read the diff:
    NIEMYET_REGENERATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.site import listings, procedure, pages

EXPECTED = Path(__file__).parent / "expected"


def rendered(catalogue) -> dict[str, str]:
    commune = catalogue.commune("03127")
    posters = pages.poster_links(catalogue, commune)
    return {
        "procedure-in-commune.md": procedure.procedure_page(catalogue, catalogue.procedure("1.001193"), commune,
                                                        ["the-1.001193-a5-trang-01.png", "the-1.001193-a5-trang-02.png"]),
        "procedure-province-wide.md": procedure.procedure_page(catalogue, catalogue.procedure("1.013133"), None),
        "commune.md": listings.commune_page(catalogue, commune, posters),
        "prints.md": listings.prints_page(catalogue, commune, posters),
        "home.md": listings.home_page(catalogue),
        "field.md": listings.field_page(catalogue, "Hộ tịch", catalogue.fields()["Hộ tịch"]),
    }


@pytest.mark.parametrize("name", ["procedure-in-commune.md", "procedure-province-wide.md", "commune.md",
                                  "prints.md", "home.md", "field.md"])
def test_page_matches_golden(catalogue, name):
    text = rendered(catalogue)[name]
    golden = EXPECTED / name
    if os.environ.get("NIEMYET_REGENERATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
