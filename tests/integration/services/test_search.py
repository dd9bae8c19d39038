"""Issue #16 (search): the query file over the demo data on both engines, the index kept
in step with every write (and with a rollback), what each user may see, the filters."""

from __future__ import annotations

import contextlib
import datetime as dt
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from dondoc.config import Settings
from dondoc.services import demo, progress, review, search, users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.progress import Report
from dondoc.services.search import Filters
from dondoc.store import migrate, search_index
from dondoc.store.records import (
    AssignmentRecord,
    SearchDocRecord,
    SearchTermRecord,
    TaskRecord,
    UnitAliasRecord,
    UnitRecord,
)
from tests.conftest import own_pg_database

QUERIES = tomllib.loads((Path(__file__).parents[2] / "data" / "search_queries.toml").read_text("utf-8"))[
    "query"
]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def demo_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo loaded once per engine for the query file (read only), on PostgreSQL in a
    database of its own: the tests of this module that write (the `store` fixture) empty the
    shared one, and a worker may run them between the query file's tests."""
    tmp = tmp_path_factory.mktemp("search")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp / 'dondoc.sqlite3'}"
        else:
            url = stack.enter_context(own_pg_database(request.getfixturevalue("pg_database"), "search"))
        store = Store.open(Settings(database_url=url, data_dir=tmp / "data"))
        migrate.upgrade(store.engine)
        demo.load_demo(store)
        yield store
        store.engine.dispose()


def _text(store: Store, hit: search.Hit) -> str:
    with store.reading() as s:
        return str(
            s.scalar(
                select(SearchDocRecord.body).where(
                    SearchDocRecord.kind == hit.kind, SearchDocRecord.ref_id == hit.id
                )
            )
        )


def _check(store: Store, case: dict[str, Any]) -> str | None:
    filters = Filters(
        kinds=(case["kind"],) if "kind" in case else (),
        unit_code=case.get("unit"),
        status=case.get("status"),
    )
    found = search.search(store, SYSTEM, case["q"], filters, limit=10)
    if case.get("none"):
        return None if not found.hits else f"{case['q']!r}: expected nothing, got {found.hits[0].title!r}"
    kind, words = (p.strip() for p in case["top"].split(":", 1))
    within = found.hits[: case.get("within", 1)]
    for hit in within:
        if hit.kind == kind and words in _text(store, hit):
            return None
    got = [f"{h.kind}:{h.title[:60]}" for h in within] or ["nothing"]
    return f"{case['q']!r}: expected {case['top']!r} within {len(within) or 1}, got {got}"


def test_the_query_file_finds_what_each_query_expects(demo_store: Store) -> None:
    assert len(QUERIES) >= 40
    failures = [f for f in (_check(demo_store, case) for case in QUERIES) if f]
    assert not failures, "\n".join(failures)


def test_results_carry_snippets_with_the_matches_marked(demo_store: Store) -> None:
    found = search.search(demo_store, SYSTEM, "giai ngan", limit=1)
    snip = found.hits[0].snippet
    assert [snip.text[s:e] for s, e in snip.marks][:2] == ["giải", "giải ngân"]
    assert "<mark>giải ngân</mark>" in snip.html()
    typo = search.search(demo_store, SYSTEM, "giai ngna", limit=1)
    assert typo.corrections and typo.corrections[0].startswith("ngna → ")


def test_a_reporter_finds_only_their_units_tasks_and_reports(demo_store: Store) -> None:
    police = users.actor_by_name(demo_store, "ct-ca")
    found = search.search(demo_store, police, "an ninh", limit=50)
    task_ids = {h.task_id for h in found.hits if h.kind in ("task", "progress")}
    assert task_ids, "the police's own task about security is found"
    with demo_store.reading() as s:
        theirs = set(
            s.scalars(
                select(AssignmentRecord.task_id)
                .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
                .where(UnitRecord.code == "CT-CA")
            )
        )
    assert task_ids <= theirs
    everyone = search.search(demo_store, SYSTEM, "an ninh", limit=50)
    assert {h.task_id for h in everyone.hits if h.kind == "task"} - theirs, (
        "others' tasks exist and are hidden"
    )


