"""Extraction throughput, warm seed time and peak memory; prints JSON.

Usage: python bench/extract_bench.py [--mb 50]
Builds about --mb MB of text by repeating the corpus documents (each document extracted
on its own, as in production), times the pass on one core, and reports tracemalloc's peak
for the largest single document relative to its size.
"""

from __future__ import annotations

import argparse
import json
import os
import time
import tracemalloc
from pathlib import Path

import dondoc.extract
from dondoc.core.text import SourceText
from dondoc.extract.pipeline import extract

SHARED = Path(os.environ.get("DONDOC_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50.0)
    args = ap.parse_args()
    docs = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpus").glob("*/*.txt"))]
    seed = (SHARED / "corpus/seed/cantho-q4-2024.txt").read_text(encoding="utf-8")
    extract(SourceText(seed))  # warm caches (lexicon)
    t0 = time.perf_counter()
    for _ in range(20):
        extract(SourceText(seed))
    seed_ms = (time.perf_counter() - t0) / 20 * 1000
    total_bytes = 0
    target = args.mb * 1024 * 1024
    t0 = time.perf_counter()
    c0 = time.process_time()  # CPU time of this one process: steadier than wall time on a shared VM
    while total_bytes < target:
        for d in docs:
            extract(SourceText(d))
            total_bytes += len(d.encode("utf-8"))
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    biggest = max(docs, key=len)
    tracemalloc.start()
    extract(SourceText(biggest))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        json.dumps(
            {
                "input_mb": round(total_bytes / 1024 / 1024, 1),
                "seconds": round(elapsed, 2),
                "mb_per_s": round(total_bytes / 1024 / 1024 / elapsed, 2),
                "mb_per_cpu_s": round(total_bytes / 1024 / 1024 / cpu, 2),
                "seed_warm_ms": round(seed_ms, 2),
                "peak_alloc_vs_input": round(peak / len(biggest.encode("utf-8")), 1),
                # the compiled extractor (setup.py) or plain Python (DONDOC_PURE=1, or a stale build)
                "compiled": dondoc.extract.COMPILED,
            }
        )
    )


if __name__ == "__main__":
    main()
