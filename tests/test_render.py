"""The incremental caches in .site-build check themselves: a build that failed or was
killed halfway, or a catalogue that broke a build once, never breaks a later build or
slips files into it."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from generator.release import build, render
from generator.site.offline import write_offline_index

ROOT = Path(__file__).parent.parent
BASE = "https://niemyet.example.vn/"
OFFLINE = (lambda cat, release, _base: write_offline_index(cat, release),)


def site_root(tmp_path: Path) -> Path:
    """A copy of what a build reads besides the catalogue (mkdocs.yml and its hook,
    overrides/, docs/)."""
    root = tmp_path / "repo"
    (root / "generator" / "release").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(ROOT / "generator" / "release" / "fingerprint.py", root / "generator" / "release" / "fingerprint.py")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "docs", root / "docs")
    return root


def test_a_code_that_broke_a_build_does_not_break_the_next_one(tmp_path, catalogue):
    """The audit's case: a procedure coded 'tim-kiem.json' (validation now refuses it; here
    the catalogue is made by hand) made a folder where the offline search file goes, and
    every later build failed until .site-build was deleted by hand."""
    out = tmp_path / "site"
    bad = dataclasses.replace(catalogue.procedure("1.001193"), code="tim-kiem.json")
    poisoned = dataclasses.replace(catalogue, procedures=(*catalogue.procedures, bad))
    with pytest.raises(OSError):
        build.build_site(poisoned, ROOT, out, BASE, workers=1, steps=OFFLINE)
    build.build_site(catalogue, ROOT, out, BASE, workers=1, steps=OFFLINE)
    assert (out / "03127" / "tim-kiem.json").is_file()
    assert not (out / "03127" / "1.001193" / "tim-kiem.json").exists()


def test_a_build_killed_halfway_through_a_theme_change_leaves_no_page_in_the_old_theme(tmp_path, catalogue,
                                                                                       monkeypatch):
    root, out = site_root(tmp_path), tmp_path / "site"
    build.build_site(catalogue, root, out, BASE, workers=1)
    main = root / "overrides" / "main.html"
    main.write_text(main.read_text().replace("{% block content %}", "{% block content %}<!-- theme 2 -->"))
    real, built = render.build_shard, []

    def dies_after_two(job):
        if len(built) == 2:
            raise KeyboardInterrupt  # what a killed process looks like from here
        built.append(job.index)
        return real(job)

    monkeypatch.setattr(render, "build_shard", dies_after_two)
    with pytest.raises(KeyboardInterrupt):
        build.build_site(catalogue, root, out, BASE, workers=1)
    monkeypatch.setattr(render, "build_shard", real)
    build.build_site(catalogue, root, out, BASE, workers=1)
    old = [str(p.relative_to(out)) for p in out.rglob("index.html") if "<!-- theme 2 -->" not in p.read_text()]
    assert old == []


def test_files_a_crashed_mkdocs_left_in_the_cache_are_not_published(tmp_path, catalogue):
    out = tmp_path / "site"
    build.build_site(catalogue, ROOT, out, BASE, workers=1)
    shard = build.work_dir(out) / "shards" / "shard-0" / "site"
    (shard / "index.html.4242.tmp").write_text("<html>trang cắt ngang")
    (shard / "tthc" / "9.999999").mkdir()
    (shard / "tthc" / "9.999999" / "index.html").write_text("<html>trang cũ</html>")
    (shard / "thu-muc-rong").mkdir()
    build.build_site(catalogue, ROOT, out, BASE, workers=1)
    assert not list(out.resolve().rglob("*.tmp"))
    assert not (out / "tthc" / "9.999999").exists() and not (out / "thu-muc-rong").exists()


def test_a_removed_procedure_leaves_no_page_and_no_empty_folder(tmp_path, catalogue):
    out = tmp_path / "site"
    build.build_site(catalogue, ROOT, out, BASE, workers=1)
    assert (out / "03127" / "1.000894" / "index.html").is_file()
    fewer = dataclasses.replace(catalogue, procedures=tuple(p for p in catalogue.procedures if p.code != "1.000894"))
    build.build_site(fewer, ROOT, out, BASE, workers=1)
    release = out.resolve()
    assert not (release / "03127" / "1.000894").exists() and not (release / "tthc" / "1.000894").exists()
    empty = [str(p) for p in release.rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == []


def test_docs_files_are_published_exactly_and_links_are_refused(tmp_path, catalogue):
    root, out = site_root(tmp_path), tmp_path / "site"
    (root / "docs" / "assets" / "them.txt").write_text("tệp thêm")
    build.build_site(catalogue, root, out, BASE, workers=1)
    assert (out / "assets" / "them.txt").read_text() == "tệp thêm"
    (root / "docs" / "assets" / "them.txt").unlink()
    build.build_site(catalogue, root, out, BASE, workers=1)
    assert not (out / "assets" / "them.txt").exists()
    published = out.resolve()
    (root / "docs" / "leak.txt").symlink_to("/etc/hostname")
    with pytest.raises(build.BuildError, match="docs/leak.txt: là liên kết tượng trưng"):
        build.build_site(catalogue, root, out, BASE, workers=1)
    assert out.resolve() == published and not (out / "leak.txt").exists()
