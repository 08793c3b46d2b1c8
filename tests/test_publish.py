"""The site and the search index are published together or not at all, and a failure
says which file it was about."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from click.testing import CliRunner

from generator.release import publish
from generator.cli import main
from tests.conftest import FIXTURE_PROCEDURES


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build_args(tmp_path: Path) -> list[str]:
    return ["build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(tmp_path / "site"),
            "--index", str(tmp_path / "index"), "--base-url", "https://niemyet.example.vn/", "--no-posters",
            "--workers", "1", "--ledger", str(tmp_path / "ledger.txt")]


def test_an_output_folder_that_cannot_be_replaced_is_refused_before_anything_is_built(tmp_path):
    """The audit's case: with --out an existing real folder, the build crashed with a
    traceback after it had published the new search index."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("trang cũ do người khác đặt")
    result = run(*build_args(tmp_path))
    assert result.exit_code == 1
    assert "đã có và không phải liên kết do niemyet tạo" in result.output
    assert "Chưa dựng gì; trang và chỉ mục đã xuất bản không bị thay đổi." in result.output
    assert not (tmp_path / "index").exists() and not (tmp_path / ".site-build").exists()
    assert (tmp_path / "site" / "index.html").read_text() == "trang cũ do người khác đặt"


def test_the_index_is_put_back_when_the_site_then_fails_to_publish(tmp_path, monkeypatch):
    args = build_args(tmp_path)
    assert run(*args).exit_code == 0
    index_before = os.readlink(tmp_path / "index" / "current")
    site_before = (tmp_path / "site").resolve()

    def no_room(release, link):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(link))

    monkeypatch.setattr(publish, "publish", no_room)
    result = run(*args)
    assert result.exit_code == 1 and f"{tmp_path / 'site'}: No space left on device" in result.output
    assert os.readlink(tmp_path / "index" / "current") == index_before
    assert (tmp_path / "site").resolve() == site_before
    releases = sorted(p.name for p in (tmp_path / ".site-build" / "releases").iterdir())
    assert releases == [site_before.name]  # the release that was not published is gone


def test_a_full_disk_inside_mkdocs_names_the_page_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    args = build_args(tmp_path)
    real_open = open

    class Full:
        """A file on a full disk: the first bytes go in, then write() fails, naming no file
        (as a real ENOSPC from write() does)."""

        def __init__(self, path):
            self.handle = real_open(path, "wb")

        def write(self, data):
            self.handle.write(data[:100])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    def opener(path, mode="r", *rest, **kw):
        if str(path).endswith(".tmp") and "1.001193" in str(path) and "index.html" in str(path):
            return Full(path)
        return real_open(path, mode, *rest, **kw)

    monkeypatch.setattr(publish, "open", opener, raising=False)
    result = run(*args)
    assert result.exit_code == 1
    assert "1.001193/index.html: No space left on device" in result.output
    assert "Bản dựng lỗi; trang và chỉ mục đã xuất bản không bị thay đổi." in result.output
    assert not (tmp_path / "site").exists() and not (tmp_path / "index" / "current").exists()
    assert list((tmp_path / ".site-build").rglob("*.tmp")) == []
    monkeypatch.undo()
    assert run(*args).exit_code == 0
    assert list((tmp_path / "site").resolve().rglob("*.tmp")) == []
