"""The search index on both engines, kept in step with every write.

Each indexed record (directive, task, progress report, unit) has one row in
`search_docs`: its title and text for display, its folded words (`terms`) for matching.
SQLite matches with an FTS5 table over those words, PostgreSQL with a GIN-indexed
tsvector of them (migration 0015); both receive the same words and the same query
(dondoc.search.query), so they find the same things.

In step: the session's flush (`install`) rewrites the row of every indexed record it
inserts, changes in a searched field, or deletes, inside the same transaction: a write
and its index entry commit or roll back together. Use cases never write the index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Engine,
    Select,
    bindparam,
    delete,
    event,
    func,
    insert,
    inspect,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.sql.elements import ColumnClause, ColumnElement

from dondoc.search.abbreviations import index_terms
from dondoc.search.query import Query
from dondoc.store.records import (
    DirectiveRecord,
    ProgressUpdateRecord,
    SearchDocRecord,
    SearchTermRecord,
    TaskRecord,
    UnitAliasRecord,
    UnitRecord,
)

# what each engine adds beside the mapped tables (migration 0015): not drift
ENGINE_OBJECTS = frozenset({"search_fts", "tsv", "ix_search_docs_tsv", "ix_search_docs_tsv_id"})
MAX_TERM = 80  # longer "words" (a pasted hash, a URL's run of letters) are not kept as terms

# the fields of each record that its search entry reads: a change elsewhere (a status, a
# version) leaves the entry as it is
_FIELDS: dict[type, tuple[str, ...]] = {
    DirectiveRecord: ("doc_type", "number", "issuer", "title", "signer", "file_name"),
    TaskRecord: ("text", "section", "product", "deadline_text", "label"),
    ProgressUpdateRecord: ("narrative", "difficulties", "proposals", "result_document"),
    UnitRecord: ("code", "name"),
}
_KIND = {
    DirectiveRecord: "directive",
    TaskRecord: "task",
    ProgressUpdateRecord: "progress",
    UnitRecord: "unit",
}


@dataclass(frozen=True)
class Entry:
    kind: str
    ref_id: int
    title: str
    body: str
    directive_id: int | None = None
    task_id: int | None = None


def _join(*parts: str | None) -> str:
    return " · ".join(" ".join(p.split()) for p in parts if p and p.strip())


def directive_entry(d: DirectiveRecord) -> Entry:
    head = " ".join(p for p in (d.doc_type, f"số {d.number}" if d.number else None) if p)
    return Entry(
        "directive",
        d.id,
        title=_join(head, d.title) or d.file_name,
        body=_join(d.issuer, head, d.title, d.signer, d.file_name),
        directive_id=d.id,
    )


def task_entry(t: TaskRecord) -> Entry:
    return Entry(
        "task",
        t.id,
        title=" ".join(t.text.split())[:200],
        body=_join(t.label, t.text, t.section, t.product, t.deadline_text),
        directive_id=t.directive_id,
        task_id=t.id,
    )


def progress_entry(u: ProgressUpdateRecord, directive_id: int | None) -> Entry:
    return Entry(
        "progress",
        u.id,
        title=" ".join((u.narrative or u.result_document or "").split())[:200],
        body=_join(u.narrative, u.difficulties, u.proposals, u.result_document),
        directive_id=directive_id,
        task_id=u.task_id,
    )


# --- writing --------------------------------------------------------------------------


def write(conn: Connection, entries: Sequence[Entry]) -> None:
    """Replace the rows of these records with these entries, and note their words."""
    if not entries:
        return
    for kind in {e.kind for e in entries}:
        ids = [e.ref_id for e in entries if e.kind == kind]
        conn.execute(
            delete(SearchDocRecord).where(SearchDocRecord.kind == kind, SearchDocRecord.ref_id.in_(ids))
        )
    rows = [
        {
            "kind": e.kind,
            "ref_id": e.ref_id,
            "directive_id": e.directive_id,
            "task_id": e.task_id,
            "title": e.title,
            "body": e.body,
            "terms": index_terms(e.body),
        }
        for e in entries
    ]
    conn.execute(insert(SearchDocRecord), rows)
    _note_terms(conn, {w for r in rows for w in str(r["terms"]).split() if len(w) <= MAX_TERM})


def _note_terms(conn: Connection, words: set[str]) -> None:
    if not words:
        return
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    rows = [{"term": w} for w in sorted(words)]
    for i in range(0, len(rows), 5000):
        conn.execute(insert(SearchTermRecord).on_conflict_do_nothing(), rows[i : i + 5000])


def forget(conn: Connection, kind: str, ids: Iterable[int]) -> None:
    ids = list(ids)
    if not ids:
        return
    doc = SearchDocRecord
    conn.execute(delete(doc).where(doc.kind == kind, doc.ref_id.in_(ids)))
    if kind == "task":  # its progress reports go with it (the database cascades them)
        conn.execute(delete(doc).where(doc.kind == "progress", doc.task_id.in_(ids)))
    if kind == "directive":
        conn.execute(delete(doc).where(doc.directive_id.in_(ids)))


# --- in step with the session ---------------------------------------------------------

_PENDING = "dondoc.search_pending"


def _changed(obj: object) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in _FIELDS[type(obj)])


def _before_flush(session: Session, _ctx: UOWTransaction, _instances: object) -> None:
    pending: dict[str, Any] = session.info.setdefault(_PENDING, {"write": [], "forget": [], "units": set()})
    for obj in session.new:
        if isinstance(obj, UnitRecord):
            pending["units"].add(obj)
        elif type(obj) in _KIND:
            pending["write"].append(obj)
        elif isinstance(obj, UnitAliasRecord):
            pending["units"].add(obj.unit if obj.unit is not None else obj.unit_id)
    for obj in session.dirty:
        if isinstance(obj, UnitRecord) and _changed(obj):
            pending["units"].add(obj)
        elif type(obj) in _KIND and _changed(obj):
            pending["write"].append(obj)
        elif isinstance(obj, UnitAliasRecord):
            pending["units"].add(obj.unit_id)
    for obj in session.deleted:
        if type(obj) in _KIND:
            pending["forget"].append((_KIND[type(obj)], obj.id))
        elif isinstance(obj, UnitAliasRecord):
            pending["units"].add(obj.unit_id)


def _after_flush(session: Session, _ctx: UOWTransaction) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    conn = session.connection()
    gone = set(pending["forget"])
    for kind in {k for k, _ in gone}:
        forget(conn, kind, [i for k, i in gone if k == kind])
    objs = {
        (type(o), o.id): o
        for o in pending["write"]
        if o.id is not None and (_KIND[type(o)], o.id) not in gone
    }
    progress = [o for o in objs.values() if isinstance(o, ProgressUpdateRecord)]
    directive_of: dict[int, int] = {}
    if progress:
        task_ids = {u.task_id for u in progress}
        rows = conn.execute(select(TaskRecord.id, TaskRecord.directive_id).where(TaskRecord.id.in_(task_ids)))
        for task_id, directive_id in rows:
            directive_of[task_id] = directive_id
    entries = [_entry(o, directive_of) for o in objs.values()]
    unit_ids = {u if isinstance(u, int) else u.id for u in pending["units"]} - {None}
    unit_ids -= {i for k, i in gone if k == "unit"}
    entries += _unit_entries(conn, unit_ids)
    write(conn, entries)


def _unit_entries(conn: Connection, ids: set[int]) -> list[Entry]:
    """Units as flushed, read back with their aliases (an alias may change alone)."""
    if not ids:
        return []
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in conn.execute(
        select(UnitAliasRecord.unit_id, UnitAliasRecord.alias)
        .where(UnitAliasRecord.unit_id.in_(ids))
        .order_by(UnitAliasRecord.id)
    ):
        aliases.setdefault(unit_id, []).append(alias)
    rows = conn.execute(select(UnitRecord.id, UnitRecord.name, UnitRecord.code).where(UnitRecord.id.in_(ids)))
    return [
        Entry("unit", i, title=name, body=_join(name, code, *aliases.get(i, []))) for i, name, code in rows
    ]


def _entry(obj: object, directive_of: dict[int, int]) -> Entry:
    if isinstance(obj, DirectiveRecord):
        return directive_entry(obj)
    if isinstance(obj, TaskRecord):
        return task_entry(obj)
    assert isinstance(obj, ProgressUpdateRecord)
    return progress_entry(obj, directive_of.get(obj.task_id))


def install(target: Any) -> None:
    """Keep the index in step with the flushes of this sessionmaker (idempotent)."""
    if not event.contains(target, "before_flush", _before_flush):
        event.listen(target, "before_flush", _before_flush)
        event.listen(target, "after_flush", _after_flush)


# --- filling --------------------------------------------------------------------------


def rebuild(engine: Engine, *, batch: int = 2000) -> int:
    """Index every record again from scratch (after an upgrade, or on the admin's request);
    returns how many entries were written. The words kept for typo corrections are made
    anew too: writes only add to them, so the words of deleted or edited records would
    otherwise be offered as corrections that find nothing, and the table would only grow."""
    n = 0
    with Session(engine) as s, s.begin():
        conn = s.connection()
        conn.execute(delete(SearchDocRecord))
        conn.execute(delete(SearchTermRecord))
        for directives in s.scalars(select(DirectiveRecord).execution_options(yield_per=batch)).partitions():
            write(conn, [directive_entry(d) for d in directives])
            n += len(directives)
        unit_ids = list(conn.scalars(select(UnitRecord.id)))
        for k in range(0, len(unit_ids), batch):
            entries = _unit_entries(conn, set(unit_ids[k : k + batch]))
            write(conn, entries)
            n += len(entries)
        for tasks in s.scalars(select(TaskRecord).execution_options(yield_per=batch)).partitions():
            write(conn, [task_entry(t) for t in tasks])
            n += len(tasks)
        directive_of: dict[int, int] = {}
        for task_id, directive_id in conn.execute(select(TaskRecord.id, TaskRecord.directive_id)):
            directive_of[task_id] = directive_id
        for updates in s.scalars(
            select(ProgressUpdateRecord).execution_options(yield_per=batch)
        ).partitions():
            write(conn, [progress_entry(u, directive_of.get(u.task_id)) for u in updates])
            n += len(updates)
    if n >= BULK:
        settle(engine)
    return n


log = logging.getLogger(__name__)

# Is a word in some entry? Asked of each engine's own index, so that a word is kept exactly
# when a search for it finds something. SQLite: an FTS5 phrase of the word (quoted, so no
# word is read as the query language); PostgreSQL: the GIN-indexed tsvector, with a query the
# word gives lexemes for (one that gives none matches nothing, and is kept: never dropped for
# what the engine cannot tell).
_HELD_SQLITE = text(
    "DELETE FROM search_terms WHERE term IN :batch AND NOT EXISTS (SELECT 1 FROM search_fts "
    "WHERE search_fts MATCH '\"' || replace(search_terms.term, '\"', '\"\"') || '\"')"
).bindparams(bindparam("batch", expanding=True))
_HELD_POSTGRES = text(
    "DELETE FROM search_terms WHERE term IN :batch "
    "AND numnode(phraseto_tsquery('simple'::regconfig, search_terms.term)) > 0 "
    "AND NOT EXISTS (SELECT 1 FROM search_docs "
    "WHERE search_docs.tsv @@ phraseto_tsquery('simple'::regconfig, search_terms.term))"
).bindparams(bindparam("batch", expanding=True))
PRUNE_BATCH = 500


def prune_terms(engine: Engine, *, batch: int = PRUNE_BATCH) -> int:
    """Forgets the typo-correction words no entry holds any more (a deleted or edited
    record's): writes only add words, so without this they would be offered as
    corrections that find nothing, and the table would only grow. Returns how many went.

    A batch of words is checked and deleted in one short transaction that no writer noting
    words can overlap: SQLite has one writer at a time (BEGIN IMMEDIATE); on PostgreSQL the
    batch locks `search_terms` against inserts first, which also waits for the writers that
    noted words and have not committed, so their entries are seen. A word being written
    anew is therefore never lost: noted after the batch, it is inserted again."""
    removed = 0
    after = ""
    statement = _HELD_POSTGRES if engine.dialect.name == "postgresql" else _HELD_SQLITE
    while True:
        with engine.connect() as conn:
            words = list(
                conn.scalars(
                    select(SearchTermRecord.term)
                    .where(SearchTermRecord.term > after)
                    .order_by(SearchTermRecord.term)
                    .limit(batch)
                )
            )
        if not words:
            return removed
        after = words[-1]
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("LOCK TABLE search_terms IN SHARE ROW EXCLUSIVE MODE"))
            removed += conn.execute(statement, {"batch": words}).rowcount or 0


# a load at least this large leaves GIN's pending list long enough to slow searches (README)
BULK = 1000
_GIN_INDEXES = ("ix_search_docs_tsv_id", "ix_search_docs_tsv")


def settle(engine: Engine) -> None:
    """After a bulk load on PostgreSQL: move what GIN holds in its pending list into the
    index proper and refresh the planner's statistics. Until then (or autovacuum) every
    search scans the unsorted list: p95 45 ms straight after a million-row load against 15
    ms once settled. SQLite's FTS5 needs nothing. A role that may not do it (it owns neither
    the index nor superuser rights, or a standby) only loses speed, with a warning."""
    if engine.dialect.name != "postgresql":
        return
    try:
        with engine.connect() as conn:
            for name in _GIN_INDEXES:
                if conn.scalar(text("SELECT to_regclass(:n)"), {"n": name}) is None:
                    continue
                try:
                    with conn.begin_nested():
                        conn.execute(text("SELECT gin_clean_pending_list(CAST(:n AS regclass))"), {"n": name})
                except DBAPIError as exc:
                    log.warning("search: pending list of %s not cleaned (%s)", name, exc.orig)
            conn.execute(text("ANALYZE search_docs"))
            conn.execute(text("ANALYZE search_terms"))
            conn.commit()
    except DBAPIError as exc:
        # the load it follows is committed: a lost connection here costs speed, not data
        log.warning("search: index not settled (%s)", exc.orig)


def fill_if_empty(engine: Engine) -> int:
    """Index the existing records when the index is new (just migrated) and they are not."""
    with engine.connect() as conn:
        indexed = conn.scalar(select(func.count()).select_from(SearchDocRecord.__table__))
        records = sum(
            conn.scalar(select(func.count()).select_from(t)) or 0
            for t in (DirectiveRecord.__table__, UnitRecord.__table__)
        )
    return rebuild(engine) if not indexed and records else 0


# --- reading --------------------------------------------------------------------------


def known_terms(conn: Connection, words: Iterable[str]) -> set[str]:
    words = [w for w in set(words) if len(w) <= MAX_TERM]
    if not words:
        return set()
    found: set[str] = set()
    for i in range(0, len(words), 900):  # under SQLite's bound-parameter limit
        part = words[i : i + 900]
        found |= set(conn.scalars(select(SearchTermRecord.term).where(SearchTermRecord.term.in_(part))))
    return found


@dataclass(frozen=True)
class Match:
    kind: str
    ref_id: int
    title: str
    body: str
    directive_id: int | None
    task_id: int | None
    rank: float


# Ranking reads every match's words: on a province's million tasks a common word matches
# a tenth of them. The best are chosen among the newest POOL matches, which is where a
# clerk's search looks (on PostgreSQL, among the matches of the newest entries when they
# hold enough: see WINDOWS); below that many matches the ranking is exact.
POOL = 500
# PostgreSQL's GIN index yields matches in no order, and reading all of a common word's
# matches to find the newest costs a second at a million entries. Its index holds each
# entry's id beside its words (migration 0020), so the matches among the newest entries
# (id > the newest id - a window's width) are one intersection in the index, which reads
# only those: each window (its width, and the fewest matches it must hold to be the pool)
# is enough when it holds that many, as well as the page; a first window too sparse to
# promise a page from the wider one means rare words, which the index finds at little
# cost, as it does when no window is enough
WINDOWS = ((5000, 100), (20_000, 0))


def match(
    conn: Connection,
    query: Query,
    *,
    kinds: Sequence[str] = (),
    directive_id: int | None = None,
    tasks: Select[Any] | None = None,
    directives: Select[Any] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[Match]:
    """The best entries for the query among its newest matches (at least POOL, and as
    many as the page reaches), best first. `tasks` (a select of task ids) narrows task
    and progress entries, `directives` (ids) directive entries; unit entries are narrowed
    by neither."""
    if not query:
        return []
    pool_size = max(POOL, offset + limit)
    d = SearchDocRecord.__table__
    narrowed = _narrowing(kinds, directive_id, tasks, directives)
    if conn.dialect.name == "sqlite":
        pool = _sqlite_pool(conn, query, narrowed, pool_size)
        best = sorted(pool, key=lambda p: (p[1], -p[0]))  # bm25: lower is better
    else:
        pool = _postgres_pool(conn, query, narrowed, pool_size, offset + limit)
        best = sorted(pool, key=lambda p: (-p[1], -p[0]))
    page = best[offset : offset + limit]
    if not page:
        return []
    rank = dict(page)
    rows = conn.execute(
        select(d.c.id, d.c.kind, d.c.ref_id, d.c.title, d.c.body, d.c.directive_id, d.c.task_id).where(
            d.c.id.in_(list(rank))
        )
    ).all()
    by_id = {r[0]: r for r in rows}
    return [Match(*by_id[i][1:], rank=rank[i]) for i, _ in page if i in by_id]


def _narrowing(
    kinds: Sequence[str],
    directive_id: int | None,
    tasks: Select[Any] | None,
    directives: Select[Any] | None,
) -> list[ColumnElement[bool]]:
    d = SearchDocRecord.__table__
    out: list[ColumnElement[bool]] = []
    if kinds:
        out.append(d.c.kind.in_(list(kinds)))
    if directive_id is not None:
        out.append(d.c.directive_id == directive_id)
    if tasks is not None or directives is not None:
        on_tasks = d.c.kind.in_(["task", "progress"])
        on_directives = d.c.kind == "directive"
        out.append(
            or_(
                d.c.kind == "unit",
                on_tasks & d.c.task_id.in_(tasks) if tasks is not None else on_tasks,
                on_directives & d.c.ref_id.in_(directives) if directives is not None else on_directives,
            )
        )
    return out


def _sqlite_pool(
    conn: Connection, query: Query, narrowed: list[ColumnElement[bool]], size: int
) -> list[tuple[int, float]]:
    """(id, bm25) of the newest matches: FTS5 walks its matches in rowid order itself and
    stops at `size`; bm25 exists only inside the FTS5 query, so it is computed there."""
    d = SearchDocRecord.__table__
    fts_id: ColumnClause[int] = literal_column("search_fts.rowid")
    stmt: Any = select(fts_id, literal_column("bm25(search_fts)")).where(
        text("search_fts MATCH :q").bindparams(bindparam("q", query.fts5()))
    )
    if narrowed:  # search_docs is read only when a filter needs it
        stmt = stmt.select_from(d.join(text("search_fts"), text("search_fts.rowid = search_docs.id")))
        stmt = stmt.where(*narrowed)
    else:
        stmt = stmt.select_from(text("search_fts"))
    stmt = stmt.order_by(fts_id.desc()).limit(size)
    return [(int(i), float(r)) for i, r in conn.execute(stmt)]


def _postgres_pool(
    conn: Connection, query: Query, narrowed: list[ColumnElement[bool]], size: int, needed: int
) -> list[tuple[int, float]]:
    """(id, ts_rank_cd) of the newest matches: those of the first window of newest ids
    that holds enough of them (see WINDOWS) and the page (`needed`), at most `size`; else
    the newest `size` of all matches. Every id in a window is newer than every id outside
    it, so a window's matches are the newest ones (a filter is applied inside it)."""
    d = SearchDocRecord.__table__
    ts: BindParameter[str] = bindparam("q", query.tsquery())
    tsquery = func.to_tsquery(literal_column("'simple'::regconfig"), ts)
    tsv: ColumnClause[Any] = literal_column("search_docs.tsv")
    # cover density (words near each other rank higher), divided by 1 + the log of the
    # entry's length (as bm25 does on SQLite: a short unit name beats a long task)
    rank = func.ts_rank_cd(tsv, tsquery, 1)
    matching = text("search_docs.tsv @@ to_tsquery('simple'::regconfig, :q)").bindparams(ts)
    newest = conn.scalar(select(func.max(d.c.id))) if WINDOWS else None
    for n, (width, fewest) in enumerate(WINDOWS if newest is not None else ()):
        window = (
            select(d.c.id, rank)
            .where(matching, d.c.id > newest - width, *narrowed)
            .order_by(d.c.id.desc())
            .limit(size)
        )
        found = [(int(i), float(r)) for i, r in conn.execute(window)]
        if len(found) == size or len(found) >= max(fewest, needed):
            # the newest matches, `size` of them or fewer (the window's, a word of one entry
            # in fifty or in a thousand): the index would read all of them, however old
            return found
        if n == 0 and len(found) * (WINDOWS[-1][0] // width) < needed:
            break  # rare words (the wider window would not fill the page): to the index
    everywhere = select(d.c.id, rank).where(matching, *narrowed).order_by(d.c.id.desc()).limit(size)
    return [(int(i), float(r)) for i, r in conn.execute(everywhere)]
