"""Task lists as workbooks: a directive's tasks, or the tasks a unit's tree leads, as of a
day, with the columns offices keep in their own spreadsheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from dondoc.reports.model import Table
from dondoc.reports.xlsx import table_workbook
from dondoc.services import views
from dondoc.services.context import Store
from dondoc.services.dashboards import tasks_behind
from dondoc.services.reports import BUCKET_TITLES
from dondoc.tracking.permissions import Actor

COLUMNS = (
    "STT",
    "Mã nhiệm vụ",
    "Nhiệm vụ",
    "Lĩnh vực",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Tình trạng",
    "Tiến độ (%)",
)


def directive_tasks(store: Store, actor: Actor, directive_id: int, *, as_of: dt.date) -> Table:
    """Every task of the directive the actor may see, assigned or not, as of the day."""
    return task_table(views.directive_view(store, actor, directive_id, today=as_of).tasks)


def task_table(tasks: Sequence[views.TaskView]) -> Table:
    """These tasks (a directive's, a search's), in their order."""
    rows = tuple(
        (
            i,
            t.id,
            t.text,
            " ".join((t.section or "").split()),
            t.lead.name if t.lead else "",
            "; ".join(u.name for u in t.support),
            t.current_deadline.strftime("%d/%m/%Y") if t.current_deadline else (t.deadline_text or ""),
            BUCKET_TITLES[t.bucket] if t.bucket else "",
            round(t.progress or 0),
        )
        for i, t in enumerate(tasks, start=1)
    )
    return Table(title="Nhiệm vụ", columns=COLUMNS, rows=rows)


def unit_tasks(store: Store, actor: Actor, unit_code: str, *, as_of: dt.date) -> Table:
    """The tasks the unit and its sub-units lead, in force on the day."""
    lines = tasks_behind(store, actor, as_of, unit_code=unit_code)
    rows = tuple(
        (
            i,
            t.task_id,
            t.text,
            t.area,
            t.unit,
            "",
            t.due.strftime("%d/%m/%Y") if t.due else "",
            BUCKET_TITLES[t.bucket] if t.bucket else "",
            "",
        )
        for i, t in enumerate(lines, start=1)
    )
    return Table(title="Nhiệm vụ", columns=COLUMNS, rows=rows)


def workbook(table: Table) -> bytes:
    return table_workbook(table)