def test_the_index_follows_every_write_and_every_rollback(store: Store) -> None:
    demo.load_demo(store)
    office = users.actor_by_name(store, "vanphong")
    with store.reading() as s:
        task = s.scalars(select(TaskRecord).where(TaskRecord.text.contains("giải ngân"))).first()
        assert task is not None
        tasks_before = s.scalar(select(func.count()).select_from(TaskRecord))
    # an edit: the new words are found, the old ones no longer
    review.edit_task(store, office, task.id, {"text": "Đôn đốc hoàn thành cầu Trần Hoàng Na trước Tết"})
    assert [h.id for h in search.search(store, SYSTEM, "tran hoang na", Filters(kinds=("task",))).hits] == [
        task.id
    ]
    assert task.id not in {
        h.id for h in search.search(store, SYSTEM, "giai ngan von", Filters(kinds=("task",))).hits
    }
    # a progress report, by the lead unit of a task still open
    with store.reading() as s:
        police_task, lead_code = s.execute(
            select(TaskRecord, UnitRecord.code)
            .join(AssignmentRecord, AssignmentRecord.task_id == TaskRecord.id)
            .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
            .where(
                AssignmentRecord.role == "lead",
                TaskRecord.verified_on.is_(None),
                TaskRecord.done_on.is_(None),
            )
            .order_by(TaskRecord.id)
            .limit(1)
        ).one()
    progress.report_progress(
        store,
        users.actor_by_name(store, lead_code.lower()),
        police_task.id,
        Report(status="in_progress", narrative="Đã triệt phá đường dây đánh bạc qua mạng Zalo"),
        today=dt.date(2024, 11, 1),
    )
    hit = search.search(store, SYSTEM, "zalo").hits
    assert [(h.kind, h.task_id) for h in hit] == [("progress", police_task.id)]
    # a unit's new alias
    with store.transaction() as s:
        unit = s.scalars(select(UnitRecord).where(UnitRecord.code == "CT-SYT")).one()
        unit.aliases.append(UnitAliasRecord(alias="Sở Y tế Tây Đô"))
    assert search.search(store, SYSTEM, "tay do").hits[0].title == "Sở Y tế"
    # a write that rolls back leaves the index as it was
    with pytest.raises(RuntimeError), store.transaction() as s:
        unit = s.scalars(select(UnitRecord).where(UnitRecord.code == "CT-STP")).one()
        unit.name = "Sở Tư pháp Ngân Hà"
        s.flush()
        raise RuntimeError("the use case failed after its flush")
    assert not search.search(store, SYSTEM, "ngan ha").hits
    # a deleted task leaves with its reports
    with store.transaction() as s:
        s.delete(s.get(TaskRecord, police_task.id))
    assert not search.search(store, SYSTEM, "zalo").hits
    with store.reading() as s:
        left = s.scalar(
            select(func.count()).select_from(SearchDocRecord).where(SearchDocRecord.task_id == police_task.id)
        )
        assert left == 0 and s.scalar(select(func.count()).select_from(TaskRecord)) == (tasks_before or 0) - 1

    # and a rebuild from scratch gives the same index as the writes kept
    def entries() -> set[tuple[str, int, str]]:
        with store.reading() as s:
            return {(d.kind, d.ref_id, d.terms) for d in s.scalars(select(SearchDocRecord))}

    def knows(word: str) -> bool:
        with store.reading() as s:
            return s.get(SearchTermRecord, word) is not None

    kept = entries()
    assert knows("zalo")  # writes only add words: the deleted report's is still offered
    search_index.rebuild(store.engine)
    assert entries() == kept
    assert not knows("zalo") and knows("tay")  # a rebuild keeps only the words held


def test_pruning_forgets_exactly_the_words_no_entry_holds(store: Store) -> None:
    """The workers' housekeeping prunes the typo-correction words: those of deleted and
    edited records go, every word an entry holds stays (the same words a rebuild keeps)."""
    demo.load_demo(store)
    office = users.actor_by_name(store, "vanphong")
    with store.reading() as s:
        task = s.scalars(select(TaskRecord).order_by(TaskRecord.id)).first()
        assert task is not None
    review.edit_task(store, office, task.id, {"text": "Khảo sát bến phà Zlatkovo trước Tết"})
    review.edit_task(store, office, task.id, {"text": "Khảo sát bến phà Vàm Cống trước Tết"})
    with store.transaction() as s:
        # a quote is no query syntax to either engine, a letter no entry's folded words hold
        s.add_all([SearchTermRecord(term='q"x'), SearchTermRecord(term="đ")])

    def words() -> set[str]:
        with store.reading() as s:
            return set(s.scalars(select(SearchTermRecord.term)))

    before = words()
    assert "zlatkovo" in before
    forgotten = search_index.prune_terms(store.engine, batch=37)  # many batches, one word per edge
    after = words()
    assert "zlatkovo" not in after and {"vam", "cong", "khao", "sat"} <= after
    assert not {'q"x', "đ"} & after
    assert forgotten == len(before - after)
    # what is left is what a rebuild from the entries keeps, and pruning again finds nothing
    search_index.rebuild(store.engine)
    assert words() == after
    assert search_index.prune_terms(store.engine) == 0
    # a word typed with a one-letter typo is no longer corrected to a word that finds nothing
    assert not search.search(store, SYSTEM, "zlatkovp").corrections


