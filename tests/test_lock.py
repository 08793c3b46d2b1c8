"""One build at a time. Two `niemyet build` started 2 s apart with different base URLs
once both exited 0 and published a site mixing the two; here a second build, started
while the first is halfway, either stops at once saying why, or (--wait) waits for the
first to finish and then publishes a whole site of its own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.release import build
from tests.conftest import FIXTURE_PROCEDURES

ROOT = Path(__file__).parent.parent
CANONICAL = re.compile(r'<link rel="canonical" href="(https?://[^/"]+)/')


def niemyet(*args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([str(Path(sys.executable).with_name("niemyet")), *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **popen)


def cli_args(tmp_path: Path, base: str) -> list[str]:
    return ["build", "--procedures", str(FIXTURE_PROCEDURES), "--out", str(tmp_path / "site"),
            "--index", str(tmp_path / "index"), "--base-url", base, "--no-posters", "--workers", "1",
            "--ledger", str(tmp_path / "ledger.txt")]


def hosts(site: Path) -> set[str]:
    """The hosts the published pages name as their canonical address."""
    found = set()
    for page in site.rglob("index.html"):
        found.update(CANONICAL.findall(page.read_text(encoding="utf-8")))
    return found


@pytest.fixture()
def while_building(tmp_path, catalogue):
    """Run `during(out)` while a build of the fixture into tmp_path/site is halfway (its
    pages rendered, its release not yet published); return what it returned."""
    def run(during):
        seen = []

        def halfway(cat, release, base_url):
            seen.append(during())
            return []
        build.build_site(catalogue, ROOT, tmp_path / "site", "https://mot.example.vn/", workers=1, steps=(halfway,))
        return seen[0]
    return run


def test_a_second_build_stops_at_once_and_says_why(tmp_path, while_building):
    def second():
        return niemyet(*cli_args(tmp_path, "https://hai.example.vn/")).communicate(timeout=120)[0], 0

    output, _ = while_building(second)
    assert "một bản dựng khác đang chạy" in output and "--wait" in output
    assert "Chưa dựng gì; trang và chỉ mục đã xuất bản không bị thay đổi." in output
    assert hosts(tmp_path / "site") == {"https://mot.example.vn"}
    assert not (tmp_path / "index" / "current").exists()  # the second build published no index either


def test_with_wait_the_second_build_runs_after_the_first_and_publishes_a_whole_site(tmp_path, while_building):
    started = []

    def second():
        started.append(niemyet(*cli_args(tmp_path, "https://hai.example.vn/"), "--wait"))
        return started[0].poll()

    still_running = while_building(second)
    output = started[0].communicate(timeout=300)[0]
    assert still_running is None  # it was waiting while the first build ran
    assert started[0].returncode == 0, output
    assert hosts(tmp_path / "site") == {"https://hai.example.vn"}
    assert (tmp_path / "index" / "current").is_symlink()


def test_the_lock_is_released_however_the_holder_ends(tmp_path):
    from generator.release import lock

    with pytest.raises(RuntimeError):
        with lock.exclusive(tmp_path):
            raise RuntimeError("build failed")
    with lock.exclusive(tmp_path):
        holder = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from generator.release import lock\n"
                                 "try:\n    lock.exclusive(Path(sys.argv[1])).__enter__()\n"
                                 "except lock.Busy as exc:\n    print(exc)", str(tmp_path)],
                                cwd=ROOT, capture_output=True, text=True).stdout
    assert holder.startswith("một bản dựng khác đang chạy (tiến trình ")
    killed = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; from generator.release import lock\n"
                               "lock.exclusive(Path(sys.argv[1])).__enter__(); print('ok', flush=True); time.sleep(60)",
                               str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert killed.stdout.readline() == "ok\n"
    killed.kill()
    killed.wait()
    with lock.exclusive(tmp_path):  # a killed build leaves no stale lock
        pass
