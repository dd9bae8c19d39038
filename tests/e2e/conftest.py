"""A live dondoc (uvicorn in a thread, fresh SQLite) and Debian's Chromium through Playwright.

The browser is the system one (`DONDOC_CHROMIUM`, default /usr/bin/chromium): Playwright
never downloads one. Steps taken through `shot` leave a screenshot in `e2e-screenshots/`
(or `DONDOC_E2E_SCREENSHOTS`) when they fail.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn

from dondoc.config import Settings
from dondoc.services.context import Store
from dondoc.services.jobs import stop_local
from dondoc.store import migrate
from dondoc.tracking.permissions import Role
from dondoc.web.app import create_app
from tests.support.tracking import PASSWORD, load_cantho_units, make_user

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DONDOC_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("DONDOC_E2E_SCREENSHOTS", ROOT / "e2e-screenshots"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@dataclass
class Live:
    url: str
    store: Store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    # the reminders run when a test says so (on its own dates), not on the real clock
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'e2e.sqlite3'}",
        data_dir=tmp_path / "data",
        reminder_check_minutes=0,
    )
    store = Store.open(settings)
    migrate.upgrade(store.engine)
    load_cantho_units(store)
    make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    make_user(store, "congan", Role.REPORTER, "CT-CA")
    make_user(store, "lanhdao", Role.LEADER, "CT")
    make_user(store, "quantri", Role.ADMIN)
    port = _free_port()
    server = uvicorn.Server(
        # as `dondoc serve` runs it: no banner naming the server software
        uvicorn.Config(
            create_app(settings, store), host="127.0.0.1", port=port, log_level="warning", server_header=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the web app did not start")
        time.sleep(0.05)
    yield Live(f"http://127.0.0.1:{port}", store)
    server.should_exit = True
    thread.join(timeout=10)
    stop_local(store)  # the reading threads its uploads started
    store.engine.dispose()


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (scripts/setup installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[object, str, Callable[[], None]], None]:
    """Run one step; on failure save the page as a screenshot named after the test and step."""

    def step(page: object, name: str, action: Callable[[], None]) -> None:
        try:
            action()
        except BaseException:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{request.node.name}-{name}.png"), full_page=True)  # type: ignore[attr-defined]
            raise

    return step


def login(page: object, base: str, user: str) -> None:
    page.goto(f"{base}/login")  # type: ignore[attr-defined]
    page.get_by_label("Tên đăng nhập").fill(user)  # type: ignore[attr-defined]
    page.get_by_label("Mật khẩu").fill(PASSWORD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Đăng nhập").click()  # type: ignore[attr-defined]


def axe_violations(page: object) -> list[dict[str, object]]:
    """Serious and critical WCAG 2 A/AA violations axe-core finds on the page."""
    # evaluated through the browser's debugging protocol: the page's own policy (no
    # inline script) stays in force and would refuse an injected <script>
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target)}))"
    )
    return list(result)
