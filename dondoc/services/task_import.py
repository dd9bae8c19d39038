"""A task list imported from the spreadsheet an office keeps (XLSX or CSV).

The columns are found by their headings, as offices write them ("Nội dung nhiệm vụ",
"Đơn vị chủ trì", "Cơ quan phối hợp", "Thời hạn", "Lĩnh vực", "Sản phẩm", "Mã"…, with or
without diacritics; a title row above the heading is skipped), or named by the caller.
Every row is checked before anything is written: the preview lists each refused row with
its column and reason, and one refused row means nothing is written. An import writes
all its rows in one transaction. A row's id (the "Mã" column; without one, its text)
is kept on the task: importing the same list again changes only what changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from dondoc.errors import DondocError, ErrorCode
from dondoc.extract.deadlines import find_in_text
from dondoc.services import fetch, sheets
from dondoc.services.context import Store, audit_event, require
from dondoc.services.units import fold_name
from dondoc.store import search_index
from dondoc.store.records import (
    AssignmentRecord,
    BodyMentionRecord,
    TaskRecord,
    UnitAliasRecord,
    UnitRecord,
)
from dondoc.tracking.permissions import Action, Actor

MAX_ROWS = 50_000
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_TEXT = 10_000
FIELDS = ("external_id", "text", "section", "lead", "support", "deadline", "product")
FIELD_LABELS = {
    "external_id": "Mã",
    "text": "Nhiệm vụ",
    "section": "Lĩnh vực",
    "lead": "Đơn vị chủ trì",
    "support": "Đơn vị phối hợp",
    "deadline": "Thời hạn",
    "product": "Sản phẩm",
}
# headings as offices write them, folded (fold_name): the first that matches wins
HEADINGS: dict[str, tuple[str, ...]] = {
    "external_id": ("ma", "ma nhiem vu", "ma so", "ma ngoai", "id", "so hieu", "ma nv"),
    "text": ("nhiem vu", "noi dung", "noi dung nhiem vu", "ten nhiem vu", "nhiem vu cu the", "cong viec"),
    "section": ("linh vuc", "nhom nhiem vu", "nhom", "muc"),
    "lead": ("don vi chu tri", "co quan chu tri", "chu tri", "don vi thuc hien", "co quan thuc hien"),
    "support": ("don vi phoi hop", "co quan phoi hop", "phoi hop"),
    "deadline": ("thoi han", "han", "thoi han hoan thanh", "thoi gian hoan thanh", "thoi gian thuc hien"),
    "product": ("san pham", "ket qua", "san pham dau ra", "ket qua san pham"),
}
_SPLIT = re.compile(r"\s*[;\n]\s*")
_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


# why a row is refused, in English (CLI, logs); the web says it in Vietnamese
# (web/i18n/vi.toml [import_reasons]) from the same kind and value
REASONS = {
    "empty_text": "the task's text is empty",
    "too_long": f"longer than {MAX_TEXT} characters",
    "control": "control characters (not a spreadsheet's text)",
    "unit_unknown": "no unit {value!r} in the directory",
    "unit_ambiguous": "several units are named {value!r}: give its code",
    "not_a_date": "not a date: {value!r}",
    "no_date": "no date can be read in {value!r}",
    "duplicate": "the same as row {value}",
}


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it (its heading row is one of them)
    column: str  # the heading as written in the file
    kind: str  # a key of REASONS
    value: str = ""

    @property
    def reason(self) -> str:
        return REASONS[self.kind].format(value=self.value)


@dataclass(frozen=True)
class ImportRow:
    row: int
    key: str
    text: str
    section: str | None
    lead: int | None  # unit ids
    support: tuple[int, ...]
    lead_phrase: str  # as typed in the file
    support_phrases: tuple[str, ...]
    deadline: dt.date | None
    deadline_text: str | None
    product: str | None


@dataclass(frozen=True)
class Preview:
    columns: dict[str, str]  # field → the heading it was read from
    rows: tuple[ImportRow, ...]
    errors: tuple[RowError, ...]
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    written: bool = False
    task_ids: tuple[int, ...] = field(default=(), repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed as an id: "12", not "12.0"
    return " ".join(str(value).split())


def _heading_row(records: list[list[object]], mapping: Mapping[str, str]) -> int:
    """The first of the first ten rows that holds the task column's heading."""
    wanted = {fold_name(mapping["text"])} if "text" in mapping else set(HEADINGS["text"])
    for i, rec in enumerate(records[:10]):
        if any(fold_name(_cell(v)) in wanted for v in rec):
            return i
    raise DondocError(
        ErrorCode.TASKS_FILE,
        name="file",
        detail="no heading row with the task column (e.g. 'Nhiệm vụ' or 'Nội dung'); name it with --column",
    )


