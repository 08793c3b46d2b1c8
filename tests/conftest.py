"""Shared fixtures: a tiny catalogue of three communes and six procedures."""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.catalogue.load import load_catalogue
from generator.catalogue.model import Catalogue

DATA = Path(__file__).parent / "data"
FIXTURE_PROCEDURES = DATA / "procedures"
ROOT = DATA.parents[1]


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
def built_site(catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalogue's site without posters, built and published once, for the
    tests that read or serve a built site without changing it."""
    from generator.release import build

    out = tmp_path_factory.mktemp("built") / "site"
    build.build_site(catalogue, ROOT, out, "http://127.0.0.1:8000/", workers=1)
    return out


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


@dataclass(frozen=True)
class ServedSite:
    """The fixture site, built as `niemyet build` builds it, served as `niemyet serve` does."""

    url: str
    root: Path


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue):
    """Build the fixture site once (posters, offline files, search index) and serve it with
    the API on one local origin, for the browser, HTML and page-weight tests."""
    from werkzeug.serving import make_server

    from api.app import create_app
    from api.index import publish_index
    from api.serve import create_server
    from generator.release import build
    from generator.site import pages
    from generator.site.offline import write_offline_index
    from generator.posters import write_posters

    work = tmp_path_factory.mktemp("served")
    index = work / "index"
    build.build_site(catalogue, ROOT, work / "site", "http://127.0.0.1/", workers=1, posters=pages.poster_links,
                     steps=(lambda cat, release, _: write_offline_index(cat, release),
                            lambda cat, release, base: write_posters(cat, release, base, allow_local=True,
                                                                     workers=1)),
                     before_publish=(lambda cat: publish_index(cat, index),))
    api = create_app({"INDEX_DIR": str(index), "SITE_DIR": str(work / "site")})  # /tim-kiem/ is the API's page
    server = make_server("127.0.0.1", 0, create_server(work / "site", api=api), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield ServedSite(f"http://127.0.0.1:{server.server_port}", work / "site")
    server.shutdown()
