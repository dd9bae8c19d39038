"""`dondoc serve`: the web app (uvicorn), on the settings' database."""

from __future__ import annotations

import click

from dondoc.cli.common import open_store, settings_from


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Load the demo first when the database is empty.")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, demo: bool) -> None:
    """Start the web app (migrating the schema first)."""
    import uvicorn

    from dondoc.services.demo import DEMO_PASSWORD, database_is_empty, load_demo
    from dondoc.web.app import create_app

    store = open_store(ctx, schema="upgrade")
    if demo and database_is_empty(store):
        loaded = load_demo(store)
        click.echo(f"demo loaded; users (password {DEMO_PASSWORD}): {', '.join(loaded.users)}")
    app = create_app(settings_from(ctx), store)
    click.echo(f"dondoc at http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning")
