"""`dondoc serve`: the web app (uvicorn), on the settings' database."""

from __future__ import annotations

import click

from dondoc.cli.common import open_store, settings_from

# an idle keep-alive connection stays open this long: longer than a proxy keeps its idle
# upstream connections (nginx: 60 s) and than people pause between clicks, so that a
# request is never sent on a connection the server is closing at that moment (uvicorn's
# default, 5 s, made 2 of 15 834 requests fail in bench/soak.py with 3-12 s pauses)
KEEP_ALIVE_SECONDS = 75


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Load the demo first when the database is empty.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Server processes.")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, demo: bool, workers: int) -> None:
    """Start the web app (migrating the schema first)."""
    import os

    import uvicorn

    from dondoc.logs import configure
    from dondoc.services.demo import DEMO_PASSWORD, database_is_empty, load_demo
    from dondoc.web.app import create_app
    from dondoc.web.server import PROTOCOL

    settings = settings_from(ctx)
    configure(settings.resolved_log_format(), settings.log_level)
    store = open_store(ctx, schema="upgrade")
    if demo and database_is_empty(store):
        loaded = load_demo(store)
        click.echo(f"demo loaded; users (password {DEMO_PASSWORD}): {', '.join(loaded.users)}")
    click.echo(f"dondoc at http://{host}:{port}/")
    if workers == 1:
        uvicorn.run(
            create_app(settings, store),
            host=host,
            port=port,
            http=PROTOCOL,
            log_config=None,  # dondoc's logging (configured above), not uvicorn's own
            timeout_keep_alive=KEEP_ALIVE_SECONDS,
            access_log=False,  # dondoc writes the access lines, with the request id
            server_header=False,  # no banner naming the server software
        )
        return
    # worker processes build their own app from the environment: pass the options on
    os.environ["DONDOC_DATABASE_URL"] = settings.resolved_database_url()
    os.environ["DONDOC_DATA_DIR"] = str(settings.data_dir)
    store.engine.dispose()
    uvicorn.run(
        "dondoc.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        http=PROTOCOL,
        log_config=None,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        access_log=False,
        server_header=False,
    )
