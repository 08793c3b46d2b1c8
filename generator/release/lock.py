"""One build at a time: an advisory lock on a file beside what a build writes.

Two builds into the same site (or the same search index) once both exited 0 and left a
site mixing their two base URLs. The lock is `flock` on an open file, so the kernel
drops it when the process ends, however it ends: a killed build never leaves a stale
lock behind. The file names the holder, so the second build can say who it waits for.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)
LOCK_FILE = ".build.lock"


class Busy(Exception):
    """Another build holds the lock and the caller chose not to wait."""


@contextmanager
def exclusive(folder: Path, wait: bool = False) -> Iterator[None]:
    """Hold the build lock of `folder` (created if missing) for the `with` block.

    Without `wait`, raise Busy at once, naming the process that holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise Busy(f"một bản dựng khác đang chạy ({holder}, khóa {path}); chờ nó xong rồi chạy lại, "
                           "hoặc thêm --wait để tự chờ") from None
            log.warning("waiting for the build holding %s (%s)", path, holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"tiến trình {os.getpid()}, bắt đầu {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "không rõ tiến trình"
    except OSError:
        return "không rõ tiến trình"
