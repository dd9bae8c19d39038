"""`dondoc assign`: give a task to one lead unit and supporting units."""

from __future__ import annotations

import datetime as dt

import click

from dondoc.cli.common import acting, as_option, day, on_option, open_store
from dondoc.errors import DondocError, ErrorCode


@click.command("assign")
@click.option("--task", "task_id", type=int, help="The task to assign.")
@click.option("--lead", help="Code of the one lead unit.")
@click.option("--support", multiple=True, help="Code of a supporting unit (repeat for several).")
@click.option(
    "--directive", "directive_id", type=int, help="Assign every task of a directive from its resolved bodies."
)
@as_option
@on_option
@click.pass_context
def assign_command(
    ctx: click.Context,
    task_id: int | None,
    lead: str | None,
    support: tuple[str, ...],
    directive_id: int | None,
    as_user: str | None,
    on: dt.datetime | None,
) -> None:
    """Assign a task (--task N --lead CODE [--support CODE…]) or, with --directive N, every
    task whose lead body resolved to a unit with certainty (the others are listed)."""
    from dondoc.services import assignment

    store = open_store(ctx)
    actor = acting(store, as_user)
    if directive_id is not None:
        done = assignment.assign_from_mentions(store, actor, directive_id, today=day(on))
        left = ", ".join(map(str, done.left_for_review)) or "none"
        click.echo(f"{done.assigned} tasks assigned; left for review: {left}")
        return
    if task_id is None or lead is None:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="give --task and --lead, or --directive")
    assignment.assign(store, actor, task_id, lead=lead, support=support, today=day(on))
    click.echo(f"task {task_id}: lead {lead}" + (f", support {', '.join(support)}" if support else ""))
