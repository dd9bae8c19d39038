"""A made-up document's extraction scored against its gold file with the corpus's score.py,
and the differences diff.py prints (shown when a floor fails)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from dondoc.core.contract import to_json
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract


def score_against_gold(
    name: str, source: SourceText, gold_file: Path, shared_dir: Path, tmp_path: Path
) -> tuple[dict[str, float], str]:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir(exist_ok=True)
    pred.mkdir(exist_ok=True)
    shutil.copy(gold_file, gold / f"{name}.gold.json")
    (pred / f"{name}.json").write_text(to_json(extract(source)), encoding="utf-8")
    dirs = ["--gold", str(gold), "--pred", str(pred)]
    out = subprocess.run(
        [sys.executable, str(shared_dir / "eval/score.py"), *dirs, "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scores: dict[str, float] = json.loads(next(ln for ln in out.splitlines() if ln.startswith("{")))
    diff = subprocess.run(
        [sys.executable, str(shared_dir / "eval/diff.py"), *dirs], capture_output=True, text=True, check=True
    ).stdout
    return scores, source.text + "\n" + diff