def _columns(heading: list[object], mapping: Mapping[str, str]) -> dict[str, int]:
    folded = [fold_name(_cell(h)) for h in heading]
    out: dict[str, int] = {}
    for fld in FIELDS:
        names = (fold_name(mapping[fld]),) if fld in mapping else HEADINGS[fld]
        for name in names:
            if name in folded and folded.index(name) not in out.values():
                out[fld] = folded.index(name)
                break
        else:
            if fld in mapping:
                raise DondocError(
                    ErrorCode.TASKS_FILE, name="file", detail=f"no column headed {mapping[fld]!r}"
                )
    return out


class _Units:
    """Units by code, by name and by alias, as a clerk types them (diacritics optional)."""

    def __init__(self, s: Session) -> None:
        self.by_code: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = {}
        valid = list(s.scalars(select(UnitRecord).where(UnitRecord.valid_to.is_(None))))
        for u in s.scalars(select(UnitRecord)):
            self.by_code[u.code] = u.id
        for u in valid:
            self.by_name.setdefault(fold_name(u.name), set()).add(u.id)
        ids = {u.id for u in valid}
        for unit_id, alias in s.execute(select(UnitAliasRecord.unit_id, UnitAliasRecord.alias)):
            if unit_id in ids:
                self.by_name.setdefault(fold_name(alias), set()).add(unit_id)

    def find(self, typed: str) -> int | tuple[str, str]:
        """The unit's id, or why not (a kind of REASONS, the name as typed)."""
        if typed in self.by_code:
            return self.by_code[typed]
        named = self.by_name.get(fold_name(typed), set())
        if len(named) == 1:
            return next(iter(named))
        if named:
            return ("unit_ambiguous", typed)
        return ("unit_unknown", typed)


def _deadline(value: object, doc_date: dt.date | None) -> tuple[dt.date | None, str | None] | tuple[str, str]:
    """(the day, the phrase it was read from), or why not (a kind of REASONS, the cell)."""
    if value is None or _cell(value) == "":
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    text = _cell(value)
    m = _DAY.fullmatch(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))), None
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text), None
    except ValueError:
        return ("not_a_date", text)
    # a deadline cell is a time phrase on its own ("Quý IV/2026", "Tháng 9/2026"): read
    # as the extractor reads the same words after "trong"
    found = find_in_text(text, doc_date) or find_in_text(f"trong {text}", doc_date)
    if found is not None and found.date is not None:
        return found.date, text  # "Quý IV/2026", "trước ngày 15/12": read as the extractor does
    if found is not None and found.recurrence:
        return None, text  # "hằng tháng": kept as written, no single day
    return ("no_date", text)


