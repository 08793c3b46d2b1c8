"""Shared fixtures: a tiny catalogue of three communes and six procedures."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.model import Catalogue

DATA = Path(__file__).parent / "data"
FIXTURE_PROCEDURES = DATA / "procedures"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The fixture catalogue, loaded once: it is frozen, so tests cannot disturb each other."""
    return load_catalogue(FIXTURE_PROCEDURES)


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: text} under `root` and return `root` (for bad-input tests)."""
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root
