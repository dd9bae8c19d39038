"""Loading the records a use case acts on, with E_NOT_FOUND when they do not exist."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.store.records import AssignmentRecord, DirectiveRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Subject


def directive(s: Session, directive_id: int) -> DirectiveRecord:
    found = s.get(DirectiveRecord, directive_id)
    if found is None:
        raise DondocError(ErrorCode.NOT_FOUND, kind="directive", key=directive_id)
    return found


def task(s: Session, task_id: int, *, lock: bool = False) -> TaskRecord:
    """The task; `lock`: its row held until the transaction ends (PostgreSQL: other
    writers of it wait, rather than fail on its version; SQLite has one writer anyway)."""
    found = s.get(TaskRecord, task_id, with_for_update=lock)
    if found is None:
        raise DondocError(ErrorCode.NOT_FOUND, kind="task", key=task_id)
    return found


def subject_of(s: Session, task_id: int) -> Subject:
    """A task as permissions see it: the paths of its lead and supporting units."""
    rows = s.execute(
        select(AssignmentRecord.role, UnitRecord.path)
        .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
        .where(AssignmentRecord.task_id == task_id)
    ).all()
    lead = next((path for role, path in rows if role == "lead"), None)
    return Subject(lead_path=lead, support_paths=tuple(path for role, path in rows if role == "support"))


def lead_unit_id(s: Session, task_id: int) -> int | None:
    return s.scalar(
        select(AssignmentRecord.unit_id).where(
            AssignmentRecord.task_id == task_id, AssignmentRecord.role == "lead"
        )
    )


def check_version(record: TaskRecord | DirectiveRecord, expected: int | None, *, kind: str) -> None:
    """The optimistic check of a form: it was filled in from version `expected`."""
    if expected is not None and record.version != expected:
        raise DondocError(ErrorCode.CONFLICT, kind=kind, key=record.id)


def require_confirmed(record: DirectiveRecord, *, doing: str) -> None:
    """Tasks are followed up (assigned, reported on) only once their directive is confirmed."""
    if record.state != "confirmed":
        raise DondocError(
            ErrorCode.RULE_VIOLATED,
            detail=f"directive {record.id} is not confirmed yet: {doing} waits for it",
        )
