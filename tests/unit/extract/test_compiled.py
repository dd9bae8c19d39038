"""The extractor compiled by mypyc (setup.py) and the guard against running it stale.

CI must run (and so test and measure) the compiled modules; a build older than its
sources must not run at all: the package then loads every module from source, and says so.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dondoc
import dondoc.extract
from dondoc.core.contract import to_json
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract

_PROBE = """
import json, sys
import dondoc.extract, dondoc.extract.bodies
from dondoc.core.contract import to_json
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract
text = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps({"compiled": dondoc.extract.COMPILED, "bodies": dondoc.extract.bodies.__file__,
                  "result": to_json(extract(SourceText(text)))}))
"""


def test_ci_runs_the_compiled_extractor() -> None:
    if not os.environ.get("CI"):
        pytest.skip("only CI insists: a developer may install with DONDOC_PURE=1")
    assert dondoc.extract.COMPILED, "scripts/setup should have compiled the extractor (setup.py)"


def _copy_build(tmp_path: Path) -> Path:
    """The installed package, compiled modules included, under tmp_path."""
    root = tmp_path / "site"
    shutil.copytree(
        Path(dondoc.__file__).parent, root / "dondoc", ignore=shutil.ignore_patterns("__pycache__")
    )
    spec = importlib.util.find_spec("dondoc_extract__mypyc")
    assert spec is not None and spec.origin is not None
    shutil.copy(spec.origin, root)
    return root


def _probe(root: Path, source: Path) -> tuple[dict[str, object], str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(source)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout), done.stderr


@pytest.mark.skipif(not dondoc.extract.COMPILED, reason="no compiled build here to make stale")
def test_a_build_older_than_its_sources_runs_from_source(tmp_path: Path, shared_dir: Path) -> None:
    seed = shared_dir / "corpus" / "seed" / "cantho-q4-2024.txt"
    expected = to_json(extract(SourceText(seed.read_text(encoding="utf-8"))))
    root = _copy_build(tmp_path)

    fresh, _ = _probe(root, seed)
    assert fresh["compiled"] is True and str(fresh["bodies"]).endswith(".so")

    with (root / "dondoc" / "extract" / "targets.py").open("a", encoding="utf-8") as f:
        f.write("# edited after the build\n")
    stale, stderr = _probe(root, seed)
    assert stale["compiled"] is False
    assert str(stale["bodies"]) == str(
        root / "dondoc" / "extract" / "bodies.py"
    )  # every module, not only the edited one
    assert "older than its sources (targets)" in stderr
    # the plain modules read the seed exactly as the compiled ones do
    assert stale["result"] == fresh["result"] == expected
