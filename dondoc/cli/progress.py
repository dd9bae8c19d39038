"""`dondoc report-progress`, `dondoc verify`, `dondoc extension`: the follow-up itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from dondoc.cli.common import acting, as_option, day, on_option, open_store
from dondoc.errors import DondocError, ErrorCode


@click.command("report-progress")
@click.argument("task_id", type=int)
@click.option(
    "--status",
    default="in_progress",
    show_default=True,
    help="Status key (not_started, in_progress, stalled, done, …).",
)
@click.option("--percent", type=click.FloatRange(0, 100), help="Progress in percent.")
@click.option("--value", "indicator_value", type=float, help="Value reached on the task's numeric target.")
@click.option("--narrative", default="", help="What was done.")
@click.option("--difficulties", default="", help="Difficulties met.")
@click.option("--proposals", default="", help="Proposals to the issuer.")
@click.option("--result-document", help="Number of the document that reports the result.")
@click.option(
    "--done-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="For a completion: the day the work was finished.",
)
@click.option(
    "--evidence",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    multiple=True,
    help="A file of evidence (repeat).",
)
@as_option
@on_option
@click.pass_context
def report_progress_command(
    ctx: click.Context,
    task_id: int,
    status: str,
    percent: float | None,
    indicator_value: float | None,
    narrative: str,
    difficulties: str,
    proposals: str,
    result_document: str | None,
    done_on: dt.datetime | None,
    evidence: tuple[Path, ...],
    as_user: str | None,
    on: dt.datetime | None,
) -> None:
    """Report progress on a task for a unit; a "done" report waits for the office's verification."""
    from dondoc.services import progress
    from dondoc.services.progress import Report

    store = open_store(ctx)
    report = Report(
        status=status,
        percent=percent,
        indicator_value=indicator_value,
        narrative=narrative,
        difficulties=difficulties,
        proposals=proposals,
        result_document=result_document,
        done_on=done_on.date() if done_on else None,
        evidence=tuple((p.name, p.read_bytes()) for p in evidence),
    )
    update = progress.report_progress(store, acting(store, as_user), task_id, report, today=day(on))
    click.echo(f"update {update} recorded on task {task_id}")


@click.command("verify")
@click.argument("update_id", type=int)
@click.option("--return", "reason", help="Return the update with this reason instead of accepting it.")
@as_option
@on_option
@click.pass_context
def verify_command(
    ctx: click.Context, update_id: int, reason: str | None, as_user: str | None, on: dt.datetime | None
) -> None:
    """Accept a unit's claim of completion (or return it with --return REASON)."""
    from dondoc.services import progress

    store = open_store(ctx)
    actor = acting(store, as_user)
    if reason is not None:
        progress.return_update(store, actor, update_id, reason=reason, today=day(on))
        click.echo(f"update {update_id} returned")
    else:
        progress.verify_update(store, actor, update_id, today=day(on))
        click.echo(f"update {update_id} verified")


@click.group("extension")
def extension_command() -> None:
    """Ask for more time on a task (lead unit), or decide on a request (office)."""


@extension_command.command("request")
@click.argument("task_id", type=int)
@click.option(
    "--until", "until", required=True, type=click.DateTime(formats=["%Y-%m-%d"]), help="Proposed deadline."
)
@click.option("--reason", required=True, help="Why more time is needed.")
@as_option
@on_option
@click.pass_context
def request(
    ctx: click.Context,
    task_id: int,
    until: dt.datetime,
    reason: str,
    as_user: str | None,
    on: dt.datetime | None,
) -> None:
    """Ask for a later deadline on TASK_ID."""
    from dondoc.services import progress

    store = open_store(ctx)
    rid = progress.request_extension(
        store, acting(store, as_user), task_id, proposed=until.date(), reason=reason, today=day(on)
    )
    click.echo(f"extension request {rid} on task {task_id}")


@extension_command.command("decide")
@click.argument("request_id", type=int)
@click.argument("decision", type=click.Choice(["approve", "reject", "withdraw"]))
@click.option("--note", help="The decision's note.")
@as_option
@on_option
@click.pass_context
def decide(
    ctx: click.Context,
    request_id: int,
    decision: str,
    note: str | None,
    as_user: str | None,
    on: dt.datetime | None,
) -> None:
    """Approve or reject a request (office), or withdraw it (the requesting unit)."""
    from dondoc.services import progress

    store = open_store(ctx)
    actor = acting(store, as_user)
    if decision == "withdraw":
        progress.withdraw_extension(store, actor, request_id, today=day(on))
    elif decision in ("approve", "reject"):
        progress.decide_extension(
            store, actor, request_id, approve=decision == "approve", today=day(on), note=note
        )
    else:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"unknown decision {decision}")
    click.echo(f"extension request {request_id}: {decision}")
