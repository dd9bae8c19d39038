"""Tasks for the isolation tests: module-level, so a reading child can import them."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from dondoc.errors import DondocError, ErrorCode


def answer(x: int) -> int:
    return x * 2


def refuse(name: str) -> None:
    raise DondocError(ErrorCode.INPUT_EMPTY, name=name)


def defect() -> None:
    raise ValueError("a bug")


def eat_memory() -> int:
    hoard = [bytearray(64 * 1024 * 1024) for _ in range(64)]  # 4 GB, 64 MB at a time
    return len(hoard)


def hang_with_a_child(pid_file: str) -> None:
    child = subprocess.Popen(["sleep", "1000"])
    Path(pid_file).write_text(str(child.pid))
    time.sleep(1000)


def crash() -> None:
    os.abort()


def count(total: int, on_progress: Callable[[int, int], None]) -> str:
    for done in range(total + 1):
        on_progress(done, total)
    return "counted"
