"""The report documents an office signs, from the data as of a date: the periodic report
(báo cáo tình hình thực hiện nhiệm vụ) for a directive, a unit or everything, and the
reminder letter (công văn đôn đốc) to a late unit. Their figures are those of
`dondoc status` for the same day (the same query); the layout is the issuer's: a Party
body's (HD 36) or a state body's (NĐ 30)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from dondoc.core.workdays import WorkCalendar
from dondoc.errors import DondocError, ErrorCode
from dondoc.reports import docx, pdf, xlsx
from dondoc.reports.layout import abbreviation, authority, place_of
from dondoc.reports.model import Chart, Heading, Issuer, OfficialDocument, Paragraph, Signature, Table
from dondoc.services.context import Store, require
from dondoc.services.dashboards import BucketReport, buckets_as_of
from dondoc.services.task_lines import TaskLine, task_lines
from dondoc.store.records import (
    DirectiveRecord,
    ExtensionRequestRecord,
    UnitRecord,
)
from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject
from dondoc.tracking.timeliness import (
    BUCKETS,
    Bucket,
    check_plausible,
)

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
BUCKET_TITLES = {
    Bucket.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Bucket.DONE_LATE: "Hoàn thành quá hạn",
    Bucket.OPEN_IN_TERM: "Đang thực hiện trong hạn",
    Bucket.DUE_SOON: "Sắp đến hạn",
    Bucket.OVERDUE: "Quá hạn",
    Bucket.NO_DEADLINE: "Không có thời hạn",
}
# a document lists this many tasks of a list at most; the workbook, every one
LIST_ROWS = 200
# a late unit is asked to report within this many working days of the letter
LETTER_WORKING_DAYS = 5


def render(doc: OfficialDocument, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail=f"a report format is one of {', '.join(FORMATS)}")
    return {"docx": docx.render, "xlsx": xlsx.render, "pdf": pdf.render}[fmt](doc)


# --- who issues it -------------------------------------------------------------------


@dataclass(frozen=True)
class IssuerChoice:
    issuer: Issuer
    signature: Signature


def _issuer(
    s: Session, actor: Actor, issuer_code: str | None, directive: DirectiveRecord | None
) -> IssuerChoice:
    units = {u.id: u for u in s.scalars(select(UnitRecord))}
    by_code = {u.code: u for u in units.values()}
    unit: UnitRecord | None = None
    if issuer_code is not None:
        unit = by_code.get(issuer_code)
        if unit is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=issuer_code)
    elif actor.unit_path is not None:
        unit = next((u for u in units.values() if u.path == actor.unit_path), None)
    if unit is None and directive is not None and directive.issuer_unit_id in units:
        # the office of the body that issued the directive follows it up
        body = units[directive.issuer_unit_id]
        unit = next((u for u in units.values() if u.parent_id == body.id and u.kind.endswith("office")), body)
    if unit is None:
        unit = next(
            (u for u in sorted(units.values(), key=lambda x: x.path) if u.kind.endswith("office")), None
        )
    if unit is None:
        raise DondocError(ErrorCode.RULE_VIOLATED, detail="no unit to issue the report: give --issuer")
    parent = units.get(unit.parent_id) if unit.parent_id is not None else None
    root = min(units.values(), key=lambda u: len(u.path))
    party = unit.kind.startswith("party")
    issuer = Issuer(
        unit.name, parent.name if parent else None, party, abbreviation(unit.name), place_of(root.name)
    )
    if unit.kind.endswith("office"):
        # the office signs for the body above it ("T/L BAN THƯỜNG VỤ", "TL. CHỦ TỊCH")
        above = "Ban Thường vụ" if party else "Chủ tịch"
        sign = Signature((authority(issuer, above, "TL"),), "CHÁNH VĂN PHÒNG")
    else:
        sign = Signature((), "THỦ TRƯỞNG CƠ QUAN")
    return IssuerChoice(issuer, sign)


# --- what it says ----------------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "—"


def _bucket_table(
    title: str, first: str, rows: list[tuple[str, dict[Bucket, int]]]
) -> tuple[Table, Table | None]:
    """A table of counts with its total row; a province's 2 000 units are too many for a
    document: it lists the LIST_ROWS with the most overdue tasks, the workbook all."""
    columns = ("STT", first, "Tổng số", *(BUCKET_TITLES[b] for b in BUCKETS), "Tỷ lệ đúng hạn")
    widths = (0.8, 4, 1, 1, 1, 1, 1, 1, 1, 1.3)
    totals = dict.fromkeys(BUCKETS, 0)
    for _, counts in rows:
        for b in BUCKETS:
            totals[b] += counts[b]
    due = totals[Bucket.DONE_ON_TIME] + totals[Bucket.DONE_LATE] + totals[Bucket.OVERDUE]
    total = (
        "",
        "Tổng cộng",
        sum(totals.values()),
        *(totals[b] for b in BUCKETS),
        _percent(totals[Bucket.DONE_ON_TIME], due),
    )

    def body(part: list[tuple[str, dict[Bucket, int]]]) -> tuple[tuple[object, ...], ...]:
        out = []
        for i, (name, counts) in enumerate(part, start=1):
            owed = counts[Bucket.DONE_ON_TIME] + counts[Bucket.DONE_LATE] + counts[Bucket.OVERDUE]
            out.append(
                (
                    i,
                    name,
                    sum(counts.values()),
                    *(counts[b] for b in BUCKETS),
                    _percent(counts[Bucket.DONE_ON_TIME], owed),
                )
            )
        return tuple(out)

    if len(rows) <= LIST_ROWS:
        return Table(title, columns, body(rows), total, widths), None
    worst = sorted(rows, key=lambda r: (-r[1][Bucket.OVERDUE], r[0]))[:LIST_ROWS]
    note = (
        f"Bảng nêu {LIST_ROWS} trên {len(rows)} dòng có nhiều nhiệm vụ quá hạn nhất; "
        "đầy đủ trong tệp Excel của báo cáo."
    )
    return Table(title, columns, body(worst), total, widths, note), Table(
        title, columns, body(rows), total, widths
    )


def _short(text: str, n: int = 300) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + " …"


def _list(
    title: str, columns: tuple[str, ...], rows: list[tuple[object, ...]], widths: tuple[float, ...]
) -> tuple[Table, Table | None]:
    """The list in the document (its first LIST_ROWS rows) and, when cut, the whole of it
    for the workbook."""
    if len(rows) <= LIST_ROWS:
        return Table(title, columns, tuple(rows), widths=widths), None
    note = f"… và {len(rows) - LIST_ROWS} nhiệm vụ khác (danh sách đầy đủ trong tệp Excel của báo cáo)."
    return (
        Table(title, columns, tuple(rows[:LIST_ROWS]), widths=widths, note=note),
        Table(title, columns, tuple(rows), widths=widths),
    )


def periodic(
    store: Store,
    actor: Actor,
    *,
    as_of: dt.date,
    directive_id: int | None = None,
    unit_code: str | None = None,
    issuer_code: str | None = None,
    number: str | None = None,
    since: dt.date | None = None,
) -> OfficialDocument:
    """The office's periodic report as of a date, for one directive, one unit's tree or
    every confirmed directive (those issued since `since`, for a period's report)."""
    # a report as of the year 9999 is a slip of the keyboard, refused as the dashboard does
    check_plausible(as_of)
    if since is not None:
        check_plausible(since)
    with store.reading() as s:
        directive = s.get(DirectiveRecord, directive_id) if directive_id is not None else None
        if directive_id is not None and (directive is None or directive.state != "confirmed"):
            raise DondocError(ErrorCode.NOT_FOUND, kind="confirmed directive", key=str(directive_id))
        if unit_code is None and actor.role in (Role.REPORTER, Role.LEADER) and actor.unit_path:
            # a unit's own people report on their unit's tree, as their dashboard shows it
            unit_code = s.scalar(select(UnitRecord.code).where(UnitRecord.path == actor.unit_path))
        scope = s.scalar(select(UnitRecord).where(UnitRecord.code == unit_code)) if unit_code else None
        if unit_code is not None and scope is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=unit_code)
        require(actor, Action.VIEW, Subject(lead_path=scope.path) if scope else ANYTHING, what="report")
        who = _issuer(s, actor, issuer_code, directive)
        lines = task_lines(
            s,
            as_of,
            store.settings.due_soon_days,
            path=scope.path if scope else None,
            directive_id=directive_id,
            issued_since=since,
        )
        extensions = _extensions(s, as_of, {t.task_id: t for t in lines})
    report = buckets_as_of(
        store, actor, as_of, unit_code=unit_code, directive_id=directive_id, issued_since=since
    )
    of = _scope_words(directive, scope)
    if since is not None:
        of += f" theo các văn bản ban hành từ ngày {since:%d/%m/%Y}"
    title = f"Tình hình thực hiện nhiệm vụ{of} (tính đến ngày {as_of:%d/%m/%Y})"
    body = _periodic_body(report, lines, extensions, as_of)
    full = tuple(t for t in body[1] if t is not None)
    return OfficialDocument(
        who.issuer,
        "BÁO CÁO",
        "BC",
        number,
        as_of,
        title,
        body[0],
        recipients=(
            f"Thường trực {who.issuer.parent}" if who.issuer.parent else "Lãnh đạo cơ quan",
            "Các đơn vị được giao nhiệm vụ",
            "Lưu: VT.",
        ),
        signature=who.signature,
        appendix=full,
    )


