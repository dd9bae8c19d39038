"""Search at a province's scale; prints JSON.

Usage: python bench/search_bench.py [--engine sqlite|postgresql|both] [--tasks 1000000]
       [--repeat 5] [--pg-url URL] [--keep] [--reuse] [--windows 5000:100,20000:0] [--each]
       [--unsettled] [--stale N]

Fills a migrated, empty database (SQLite in a temporary folder, or a throwaway PostgreSQL
database) with --tasks task entries written through the index's own writer, their texts
made from the corpus's tasks (two sentences of different tasks and a place name, so
that no two are alike), then runs every query of tests/data/search_queries.toml without
its filters, --repeat times each after one warm-up, two ways:

- dondoc: `services.search.search` as the office runs it (parsing, corrections, the
  engine's query, snippets with their marks, 20 results);
- bare: the same engine's own query for the same compiled expression (FTS5 MATCH with
  bm25, or tsvector @@ tsquery with ts_rank_cd) over the same newest matches
  (search_index.POOL), its 21 rows fetched, nothing else; and once more ranking every
  match, to show what the pool saves.

Reports p50 and p95 per engine for both and their ratio, and the fill time. `--keep` then
`--reuse` searches the same PostgreSQL database again without filling it, `--windows`
tries other windows of newest entries (search_index.WINDOWS), `--each` lists every
query's median. Tried on 2026-12-03, windows read from the rows (p50 / p95 ms):
5000:100,20000:0 29.5 / 37.1; 3000:60,10000:0 19.0 / 46.5; 5000:40,15000:0 11.7 / 42.9;
2000:40,8000:0 13.9 / 51.9. On 2026-12-05, windows read inside the GIN index of words
and ids (migration 0020): 5000:100,20000:0 13.3–13.7 / 20.3–24.7; 5000:100,50000:0
18.2 / 35.5; 2000:50,20000:0 13.1 / 25.9; 10000:200,50000:0 19.2 / 30.4. A freshly
filled database carries GIN's pending list until its first VACUUM; dondoc settles it
after its own bulk loads (search_index.settle), and so does the fill here unless
--unsettled (see the README).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from bench.pg import throwaway_database  # noqa: E402
from dondoc.config import Settings  # noqa: E402
from dondoc.search.query import corrected, parse  # noqa: E402
from dondoc.services import search  # noqa: E402
from dondoc.services.context import SYSTEM, Store  # noqa: E402
from dondoc.store import migrate, search_index  # noqa: E402
from dondoc.store.search_index import Entry  # noqa: E402

SHARED = ROOT.parent / "shared"
PLACES = [
    "Ninh Kiều",
    "Cái Răng",
    "Bình Thủy",
    "Ô Môn",
    "Thốt Nốt",
    "Phong Điền",
    "Cờ Đỏ",
    "Vĩnh Thạnh",
    "Thới Lai",
]


def _sentences() -> list[str]:
    from dondoc.core.text import SourceText
    from dondoc.extract.pipeline import extract

    out: list[str] = []
    for path in sorted((SHARED / "corpus").glob("*/*.txt")):
        ex = extract(SourceText(path.read_text(encoding="utf-8")))
        for t in ex.tasks:
            out += [s.strip() for s in t.text.replace(";", ".").split(".") if len(s.split()) >= 5]
    return out


def fill(store: Store, n: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    pool = _sentences()
    t0 = time.perf_counter()
    batch = 5000
    with store.engine.begin() as conn:
        for start in range(1, n + 1, batch):
            entries = []
            for i in range(start, min(n + 1, start + batch)):
                body = f"{rng.choice(pool)}. {rng.choice(pool)} tại {rng.choice(PLACES)}."
                entries.append(Entry("task", i, body[:200], body, directive_id=1 + i // 40, task_id=i))
            search_index.write(conn, entries)
    return time.perf_counter() - t0


def settle(store: Store, skip: bool) -> float:
    """What dondoc does after its own bulk loads (a rebuild, an import): GIN's pending list
    moved into the index, statistics refreshed. `--unsettled` measures the state before."""
    t0 = time.perf_counter()
    if skip:
        if store.engine.dialect.name == "postgresql":
            with store.engine.connect() as conn:
                conn.execute(text("ANALYZE search_docs"))
                conn.execute(text("ANALYZE search_terms"))
                conn.commit()
    else:
        search_index.settle(store.engine)
    return time.perf_counter() - t0


def _bare(store: Store, q: str, *, pool: int | None = search_index.POOL) -> None:
    """The engine's own query: the newest `pool` matches ranked (or all of them)."""
    query = parse(q)
    if not query:
        return
    with store.engine.connect() as conn:
        fixed = corrected(query, lambda words: search_index.known_terms(conn, words))
        newest = f"ORDER BY {{}} DESC LIMIT {pool}" if pool else ""
        if conn.dialect.name == "sqlite":
            by_rowid = newest.format("search_fts.rowid")
            sql = (
                "SELECT kind, ref_id, title, body FROM (SELECT d.*, bm25(search_fts) AS rank FROM search_fts "
                f"JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH :q {by_rowid}) "
                "ORDER BY rank LIMIT 21"
            )
            conn.execute(text(sql), {"q": fixed.fts5()}).all()
        else:
            by_id = newest.format("d.id")
            sql = (
                "SELECT kind, ref_id, title, body FROM (SELECT d.*, ts_rank_cd(d.tsv, q, 1) AS rank "
                f"FROM search_docs d, to_tsquery('simple', :q) q WHERE d.tsv @@ q {by_id}) c "
                "ORDER BY rank DESC LIMIT 21"
            )
            conn.execute(text(sql), {"q": fixed.tsquery()}).all()


