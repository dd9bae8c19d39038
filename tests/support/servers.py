"""`dondoc serve` in its own process, for tests that need a real server (several processes
sharing a database, memory measured from outside, bodies sent over a socket)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(
    url: str, process: subprocess.Popen[bytes], *, output: Callable[[], str], seconds: float = 60
) -> None:
    """Returns once `url` answers 200; RuntimeError with the process's last output when it
    stops first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {output()[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start: {output()[-2000:]}")
        time.sleep(0.05)


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]

    @property
    def pid(self) -> int:
        return self.process.pid


@contextmanager
def serving(
    *, database_url: str, data_dir: Path, extra_env: dict[str, str] | None = None, workers: int = 1
) -> Iterator[Server]:
    """A `dondoc serve` on a free port until the block ends (the schema must exist)."""
    port = free_port()
    env = {
        **os.environ,
        "DONDOC_DATABASE_URL": database_url,
        "DONDOC_DATA_DIR": str(data_dir),
        **(extra_env or {}),
    }
    log = data_dir.parent / f"server-{port}.log"  # beside the data folder (which may be read-only)
    data_dir.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "dondoc", "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}", port, process)
    try:
        wait_until_up(f"{server.url}/login", process, output=lambda: log.read_text(errors="replace"))
        yield server
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total = 0
    for child in _tree(pid):
        try:
            with open(f"/proc/{child}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    return total


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out