def _scope_words(directive: DirectiveRecord | None, scope: UnitRecord | None) -> str:
    words = ""
    if directive is not None:
        name = " ".join(
            x for x in (directive.doc_type, f"số {directive.number}" if directive.number else None) if x
        )
        words += f" theo {name or 'văn bản'}" + (f" của {directive.issuer}" if directive.issuer else "")
    if scope is not None:
        words += f" của {scope.name}"
    return words


@dataclass(frozen=True)
class ExtensionLine:
    text: str
    unit: str
    before: dt.date | None
    after: dt.date
    decided: dt.date
    reason: str


def _extensions(s: Session, as_of: dt.date, tasks: dict[int, TaskLine]) -> list[ExtensionLine]:
    out = []
    ids = list(tasks)
    for chunk in range(0, len(ids), 5000):
        for e in s.scalars(
            select(ExtensionRequestRecord)
            .where(
                ExtensionRequestRecord.task_id.in_(ids[chunk : chunk + 5000]),
                ExtensionRequestRecord.state == "approved",
                ExtensionRequestRecord.decided_on <= as_of,
            )
            .order_by(ExtensionRequestRecord.decided_on, ExtensionRequestRecord.id)
        ):
            t = tasks[e.task_id]
            assert e.decided_on is not None
            out.append(
                ExtensionLine(
                    t.text, t.unit, e.previous_deadline, e.proposed_deadline, e.decided_on, e.reason
                )
            )
    return out


