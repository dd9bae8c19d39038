"""Issue #16, carry-over: the seed a quarter later — some tasks repeated, some reworded,
some new — proposes each repeated or reworded task as the continuation of the first
directive's, none for the new ones; the office accepts or rejects (both engines)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from dondoc.services import assignment, carryover, ingestion, review
from dondoc.services.context import Store
from dondoc.services.demo import seed_path
from dondoc.store.records import AssignmentRecord, TaskLinkRecord, TaskRecord, UnitRecord
from dondoc.tracking.permissions import Role
from tests.support.tracking import load_cantho_units, make_user

D = dt.date
NEW = [  # tasks of the next quarter only
    "Chỉ đạo tổ chức tốt các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng và đón Tết Nguyên đán Ất Tỵ.",
    "Triển khai sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu "
    "quả theo Nghị quyết số 18-NQ/TW.",
    "Tập trung giải ngân vốn đầu tư công ngay từ những tháng đầu năm, phấn đấu giải ngân đạt trên "
    "95% kế hoạch vốn được giao.",
    "Chuẩn bị chu đáo các điều kiện tổ chức đại hội đảng bộ cơ sở điểm nhiệm kỳ 2025 - 2030 theo "
    "kế hoạch của Ban Thường vụ.",
]


def _reworded(text: str) -> str:
    """A task of the next quarter's programme: begins "Tiếp tục", ends with the year."""
    body = text.rstrip(". ")
    return f"Tiếp tục {body[0].lower()}{body[1:]} trong năm 2025."


def _two_quarters(store: Store, tmp_path: Path, *, assign_first: bool = False) -> tuple[object, ...]:
    """The seed confirmed (its tasks given to units when asked), then the next quarter's
    programme confirmed: (office, first, second, items, ids, texts, repeated, reworded)."""
    load_cantho_units(store)
    office = make_user(store, "vanphong", Role.OFFICE, "CT-TU-VP")
    first = ingestion.ingest_file(store, office, seed_path()).directive_id
    review.confirm(store, office, first, today=D(2024, 10, 7))
    source = seed_path().read_text(encoding="utf-8")
    with store.reading() as s:
        old = list(
            s.scalars(
                select(TaskRecord).where(TaskRecord.directive_id == first).order_by(TaskRecord.position)
            )
        )
        spans = [(t.span_start or 0, t.span_end or 0) for t in old]
        texts = [t.text for t in old]
        ids = [t.id for t in old]
    if assign_first:  # the office gave each of the first quarter's tasks its lead
        for n, task_id in enumerate(ids):
            code = ("CT-CA", "CT-STC", "CT-SYT", "CT-SNV")[n % 4]
            assignment.assign(store, office, task_id, lead=code, today=D(2024, 10, 8))
    head, tail = source[: spans[0][0]], source[spans[-1][1] :]
    repeated, reworded = list(range(0, 8)), list(range(8, 14))  # tasks 1-8 as they were, 9-14 reworded
    items = [texts[i] for i in repeated] + [_reworded(texts[i]) for i in reworded] + NEW
    second_text = (
        head.replace("Quý IV năm 2024", "Quý I năm 2025")
        + "\n\n".join(f"- {x}" for x in items)
        + "\n\n"
        + tail
    )
    path = tmp_path / "cantho-q1-2025.txt"
    path.write_text(second_text, encoding="utf-8")
    second = ingestion.ingest_file(store, office, path).directive_id
    review.confirm(store, office, second, today=D(2025, 1, 6))
    return office, first, second, items, ids, texts, repeated, reworded


def test_the_next_quarters_programme_links_its_tasks_to_the_open_ones(store: Store, tmp_path: Path) -> None:
    office, _, second, items, ids, texts, repeated, reworded = _two_quarters(store, tmp_path)  # type: ignore[misc]
    with store.reading() as s:
        new = list(
            s.scalars(
                select(TaskRecord).where(TaskRecord.directive_id == second).order_by(TaskRecord.position)
            )
        )
        links = {link.task_id: link for link in s.scalars(select(TaskLinkRecord))}
    assert len(new) == len(items)
    expected = {new[k].id: ids[i] for k, i in enumerate(repeated + reworded)}
    proposed = {task: link.earlier_task_id for task, link in links.items()}
    right = sum(1 for task, earlier in proposed.items() if expected.get(task) == earlier)
    precision, recall = right / len(proposed), right / len(expected)
    print(f"carry-over on the seed pair: precision {precision:.2f}, recall {recall:.2f}")
    assert precision == 1.0 and recall == 1.0
    assert all(links[new[k].id].score == 1.0 for k in range(len(repeated)))  # verbatim: wholly alike
    # the office's decisions, shown on the review
    shown = carryover.links_of(store, second)
    assert shown[new[0].id].earlier_task_id == ids[0] and shown[new[0].id].state == "proposed"
    assert shown[new[0].id].earlier_text == texts[0]
    carryover.decide(store, office, links[new[0].id].id, accept=True, today=D(2025, 1, 7))
    carryover.decide(store, office, links[new[8].id].id, accept=False, today=D(2025, 1, 7))
    states = {t: link.state for t, link in carryover.links_of(store, second).items()}
    assert states[new[0].id] == "accepted" and states[new[8].id] == "rejected"
    # an accepted link makes one history of the two, read from either end
    history = carryover.history_of(store, new[0].id)
    assert [h.task_id for h in history] == [ids[0], new[0].id] and history[1].current
    assert [h.task_id for h in carryover.history_of(store, ids[0])] == [ids[0], new[0].id]
    assert carryover.history_of(store, new[8].id) == ()  # rejected: no history


def test_a_task_without_a_lead_is_offered_the_lead_of_its_earlier_task(store: Store, tmp_path: Path) -> None:
    office, _, second, items, ids, _, repeated, reworded = _two_quarters(  # type: ignore[misc]
        store, tmp_path, assign_first=True
    )
    with store.reading() as s:
        new = list(
            s.scalars(
                select(TaskRecord).where(TaskRecord.directive_id == second).order_by(TaskRecord.position)
            )
        )
        lead_of: dict[int, str] = {}
        for task_id, code in s.execute(
            select(AssignmentRecord.task_id, UnitRecord.code)
            .join(UnitRecord, UnitRecord.id == AssignmentRecord.unit_id)
            .where(AssignmentRecord.role == "lead", AssignmentRecord.task_id.in_(ids))
        ):
            lead_of[task_id] = code
    suggested = carryover.lead_suggestions(store, second)
    earlier = repeated + reworded
    for k, i in enumerate(earlier):  # each repeated or reworded task: its earlier lead
        assert suggested[new[k].id].unit_code == lead_of[ids[i]], k
        assert suggested[new[k].id].earlier_task_id == ids[i]
    # the new tasks: none for the anniversary, which nothing before was about; the
    # apparatus's reorganisation and the party congresses were in the first quarter's
    # third task (a suggestion, not a link: the clerk decides)
    anniversary, apparatus, _, congresses = (new[k].id for k in range(len(earlier), len(items)))
    assert anniversary not in suggested
    assert suggested[apparatus].earlier_task_id == suggested[congresses].earlier_task_id == ids[2]
    # once given a lead, a task is no longer offered one
    assignment.assign(store, office, new[0].id, lead="CT-CA", today=D(2025, 1, 7))
    assert new[0].id not in carryover.lead_suggestions(store, second)
