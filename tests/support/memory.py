"""The memory a process tree uses, watched from outside while it runs.

Every 10 ms the tree (the process and all its descendants: dondoc's reading child, the
fork server, Tesseract) is listed from /proc and the high-water marks (VmHWM: each
process's own peak so far, kept between two looks) of the processes alive are added up.
The peak reported is the largest of these sums: at least what the tree held at its
busiest moment (a process's mark is its peak, not its present size, and pages shared
between processes count once per process), so a figure under a bound proves the bound —
for any process that lives 10 ms or more, which a large allocation takes.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                parent = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        out.setdefault(parent, []).append(int(entry))
    return out


def tree(pid: int) -> list[int]:
    children = _children()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _high_water(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


@dataclass
class TreeWatch:
    """Watches the tree of `pid` in a thread until stopped."""

    pid: int
    peak_bytes: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> TreeWatch:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.look()
            time.sleep(0.01)

    def look(self) -> None:
        now = sum(_high_water(pid) for pid in tree(self.pid))
        self.peak_bytes = max(self.peak_bytes, now)


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_bytes: int


def run_measured(command: list[str], *, env: dict[str, str] | None = None, timeout: float = 120) -> Measured:
    """Run a command to its end, watching its process tree."""
    t0 = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True, start_new_session=True
    )
    with TreeWatch(process.pid) as watch:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            out, err = process.communicate()
    return Measured(process.returncode, out, err, time.perf_counter() - t0, watch.peak_bytes)
