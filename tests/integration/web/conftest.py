from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from dondoc.config import Settings
from dondoc.services.context import Store
from dondoc.services.demo import DEMO_PASSWORD, load_demo
from dondoc.store import migrate

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from dondoc.services.jobs import stop_local
from dondoc.web.app import create_app

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class DemoSite:
    store: Store
    settings: Settings

    def client(self, user: str | None = None, password: str = DEMO_PASSWORD) -> TestClient:
        client = TestClient(create_app(self.settings, self.store), raise_server_exceptions=False)
        if user is not None:
            token = CSRF.search(client.get("/login").text)
            assert token is not None
            r = client.post(
                "/login",
                data={"csrf": token.group(1), "username": user, "password": password},
                follow_redirects=False,
            )
            assert r.status_code == 303, r.text
        return client


def csrf_of(client: TestClient) -> str:
    match = CSRF.search(client.get("/password").text)
    assert match is not None
    return match.group(1)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    tmp: Path = tmp_path_factory.mktemp("site")
    settings = Settings(database_url=f"sqlite:///{tmp / 'site.sqlite3'}", data_dir=tmp / "data")
    store = Store.open(settings)
    migrate.upgrade(store.engine)
    load_demo(store)
    yield DemoSite(store, settings)
    stop_local(store)  # the reading threads its uploads started
    store.engine.dispose()
