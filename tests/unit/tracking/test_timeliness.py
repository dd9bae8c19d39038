"""Timeliness buckets: every rule on hand-made histories."""

from __future__ import annotations

import datetime as dt

import pytest

from dondoc.tracking.timeliness import Bucket, DeadlineChange, TaskHistory, classify, deadline_in_force

D = dt.date
DEC31 = D(2024, 12, 31)


def bucket(history: TaskHistory, on: dt.date, soon: int = 7) -> Bucket | None:
    return classify(history, on, due_soon_days=soon)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2024, 12, 1), Bucket.OPEN_IN_TERM),
        (D(2024, 12, 23), Bucket.OPEN_IN_TERM),  # 8 days ahead
        (D(2024, 12, 24), Bucket.DUE_SOON),  # 7 days ahead
        (DEC31, Bucket.DUE_SOON),  # the deadline day itself is still in time
        (D(2025, 1, 1), Bucket.OVERDUE),
    ],
)
def test_timeliness_open_task_by_date(on: dt.date, expected: Bucket) -> None:
    assert bucket(TaskHistory(DEC31), on) == expected


def test_timeliness_done_counts_from_verification_day() -> None:
    h = TaskHistory(DEC31, done_on=D(2024, 12, 20), verified_on=D(2024, 12, 28))
    assert bucket(h, D(2024, 12, 27)) == Bucket.DUE_SOON  # claimed, not yet verified
    assert bucket(h, D(2024, 12, 28)) == Bucket.DONE_ON_TIME
    assert bucket(h, D(2025, 6, 1)) == Bucket.DONE_ON_TIME


def test_timeliness_done_late_and_on_the_day() -> None:
    assert (
        bucket(TaskHistory(DEC31, done_on=D(2025, 1, 1), verified_on=D(2025, 1, 2)), D(2025, 2, 1))
        == Bucket.DONE_LATE
    )
    assert (
        bucket(TaskHistory(DEC31, done_on=DEC31, verified_on=D(2025, 1, 2)), D(2025, 2, 1))
        == Bucket.DONE_ON_TIME
    )


def test_timeliness_extension_counts_from_its_approval() -> None:
    h = TaskHistory(DEC31, changes=(DeadlineChange(D(2024, 12, 20), D(2025, 2, 28)),))
    assert deadline_in_force(h, D(2024, 12, 19)) == DEC31
    assert deadline_in_force(h, D(2024, 12, 20)) == D(2025, 2, 28)
    assert bucket(h, D(2024, 12, 19), soon=14) == Bucket.DUE_SOON  # 12 days before 31/12
    assert bucket(h, D(2025, 1, 5)) == Bucket.OPEN_IN_TERM  # overdue without the extension
    assert bucket(h, D(2025, 3, 1)) == Bucket.OVERDUE


def test_timeliness_late_work_is_not_excused_by_a_later_extension() -> None:
    # finished on 10/1 against 31/12; the extension to 28/2 was approved only on 15/1
    h = TaskHistory(
        DEC31,
        changes=(DeadlineChange(D(2025, 1, 15), D(2025, 2, 28)),),
        done_on=D(2025, 1, 10),
        verified_on=D(2025, 1, 20),
    )
    assert bucket(h, D(2025, 2, 1)) == Bucket.DONE_LATE


def test_timeliness_latest_approved_change_wins() -> None:
    h = TaskHistory(
        DEC31,
        changes=(
            DeadlineChange(D(2025, 1, 20), D(2025, 4, 30)),
            DeadlineChange(D(2024, 12, 20), D(2025, 1, 31)),
        ),
    )
    assert deadline_in_force(h, D(2025, 1, 1)) == D(2025, 1, 31)
    assert deadline_in_force(h, D(2025, 2, 1)) == D(2025, 4, 30)


def test_timeliness_no_deadline_and_not_yet_in_force() -> None:
    assert bucket(TaskHistory(None), D(2025, 1, 1)) == Bucket.NO_DEADLINE
    assert (
        bucket(TaskHistory(None, done_on=D(2025, 1, 1), verified_on=D(2025, 1, 1)), D(2025, 1, 1))
        == Bucket.DONE_ON_TIME
    )
    assert bucket(TaskHistory(DEC31, opened_on=D(2024, 10, 7)), D(2024, 10, 6)) is None
    assert bucket(TaskHistory(DEC31, opened_on=D(2024, 10, 7)), D(2024, 10, 7)) == Bucket.OPEN_IN_TERM


def test_timeliness_due_soon_window_is_a_setting() -> None:
    assert bucket(TaskHistory(DEC31), D(2024, 12, 16), soon=15) == Bucket.DUE_SOON
    assert bucket(TaskHistory(DEC31), D(2024, 12, 16), soon=7) == Bucket.OPEN_IN_TERM
