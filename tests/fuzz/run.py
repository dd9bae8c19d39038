"""Coverage-guided fuzzing (atheris, libFuzzer) of one reader or the extractor, seeded
with the corpus; crashes, hangs and out-of-memory inputs are written to --findings.

    python -m tests.fuzz.run TARGET [--runs N] [--findings DIR] [--shared DIR]

Targets: tests/fuzz/targets.py. Exit 0 when no input failed. The nightly run
(scripts/fuzz) gives each target 10 000 inputs; the CI test a few hundred. A finding is
kept in tests/data/fuzz/TARGET/ and replayed by tests/unit/test_fuzz_findings.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["dondoc"]):
    from tests.fuzz import targets

# bounds per input: the readers' own limits are far below these
TIMEOUT_SECONDS = 20
RSS_LIMIT_MB = 1536
MAX_LEN = 2 * 1024 * 1024


def _seeds(target: str, shared: Path, into: Path) -> int:
    n = 0
    suffixes = targets.SEEDS[target]
    for path in sorted((shared / "corpus").rglob("*")):
        if path.is_file() and path.suffix.lower() in suffixes and path.stat().st_size <= MAX_LEN:
            shutil.copy(path, into / f"{n:04d}{path.suffix}")
            n += 1
    if target == "image":  # the corpus has no photos: a page's worth in each format
        from PIL import Image, ImageDraw

        page = Image.new("L", (300, 400), 255)
        ImageDraw.Draw(page).text((20, 20), "UY BAN NHAN DAN", fill=0)
        for fmt, suffix in (("PNG", ".png"), ("JPEG", ".jpg"), ("TIFF", ".tif")):
            page.save(into / f"page{suffix}", fmt)
            n += 1
    kept = Path(__file__).resolve().parents[1] / "data" / "fuzz" / target
    for path in sorted(kept.glob("*")) if kept.is_dir() else []:
        shutil.copy(path, into / f"kept-{path.name}")
        n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("target", choices=sorted(targets.TARGETS))
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("DONDOC_SHARED", "../shared")))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    findings = args.findings / args.target
    findings.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dondoc-fuzz-") as corpus:
        seeds = _seeds(args.target, args.shared, Path(corpus))
        print(f"fuzz {args.target}: {seeds} seeds, {args.runs} runs", file=sys.stderr)

        def one(data: bytes) -> None:
            targets.run_one(args.target, data)

        def inside_zip(data: bytes, max_size: int, seed: int) -> bytes:
            """DOCX: mutations of the XML inside the zip (raw bytes mostly break the zip's
            checksums, so the reader would only ever refuse the zip)."""
            import io
            import random
            import zipfile

            try:
                with zipfile.ZipFile(io.BytesIO(data)) as z:
                    parts = {i.filename: z.read(i) for i in z.infolist()}
            except Exception:
                return atheris.Mutate(data, max_size)
            xml = sorted(n for n in parts if n.endswith(".xml"))
            if not xml:
                return atheris.Mutate(data, max_size)
            rng = random.Random(seed)
            name = (
                "word/document.xml"
                if "word/document.xml" in parts and rng.random() < 0.7
                else rng.choice(xml)
            )
            parts[name] = atheris.Mutate(parts[name], max(len(parts[name]) * 2, 64))
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for part, body in parts.items():
                    z.writestr(part, body)
            return out.getvalue()[:max_size]

        atheris.Setup(
            [
                sys.argv[0],
                f"-runs={args.runs}",
                f"-seed={args.seed}",
                f"-timeout={TIMEOUT_SECONDS}",
                f"-rss_limit_mb={RSS_LIMIT_MB}",
                f"-max_len={MAX_LEN}",
                f"-artifact_prefix={findings}/",
                "-print_final_stats=1",
                corpus,
            ],
            one,
            custom_mutator=inside_zip if args.target == "docx" else None,
        )
        atheris.Fuzz()


if __name__ == "__main__":
    main()
