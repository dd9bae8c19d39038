"""The services' views as the API's JSON shapes."""

from __future__ import annotations

from dondoc.errors import DondocError
from dondoc.services import reading_jobs, views
from dondoc.services.units import UnitRow
from dondoc.web.api.schemas import (
    DirectiveDetail,
    DirectiveRead,
    DirectoryUnitRead,
    EvidenceRead,
    ExtensionRead,
    JobRead,
    Problem,
    TaskRead,
    UpdateRead,
)
from dondoc.web.text import error_message, http_status, status_message


def task_read(t: views.TaskView) -> TaskRead:
    return TaskRead.model_validate(t)  # the view's fields, by name (lead and support nested)


def directive_read(r: views.DirectiveRow) -> DirectiveRead:
    return DirectiveRead(
        id=r.id,
        number=r.number,
        type=r.doc_type,
        issuer=r.issuer,
        issued_on=r.issued_on,
        title=r.title,
        state=r.state,
        file_name=r.file_name,
        tasks=r.tasks,
    )


def directive_detail(d: views.DirectiveView) -> DirectiveDetail:
    return DirectiveDetail(
        **directive_read(d.row).model_dump(),
        signer=d.signer,
        signer_title=d.signer_title,
        confirmed_on=d.confirmed_on,
        version=d.version,
    )


def update_read(u: views.UpdateView) -> UpdateRead:
    return UpdateRead(
        id=u.id,
        task_id=u.task_id,
        unit=u.unit,
        reporter=u.reporter,
        reported_on=u.reported_on,
        status=u.status_label,
        percent=u.percent,
        narrative=u.narrative,
        difficulties=u.difficulties,
        proposals=u.proposals,
        result_document=u.result_document,
        done_on=u.done_on,
        review=u.review,
        review_note=u.review_note,
        evidence=[EvidenceRead(name=name, sha256=sha) for name, sha in u.evidence],
    )


def extension_read(e: views.ExtensionView) -> ExtensionRead:
    return ExtensionRead.model_validate(e)


def problem(exc: DondocError) -> Problem:
    status = http_status(exc)
    return Problem(
        title=status_message(status), status=status, detail=error_message(exc), code=exc.code.value
    )


def job_read(job: reading_jobs.JobView) -> JobRead:
    return JobRead(
        id=job.id,
        file_name=job.file_name,
        state=job.state,  # type: ignore[arg-type]  # one of the states JobRead names
        pages_done=job.pages_done,
        pages_total=job.pages_total,
        directive_id=job.directive_id,
        error=problem(job.error) if job.error is not None else None,
    )


def directory_unit_read(u: UnitRow) -> DirectoryUnitRead:
    return DirectoryUnitRead.model_validate(u)
