"""The embedded demo: the seed directive (Cần Thơ City Party Committee, key tasks for Q4
2024), a Cần Thơ unit tree, users of every role, and five months of follow-up.

Everything goes through the same use cases as real work (so the audit log is real too),
on the dates it would have happened: confirmed on 7/10/2024, reports at the end of each
month, completions on time and late, a returned claim, an approved extension, work still
open. As of 31/12/2024 and as of 1/3/2025 the dashboards then show every bucket.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sqlalchemy import func, select

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import assignment, fetch, ingestion, progress, review, units, users
from dondoc.services.context import SYSTEM, Store
from dondoc.services.progress import Report
from dondoc.store.records import DirectiveRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Actor, Role

DEMO_PASSWORD = "dondoc-demo"
D = dt.date

# the office's choice of lead (and support) for tasks the directive gives to everyone
# ("các cấp ủy đảng, chính quyền, các cơ quan, đơn vị"), by the section's number
_BY_SECTION: dict[str, tuple[str, tuple[str, ...]]] = {
    "1": ("CT-TU-BTC", ("CT-TU-VP",)),
    "2": ("CT-UBND", ("CT-STC", "CT-SCT")),
    "3": ("CT-SVHTTDL", ("CT-SYT", "CT-SGDDT")),
    "4": ("CT-CA", ("CT-BCHQS",)),
}
# demo users: name, full name, role, unit
_USERS: tuple[tuple[str, str, Role, str | None], ...] = (
    ("admin", "Quản trị hệ thống", Role.ADMIN, None),
    ("vanphong", "Nguyễn Thị Lan (Văn phòng Thành ủy)", Role.OFFICE, "CT-TU-VP"),
    ("lanhdao", "Trần Văn Minh (Thường trực Thành ủy)", Role.LEADER, "CT"),
)


@dataclass(frozen=True)
class DemoLoaded:
    directive_id: int
    tasks: int
    users: tuple[str, ...]
    password: str


def seed_path() -> Path:
    return Path(str(resources.files("dondoc").joinpath("demo/cantho-q4-2024.txt")))


def units_path() -> Path:
    return Path(str(resources.files("dondoc").joinpath("demo/cantho-units.csv")))


def database_is_empty(store: Store) -> bool:
    with store.reading() as s:
        return not s.scalar(select(func.count()).select_from(DirectiveRecord))


def load_demo(store: Store) -> DemoLoaded:
    """Load the demo into an empty database (refused when it holds directives already)."""
    if not database_is_empty(store):
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail="the database is not empty; the demo needs an empty one"
        )
    units.import_units(store, SYSTEM, units_path())
    names = []
    for name, full, role, unit in _USERS:
        users.create_user(
            store, SYSTEM, username=name, full_name=full, password=DEMO_PASSWORD, role=role, unit_code=unit
        )
        names.append(name)
    office = users.actor_by_name(store, "vanphong")
    with tempfile.TemporaryDirectory() as tmp:
        # the file name users will see; the bytes are the packaged seed
        path = Path(tmp) / "cantho-q4-2024.txt"
        path.write_bytes(seed_path().read_bytes())
        ingested = ingestion.ingest_file(store, office, path)
    directive_id = ingested.directive_id
    review.resolve_bodies(store, office, directive_id)
    review.confirm(store, office, directive_id, today=D(2024, 10, 7))
    assignment.assign_from_mentions(store, office, directive_id, today=D(2024, 10, 7))
    leads = _assign_the_rest(store, office, directive_id)
    for code in sorted(leads):
        name = code.lower()
        users.create_user(
            store,
            SYSTEM,
            username=name,
            full_name=f"Đầu mối {code}",
            password=DEMO_PASSWORD,
            role=Role.REPORTER,
            unit_code=code,
        )
        names.append(name)
    _follow_up(store, office, directive_id)
    return DemoLoaded(directive_id, ingested.tasks, tuple(names), DEMO_PASSWORD)


def _assign_the_rest(store: Store, office: Actor, directive_id: int) -> set[str]:
    """Assign by section what mentions did not settle; returns every lead unit's code."""
    with store.reading() as s:
        tasks = list(
            s.scalars(
                select(TaskRecord)
                .where(TaskRecord.directive_id == directive_id)
                .order_by(TaskRecord.position)
            )
        )
        todo = [(t.id, (t.section or "?")[:1]) for t in tasks if not t.assignments]
        done_leads = {a.unit_id for t in tasks for a in t.assignments if a.role == "lead"}
        codes = dict(s.execute(select(UnitRecord.id, UnitRecord.code)).all())
    leads = {codes[u] for u in done_leads}
    for task_id, section in todo:
        lead, support = _BY_SECTION.get(section, ("CT-UBND", ()))
        assignment.assign(store, office, task_id, lead=lead, support=support, today=D(2024, 10, 8))
        leads.add(lead)
    return leads


