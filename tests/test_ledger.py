"""Printed codes never break: every ledger URL of one catalogue version resolves in the
site of the next, which renames, merges and withdraws procedures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.release import build, ledger
from generator.catalogue.load import load_catalogue
from generator.posters import printed_urls
from tests.conftest import FIXTURE_PROCEDURES

ROOT = Path(__file__).parent.parent
BASE = "https://niemyet.example.vn/"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture()
def versions(tmp_path):
    procs = tmp_path / "procedures"
    shutil.copytree(FIXTURE_PROCEDURES, procs)
    return procs, tmp_path / "site", tmp_path / "ledger.txt"


def build_version(procs, out, ledger_file):
    return build.build_site(load_catalogue(procs), ROOT, out, BASE, workers=1,
                            ledger_file=ledger_file, printed=printed_urls)


def test_every_printed_url_survives_rename_merge_and_withdrawal(versions):
    procs, out, ledger_file = versions
    first = build_version(procs, out, ledger_file)
    printed = ledger.read_ledger(ledger_file)
    assert first.new_ledger_paths == printed and "/03127/1.000656/" in printed
    edit(procs / "1.001193.yml", "name: Thủ tục đăng ký khai sinh", "name: Đăng ký khai sinh (tên mới)")
    edit(procs / "1.000656.yml", "level: commune\n", "level: commune\nreplaced_by: '1.000894'\n")
    edit(procs / "2.000815.yml", "level: commune\n",
         "level: commune\nwithdrawn:\n  date: 2026-11-01\n  reason: Bãi bỏ theo quyết định thử\n")
    second = build_version(procs, out, ledger_file)
    assert ledger.unresolved(printed, out) == []
    assert second.new_ledger_paths == []  # nothing new printed: only fewer procedures in force
    merged = (out / "03127/1.000656/index.html").read_text(encoding="utf-8")
    assert "đã được thay thế bởi" in merged and 'href="../1.000894/"' in merged
    gone = (out / "03328/2.000815/index.html").read_text(encoding="utf-8")
    assert "đã bãi bỏ từ ngày 01/11/2026: Bãi bỏ theo quyết định thử" in gone
    renamed = (out / "03158/1.001193/index.html").read_text(encoding="utf-8")
    assert "Đăng ký khai sinh (tên mới)" in renamed
    commune_page = (out / "03127/index.html").read_text(encoding="utf-8")
    assert "1.000656/" not in commune_page and "2.000815/" not in commune_page


def test_deleting_a_printed_procedure_is_refused_and_nothing_is_published(versions):
    procs, out, ledger_file = versions
    build_version(procs, out, ledger_file)
    published = out.resolve()
    (procs / "2.000815.yml").unlink()
    with pytest.raises(build.BuildError) as info:
        build_version(procs, out, ledger_file)
    assert "/03127/2.000815/: đã in trên áp phích nhưng không còn trang" in str(info.value)
    assert out.resolve() == published


def test_printed_urls_of_a_merged_commune_and_a_dropped_procedure_explain_themselves(versions):
    procs, out, ledger_file = versions
    build_version(procs, out, ledger_file)
    # Later, Sín Thầu (03158) is merged into Thanh Nưa (03328): the register drops 03158 and
    # lists it among Thanh Nưa's former units; military registration stops at 03127.
    communes = procs / "_communes.yml"
    text = communes.read_text(encoding="utf-8")
    text = text[: text.index("- code: '03158'")]
    text = text.replace("  - name: Xã Thanh Luông\n    district: Huyện Điện Biên\n",
                        "  - name: Xã Thanh Luông\n    district: Huyện Điện Biên\n"
                        "  - name: Xã Sín Thầu\n    district: Huyện Mường Nhé\n    code: '03158'\n")
    communes.write_text(text, encoding="utf-8")
    edit(procs / "1.013133.yml", "- '03127'\n", "")
    build_version(procs, out, ledger_file)
    assert ledger.unresolved(ledger.read_ledger(ledger_file), out) == []
    old_commune = (out / "03158/1.001193/index.html").read_text(encoding="utf-8")
    assert "Xã Sín Thầu nay thuộc Xã Thanh Nưa" in old_commune
    assert 'href="../../03328/1.001193/"' in old_commune
    dropped = (out / "03127/1.013133/index.html").read_text(encoding="utf-8")
    assert "không còn thực hiện tại Phường Điện Biên Phủ" in dropped
    assert 'href="../../tthc/1.013133/"' in dropped
