"""`dondoc demo`: an empty database filled with the embedded demo."""

from __future__ import annotations

import click

from dondoc.cli.common import open_store


@click.command("demo")
@click.pass_context
def demo_command(ctx: click.Context) -> None:
    """Create the schema and load the demo: the seed directive, a Cần Thơ unit tree, users
    of every role and five months of follow-up (needs an empty database)."""
    from dondoc.services.demo import load_demo

    store = open_store(ctx, schema="upgrade")
    loaded = load_demo(store)
    click.echo(f"demo loaded: directive {loaded.directive_id} with {loaded.tasks} tasks")
    click.echo(f"users (password {loaded.password}): {', '.join(loaded.users)}")
    click.echo("try: dondoc status --as-of 2024-12-31   and   dondoc status --as-of 2025-03-01")