def _periodic_body(
    report: BucketReport, lines: list[TaskLine], extensions: list[ExtensionLine], as_of: dt.date
) -> tuple[tuple[Heading | Paragraph | Table | Chart, ...], list[Table | None]]:
    totals = report.totals
    n = sum(totals.values())
    due = totals[Bucket.DONE_ON_TIME] + totals[Bucket.DONE_LATE] + totals[Bucket.OVERDUE]
    parts = "; ".join(f"{BUCKET_TITLES[b].lower()} {totals[b]}" for b in BUCKETS)
    summary = (
        f"Tính đến ngày {as_of:%d/%m/%Y}, tổng số nhiệm vụ được giao là {n}, trong đó: {parts}. "
        "Tỷ lệ hoàn thành đúng hạn trên số nhiệm vụ đã đến hạn: "
        f"{_percent(totals[Bucket.DONE_ON_TIME], due)}."
    )
    units, units_full = _bucket_table(
        "Bảng 1. Tình hình thực hiện theo đơn vị chủ trì",
        "Đơn vị chủ trì",
        [(u.name, u.counts) for u in report.units],
    )
    areas, areas_full = _bucket_table(
        "Bảng 2. Tình hình thực hiện theo lĩnh vực",
        "Lĩnh vực",
        [(_short(a.area, 120) or "(không thuộc mục nào)", a.counts) for a in report.areas],
    )
    late = sorted(
        (t for t in lines if t.bucket is Bucket.OVERDUE), key=lambda t: (t.due or as_of, t.unit, t.task_id)
    )
    overdue_rows: list[tuple[object, ...]] = [
        (
            i,
            _short(t.text),
            t.unit,
            f"{t.due:%d/%m/%Y}" if t.due else "",
            (as_of - t.due).days if t.due else "",
            t.reason or "Chưa báo cáo lý do",
        )
        for i, t in enumerate(late, start=1)
    ]
    overdue, overdue_full = _list(
        "Bảng 3. Nhiệm vụ quá hạn và lý do đơn vị nêu",
        ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Số ngày quá hạn", "Lý do"),
        overdue_rows,
        (0.8, 6, 2.5, 1.3, 1, 3),
    )
    ext_rows: list[tuple[object, ...]] = [
        (
            i,
            _short(x.text),
            x.unit,
            f"{x.before:%d/%m/%Y}" if x.before else "",
            f"{x.after:%d/%m/%Y}",
            f"{x.decided:%d/%m/%Y}",
            x.reason,
        )
        for i, x in enumerate(extensions, start=1)
    ]
    ext, ext_full = _list(
        "Bảng 4. Nhiệm vụ được gia hạn",
        ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn cũ", "Thời hạn mới", "Ngày đồng ý", "Lý do"),
        ext_rows,
        (0.8, 5.5, 2.5, 1.3, 1.3, 1.3, 3),
    )
    body: list[Heading | Paragraph | Table | Chart] = [
        Heading("I. KẾT QUẢ CHUNG"),
        Paragraph(summary),
        Chart(
            "Số nhiệm vụ theo tình trạng",
            tuple(BUCKET_TITLES[b] for b in BUCKETS),
            tuple(totals[b] for b in BUCKETS),
        ),
        Heading("II. TÌNH HÌNH THỰC HIỆN THEO ĐƠN VỊ"),
        units,
        Heading("III. TÌNH HÌNH THỰC HIỆN THEO LĨNH VỰC"),
        areas,
        Heading("IV. NHIỆM VỤ QUÁ HẠN"),
    ]
    body.append(overdue if late else Paragraph("Không có nhiệm vụ quá hạn."))
    body.append(Heading("V. GIA HẠN THỰC HIỆN NHIỆM VỤ"))
    body.append(ext if extensions else Paragraph("Không có nhiệm vụ được gia hạn."))
    body += [
        Heading("VI. ĐÁNH GIÁ, ĐỀ XUẤT"),
        Paragraph("(Văn phòng bổ sung nhận xét, đánh giá và đề xuất.)", italic=True),
    ]
    return tuple(body), [units_full, areas_full, overdue_full, ext_full]


