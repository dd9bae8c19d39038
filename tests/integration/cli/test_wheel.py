"""The package as a user installs it: a wheel built from a clean clone (the build leaves
the clone as it was) installs in a fresh virtual environment and serves the app with its
own scripts and charts, the demo loaded from the files it carries.

Built with DONDOC_PURE=1 (the extractor as plain Python) to keep the test short: the
compiled build differs only in the extension modules it adds, which every other test
runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.support.servers import free_port, wait_until_up

pytestmark = pytest.mark.serial  # measures time or load: runs alone, after the parallel part (scripts/test)

ROOT = Path(__file__).resolve().parents[3]


def _run(args: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, check=False, timeout=900, **kw)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{args}: {done.stderr[-3000:]}"
    return done  # type: ignore[no-any-return]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_a_wheel_from_a_clean_clone_installs_and_serves(tmp_path: Path) -> None:
    src = tmp_path / "src"
    _run(["git", "clone", "-q", str(ROOT), str(src)])
    dist = tmp_path / "dist"
    env = {**os.environ, "DONDOC_PURE": "1"}
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(src),
        ],
        env=env,
    )
    # the build wrote nothing the clone tracks or would show as new
    assert _run(["git", "-C", str(src), "status", "--porcelain"]).stdout == ""
    (wheel,) = dist.glob("dondoc-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "dondoc/web/static/vendor/htmx.min.js",
        "dondoc/web/static/vendor/chart.umd.js",
        "dondoc/tracking/abbreviations.toml",
        "dondoc/search/abbreviations.toml",
        "dondoc/demo/cantho-q4-2024.txt",
        "dondoc/store/migrations/versions/0001_initial.py",
    ):
        assert needed in names, needed
    assert any(
        re.fullmatch(r"dondoc-[^/]+\.dist-info/licenses/LICENSE|dondoc-[^/]+\.dist-info/LICENSE", n)
        for n in names
    )
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    # a fresh environment: the wheel and its dependencies, nothing of this checkout
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)])
    data = tmp_path / "data"
    port = free_port()
    clean_env = {k: v for k, v in os.environ.items() if not k.startswith(("DONDOC_", "PYTHONPATH"))}
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(venv / "bin" / "dondoc"), "--data-dir", str(data), "serve", "--demo", "--port", str(port)],
            cwd=tmp_path,  # not the checkout: only the installed package can be imported
            env=clean_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", server, output=lambda: log.read_text(errors="replace"), seconds=120)
        with httpx.Client(base_url=base, timeout=30) as client:
            for script, origin in (("htmx.min.js", "htmx"), ("chart.umd.js", "Chart")):
                r = client.get(f"/static/vendor/{script}")
                assert r.status_code == 200 and origin in r.text[:5000]
                assert r.content == (ROOT / "dondoc/web/static/vendor" / script).read_bytes()
            login = client.get("/login")
            token = re.search(r'name="csrf" value="([^"]+)"', login.text)
            assert token is not None
            r = client.post(
                "/login",
                data={"csrf": token.group(1), "username": "vanphong", "password": "dondoc-demo"},
                follow_redirects=False,
            )
            assert r.status_code == 303
            dashboard = client.get("/dashboard")
            assert dashboard.status_code == 200
            assert "/static/vendor/chart.umd.js" in dashboard.text and "<canvas" in dashboard.text
            assert "/static/vendor/htmx.min.js" in dashboard.text
            assert client.get("/readyz").json()["status"] == "ready"
    finally:
        os.killpg(server.pid, 9)
        server.wait()
