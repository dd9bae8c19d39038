"""The `dondoc` command: thin Click commands over the library.

`main` turns every DondocError into one English line with its code on stderr and exit
code 1; an unexpected error still gives one line (and no traceback).
"""

from __future__ import annotations

import sys

import click

from dondoc import __version__
from dondoc.cli.extract import extract_command
from dondoc.errors import DondocError, ErrorCode


@click.group()
@click.version_option(__version__, prog_name="dondoc")
def cli() -> None:
    """dondoc: follow up the implementation of Vietnamese directives."""


cli.add_command(extract_command)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except DondocError as exc:
        click.echo(f"error [{exc.code.value}]: {exc.message}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (BrokenPipeError, KeyboardInterrupt):
        sys.exit(1)
    except Exception as exc:
        err = DondocError(ErrorCode.INTERNAL, kind=type(exc).__name__, detail=exc)
        click.echo(f"error [{err.code.value}]: {err.message}", err=True)
        sys.exit(1)
