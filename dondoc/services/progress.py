"""Units report progress; the office verifies or returns claims of completion; extensions.

A report that claims completion (a status in the "done" group) does not close the task:
it waits for the office, which verifies it (the task is done on the day the unit says the
work was finished) or returns it with a reason. An extension is asked by the lead unit
and decided by the office; the original deadline is kept, and each approval records the
day from which the new deadline applies, so lateness is judged against the deadline in
force when the work was done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import cycles, fetch
from dondoc.services.context import Store, audit_event, require
from dondoc.services.cycles import complete_occurrence
from dondoc.store.queries.histories import occurrence_changes
from dondoc.store.records import (
    BlobRecord,
    EvidenceRecord,
    ExtensionRequestRecord,
    ProgressUpdateRecord,
    StatusRecord,
    TaskRecord,
    UnitRecord,
)
from dondoc.tracking.permissions import Action, Actor, Role
from dondoc.tracking.progress import Indicator, percent_from_indicator, roll_up
from dondoc.tracking.timeliness import check_plausible, deadline_in_force

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class Report:
    status: str
    percent: float | None = None
    indicator_value: float | None = None
    narrative: str = ""
    difficulties: str = ""
    proposals: str = ""
    result_document: str | None = None
    done_on: dt.date | None = None  # for a completion: the day the work was finished
    evidence: tuple[tuple[str, bytes], ...] = ()


def _acting_unit(s: Session, actor: Actor, task_id: int) -> int:
    """The unit a report speaks for: the reporter's own, else the task's lead unit."""
    if actor.role is Role.REPORTER and actor.unit_path is not None:
        unit_id = s.scalar(select(UnitRecord.id).where(UnitRecord.path == actor.unit_path))
        if unit_id is not None:
            return unit_id
    lead = fetch.lead_unit_id(s, task_id)
    if lead is None:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"task {task_id} has no lead unit yet")
    return lead


def _status(s: Session, key: str) -> StatusRecord:
    status = s.get(StatusRecord, key)
    if status is None:
        raise DondocError(ErrorCode.NOT_FOUND, kind="status", key=key)
    return status


def _percent(task: TaskRecord, report: Report, status: StatusRecord) -> float | None:
    if report.percent is not None:
        if not 0 <= report.percent <= 100:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="a percentage is between 0 and 100")
        return report.percent
    if report.indicator_value is not None:
        numeric = [t for t in task.targets if t.target_value is not None]
        if numeric:
            target = numeric[0]
            target.current_value = report.indicator_value
            return percent_from_indicator(
                report.indicator_value, Indicator(target.target_value or 0.0, target.measure)
            )
    return status.default_progress if status.default_progress is not None else task.progress


def report_progress(
    store: Store,
    actor: Actor,
    task_id: int,
    report: Report,
    *,
    today: dt.date,
    expected_version: int | None = None,
) -> int:
    """A unit's progress report; returns the update's id."""
    if report.done_on is not None:
        check_plausible(report.done_on)
    if sum(len(b) for _, b in report.evidence) > MAX_EVIDENCE_BYTES:
        raise DondocError(
            ErrorCode.TOO_LARGE,
            name="evidence",
            size=sum(len(b) for _, b in report.evidence),
            limit=MAX_EVIDENCE_BYTES,
        )
    with store.transaction() as s:
        # a report that names no version is an addition, not an edit of the task as its
        # sender saw it: reports arriving at the same moment wait for one another on the
        # task's row instead of failing on its version
        task = fetch.task(s, task_id, lock=expected_version is None)
        require(actor, Action.REPORT_PROGRESS, fetch.subject_of(s, task_id), what=f"task {task_id}")
        fetch.require_confirmed(task.directive, doing="reporting progress")
        fetch.check_version(task, expected_version, kind="task")
        if task.verified_on is not None:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"task {task_id} is already verified as done")
        status = _status(s, report.status)
        claims_done = status.status_group == "done"
        done_on = (report.done_on or today) if claims_done else None
        if done_on is not None and done_on > today:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="work cannot be finished in the future")
        before = {"status": task.status_key, "progress": task.progress}
        percent = _percent(task, report, status)
        update = ProgressUpdateRecord(
            task_id=task_id,
            unit_id=_acting_unit(s, actor, task_id),
            reporter_id=actor.user_id or None,
            reported_on=today,
            status_key=status.key,
            percent=percent,
            indicator_value=report.indicator_value,
            narrative=report.narrative,
            difficulties=report.difficulties,
            proposals=report.proposals,
            result_document=report.result_document,
            done_on=done_on,
            review="pending" if claims_done else "none",
        )
        # files are written once the report is allowed; a failure after this leaves at
        # most an unreferenced blob, never a record pointing at a missing file
        added: set[str] = set()
        for name, data in report.evidence:
            sha = store.files.put(data)
            if sha not in added and s.get(BlobRecord, sha) is None:
                s.add(BlobRecord(sha256=sha, size=len(data)))
            added.add(sha)
            update.evidence.append(EvidenceRecord(sha256=sha, file_name=name))
        s.add(update)
        # a claim of completion waits for verification: the task stays open meanwhile
        if not claims_done:
            task.status_key = status.key
        task.progress = percent
        s.flush()
        audit_event(
            s,
            actor,
            "progress.report",
            "task",
            task_id,
            before=before,
            after={
                "update": update.id,
                "status": status.key,
                "progress": percent,
                "claims_done": claims_done,
            },
        )
        return update.id


def _pending_update(s: Session, update_id: int) -> ProgressUpdateRecord:
    update = s.get(ProgressUpdateRecord, update_id)
    if update is None:
        raise DondocError(ErrorCode.NOT_FOUND, kind="progress update", key=update_id)
    if update.review != "pending":
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"update {update_id} is not awaiting verification")
    return update


def verify_update(
    store: Store, actor: Actor, update_id: int, *, today: dt.date, note: str | None = None
) -> None:
    """The office accepts a claim of completion: the task is done on the claimed day."""
    require(actor, Action.VERIFY, what="progress updates")
    with store.transaction() as s:
        update = _pending_update(s, update_id)
        task = fetch.task(s, update.task_id)
        update.review, update.reviewed_by, update.reviewed_on, update.review_note = (
            "verified",
            actor.user_id or None,
            today,
            note,
        )
        if task.cycle is not None and complete_occurrence(s, task, update, today):
            # a recurring task goes on: this period's report is done, the task is not
            task.status_key = "in_progress"
        else:
            task.status_key, task.progress = update.status_key, 100.0
            task.done_on, task.verified_on = update.done_on, today
        audit_event(
            s,
            actor,
            "progress.verify",
            "progress_update",
            update_id,
            after={"task": task.id, "done_on": update.done_on},
        )


def return_update(store: Store, actor: Actor, update_id: int, *, reason: str, today: dt.date) -> None:
    """The office sends a claim of completion back: the task stays open."""
    require(actor, Action.VERIFY, what="progress updates")
    if not reason.strip():
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a returned update needs a reason")
    with store.transaction() as s:
        update = _pending_update(s, update_id)
        update.review, update.reviewed_by, update.reviewed_on, update.review_note = (
            "returned",
            actor.user_id or None,
            today,
            reason,
        )
        task = fetch.task(s, update.task_id)
        task.status_key = "in_progress"
        audit_event(s, actor, "progress.return", "progress_update", update_id, after={"reason": reason})


def request_extension(
    store: Store, actor: Actor, task_id: int, *, proposed: dt.date, reason: str, today: dt.date
) -> int:
    check_plausible(proposed)
    with store.transaction() as s:
        task = fetch.task(s, task_id)
        require(actor, Action.REQUEST_EXTENSION, fetch.subject_of(s, task_id), what=f"task {task_id}")
        if not reason.strip():
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="an extension request needs a reason")
        if task.verified_on is not None:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"task {task_id} is done")
        # a recurring task's extension is one period's: the one the unit is working on
        period_start, current = None, task.current_deadline
        if task.cycle is not None:
            occ = cycles.open_occurrence(s, task_id, today)
            if occ is None:
                raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"task {task_id} has no open period")
            changes = occurrence_changes(s, [task_id])
            period_start, current = (
                occ.period_start,
                deadline_in_force(cycles.history_of(occ, None, changes), today),
            )
        if current is not None and proposed <= current:
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail="the proposed deadline is not later than the current one"
            )
        pending = s.scalar(
            select(ExtensionRequestRecord.id).where(
                ExtensionRequestRecord.task_id == task_id, ExtensionRequestRecord.state == "pending"
            )
        )
        if pending is not None:
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail=f"request {pending} is still awaiting a decision"
            )
        lead = fetch.lead_unit_id(s, task_id)
        if lead is None:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"task {task_id} has no lead unit yet")
        request = ExtensionRequestRecord(
            task_id=task_id,
            unit_id=lead,
            requested_by=actor.user_id or None,
            requested_on=today,
            reason=reason,
            proposed_deadline=proposed,
            previous_deadline=current,
            period_start=period_start,
            state="pending",
        )
        s.add(request)
        s.flush()
        audit_event(
            s,
            actor,
            "extension.request",
            "task",
            task_id,
            after={"request": request.id, "proposed": proposed, "period": period_start},
        )
        return request.id


def _pending_request(s: Session, request_id: int) -> ExtensionRequestRecord:
    request = s.get(ExtensionRequestRecord, request_id)
    if request is None:
        raise DondocError(ErrorCode.NOT_FOUND, kind="extension request", key=request_id)
    if request.state != "pending":
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"request {request_id} is {request.state} already")
    return request


def decide_extension(
    store: Store, actor: Actor, request_id: int, *, approve: bool, today: dt.date, note: str | None = None
) -> None:
    require(actor, Action.DECIDE_EXTENSION, what="extension requests")
    with store.transaction() as s:
        request = _pending_request(s, request_id)
        task = fetch.task(s, request.task_id)
        request.state = "approved" if approve else "rejected"
        request.decided_by, request.decided_on, request.decision_note = actor.user_id or None, today, note
        if request.period_start is not None:
            # one period's due date moves (the rule reads it from the approved request); a
            # recurring task has no deadline of its own to move
            before: dict[str, object] = {
                "period": request.period_start,
                "deadline": request.previous_deadline,
            }
            after = request.proposed_deadline if approve else request.previous_deadline
        else:
            before = {"deadline": task.current_deadline}
            if approve:
                task.current_deadline = request.proposed_deadline
            after = task.current_deadline
        audit_event(
            s,
            actor,
            "extension.approve" if approve else "extension.reject",
            "task",
            task.id,
            before=before,
            after={"request": request_id, "deadline": after},
        )


def withdraw_extension(store: Store, actor: Actor, request_id: int, *, today: dt.date) -> None:
    with store.transaction() as s:
        request = _pending_request(s, request_id)
        require(
            actor,
            Action.REQUEST_EXTENSION,
            fetch.subject_of(s, request.task_id),
            what=f"request {request_id}",
        )
        request.state = "withdrawn"
        request.decided_on = today
        audit_event(s, actor, "extension.withdraw", "task", request.task_id, after={"request": request_id})


def task_progress(store: Store, task_id: int) -> float | None:
    """A task's progress: its own, or rolled up from its sub-tasks (weighted mean)."""
    with store.reading() as s:
        return _rolled(s, fetch.task(s, task_id))


def _rolled(s: Session, task: TaskRecord) -> float | None:
    children = list(s.scalars(select(TaskRecord).where(TaskRecord.parent_id == task.id)))
    if not children:
        return 100.0 if task.verified_on is not None else task.progress
    return roll_up([(c.weight, _rolled(s, c)) for c in children])
