"""Run generated hostile files (tests/support/hostile.py) through `dondoc extract`, each
in a process of its own as a user would run it, and judge each outcome: a result or a
clear error code, within WALL_SECONDS and PEAK_MB for the whole process tree (the CLI,
its reading child, OCR). E_INTERNAL, a traceback, a slower or larger run are findings:
the file is kept for a regression test.

The time allowed is WALL_SECONDS, plus OCR_SECONDS_PER_PAGE for each page the reading
sent to OCR: a mutated PDF whose text layer became garbage is read as a scan, page by
page, as a real scan is (measured here: 1.2–1.5 s a page, twice for a tilted one); that
is work the file honestly asks for, bounded by DONDOC_MAX_OCR_PAGES, not a hang. The
report gives the plain count over WALL_SECONDS too.

Usage: python -m tests.support.hostile_run [--count 2000] [--seed N] [--keep DIR]
(scripts/hostile runs it nightly; the CI sample is test_hostile_sample.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.hostile import Sources, generate
from tests.support.memory import run_measured

WALL_SECONDS = 10.0
OCR_SECONDS_PER_PAGE = 3.0
PEAK_MB = 500.0


@dataclass
class Outcome:
    kind: str
    name: str
    code: str  # "read" or an error code
    seconds: float
    peak_mb: float
    detail: str = ""
    ocr_pages: int = 0

    @property
    def over_time(self) -> bool:
        return self.seconds >= WALL_SECONDS + OCR_SECONDS_PER_PAGE * self.ocr_pages

    @property
    def finding(self) -> bool:
        return self.code in ("E_INTERNAL", "exception") or self.over_time or self.peak_mb >= PEAK_MB


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def findings(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.finding]

    def report(self) -> dict[str, object]:
        by_class: dict[str, Counter[str]] = {}
        for o in self.outcomes:
            by_class.setdefault(o.kind, Counter())[o.code] += 1
        return {
            "files": len(self.outcomes),
            "findings": [o.__dict__ for o in self.findings],
            "internal_errors": sum(o.code in ("E_INTERNAL", "exception") for o in self.outcomes),
            "over_time": sum(o.over_time for o in self.outcomes),
            "over_10_seconds_with_ocr": [
                (o.name, o.seconds, o.ocr_pages) for o in self.outcomes if o.seconds >= WALL_SECONDS
            ],
            "over_memory": sum(o.peak_mb >= PEAK_MB for o in self.outcomes),
            "slowest_seconds": round(max((o.seconds for o in self.outcomes), default=0.0), 2),
            "largest_peak_mb": round(max((o.peak_mb for o in self.outcomes), default=0.0), 1),
            "outcomes_by_class": {k: dict(v) for k, v in sorted(by_class.items())},
        }


_IMAGES = frozenset({".png", ".jpeg", ".jpg", ".tiff", ".tif"})
_CODE = re.compile(r"^error \[(E_[A-Z_]+)\]")


def run_one(kind: str, path: Path) -> Outcome:
    result = run_measured([sys.executable, "-m", "dondoc", "extract", str(path)], timeout=120)
    lines = result.stderr.strip().splitlines()
    ocr_pages = 0
    if result.returncode == 0 and "Traceback" not in result.stderr:
        code, detail = "read", ""
        notes = json.loads(result.stdout)["doc"].get("ingest_notes") or []
        ocr_pages = sum("read by OCR" in n for n in notes) or (1 if path.suffix in _IMAGES else 0)
    elif result.returncode == 1 and len(lines) == 1 and (m := _CODE.match(lines[0])):
        code, detail = m.group(1), lines[0][:500]
    else:  # a traceback, a crash, a killed process: a defect
        code, detail = "exception", f"exit {result.returncode}: {result.stderr[-500:]}"
    peak_mb = round(result.peak_bytes / 2**20, 1)
    return Outcome(kind, path.name, code, round(result.seconds, 3), peak_mb, detail, ocr_pages)


def run(count: int, seed: int, shared: Path, keep: Path | None = None) -> Summary:
    sources = Sources.load(shared)
    summary = Summary()
    with tempfile.TemporaryDirectory(prefix="dondoc-hostile-") as tmp:
        for kind, name, data in generate(count, seed, sources):
            path = Path(tmp) / name
            path.write_bytes(data)
            outcome = run_one(kind, path)
            summary.outcomes.append(outcome)
            if outcome.finding and keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                (keep / name).write_bytes(data)
            path.unlink()
    return summary


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=int(time.strftime("%Y%m%d")))
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("DONDOC_SHARED", "../shared")))
    ap.add_argument("--keep", type=Path, default=Path("hostile-findings"), help="where findings are copied")
    args = ap.parse_args()
    t0 = time.perf_counter()
    summary = run(args.count, args.seed, args.shared, args.keep)
    report = {"seed": args.seed, "seconds": round(time.perf_counter() - t0, 1), **summary.report()}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    sys.exit(1 if summary.findings else 0)


if __name__ == "__main__":
    main()