def letter(
    store: Store,
    actor: Actor,
    *,
    unit_code: str,
    as_of: dt.date,
    issuer_code: str | None = None,
    number: str | None = None,
    calendar: WorkCalendar | None = None,
) -> OfficialDocument:
    """The công văn đôn đốc to a unit: its overdue and due-soon tasks, a date to report by."""
    check_plausible(as_of)
    require(actor, Action.MANAGE_REMINDERS, what="reminder letters")
    with store.reading() as s:
        unit = s.scalar(select(UnitRecord).where(UnitRecord.code == unit_code))
        if unit is None:
            raise DondocError(ErrorCode.NOT_FOUND, kind="unit", key=unit_code)
        who = _issuer(s, actor, issuer_code, None)
        lines = [
            t
            for t in task_lines(s, as_of, store.settings.due_soon_days, path=None, directive_id=None)
            if t.unit_id == unit.id
        ]
    late = sorted((t for t in lines if t.bucket is Bucket.OVERDUE), key=lambda t: (t.due or as_of, t.task_id))
    soon = sorted(
        (t for t in lines if t.bucket is Bucket.DUE_SOON), key=lambda t: (t.due or as_of, t.task_id)
    )
    by = (calendar or WorkCalendar()).add_working_days(as_of, LETTER_WORKING_DAYS)
    intro = (
        f"Theo dõi tình hình thực hiện nhiệm vụ, tính đến ngày {as_of:%d/%m/%Y}, {unit.name} còn {len(late)} "
        f"nhiệm vụ quá hạn chưa hoàn thành và {len(soon)} nhiệm vụ sắp đến hạn (danh sách kèm theo)."
    )
    ask = (
        f"{who.issuer.name} đề nghị {unit.name} khẩn trương chỉ đạo thực hiện dứt điểm "
        "các nhiệm vụ quá hạn, "
        "bảo đảm tiến độ các nhiệm vụ sắp đến hạn; cập nhật kết quả trên hệ thống và báo cáo bằng văn bản "
        f"trước ngày {by:%d/%m/%Y}. Trường hợp không thể hoàn thành, "
        "đề nghị nêu rõ lý do và đề xuất thời hạn mới."
    )
    rows: list[tuple[object, ...]] = [
        (
            i,
            _short(t.text),
            f"{t.due:%d/%m/%Y}" if t.due else "",
            (as_of - t.due).days if t.due else "",
            t.reason or "",
        )
        for i, t in enumerate(late, start=1)
    ]
    soon_rows: list[tuple[object, ...]] = [
        (i, _short(t.text), f"{t.due:%d/%m/%Y}" if t.due else "", (t.due - as_of).days if t.due else "")
        for i, t in enumerate(soon, start=1)
    ]
    body: list[Heading | Paragraph | Table | Chart] = [Paragraph(intro), Paragraph(ask)]
    if rows:
        body.append(
            Table(
                "Danh sách nhiệm vụ quá hạn",
                ("STT", "Nhiệm vụ", "Thời hạn", "Số ngày quá hạn", "Lý do đã nêu"),
                tuple(rows),
                widths=(0.8, 7, 1.5, 1.2, 3),
            )
        )
    if soon_rows:
        body.append(
            Table(
                "Danh sách nhiệm vụ sắp đến hạn",
                ("STT", "Nhiệm vụ", "Thời hạn", "Số ngày còn lại"),
                tuple(soon_rows),
                widths=(0.8, 8, 1.5, 1.2),
            )
        )
    return OfficialDocument(
        who.issuer,
        "",
        "CV",
        number,
        as_of,
        "đôn đốc thực hiện nhiệm vụ",
        tuple(body),
        recipients=("Như trên", "Lưu: VT."),
        signature=who.signature,
        addressees=(unit.name,),
    )
