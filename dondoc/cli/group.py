"""`dondoc group`: the groups of units the office saves, and `dondoc fanout`: a task
addressed to a group, one copy per member unit."""

from __future__ import annotations

import datetime as dt

import click

from dondoc.cli.common import acting, as_option, day, on_option, open_store
from dondoc.errors import printable


@click.group("group")
def group_command() -> None:
    """Groups of units ("Các sở, ban, ngành thành phố") for tasks addressed to a group."""


@group_command.command("save")
@click.argument("name")
@click.argument("unit_codes", nargs=-1, required=True)
@as_option
@click.pass_context
def save(ctx: click.Context, name: str, unit_codes: tuple[str, ...], as_user: str | None) -> None:
    """Make the group NAME of the units UNIT_CODES, or replace its members."""
    from dondoc.services import groups

    store = open_store(ctx)
    group_id = groups.save_group(store, acting(store, as_user), name, list(unit_codes))
    click.echo(f"group {group_id}: {printable(name)}, {len(set(unit_codes))} units")


@group_command.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """Each group: its id, name and the codes of its units."""
    from dondoc.services import groups

    for g in groups.list_groups(open_store(ctx)):
        click.echo(f"{g.id}\t{printable(g.name)}\t{' '.join(code for code, _ in g.members)}")


@click.command("fanout")
@click.argument("task_id", type=int)
@click.option("--group", "group", required=True, help="The group, by id or name.")
@as_option
@on_option
@click.pass_context
def fanout_command(
    ctx: click.Context, task_id: int, group: str, as_user: str | None, on: dt.datetime | None
) -> None:
    """Give the task to every unit of the group: one copy each, led by that unit, rolled up
    on the task (which then leads nothing itself). Run again after the group grew: only
    the newcomers get a copy."""
    from dondoc.services import groups

    store = open_store(ctx)
    made = groups.fan_out(store, acting(store, as_user), task_id, group=group, today=day(on))
    click.echo(f"task {task_id}: {len(made)} copies made{': ' + ' '.join(map(str, made)) if made else ''}")
