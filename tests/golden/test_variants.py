"""Robustness: the dev corpus with every blank line removed (as text copied from a viewer
or exported from DOCX often arrives) must extract nearly as well as the original."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dondoc.core.contract import to_json
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract

FLOORS = {"task_f1": 0.97, "lead_f1": 0.93, "deadline_f1": 0.9, "deadline_acc": 0.93, "meta_acc": 0.9}


def test_dev_corpus_without_blank_lines(shared_dir: Path, tmp_path: Path) -> None:
    gold = shared_dir / "corpus" / "dev"
    for f in sorted(gold.glob("*.txt")):
        text = "\n".join(line for line in f.read_text(encoding="utf-8").split("\n") if line.strip())
        (tmp_path / f"{f.stem}.json").write_text(to_json(extract(SourceText(text))), encoding="utf-8")
    args = [
        sys.executable,
        str(shared_dir / "eval" / "score.py"),
        "--gold",
        str(gold),
        "--pred",
        str(tmp_path),
    ]
    args += ["--json"] + [x for k, v in FLOORS.items() for x in ("--min", f"{k}={v}")]
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    totals = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    assert json.loads(totals)["documents"] == 10
