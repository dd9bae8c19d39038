"""Build hook: the extraction core compiled to C with mypyc.

The extractor is pure, fully typed Python (mypy --strict); mypyc turns its modules into
C extensions that run the same code about 1.4x faster (bench/extract_bench.py). The
package metadata stays in pyproject.toml. DONDOC_PURE=1 builds without compiling (the
modules then run as plain Python, with the same results).

A manifest of the compiled sources' hashes goes beside the compiled modules: dondoc.extract
loads from source instead of running compiled code built from older sources (an editable
install whose .py files were edited since). A wheel's build writes it into the build
folder, not into the source tree; only an in-place (editable) build writes it beside the
sources, where its modules are.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).parent
EXTRACT = HERE / "dondoc" / "extract"
# every module of the extraction core but the package itself, which holds the guard
COMPILED = sorted(p for p in EXTRACT.glob("*.py") if p.name != "__init__.py")
MANIFEST = EXTRACT / "compiled.json"


def _ext_modules() -> list[object]:
    if os.environ.get("DONDOC_PURE") == "1":
        # an earlier in-place build (editable install) would otherwise stay beside the
        # sources, refused as stale on every import
        MANIFEST.unlink(missing_ok=True)
        for built in [*EXTRACT.glob("*.so"), *EXTRACT.glob("*.pyd"), *HERE.glob("dondoc_extract__mypyc*")]:
            built.unlink()
        return []
    from mypyc.build import mypycify

    return list(
        mypycify([str(p.relative_to(HERE)) for p in COMPILED], opt_level="3", group_name="dondoc_extract")
    )


class BuildExt(build_ext):
    """Compiles, then writes the manifest of what was compiled where the modules went."""

    def run(self) -> None:
        super().run()
        if not self.extensions:
            return
        folder = EXTRACT if self.inplace else Path(self.build_lib) / "dondoc" / "extract"
        folder.mkdir(parents=True, exist_ok=True)
        hashes = {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in COMPILED}
        (folder / MANIFEST.name).write_text(
            json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )


setup(ext_modules=_ext_modules(), cmdclass={"build_ext": BuildExt})