def read(
    store: Store, path: Path, directive_id: int, mapping: Mapping[str, str] | None = None
) -> tuple[dict[str, str], list[ImportRow], list[RowError]]:
    """The file's rows checked against the directory, nothing written."""
    mapping = {k: v for k, v in (mapping or {}).items() if v}
    unknown = set(mapping) - set(FIELDS)
    if unknown:
        raise DondocError(
            ErrorCode.RULE_VIOLATED, detail=f"unknown field {sorted(unknown)[0]!r}: one of {FIELDS}"
        )
    records = sheets.read_records(
        path, code=ErrorCode.TASKS_FILE, max_rows=MAX_ROWS, max_bytes=MAX_FILE_BYTES
    )
    if not records:
        raise DondocError(ErrorCode.TASKS_FILE, name=str(path), detail="the file is empty")
    try:
        top = _heading_row(records, mapping)
        cols = _columns(records[top], mapping)
    except DondocError as exc:
        raise DondocError(
            ErrorCode.TASKS_FILE, name=str(path), detail=str(exc.params.get("detail", ""))
        ) from None
    if len(records) - top - 1 > MAX_ROWS:
        raise DondocError(ErrorCode.TASKS_FILE, name=str(path), detail=f"more than {MAX_ROWS} rows")
    heading = {fld: _cell(records[top][i]) for fld, i in cols.items()}
    with store.reading() as s:
        directive = fetch.directive(s, directive_id)
        doc_date = directive.issued_on
        units = _Units(s)
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for n, rec in enumerate(records[top + 1 :], start=top + 2):
        get = {fld: rec[i] if i < len(rec) else None for fld, i in cols.items()}
        if not any(_cell(v) for v in get.values()):
            continue  # a blank line between groups
        bad: list[RowError] = []

        def refuse(fld: str, kind: str, value: str = "", n: int = n, bad: list[RowError] = bad) -> None:
            bad.append(RowError(n, heading.get(fld, FIELD_LABELS[fld]), kind, value))

        if any(_CONTROL.search(str(v)) for v in get.values() if isinstance(v, str)):
            refuse("text", "control")
        text = _cell(get.get("text"))
        if not text:
            refuse("text", "empty_text")
        elif len(text) > MAX_TEXT:
            refuse("text", "too_long")
        lead: int | None = None
        if _cell(get.get("lead")):
            found = units.find(_cell(get.get("lead")))
            if isinstance(found, tuple):
                refuse("lead", *found)
            else:
                lead = found
        support: list[int] = []
        support_phrases: list[str] = []
        for typed in _SPLIT.split(str(get.get("support") or "").strip()):
            if typed.strip():
                found = units.find(" ".join(typed.split()))
                if isinstance(found, tuple):
                    refuse("support", *found)
                elif found != lead and found not in support:
                    support.append(found)
                    support_phrases.append(" ".join(typed.split()))
        due = _deadline(get.get("deadline"), doc_date)
        day: dt.date | None = None
        phrase: str | None = None
        if isinstance(due[0], str):
            refuse("deadline", due[0], str(due[1]))
        else:
            day, phrase = due[0], due[1]
        key = _cell(get.get("external_id"))[:100]
        if not key:
            key = "text:" + hashlib.sha256(fold_name(text).encode()).hexdigest()[:32]
        if key in seen:
            refuse("external_id" if "external_id" in cols else "text", "duplicate", str(seen[key]))
        seen.setdefault(key, n)
        if bad:
            errors.extend(bad)
            continue
        rows.append(
            ImportRow(
                row=n,
                key=key,
                text=text,
                section=_cell(get.get("section")) or None,
                lead=lead,
                support=tuple(support),
                lead_phrase=_cell(get.get("lead")),
                support_phrases=tuple(support_phrases),
                deadline=day,
                deadline_text=phrase,
                product=_cell(get.get("product")) or None,
            )
        )
    if not rows and not errors:
        raise DondocError(ErrorCode.TASKS_FILE, name=str(path), detail="no task rows under the heading")
    return heading, rows, errors


def _roles(task: TaskRecord) -> tuple[int | None, tuple[int, ...]]:
    lead = next((a.unit_id for a in task.assignments if a.role == "lead"), None)
    return lead, tuple(sorted(a.unit_id for a in task.assignments if a.role == "support"))


