"""The units directory: import/export (CSV or XLSX), paths, and the resolution snapshot.

A file has one unit per row, with the columns `code, name, kind, parent_code, aliases,
valid_from, valid_to, successor_code` (aliases separated by ";", dates ISO). Importing
updates units with a known code and adds the others, in one transaction: a file with an
error anywhere changes nothing, and the error names the row.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from dondoc.errors import DondocError, ErrorCode
from dondoc.services import sheets
from dondoc.services.cells import append_inert, csv_cell
from dondoc.services.context import Store, audit_event, require
from dondoc.store.records import UnitAliasRecord, UnitRecord
from dondoc.tracking.permissions import Action, Actor
from dondoc.tracking.resolution import Directory, UnitEntry

COLUMNS = ("code", "name", "kind", "parent_code", "aliases", "valid_from", "valid_to", "successor_code")
MAX_ROWS = 100_000


# a directory file of a whole province is well under a megabyte
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    kind: str
    parent_code: str | None
    aliases: tuple[str, ...]
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_code: str | None


def _date(value: object, *, name: str, row: int, column: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise DondocError(
            ErrorCode.UNITS_FILE,
            name=name,
            detail=f"row {row}: {column} {value!r} is not a date (YYYY-MM-DD)",
        ) from None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_rows(path: Path) -> list[UnitRow]:
    name = str(path)
    records = sheets.read_records(
        path, code=ErrorCode.UNITS_FILE, max_rows=MAX_ROWS, max_bytes=MAX_FILE_BYTES
    )
    if not records:
        raise DondocError(ErrorCode.UNITS_FILE, name=name, detail="no header row")
    header = [_cell(h).lower() for h in records[0]]
    missing = [c for c in ("code", "name", "kind") if c not in header]
    if missing:
        raise DondocError(ErrorCode.UNITS_FILE, name=name, detail=f"missing columns: {', '.join(missing)}")
    if len(records) > MAX_ROWS + 1:
        raise DondocError(ErrorCode.UNITS_FILE, name=name, detail=f"more than {MAX_ROWS} units")
    rows: list[UnitRow] = []
    seen: set[str] = set()
    for n, rec in enumerate(records[1:], start=2):
        if not any(_cell(v) for v in rec):
            continue
        if any(_CONTROL.search(_cell(v)) for v in rec):
            # a binary file read as text; PostgreSQL would refuse a NUL in any case
            raise DondocError(ErrorCode.UNITS_FILE, name=name, detail=f"row {n}: control characters")
        get = {h: rec[i] if i < len(rec) else None for i, h in enumerate(header)}
        code, uname, kind = _cell(get.get("code")), _cell(get.get("name")), _cell(get.get("kind"))
        if not code or not uname or not kind:
            raise DondocError(
                ErrorCode.UNITS_FILE, name=name, detail=f"row {n}: code, name and kind are required"
            )
        if code in seen:
            raise DondocError(ErrorCode.UNITS_FILE, name=name, detail=f"row {n}: code {code} appears twice")
        seen.add(code)
        rows.append(
            UnitRow(
                code=code,
                name=uname,
                kind=kind,
                parent_code=_cell(get.get("parent_code")) or None,
                aliases=tuple(a.strip() for a in _cell(get.get("aliases")).split(";") if a.strip()),
                valid_from=_date(get.get("valid_from"), name=name, row=n, column="valid_from"),
                valid_to=_date(get.get("valid_to"), name=name, row=n, column="valid_to"),
                successor_code=_cell(get.get("successor_code")) or None,
            )
        )
    return rows


def import_units(store: Store, actor: Actor, path: Path) -> tuple[int, int]:
    """Add or update the units of a file; returns (added, updated)."""
    require(actor, Action.MANAGE_UNITS, what="units")
    rows = read_rows(path)
    name = str(path)
    with store.transaction() as s:
        existing = {
            u.code: u for u in s.scalars(select(UnitRecord).options(selectinload(UnitRecord.aliases)))
        }
        codes = set(existing) | {r.code for r in rows}
        for n, r in enumerate(rows, start=2):
            for ref in (r.parent_code, r.successor_code):
                if ref is not None and ref not in codes:
                    raise DondocError(
                        ErrorCode.UNITS_FILE, name=name, detail=f"row {n}: no unit with code {ref}"
                    )
        added = updated = 0
        for r in rows:
            unit = existing.get(r.code)
            if unit is None:
                unit = UnitRecord(code=r.code, name=r.name, kind=r.kind, path="")
                s.add(unit)
                existing[r.code] = unit
                added += 1
            else:
                updated += 1
            unit.name, unit.kind, unit.valid_from, unit.valid_to = r.name, r.kind, r.valid_from, r.valid_to
            have = {a.alias for a in unit.aliases}
            for alias in r.aliases:
                if alias not in have:
                    unit.aliases.append(UnitAliasRecord(alias=alias))
        s.flush()
        by_code = existing
        for r in rows:
            unit = by_code[r.code]
            unit.parent_id = by_code[r.parent_code].id if r.parent_code else None
            unit.successor_id = by_code[r.successor_code].id if r.successor_code else None
        _set_paths(list(by_code.values()), name)
        audit_event(
            s,
            actor,
            "units.import",
            "units",
            None,
            after={"file": path.name, "added": added, "updated": updated},
        )
        return added, updated


_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def save_unit(store: Store, actor: Actor, row: UnitRow, *, new: bool) -> None:
    """Add one unit (`new`) or change one, as the admin screen edits it: its aliases are
    replaced by `row.aliases` (an import only adds aliases), and moving it under another
    parent moves its whole subtree."""
    require(actor, Action.MANAGE_UNITS, what="units")
    if not _CODE.fullmatch(row.code):
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a unit code is letters, digits, '.', '_' or '-'")
    if not row.name.strip() or not row.kind.strip():
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a unit needs its name and kind")
    if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="a unit ends after it begins")
    with store.transaction() as s:
        units = list(s.scalars(select(UnitRecord).options(selectinload(UnitRecord.aliases))))
        by_code = {u.code: u for u in units}
        unit = by_code.get(row.code)
        if new and unit is not None:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"a unit with code {row.code} exists")
        if not new and unit is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=row.code)
        refs = {}
        for ref in (row.parent_code, row.successor_code):
            if ref is not None:
                if ref not in by_code:
                    raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=ref)
                refs[ref] = by_code[ref]
        before: dict[str, object] = {}
        if unit is None:
            unit = UnitRecord(code=row.code, name=row.name, kind=row.kind, path="")
            s.add(unit)
            s.flush()
            units.append(unit)
        else:
            before = {"name": unit.name, "kind": unit.kind, "aliases": [a.alias for a in unit.aliases]}
        unit.name, unit.kind = row.name.strip(), row.kind.strip()
        unit.valid_from, unit.valid_to = row.valid_from, row.valid_to
        unit.parent_id = refs[row.parent_code].id if row.parent_code else None
        unit.successor_id = refs[row.successor_code].id if row.successor_code else None
        if unit.successor_id == unit.id:
            raise DondocError(ErrorCode.RULE_VIOLATED, detail="a unit cannot succeed itself")
        wanted = list(dict.fromkeys(a.strip() for a in row.aliases if a.strip()))
        unit.aliases = [a for a in unit.aliases if a.alias in wanted] + [
            UnitAliasRecord(alias=a) for a in wanted if a not in {x.alias for x in unit.aliases}
        ]
        try:
            _set_paths(units, row.code)
        except DondocError:
            raise DondocError(
                ErrorCode.RULE_VIOLATED, detail=f"unit {row.code} cannot be under its own sub-unit"
            ) from None
        after = {
            "name": unit.name,
            "kind": unit.kind,
            "parent": row.parent_code,
            "aliases": wanted,
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
            "successor": row.successor_code,
        }
        audit_event(s, actor, "unit.add" if new else "unit.edit", "unit", unit.id, before=before, after=after)


def unit_row(store: Store, code: str) -> UnitRow:
    for row in directory(store):
        if row.code == code:
            return row
    raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=code)


def _set_paths(units: list[UnitRecord], name: str) -> None:
    by_id = {u.id: u for u in units}
    for u in units:
        chain: list[int] = []
        cur: UnitRecord | None = u
        while cur is not None:
            if cur.id in chain:
                raise DondocError(
                    ErrorCode.UNITS_FILE, name=name, detail=f"unit {u.code} is its own ancestor"
                )
            chain.append(cur.id)
            cur = by_id.get(cur.parent_id) if cur.parent_id is not None else None
        u.path = "/" + "/".join(str(i) for i in reversed(chain)) + "/"


def export_rows(session: Session) -> list[UnitRow]:
    units = list(
        session.scalars(
            select(UnitRecord).options(selectinload(UnitRecord.aliases)).order_by(UnitRecord.path)
        )
    )
    code = {u.id: u.code for u in units}
    return [
        UnitRow(
            code=u.code,
            name=u.name,
            kind=u.kind,
            parent_code=code.get(u.parent_id) if u.parent_id else None,
            aliases=tuple(a.alias for a in u.aliases),
            valid_from=u.valid_from,
            valid_to=u.valid_to,
            successor_code=code.get(u.successor_id) if u.successor_id else None,
        )
        for u in units
    ]


def directory(store: Store) -> list[UnitRow]:
    """The whole directory in tree order, as exported; any logged-in user may read it (the
    bodies of the administration are public, and clients need their codes)."""

    def read() -> list[UnitRow]:
        with store.reading() as s:
            return export_rows(s)

    return store.cached(("units.directory",), read)


def export_units(store: Store, path: Path) -> int:
    """Write the directory as CSV or XLSX (by the file's suffix), atomically; returns the count."""
    with store.reading() as s:
        rows = export_rows(s)
    table = [list(COLUMNS)] + [
        [
            r.code,
            r.name,
            r.kind,
            r.parent_code or "",
            "; ".join(r.aliases),
            r.valid_from.isoformat() if r.valid_from else "",
            r.valid_to.isoformat() if r.valid_to else "",
            r.successor_code or "",
        ]
        for r in rows
    ]
    tmp = path.with_name(f".{path.name}.part")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        append_inert(book.active, table)  # no name becomes a formula when the file is opened
        book.save(tmp)
    else:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([[csv_cell(v) for v in row] for row in table])
    tmp.replace(path)
    return len(rows)


def load_directory(session: Session) -> Directory:
    units = session.scalars(select(UnitRecord).options(selectinload(UnitRecord.aliases)))
    return Directory.build(
        [
            UnitEntry(
                id=u.id,
                name=u.name,
                path=u.path,
                aliases=tuple(a.alias for a in u.aliases),
                valid_from=u.valid_from,
                valid_to=u.valid_to,
                successor_id=u.successor_id,
            )
            for u in units
        ]
    )


def unit_by_code(session: Session, code: str) -> UnitRecord:
    """A unit by its code, or by its name as a clerk types it: any case, with or without
    diacritics ("cong an thanh pho" is "Công an thành phố"; đ is d). A name two units
    share is refused with their codes, never guessed."""
    code = code.strip()
    unit = session.scalar(select(UnitRecord).where(UnitRecord.code == code))
    if unit is not None:
        return unit
    typed = fold_name(code)
    if typed:
        named = [
            u
            for u in session.scalars(select(UnitRecord).where(UnitRecord.valid_to.is_(None)))
            if fold_name(u.name) == typed
        ]
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise DondocError(
                ErrorCode.RULE_VIOLATED,
                detail=f"several units are named so: {', '.join(sorted(u.code for u in named))}",
            )
    raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=code)


def fold_name(text: str) -> str:
    """A name without case, diacritics or extra spaces: how it may be typed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def codes_of(store: Store, unit_ids: list[int]) -> dict[int, str]:
    """Unit id → code, for these ids (a search's hits)."""
    codes: dict[int, str] = {}
    with store.reading() as s:
        for unit_id, code in s.execute(
            select(UnitRecord.id, UnitRecord.code).where(UnitRecord.id.in_(unit_ids))
        ):
            codes[unit_id] = code
    return codes