def _time(fn: object, repeat: int) -> list[float]:
    out = []
    fn()  # type: ignore[operator]
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - t0) * 1000)
    return out


def _p(values: list[float], q: float) -> float:
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1], 2)


def bench(url: str, args: argparse.Namespace, tmp: Path) -> dict[str, object]:
    store = Store.open(Settings(database_url=url, data_dir=tmp / "data"))
    migrate.upgrade(store.engine)
    with store.engine.connect() as conn:
        held = conn.execute(text("SELECT count(*) FROM search_docs")).scalar() or 0
    # --reuse (with --keep before): the PostgreSQL database of the last run, as it was filled
    reused = args.reuse and held == args.tasks
    seconds = 0.0 if reused else fill(store, args.tasks)
    settling = 0.0 if reused else settle(store, args.unsettled)
    queries = [
        c["q"] for c in tomllib.loads((ROOT / "tests/data/search_queries.toml").read_text("utf-8"))["query"]
    ]
    ours: list[float] = []
    bare: list[float] = []
    full: list[float] = []
    worst: list[tuple[float, str]] = []
    for q in dict.fromkeys(queries):  # each query once, in the file's order
        # the bare engine includes the corrections' lookups: the engine cannot read a typo
        # without them, and dondoc pays the same
        times = _time(lambda q=q: search.search(store, SYSTEM, q), args.repeat)
        ours += times
        bare += _time(lambda q=q: _bare(store, q), args.repeat)
        full += _time(lambda q=q: _bare(store, q, pool=None), 1)
        worst.append((statistics.median(times), q))
    # the workers' daily pass over the typo-correction words: every word checked against the
    # index; --stale adds words no entry holds (a deleted record's), which the pass forgets
    rnd = random.Random(11)
    stale = {"".join(rnd.choice("bcdfghklmnpqrstvx") for _ in range(9)) for _ in range(args.stale)}
    with store.engine.begin() as conn:
        if stale:
            conn.execute(text("INSERT INTO search_terms (term) VALUES (:t)"), [{"t": t} for t in stale])
        words = conn.execute(text("SELECT count(*) FROM search_terms")).scalar() or 0
    started = time.perf_counter()
    forgotten = search_index.prune_terms(store.engine)
    pruning = time.perf_counter() - started
    store.engine.dispose()
    return {
        "fill_seconds": round(seconds, 1),
        "settle_seconds": round(settling, 1),
        "prune_terms": {"words": words, "forgotten": forgotten, "seconds": round(pruning, 1)},
        "queries": len(dict.fromkeys(queries)),
        "dondoc_ms": {"p50": _p(ours, 50), "p95": _p(ours, 95)},
        "bare_ms": {"p50": _p(bare, 50), "p95": _p(bare, 95)},
        "p95_ratio": round(_p(ours, 95) / max(_p(bare, 95), 0.01), 2),
        # the engine ranking every match, for comparison (what the pool saves)
        "bare_ranking_all_ms": {"p50": _p(full, 50), "p95": _p(full, 95)},
        "slowest": [f"{q} ({ms:.1f} ms)" for ms, q in sorted(worst, reverse=True)[: 999 if args.each else 5]],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--tasks", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    ap.add_argument("--reuse", action="store_true", help="search the kept PostgreSQL database, unfilled")
    ap.add_argument("--each", action="store_true", help="list every query's median, slowest first")
    ap.add_argument("--unsettled", action="store_true", help="search straight after the fill, unsettled")
    ap.add_argument("--stale", type=int, default=0, help="words no entry holds, for the pruning to forget")
    ap.add_argument("--windows", help="PostgreSQL's windows to try, as WIDTH:FEWEST,… (default: the code's)")
    args = ap.parse_args()
    if args.windows:
        search_index.WINDOWS = tuple(
            (int(w), int(f)) for w, f in (pair.split(":") for pair in args.windows.split(","))
        )
    out: dict[str, object] = {"tasks": args.tasks, "windows": search_index.WINDOWS}
    with tempfile.TemporaryDirectory() as tmp:
        if args.engine in ("sqlite", "both"):
            out["sqlite"] = bench(f"sqlite:///{tmp}/search.sqlite3", args, Path(tmp))
        if args.engine in ("postgresql", "both"):
            database = throwaway_database(
                args.pg_url, "dondoc_search_bench", keep=args.keep, reuse=args.reuse
            )
            with database as url:
                out["postgresql"] = bench(url, args, Path(tmp))
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
