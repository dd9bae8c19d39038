"""Issue 13, M4: no NUL reaches either database, whichever door it came through — the
CLI and the services included, not only the forms — and the refusal writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import ingestion, users
from dondoc.services.context import SYSTEM, Store
from dondoc.store.records import DirectiveRecord, UserRecord
from dondoc.tracking.permissions import Role


def _count(store: Store, record: type) -> int:
    with store.reading() as s:
        return int(s.scalar(select(func.count()).select_from(record)) or 0)


def test_issue_13_m4_a_nul_is_refused_at_the_store_and_nothing_is_written(store: Store) -> None:
    with pytest.raises(DondocError) as err:
        users.create_user(
            store,
            SYSTEM,
            username="nul",
            full_name="Văn\x00phòng",
            password="long enough pw",
            role=Role.OFFICE,
        )
    assert err.value.code is ErrorCode.RULE_VIOLATED
    assert _count(store, UserRecord) == 0


def test_issue_13_m4_a_text_with_a_nul_is_refused_before_it_is_stored(store: Store, shared_dir: Path) -> None:
    path = shared_dir / "security/repro/R17_text_with_one_NUL.txt"
    with pytest.raises(DondocError) as err:
        ingestion.ingest_file(store, SYSTEM, path)
    assert err.value.code is ErrorCode.INPUT_BINARY and "line 138" in err.value.message
    assert "SELECT" not in err.value.message and "INSERT" not in err.value.message
    assert _count(store, DirectiveRecord) == 0