def test_task_filters_keep_tasks_and_their_reports(demo_store: Store) -> None:
    only = search.search(demo_store, SYSTEM, "thanh pho", Filters(unit_code="CT-CA"), limit=100)
    assert only.hits and {h.kind for h in only.hits} <= {"task", "progress"}
    with pytest.raises(Exception, match="unknown kind"):
        search.search(demo_store, SYSTEM, "x", Filters(kinds=("bogus",)))
    assert not search.search(demo_store, SYSTEM, "   ").hits
    assert not search.search(demo_store, SYSTEM, '"" * - :').hits


def test_status_and_deadline_filters_hold_for_every_result(demo_store: Store) -> None:
    with demo_store.reading() as s:
        rows = s.execute(select(TaskRecord.id, TaskRecord.status_key, TaskRecord.current_deadline)).all()
    status = {i: k for i, k, _ in rows}
    due = {i: d for i, _, d in rows}
    for key in sorted(set(status.values())):
        found = search.search(
            demo_store, SYSTEM, "thanh pho", Filters(kinds=("task",), status=key), limit=100
        )
        expected = {i for i, k in status.items() if k == key}
        assert {h.id for h in found.hits} <= expected
    days = sorted(d for d in due.values() if d is not None)
    lo, hi = days[len(days) // 4], days[3 * len(days) // 4]
    window = Filters(kinds=("task",), due_from=lo, due_to=hi)
    found = search.search(demo_store, SYSTEM, "thanh pho", window, limit=100)
    assert found.hits and all(lo <= due[h.id] <= hi for h in found.hits)  # type: ignore[operator]
    unfiltered = search.search(demo_store, SYSTEM, "thanh pho", Filters(kinds=("task",)), limit=100)
    assert len(unfiltered.hits) > len(found.hits)


def test_the_windows_of_newest_entries_give_the_newest_matches(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut (PostgreSQL reads the newest entries before its index) against the
    plain way (the index alone): the same pool when a window holds every entry; with
    windows too narrow for that, exactly the newest of the plain pool's matches."""
    if demo_store.engine.dialect.name != "postgresql":
        pytest.skip("the windows are PostgreSQL's (FTS5 yields its matches newest first)")
    from dondoc.search.query import parse
    from dondoc.store.search_index import _narrowing, _postgres_pool

    with demo_store.reading() as s:
        conn = s.connection()
        for case in QUERIES:
            query = parse(case["q"])
            if not query:
                continue
            monkeypatch.setattr(search_index, "WINDOWS", ())
            plain = _postgres_pool(conn, query, [], 500, 20)
            monkeypatch.setattr(search_index, "WINDOWS", ((5000, 100), (20_000, 0)))
            assert sorted(_postgres_pool(conn, query, [], 500, 20)) == sorted(plain), case["q"]
            monkeypatch.setattr(search_index, "WINDOWS", ((40, 3), (80, 0)))
            narrow = _postgres_pool(conn, query, [], 500, 2)
            newest = sorted(plain, key=lambda p: -p[0])[: len(narrow)]
            assert sorted(narrow) == sorted(newest), case["q"]
            # a filter applies inside the window (ids newer than the newest entry's - width)
            tasks_only = _narrowing(("task",), None, None, None)
            narrow = _postgres_pool(conn, query, tasks_only, 500, 2)
            monkeypatch.setattr(search_index, "WINDOWS", ())
            plain_tasks = _postgres_pool(conn, query, tasks_only, 500, 2)
            assert {i for i, _ in plain_tasks} <= {i for i, _ in plain}, case["q"]
            newest = sorted(plain_tasks, key=lambda p: -p[0])[: len(narrow)]
            assert sorted(narrow) == sorted(newest), case["q"]
