"""Score the extractor on a corpus folder (or a part of dev2) with shared/eval/score.py.

    python -m bench.corpus_eval dev2-work       # the part of dev2 rules are written against
    python -m bench.corpus_eval dev2-held       # the held-back part: score it, never read it
    python -m bench.corpus_eval dev [--diff] [--summary] [--flags]
    python -m bench.corpus_eval new --folder DIR   # a new batch of made-up documents, first sight

dev2's held-back part was chosen before any of dev2 was read: every third document in sorted
order, from the second (`HELD_BACK`). Rules are written against the other part and checked
on this one; its texts and diffs are not opened while rules are being written, so that its
score says how the rules do on directives they were not written for.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from dondoc.config import Settings
from dondoc.core.contract import to_json
from dondoc.extract.pipeline import extract
from dondoc.ingest.reader import read_document

SHARED = Path(__file__).resolve().parents[2] / "shared"

HELD_BACK = (
    "cd-228-ttg-2025",
    "cv-5973-ubnd-laocai-2026",
    "kh-1026-ubnd-nghean-2025",
    "kh-159-ubnd-cantho-2025",
    "kh-982-ubnd-nghean-2025",
    "nq-388-cp-2025",
    "tb-648-vpcp-2025",
)


PARTS = ("seed", "dev", "dev2", "dev2-work", "dev2-held", "madeup", "new")

# documents written for the tests, in shapes of the language the corpus lacks (see its README)
MADEUP = Path(__file__).resolve().parents[1] / "tests" / "golden" / "madeup"


def stems(part: str, folder: Path | None = None) -> tuple[Path, list[str]]:
    """The gold folder and the document stems of a corpus part ("new": of `folder`)."""
    if part == "new":
        if folder is None:
            raise SystemExit("corpus_eval: 'new' needs --folder DIR (its *.txt and *.gold.json)")
        gold = folder
    else:
        gold = MADEUP if part == "madeup" else SHARED / "corpus" / part.split("-")[0]
    every = sorted(p.name.removesuffix(".gold.json") for p in gold.glob("*.gold.json"))
    if part.endswith("-held"):
        return gold, [s for s in every if s in HELD_BACK]
    if part.endswith("-work"):
        return gold, [s for s in every if s not in HELD_BACK]
    return gold, every


def run(part: str, out: Path, folder: Path | None = None) -> Path:
    """Extract every document of `part` into `out` (JSON); copy its gold files beside."""
    gold, names = stems(part, folder)
    gold_out = out / "gold"
    pred_out = out / "pred"
    gold_out.mkdir(parents=True, exist_ok=True)
    pred_out.mkdir(parents=True, exist_ok=True)
    for stem in names:
        (gold_out / f"{stem}.gold.json").write_bytes((gold / f"{stem}.gold.json").read_bytes())
        result = extract(read_document(gold / f"{stem}.txt", Settings()).source)
        (pred_out / f"{stem}.json").write_text(to_json(result), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=PARTS, help="the corpus folder, or a part of dev2")
    parser.add_argument("--diff", action="store_true", help="print diff.py's task-by-task differences")
    parser.add_argument("--summary", action="store_true", help="print diff.py's counts")
    parser.add_argument("--flags", action="store_true", help="print flags.py's figures")
    parser.add_argument("--keep", type=Path, help="write the extractions here")
    parser.add_argument("--folder", type=Path, help="with 'new': the folder of documents and gold files")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = run(args.part, args.keep or Path(tmp), args.folder)
        eval_dir = SHARED / "eval"
        dirs = ["--gold", str(out / "gold"), "--pred", str(out / "pred")]
        subprocess.run([sys.executable, str(eval_dir / "score.py"), *dirs], check=False)
        if args.flags:
            subprocess.run([sys.executable, str(eval_dir / "flags.py"), *dirs], check=False)
        if args.diff or args.summary:
            extra = ["--summary"] if args.summary else []
            subprocess.run([sys.executable, str(eval_dir / "diff.py"), *dirs, *extra], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
