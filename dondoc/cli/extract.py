"""`dondoc extract FILE|DIR`: extraction without a database."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from dondoc.core.contract import to_json
from dondoc.errors import DondocError, ErrorCode
from dondoc.extract.pipeline import extract
from dondoc.ingest.text_reader import read_text_file
from dondoc.render.review import render_review


def _write_atomic(path: Path, content: str) -> None:
    """Write to a temporary file beside the target, then rename: no partial output."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, path)
    except OSError as exc:
        raise DondocError(ErrorCode.OUTPUT_FAILED, name=str(path), detail=exc.strerror or str(exc)) from exc


def _render(path: Path, fmt: str) -> str:
    source = read_text_file(path)
    extraction = extract(source)
    return to_json(extraction) if fmt == "json" else render_review(extraction, name=path.name)


@click.command("extract")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "md"]), default="json", show_default=True)
@click.option(
    "--out",
    "out",
    type=click.Path(path_type=Path),
    help="Output folder (one STEM.json per input) for a folder input.",
)
def extract_command(path: Path, fmt: str, out: Path | None) -> None:
    """Extract the tasks of a directive (a text file, or every .txt in a folder)."""
    if path.is_dir():
        if out is None:
            raise click.UsageError("a folder input needs --out OUTDIR")
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
        failures = 0
        for f in files:
            try:
                content = _render(f, fmt)
            except DondocError as exc:
                failures += 1
                click.echo(f"error [{exc.code.value}]: {exc.message}", err=True)
                continue
            _write_atomic(out / f"{f.stem}.{fmt}", content)
        click.echo(f"{len(files) - failures} of {len(files)} documents extracted into {out}", err=True)
        if failures:
            raise SystemExit(1)
        return
    if not path.exists():
        raise DondocError(ErrorCode.INPUT_NOT_FOUND, name=str(path))
    content = _render(path, fmt)
    if out is not None:
        _write_atomic(out, content)
    else:
        click.echo(content, nl=False)
