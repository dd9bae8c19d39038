"""Issue 13, L3/L4/L5: the data folder is private and durable, and a full disk or a
read-only folder answers writes with 503 and a Vietnamese message while reading goes on
— against a real server on a real small disk (a tmpfs) and a real read-only mount.
Mounting needs root (CI runs as root); elsewhere these tests say why they did not run."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dondoc.config import Settings
from dondoc.services.context import Store
from dondoc.services.demo import DEMO_PASSWORD, load_demo, seed_path
from dondoc.store import migrate
from dondoc.store.files import clean_temporaries
from tests.support.servers import serving

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def _mount(*args: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small or read-only disk needs root (CI runs as root)")
    subprocess.run(["mount", *args], check=True, capture_output=True)


@contextlib.contextmanager
def small_disk(path: Path, megabytes: int) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={megabytes}m,mode=0755", "tmpfs", str(path))
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Path]:
    _mount("--bind", str(path), str(path))
    try:
        _mount("-o", "remount,ro,bind", str(path))
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _demo(data: Path) -> str:
    url = f"sqlite:///{data / 'dondoc.sqlite3'}"
    store = Store.open(Settings(database_url=url, data_dir=data))
    migrate.upgrade(store.engine)
    load_demo(store)
    store.engine.dispose()
    return url


def _login(base: str, user: str) -> httpx.Client:
    client = httpx.Client(base_url=base, follow_redirects=False, timeout=60)
    token = CSRF.search(client.get("/login").text)
    assert token is not None
    r = client.post("/login", data={"csrf": token.group(1), "username": user, "password": DEMO_PASSWORD})
    assert r.status_code == 303, r.text
    return client


def _upload(client: httpx.Client) -> httpx.Response:
    csrf = CSRF.search(client.get("/directives/upload").text)
    assert csrf is not None
    text = seed_path().read_bytes().replace(b"2024", b"2022", 1)
    return client.post(
        "/directives/upload", data={"csrf": csrf.group(1)}, files={"file": ("cv.txt", text, "text/plain")}
    )


def test_issue_13_l5_the_data_folder_and_database_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _demo(data)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "dondoc.sqlite3").stat().st_mode) == 0o600
    # an install from before the rule is tightened when next opened
    (data / "dondoc.sqlite3").chmod(0o644)
    data.chmod(0o755)
    Store.open(Settings(data_dir=data)).engine.dispose()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "dondoc.sqlite3").stat().st_mode) == 0o600


def test_issue_13_l3_temporary_files_of_killed_writers_are_removed_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "blobs" / "ab").mkdir(parents=True)
    old, fresh = data / "blobs" / "ab" / ".part-old", data / "blobs" / "ab" / ".part-fresh"
    old.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(old, (0, 0))
    assert clean_temporaries(data) >= 1
    assert not old.exists() and fresh.exists()  # a live writer's part stays


def test_issue_13_l3_a_full_disk_answers_503_and_reading_goes_on(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 24) as disk:
        data = disk / "data"
        url = _demo(data)
        with serving(database_url=url, data_dir=data, extra_env={"TMPDIR": str(disk)}) as server:
            office = _login(server.url, "vanphong")
            filler = disk / "filler"
            with filler.open("wb") as fh, contextlib.suppress(OSError):
                while True:
                    fh.write(b"\0" * (1 << 20))
                    fh.flush()
            assert office.get("/dashboard").status_code == 200
            assert office.get("/directives").status_code == 200
            r = _upload(office)
            assert r.status_code == 503, r.text
            assert "Hiện không ghi được dữ liệu" in r.text and "Traceback" not in r.text
            api = office.get("/api/v1/directives")
            assert api.status_code == 200
            filler.unlink()  # room again: writing works again
            assert _upload(office).status_code == 303


def test_issue_13_l3_a_read_only_folder_still_serves_reads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = _demo(data)
    with serving(database_url=url, data_dir=data) as server:  # a login made before
        cookie = _login(server.url, "lanhdao").cookies["dondoc_session"]
    with read_only(data), serving(database_url=url, data_dir=tmp_path / "data") as server:
        reader = httpx.Client(base_url=server.url, follow_redirects=False, timeout=60)
        reader.cookies.set("dondoc_session", cookie, domain="127.0.0.1")
        assert reader.get("/dashboard").status_code == 200
        assert reader.get("/directives").status_code == 200
        # a new login must be written down: refused with the storage's message, not a crash
        token = CSRF.search(reader.get("/login").text)
        assert token is not None
        r = httpx.post(
            f"{server.url}/login",
            data={"csrf": token.group(1), "username": "vanphong", "password": DEMO_PASSWORD},
            cookies={"dondoc_session": reader.cookies["dondoc_session"]},
        )
        assert r.status_code == 503 and "Hiện không ghi được dữ liệu" in r.text
