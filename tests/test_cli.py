"""The command line as a clerk meets it: clear errors, exit codes, nothing written on failure."""

from __future__ import annotations

import shutil

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
    assert any(line.endswith("1.000894.yml:3: 'level': cần một trong commune, province; nhận được 3")
               for line in lines)
    assert not out.exists() and not (tmp_path / ".site-build").exists()


def test_build_publishes_and_summarises(tmp_path):
    out = tmp_path / "site"
    result = run("build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(tmp_path / "index"),
                 "--base-url", "https://niemyet.example.vn/", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "30 trang" in result.output and "0 cảnh báo" in result.output
    assert out.is_symlink() and (out / "03127" / "1.001193" / "index.html").is_file()


def test_build_also_publishes_search_index_and_offline_files(tmp_path):
    out, index = tmp_path / "site", tmp_path / "index"
    result = run("build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(out), "--index", str(index),
                 "--base-url", "https://niemyet.example.vn/", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert (index / "current").is_symlink()
    assert (out / "03127" / "tim-kiem.json").is_file() and (out / "tim-kiem.json").is_file()
