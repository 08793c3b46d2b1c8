"""The command line as a clerk meets it: clear errors, exit codes, nothing written on failure."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURE_PROCEDURES


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_reports_counts(catalogue):
    result = run("validate", "--procedures", str(FIXTURE_PROCEDURES))
    assert result.exit_code == 0
    assert result.output == "6 thủ tục, 3 xã/phường: không có lỗi.\n"


def test_bad_catalogue_exits_1_lists_every_problem_and_builds_nothing(tmp_path):
    procs = tmp_path / "procedures"
    shutil.copytree(FIXTURE_PROCEDURES, procs)
    (procs / "1.000894.yml").write_text((procs / "1.000894.yml").read_text().replace("level: commune", "level: 3"))
    (procs / "1.000656.yml").write_text("code: [\n")
    out = tmp_path / "site"
    result = run("build", "--procedures", str(procs), "--out", str(out), "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[-1] == "2 lỗi trong 2 trên 8 tệp; không có gì được ghi."
    assert any(line.endswith("1.000894.yml:3: 'level': cần một trong commune, province, other; nhận được 3")
               for line in lines)
    assert not out.exists() and not (tmp_path / ".site-build").exists()


def test_build_publishes_and_summarises(tmp_path):
    out = tmp_path / "site"
    result = run("build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(tmp_path / "index"),
                 "--base-url", "https://niemyet.example.vn/", "--workers", "1",
                 "--ledger", str(tmp_path / "ledger.txt"))
    assert result.exit_code == 0, result.output
    assert "33 trang" in result.output and "0 cảnh báo" in result.output  # 30 + a print page per commune
    assert out.is_symlink() and (out / "03127" / "1.001193" / "index.html").is_file()


def test_build_prints_posters_into_the_site_and_records_them(tmp_path):
    out, ledger_file = tmp_path / "site", tmp_path / "ledger.txt"
    result = run("build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(tmp_path / "index"),
                 "--base-url", "https://niemyet.example.vn/", "--workers", "2", "--ledger", str(ledger_file))
    assert result.exit_code == 0, result.output
    for name in ("bang-niem-yet-a4.pdf", "bang-niem-yet-a3.pdf", "ap-phich-loi-vao-a3.pdf", "the-thu-tuc-a5.pdf",
                 "the-thu-tuc-a5.png"):
        assert (out / "03127" / "in" / name).stat().st_size > 1000, name
    commune = (out / "03127" / "index.html").read_text(encoding="utf-8")
    assert 'href="in/bang-niem-yet-a4.pdf"' in commune and 'href="in/"' in commune
    assert "sổ in: thêm /03127/1.001193/" in result.output
    assert "/03127/1.001193/" in ledger_file.read_text(encoding="utf-8").splitlines()


def test_localhost_posters_are_refused_before_building_unless_allowed(tmp_path):
    out, ledger_file = tmp_path / "site", tmp_path / "ledger.txt"
    args = ["build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(tmp_path / "index"),
            "--base-url", "http://localhost:8000/", "--workers", "1", "--ledger", str(ledger_file)]
    refused = run(*args)
    assert refused.exit_code == 1 and "localhost" in refused.output
    assert not out.exists() and not (tmp_path / ".site-build").exists()
    allowed = run(*args, "--allow-localhost")
    assert allowed.exit_code == 0, allowed.output
    assert (out / "03127" / "in" / "bang-niem-yet-a4.pdf").is_file()
    assert "/03127/1.001193/" in ledger_file.read_text(encoding="utf-8").splitlines()  # paths, whatever the host


def test_no_posters_builds_the_site_without_print_files(tmp_path):
    out = tmp_path / "site"
    result = run("build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(tmp_path / "index"),
                 "--base-url", "http://localhost:8000/", "--no-posters", "--workers", "1",
                 "--ledger", str(tmp_path / "ledger.txt"))
    assert result.exit_code == 0, result.output
    assert (out / "03127" / "index.html").is_file() and not (out / "03127" / "in").exists()


def test_build_also_publishes_search_index_and_offline_files(tmp_path):
    out, index = tmp_path / "site", tmp_path / "index"
    result = run("build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(index),
                 "--base-url", "https://niemyet.example.vn/", "--workers", "1",
                 "--ledger", str(tmp_path / "ledger.txt"))
    assert result.exit_code == 0, result.output
    assert (index / "current").is_symlink()
    assert (out / "03127" / "tim-kiem.json").is_file() and (out / "tim-kiem.json").is_file()


def disk_full(path) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


@pytest.fixture()
def published(tmp_path):
    """A site and index published once, and how to build again into the same places."""
    out, index = tmp_path / "site", tmp_path / "index"
    args = ["build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(index),
            "--base-url", "https://niemyet.example.vn/", "--workers", "1", "--ledger", str(tmp_path / "ledger.txt")]
    assert run(*args).exit_code == 0
    state = (out.resolve(), (out / "03127" / "index.html").read_bytes(), os.readlink(index / "current"))
    return args, out, index, state


def assert_untouched(out, index, state):
    site, page, current = state
    assert out.resolve() == site and (out / "03127" / "index.html").read_bytes() == page
    assert os.readlink(index / "current") == current
    assert (out / "03127" / "in" / "bang-niem-yet-a4.pdf").stat().st_size > 1000


def test_disk_full_while_printing_posters_publishes_nothing(published, monkeypatch):
    args, out, index, state = published
    shutil.rmtree(out.parent / ".site-build" / "posters")  # so the posters are drawn again
    real = Path.write_bytes

    def write_bytes(self, data):
        if self.suffix == ".pdf":
            raise disk_full(self)
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    result = run(*args)
    assert result.exit_code == 1
    assert "No space left on device" in result.output and ".pdf" in result.output
    assert "không bị thay đổi" in result.output
    assert_untouched(out, index, state)


def test_disk_full_while_writing_the_index_publishes_nothing(published, monkeypatch):
    import api.index

    args, out, index, state = published
    real = api.index.build_index

    def build_index(cat, build, build_id):
        real(cat, build, build_id)
        raise disk_full(build / "segment")

    monkeypatch.setattr(api.index, "build_index", build_index)
    result = run(*args)
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert_untouched(out, index, state)
    assert sorted(p.name for p in index.iterdir() if not p.name.startswith(".")) == sorted(
        ["current", os.readlink(index / "current")])  # the half-written index was removed


def _commands(group, path=()):
    """Every command of the CLI with the words that call it."""
    for name, command in group.commands.items():
        yield (*path, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*path, name))


CLICK_ENGLISH = ("Usage", "Options", "Commands", "Show this message", "default:", "[OPTIONS]",
                 "COMMAND", "PATH", "TEXT", "INTEGER")


@pytest.mark.parametrize("words", [()] + [p for p, _ in _commands(main)], ids=lambda w: " ".join(w) or "niemyet")
def test_every_help_screen_is_vietnamese(words):
    result = run(*words, "--help")
    assert result.exit_code == 0
    for english in CLICK_ENGLISH:
        assert english not in result.output, (english, result.output)
    assert "Cách dùng:" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output


def test_every_command_and_option_explains_itself_in_vietnamese():
    """A help text with no Vietnamese letter is English (or missing) and a clerk cannot read it."""
    def vietnamese(text):
        return bool(text) and any(ord(c) > 127 and c.isalpha() for c in text)
    assert vietnamese(main.help)
    for words, command in _commands(main):
        assert vietnamese(command.help), words
        for param in command.params:
            assert vietnamese(getattr(param, "help", None)), (words, param.name)


def test_mistakes_on_the_command_line_are_explained_in_vietnamese():
    result = CliRunner().invoke(main, ["buil"], prog_name="niemyet")
    assert result.exit_code == 2
    assert "Lỗi: Không có lệnh 'buil'. Có phải ý bạn là 'build'?" in result.output
    assert "Gõ 'niemyet --help' để xem hướng dẫn." in result.output
    result = CliRunner().invoke(main, ["serve", "--port", "tám"])
    assert "Lỗi: Giá trị không hợp lệ cho '--port': 'tám' không phải là một số hợp lệ." in result.output
    result = CliRunner().invoke(main, ["build", "--khong-co"])
    assert "Lỗi: Không có tùy chọn '--khong-co'." in result.output
