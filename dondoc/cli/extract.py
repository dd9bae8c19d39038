"""`dondoc extract FILE|DIR`: extraction without a database."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import click

from dondoc.config import load_settings
from dondoc.core.contract import to_json
from dondoc.errors import DondocError, ErrorCode, printable
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document
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
    document = read_document(path, load_settings())
    extraction = extract(document.source)
    if not extraction.meta.is_directive:
        # a warning, not a refusal: the output is still written for whoever wants it
        reasons = "; ".join(extraction.meta.directive_reasons)
        click.echo(f"warning: {printable(path.name)} does not look like a directive ({reasons})", err=True)
    if fmt == "json":
        return to_json(extraction, document.layout)
    return render_review(extraction, name=path.name, layout=document.layout)


# in a folder, the files to read, best first when one document comes in several
# renderings (STEM.txt beside STEM.pdf): one STEM.json each; a single file is read
# whatever its name says
_INPUTS = {".txt": 0, ".md": 1, ".docx": 2, ".pdf": 3}


def _one_per_document(paths: Iterable[Path]) -> list[Path]:
    best: dict[str, Path] = {}
    for p in sorted(paths):
        kept = best.get(p.stem)
        if kept is None or _INPUTS[p.suffix.lower()] < _INPUTS[kept.suffix.lower()]:
            best[p.stem] = p
    return sorted(best.values())


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
    """Extract the tasks of a directive: a text, PDF or DOCX file, or every such file in a folder."""
    if path.is_dir():
        if out is None:
            raise click.UsageError("a folder input needs --out OUTDIR")
        files = _one_per_document(p for p in path.iterdir() if p.suffix.lower() in _INPUTS and p.is_file())
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
