"""The SQL form of the timeliness rule equals the rule (`tracking.timeliness.classify`)
on random task histories, on both engines, for many as-of dates — a recurring task's
occurrences each counted as a task of its own, in force from its period's start, due on
its day or as the extensions of that period moved it (never those of another period)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest

from dondoc.services.context import Store
from dondoc.store.queries.timeliness import bucket_counts
from dondoc.store.records import (
    AssignmentRecord,
    BlobRecord,
    DirectiveRecord,
    ExtensionRequestRecord,
    OccurrenceRecord,
    TaskRecord,
    UnitRecord,
)
from dondoc.tracking.cycles import Cycle, Every, occurrences
from dondoc.tracking.timeliness import Bucket, DeadlineChange, TaskHistory, classify

D0 = dt.date(2024, 1, 1)


def _day(rnd: random.Random, span: int = 400) -> dt.date:
    return D0 + dt.timedelta(days=rnd.randrange(span))


def _request(
    ext_id: int, task_id: int, decided: dt.date, proposed: dt.date, state: str, period: dt.date | None = None
) -> ExtensionRequestRecord:
    """An extension request decided (or not yet) on `decided`; of one period when given."""
    return ExtensionRequestRecord(
        id=ext_id,
        task_id=task_id,
        unit_id=1,
        requested_on=decided,
        reason="r",
        proposed_deadline=proposed,
        period_start=period,
        state=state,
        decided_on=None if state == "pending" else decided,
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_bucket_sql_equals_the_rule(store: Store, seed: int) -> None:
    rnd = random.Random(seed)
    histories: list[tuple[tuple[int, str | None], TaskHistory]] = []
    with store.transaction() as s:
        units = [UnitRecord(id=i, code=f"U{i}", name=f"U{i}", kind="x", path=f"/{i}/") for i in (1, 2, 3)]
        s.add_all(units)
        s.add(BlobRecord(sha256="a", size=0))
        opened = D0 + dt.timedelta(days=20)
        s.add(
            DirectiveRecord(
                id=1,
                source_sha256="a",
                file_name="f",
                source_kind="text",
                source_text="",
                encoding="utf-8",
                extraction="{}",
                extractor_version="0",
                state="confirmed",
                confirmed_on=opened,
            )
        )
        s.flush()
        ext_id = 0
        extensions: list[ExtensionRequestRecord] = []
        for tid in range(1, 241):
            original = None if rnd.random() < 0.1 else _day(rnd)
            done = verified = None
            if rnd.random() < 0.5:
                done = _day(rnd)
                verified = done + dt.timedelta(days=rnd.randrange(0, 15))
            approved: list[DeadlineChange] = []
            current = original
            for _ in range(rnd.choice([0, 0, 1, 2, 3])):
                ext_id += 1
                decided = _day(rnd)
                proposed = _day(rnd, 600)
                state = rnd.choice(["approved", "approved", "rejected", "pending"])
                # ties on the decision day happen: the later request wins, as in the rule
                if approved and rnd.random() < 0.3:
                    decided = approved[-1].effective_on
                extensions.append(_request(ext_id, tid, decided, proposed, state))
                if state == "approved":
                    approved.append(DeadlineChange(decided, proposed))
            section = rnd.choice(["I. Xây dựng Đảng", "II. Kinh tế", None])
            if approved:  # as the services keep it: the deadline of the last approval
                current = max(enumerate(approved), key=lambda p: (p[1].effective_on, p[0]))[1].deadline
            s.add(
                TaskRecord(
                    id=tid,
                    directive_id=1,
                    position=tid,
                    text="t",
                    section=section,
                    original_deadline=original,
                    current_deadline=current,
                    done_on=done,
                    verified_on=verified,
                    status_key="in_progress",
                )
            )
            s.add(AssignmentRecord(task_id=tid, unit_id=1 + tid % 3, role="lead", assigned_on=D0))
            histories.append(
                (
                    (1 + tid % 3, section),
                    TaskHistory(
                        original, tuple(approved), opened_on=opened, done_on=done, verified_on=verified
                    ),
                )
            )
        # recurring tasks count by their occurrences, each with its own completion
        occ_id = 0
        for tid in range(241, 271):
            section = rnd.choice(["I. Xây dựng Đảng", None])
            cycle = Cycle(rnd.choice(list(Every)), rnd.choice([None, 5, 20, 31]))
            s.add(
                TaskRecord(
                    id=tid,
                    directive_id=1,
                    position=tid,
                    text="t",
                    section=section,
                    original_deadline=None,
                    current_deadline=None,
                    status_key="in_progress",
                    cycle=cycle.every.value,
                    cycle_cutoff_day=cycle.cutoff_day,
                )
            )
            s.add(AssignmentRecord(task_id=tid, unit_id=1 + tid % 3, role="lead", assigned_on=D0))
            s.flush()
            start = D0 + dt.timedelta(days=rnd.randrange(0, 60))
            for o in occurrences(cycle, start, D0 + dt.timedelta(days=700)):
                done = verified = None
                if rnd.random() < 0.6:
                    done = o.due + dt.timedelta(days=rnd.randrange(-20, 20))
                    verified = done + dt.timedelta(days=rnd.randrange(0, 10))
                # some periods' due dates moved by extensions of their own (ties too)
                moved: list[DeadlineChange] = []
                for _ in range(rnd.choice([0, 0, 0, 1, 2])):
                    ext_id += 1
                    decided = o.due + dt.timedelta(days=rnd.randrange(-15, 10))
                    if moved and rnd.random() < 0.3:
                        decided = moved[-1].effective_on
                    proposed = o.due + dt.timedelta(days=rnd.randrange(1, 40))
                    state = rnd.choice(["approved", "approved", "rejected", "pending"])
                    extensions.append(_request(ext_id, tid, decided, proposed, state, o.period_start))
                    if state == "approved":
                        moved.append(DeadlineChange(decided, proposed))
                occ_id += 1
                s.add(
                    OccurrenceRecord(
                        id=occ_id,
                        task_id=tid,
                        period_start=o.period_start,
                        period_end=o.period_end,
                        due=o.due,
                        done_on=done,
                        verified_on=verified,
                    )
                )
                histories.append(
                    (
                        (1 + tid % 3, section),
                        TaskHistory(
                            o.due,
                            tuple(moved),
                            opened_on=max(opened, o.period_start),
                            done_on=done,
                            verified_on=verified,
                        ),
                    )
                )
        s.flush()  # tasks first: extension requests refer to them
        s.add_all(extensions)
    for as_of in [D0, opened, *(_day(rnd, 700) for _ in range(25))]:
        # counted per lead unit and area (the task's section)
        expected: dict[tuple[int, str | None], Counter[Bucket]] = {}
        for key, history in histories:
            bucket = classify(history, as_of, due_soon_days=7)
            if bucket is not None:
                expected.setdefault(key, Counter())[bucket] += 1
        with store.reading() as s:
            got = bucket_counts(s, as_of=as_of, due_soon_days=7, scope=None)
            one = bucket_counts(s, as_of=as_of, due_soon_days=7, scope="/2/")
        assert {k: Counter(c) for k, c in got.items()} == expected, as_of
        assert {k: Counter(c) for k, c in one.items()} == {k: c for k, c in expected.items() if k[0] == 2}
