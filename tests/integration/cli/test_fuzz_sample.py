"""A CI-sized fuzz run (atheris, coverage-guided, seeded with the corpus) of every target:
the text decoder, the PDF, DOCX and image readers, and the extractor. No crash, no
E_INTERNAL, no input over the time and memory bounds. The nightly run (scripts/fuzz) gives
each target 10 000 inputs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.targets import TARGETS


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_fuzz_sample_finds_nothing(target: str, shared_dir: Path, tmp_path: Path) -> None:
    findings = tmp_path / "findings"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz.run",
            target,
            "--runs",
            "100",
            "--seed",
            "17",
            "--findings",
            str(findings),
            "--shared",
            str(shared_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    ran = re.search(r"Done (\d+) runs", done.stderr)
    assert ran is not None and int(ran.group(1)) >= 100, done.stderr[-2000:]
    assert not any((findings / target).iterdir()), sorted((findings / target).iterdir())
    assert f"fuzz {target}: " in done.stderr and " 0 seeds" not in done.stderr
