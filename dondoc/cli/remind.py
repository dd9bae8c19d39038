"""`dondoc remind`: the day's reminders and escalations (đôn đốc), and their settings."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from dondoc.cli.common import acting, as_option, open_store


@click.group("remind", invoke_without_command=True)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to remind for (default: today, in Vietnam's time).",
)
@click.option(
    "--time", "at", help="The time of the run, HH:MM (default: now; with --as-of: within the hours)."
)
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and record nothing.")
@as_option
@click.pass_context
def remind_command(
    ctx: click.Context, as_of: dt.datetime | None, at: str | None, dry_run: bool, as_user: str | None
) -> None:
    """Send the day's reminders: one digest per recipient and channel (in-app, e-mail,
    webhook), recorded so that nothing is sent twice. Prints one line per message
    (recipient, channel, tasks, result), then the totals. Exit code 1 when a message
    failed (it is tried again by the next run)."""
    if ctx.invoked_subcommand is not None:
        return
    from dondoc.services import reminders

    store = open_store(ctx)
    now = reminders.now_in_vietnam()
    day = as_of.date() if as_of else now.date()
    if at is not None:
        try:
            when: dt.time | None = dt.time.fromisoformat(at)
        except ValueError as exc:
            raise click.BadParameter(f"not a time HH:MM: {at}", param_hint="--time") from exc
    else:
        when = None if as_of else now.time()
    result = reminders.run(store, acting(store, as_user), day=day, at=when, dry_run=dry_run)
    if result.state in ("skipped", "busy"):
        click.echo(f"{day.isoformat()}: nothing sent: {result.reason}")
        return
    width = max([len(m.username) for m in result.messages] + [9])
    for m in result.messages:
        click.echo(f"{m.username:<{width}}  {m.channel:<8} {m.tasks:>4} tasks  {m.result}")
    sent = sum(m.result == "sent" for m in result.messages)
    failed = sum(m.result.startswith("failed") for m in result.messages)
    verb = "would send" if dry_run else "sent"
    total = len(result.messages) if dry_run else sent
    note = f" ({result.reason})" if result.reason else ""
    click.echo(
        f"{day.isoformat()}: {result.notices} tasks to remind, {total} messages {verb}"
        + (f", {failed} failed" if failed else "")
        + note
    )
    if failed:
        sys.exit(1)


@remind_command.command("settings")
@click.argument("key", required=False)
@click.argument("value", required=False)
@as_option
@click.pass_context
def settings_command(ctx: click.Context, key: str | None, value: str | None, as_user: str | None) -> None:
    """Show the reminder settings, or set KEY to VALUE (JSON; a template as plain text).

    Keys: policies ({"default": {"days_before": [7, 1], "on_the_day": true,
    "overdue_every": 3, "head_after": 7, "office_after": 14}, "key": {…}}), calendar
    ({"extra_holidays": ["2026-05-04"], "extra_workdays": []}), hours ({"start": "07:30",
    "end": "17:30"}), template.subject, template.body (Jinja, sandboxed)."""
    from dondoc.services import reminders

    store = open_store(ctx)
    actor = acting(store, as_user)
    if key is None or value is None:
        for k, v in reminders.show_settings(store, actor).items():
            if key is None or k == key:
                shown = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                click.echo(f"{k} = {shown}")
        return
    if key.startswith("template."):
        parsed: object = value
    else:
        try:
            parsed = json.loads(value)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"not JSON: {exc}", param_hint="VALUE") from exc
    reminders.set_setting(store, actor, key, parsed)
    click.echo(f"{key} set")


@remind_command.command("followup")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Reminders from this day.")
@click.option("--until", type=click.DateTime(formats=["%Y-%m-%d"]), help="… up to this day.")
@as_option
@click.pass_context
def followup_command(
    ctx: click.Context, since: dt.datetime | None, until: dt.datetime | None, as_user: str | None
) -> None:
    """Per unit: reminders sent, tasks reminded of, tasks reported on after a reminder,
    tasks escalated; the units that never answer are marked."""
    from dondoc.services.followup import followup

    store = open_store(ctx)
    rows = followup(
        store,
        acting(store, as_user),
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    width = max([len(r.code) for r in rows] + [4])
    click.echo(f"{'unit':<{width}}  reminders  tasks  answered  silent  escalated  last reminded")
    for r in rows:
        mark = "  never answers" if r.never_answers else ""
        click.echo(
            f"{r.code:<{width}}  {r.reminders:>9}  {r.tasks:>5}  {r.answered:>8}  {r.silent:>6}"
            f"  {r.escalated:>9}  {r.last_reminded.isoformat()}{mark}"
        )
