from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = Path(os.environ.get("DONDOC_SHARED", ROOT.parent / "shared"))
    if not (path / "corpus").is_dir():
        pytest.fail(f"shared corpus not found at {path} (set DONDOC_SHARED)")
    return path