def _follow_up(store: Store, office: Actor, directive_id: int) -> None:
    with store.reading() as s:
        rows = (
            s.execute(
                select(TaskRecord.id)
                .where(TaskRecord.directive_id == directive_id)
                .order_by(TaskRecord.position)
            )
            .scalars()
            .all()
        )
    for n, task_id in enumerate(rows):
        reporter = _reporter(store, task_id)
        progress.report_progress(
            store,
            reporter,
            task_id,
            Report("in_progress", percent=30.0, narrative="Đã xây dựng kế hoạch triển khai."),
            today=D(2024, 10, 31),
        )
        progress.report_progress(
            store,
            reporter,
            task_id,
            Report("in_progress", percent=60.0, narrative="Đang tổ chức thực hiện theo kế hoạch."),
            today=D(2024, 11, 29),
        )
        outcome = n % 5
        if outcome == 0:  # done on time
            _complete(store, reporter, office, task_id, done=D(2024, 12, 20), verified=D(2024, 12, 23))
        elif outcome == 1:  # done late
            _complete(store, reporter, office, task_id, done=D(2025, 1, 10), verified=D(2025, 1, 13))
        elif outcome == 2:  # extension approved, then done within it
            request = progress.request_extension(
                store,
                reporter,
                task_id,
                proposed=D(2025, 2, 28),
                reason="Chờ hướng dẫn của Trung ương; đề nghị gia hạn đến 28/02/2025.",
                today=D(2024, 12, 16),
            )
            progress.decide_extension(store, office, request, approve=True, today=D(2024, 12, 18))
            _complete(store, reporter, office, task_id, done=D(2025, 2, 20), verified=D(2025, 2, 24))
        elif outcome == 3:  # still open, with difficulties
            progress.report_progress(
                store,
                reporter,
                task_id,
                Report(
                    "stalled",
                    percent=70.0,
                    difficulties="Thiếu kinh phí thực hiện.",
                    proposals="Đề nghị bổ sung kinh phí.",
                ),
                today=D(2024, 12, 27),
            )
        else:  # a claim returned for want of evidence, then verified
            update = progress.report_progress(
                store,
                reporter,
                task_id,
                Report("done", percent=100.0, narrative="Đã hoàn thành."),
                today=D(2024, 12, 26),
            )
            progress.return_update(
                store, office, update, reason="Chưa có văn bản kết quả kèm theo.", today=D(2024, 12, 27)
            )
            _complete(
                store,
                reporter,
                office,
                task_id,
                done=D(2024, 12, 30),
                verified=D(2025, 1, 3),
                number="125-BC/BTC",
            )


def _complete(
    store: Store,
    reporter: Actor,
    office: Actor,
    task_id: int,
    *,
    done: dt.date,
    verified: dt.date,
    number: str = "98-BC/TU",
) -> None:
    update = progress.report_progress(
        store,
        reporter,
        task_id,
        Report(
            "done",
            percent=100.0,
            narrative="Đã hoàn thành nhiệm vụ; báo cáo kết quả kèm theo.",
            result_document=number,
            done_on=done,
            evidence=(("bao-cao-ket-qua.txt", f"Báo cáo kết quả thực hiện nhiệm vụ {task_id}.".encode()),),
        ),
        today=done,
    )
    progress.verify_update(store, office, update, today=verified)


def _reporter(store: Store, task_id: int) -> Actor:
    with store.reading() as s:
        lead = fetch.lead_unit_id(s, task_id)
        code = s.scalar(select(UnitRecord.code).where(UnitRecord.id == lead))
    return users.actor_by_name(store, (code or "").lower())