def _flat(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


def _same(task: TaskRecord, r: ImportRow, confirmed: bool) -> bool:
    """The row says nothing new about the task (its id aside: recorded silently). The
    deadline is compared with the one in force, as a list exported from dondoc shows it."""
    mine = (_flat(task.text), _flat(task.section), _flat(task.product))
    if mine != (r.text, r.section, r.product) or task.current_deadline != r.deadline:
        return False
    if r.deadline_text is not None and _flat(task.deadline_text) != r.deadline_text:
        return False
    # empty unit cells leave the task's units as they are
    return not confirmed or not _names_units(r) or _roles(task) == (r.lead, tuple(sorted(r.support)))


def _names_units(r: ImportRow) -> bool:
    return r.lead is not None or bool(r.support)


def import_tasks(
    store: Store,
    actor: Actor,
    path: Path,
    directive_id: int,
    *,
    today: dt.date,
    mapping: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> Preview:
    """Check the file and, when every row is sound and this is not a dry run, write its
    tasks into the directive in one transaction. A refused row writes nothing."""
    require(actor, Action.REVIEW, what="tasks")
    columns, rows, errors = read(store, path, directive_id, mapping)
    with store.transaction() as s:
        directive = fetch.directive(s, directive_id)
        confirmed = directive.state == "confirmed"
        # a row is the task with its id, else the task with its text (an extracted task the
        # list repeats, a list exported from dondoc): matched once, never twice
        tasks = list(
            s.scalars(
                select(TaskRecord)
                .where(TaskRecord.directive_id == directive_id)
                .options(selectinload(TaskRecord.assignments), selectinload(TaskRecord.mentions))
            )
        )
        by_id = {t.external_id: t for t in tasks if t.external_id}
        by_text: dict[str, TaskRecord] = {}
        for t in tasks:
            by_text.setdefault(fold_name(t.text), t)
        existing: dict[str, TaskRecord] = {}
        taken: set[int] = set()
        for r in rows:
            task = by_id.get(r.key)
            if task is None:
                candidate = by_text.get(fold_name(r.text))
                if candidate is not None and (candidate.external_id in (None, r.key)):
                    task = candidate
            if task is not None and task.id not in taken:
                existing[r.key] = task
                taken.add(task.id)
        new = [r for r in rows if r.key not in existing]
        changed = [r for r in rows if r.key in existing and not _same(existing[r.key], r, confirmed)]
        preview = Preview(
            columns,
            tuple(rows),
            tuple(errors),
            new=len(new),
            changed=len(changed),
            unchanged=len(rows) - len(new) - len(changed),
        )
        if errors or dry_run:
            return preview
        position = max((t.position for t in directive.tasks), default=0)
        made: list[tuple[TaskRecord, ImportRow]] = []
        for r in new:
            position += 1
            task = TaskRecord(directive_id=directive_id, position=position, status_key="not_started")
            _fill(task, r)
            s.add(task)
            made.append((task, r))
        for r in changed:
            task = existing[r.key]
            _fill(task, r)
            made.append((task, r))
        for r in rows:
            if r.key in existing and existing[r.key].external_id != r.key:
                existing[r.key].external_id = r.key  # the row's id, for the next import
        s.flush()
        written = tuple(t.id for t, _ in made)
        made = [(t, r) for t, r in made if _names_units(r)]  # the others keep their units
        if confirmed:
            ids = [t.id for t, r in made]
            for i in range(0, len(ids), 900):
                s.execute(delete(AssignmentRecord).where(AssignmentRecord.task_id.in_(ids[i : i + 900])))
            for task, r in made:
                s.expire(task, ["assignments"])
                if r.lead is not None:
                    s.add(AssignmentRecord(task_id=task.id, unit_id=r.lead, role="lead", assigned_on=today))
                for u in r.support:
                    s.add(AssignmentRecord(task_id=task.id, unit_id=u, role="support", assigned_on=today))
        else:  # a draft: the units are the review's mappings, assigned at confirmation
            ids = [t.id for t, r in made if r.key in existing]
            for i in range(0, len(ids), 900):
                s.execute(delete(BodyMentionRecord).where(BodyMentionRecord.task_id.in_(ids[i : i + 900])))
            for task, r in made:
                s.expire(task, ["mentions"])
                phrases: list[tuple[str, int, str]] = [("lead", r.lead, r.lead_phrase)] if r.lead else []
                phrases += [("support", u, p) for u, p in zip(r.support, r.support_phrases, strict=True)]
                for role, unit_id, phrase in phrases:
                    s.add(
                        BodyMentionRecord(
                            task_id=task.id, role=role, phrase=phrase, unit_id=unit_id, method="manual"
                        )
                    )
        s.flush()
        audit_event(
            s,
            actor,
            "tasks.import",
            "directive",
            directive_id,
            after={"file": path.name, "new": len(new), "changed": len(changed), "rows": len(rows)},
        )
    if len(written) >= search_index.BULK:
        search_index.settle(store.engine)  # committed: a bulk load leaves GIN's pending list long
    return Preview(
        columns,
        tuple(rows),
        (),
        new=len(new),
        changed=len(changed),
        unchanged=preview.unchanged,
        written=True,
        task_ids=written,
    )


def _fill(task: TaskRecord, r: ImportRow) -> None:
    """The row's values on the task; what reads the same (spacing aside) stays as written,
    and a plain date that is the task's own keeps the phrase it was read from. A deadline
    the list changes is the task's deadline from now on (the list is the office's word)."""
    task.external_id = r.key
    if _flat(task.text) != r.text:
        task.text = r.text
    if _flat(task.section) != r.section:
        task.section = r.section
    if _flat(task.product) != r.product:
        task.product = r.product
    if r.deadline_text is not None and _flat(task.deadline_text) != r.deadline_text:
        task.deadline_text = r.deadline_text
    if task.current_deadline != r.deadline:
        if r.deadline_text is None:
            task.deadline_text = None  # the phrase read before no longer says the date
        task.original_deadline = task.current_deadline = r.deadline
