"""`dondoc search QUERY`: one result a line, matches marked."""

from __future__ import annotations

import datetime as dt
import json
import sys

import click

from dondoc.cli.common import acting, as_option, open_store
from dondoc.errors import DondocError, ErrorCode

_DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.command("search")
@click.argument("query", required=False)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["directive", "task", "progress", "unit"]),
    help="Only this kind of result (repeatable).",
)
@click.option("--directive", "directive_id", type=int, help="Only within this directive.")
@click.option(
    "--unit", "unit_code", help="Only tasks this unit (or a sub-unit) leads or supports, and their reports."
)
@click.option("--status", help="Only tasks with this progress status key.")
@click.option("--area", help="Only tasks of this area (the section title as the directive gives it).")
@click.option("--due-from", type=_DAY, help="Only tasks due on or after this day.")
@click.option("--due-to", type=_DAY, help="Only tasks due on or before this day.")
@click.option("--limit", type=click.IntRange(1, 100), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--rebuild",
    is_flag=True,
    help=(
        "Index every record again (after a restore; it also forgets the words of deleted"
        " records), then search if QUERY is given."
    ),
)
@as_option
@click.pass_context
def search_command(
    ctx: click.Context,
    query: str | None,
    kinds: tuple[str, ...],
    directive_id: int | None,
    unit_code: str | None,
    status: str | None,
    area: str | None,
    due_from: dt.datetime | None,
    due_to: dt.datetime | None,
    limit: int,
    fmt: str,
    rebuild: bool,
    as_user: str | None,
) -> None:
    """Directives, tasks, progress reports and units matching QUERY: words with or without
    diacritics ("giai ngan", "dang uy"), "a phrase", a prefix*, abbreviations (UBND,
    HĐND, MTTQ), one-letter typos. One result a line: kind, id, and the text with the
    matches marked «like this» (--format json: one JSON object a line)."""
    from dondoc.services.search import Filters, search
    from dondoc.store import search_index
    from dondoc.tracking.permissions import Role

    store = open_store(ctx)
    actor = acting(store, as_user)
    if rebuild:
        if actor.role is not Role.ADMIN:
            raise DondocError(
                ErrorCode.FORBIDDEN, user=actor.name, action="rebuild", subject="the search index"
            )
        n = search_index.rebuild(store.engine)
        click.echo(f"search index rebuilt: {n} entries", err=True)
        if not query:
            return
    if not query or not query.strip():
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="give the words to search for")
    filters = Filters(
        kinds=kinds,
        directive_id=directive_id,
        unit_code=unit_code,
        status=status,
        area=area,
        due_from=due_from.date() if due_from else None,
        due_to=due_to.date() if due_to else None,
    )
    results = search(store, actor, query, filters, limit=limit)
    if results.corrections:
        click.echo(f"read as: {'; '.join(results.corrections)}", err=True)
    tty = sys.stdout.isatty()
    for h in results.hits:
        if fmt == "json":
            line = {
                "kind": h.kind,
                "id": h.id,
                "title": h.title,
                "snippet": h.snippet.text,
                "marks": [list(m) for m in h.snippet.marks],
                "directive_id": h.directive_id,
                "task_id": h.task_id,
            }
            click.echo(json.dumps(line, ensure_ascii=False))
        else:
            text = h.snippet.marked("\x1b[1;4m", "\x1b[0m") if tty else h.snippet.marked()
            click.echo(f"{h.kind}\t{h.id}\t{text}")
    if not results.hits:
        click.echo("no results", err=True)
    elif results.more:
        click.echo(f"more than {limit} results: narrow the query or raise --limit", err=True)
