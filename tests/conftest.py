"""Shared fixtures: a tiny catalogue of three communes and six procedures."""

from __future__ import annotations

import shutil
import subprocess
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


@pytest.fixture(scope="session")
def index_root(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalogue's search index, published once (api.index.publish_index)."""
    from api.index import publish_index

    root = tmp_path_factory.mktemp("index")
    publish_index(catalogue, root)
    return root


@pytest.fixture(scope="session")
def loaded_index(index_root: Path):
    """The published fixture index, opened as the API opens it."""
    from api.index import IndexHolder

    return IndexHolder(index_root).get()


@pytest.fixture()
def app(index_root: Path):
    """The search API over the fixture index (fresh app, so a fresh query cache)."""
    from api.app import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_root), "SITE_ORIGIN": "https://niemyet.example"})


@pytest.fixture()
def client(app):
    """Flask's test client for the search API."""
    return app.test_client()


def poppler(tool: str, *args: str) -> str:
    """Run a poppler-utils tool (installed by scripts/setup.sh): a real PDF reader."""
    found = shutil.which(tool)
    assert found, f"{tool} missing: scripts/setup.sh installs poppler-utils"
    return subprocess.run([found, *args], check=True, capture_output=True, text=True).stdout
