"""`dondoc ingest FILE`: extract a directive and store it as a draft."""

from __future__ import annotations

from pathlib import Path

import click

from dondoc.cli.common import acting, as_option, open_store


@click.command("ingest")
@click.argument("path", type=click.Path(path_type=Path))
@as_option
@click.pass_context
def ingest_command(ctx: click.Context, path: Path, as_user: str | None) -> None:
    """Read a directive (text, PDF, scan, DOCX), extract its tasks and store it as a draft.
    The same file ingested again gives the same directive."""
    from dondoc.services import ingestion

    store = open_store(ctx)
    done = ingestion.ingest_file(store, acting(store, as_user), path)
    verb = "stored as draft" if done.created else "already stored"
    rules = (
        f", {done.reporting_rules} reporting rule(s) tracked as reporting tasks"
        if done.reporting_rules
        else ""
    )
    click.echo(
        f"directive {done.directive_id}: {verb}, {done.tasks} tasks{rules}, "
        f"{done.flagged_mentions} body phrases flagged for review"
    )
