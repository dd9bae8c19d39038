"""Every role × action × relation to the task (own unit leads, supports, a sub-unit leads,
another unit leads): the whole permission table, spelled out."""

from __future__ import annotations

import pytest

from dondoc.tracking.permissions import ANYTHING, Action, Actor, Role, Subject, can

OWN = "/1/4/"
SUB = "/1/4/9/"
OTHER = "/1/5/"

RELATIONS = {
    "own_lead": Subject(lead_path=OWN),
    "own_support": Subject(lead_path=OTHER, support_paths=(OWN,)),
    "sub_lead": Subject(lead_path=SUB),
    "other": Subject(lead_path=OTHER),
}

A = Action
ALL = set(Action)
OFFICE = {
    A.VIEW,
    A.INGEST,
    A.REVIEW,
    A.ASSIGN,
    A.VERIFY,
    A.DECIDE_EXTENSION,
    A.MANAGE_UNITS,
    A.MANAGE_REMINDERS,
}
EXPECTED: dict[tuple[Role, str], set[Action]] = {
    **{(Role.ADMIN, r): ALL for r in RELATIONS},
    **{(Role.OFFICE, r): OFFICE for r in RELATIONS},
    (Role.REPORTER, "own_lead"): {A.VIEW, A.REPORT_PROGRESS, A.REQUEST_EXTENSION},
    (Role.REPORTER, "own_support"): {A.VIEW, A.REPORT_PROGRESS},
    (Role.REPORTER, "sub_lead"): {A.VIEW, A.REPORT_PROGRESS, A.REQUEST_EXTENSION},
    (Role.REPORTER, "other"): set(),
    (Role.LEADER, "own_lead"): {A.VIEW},
    (Role.LEADER, "own_support"): {A.VIEW},
    (Role.LEADER, "sub_lead"): {A.VIEW},
    (Role.LEADER, "other"): set(),
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("relation", list(RELATIONS))
@pytest.mark.parametrize("action", list(Action))
def test_can_role_action_relation(role: Role, relation: str, action: Action) -> None:
    actor = Actor(user_id=1, name="u", role=role, unit_path=OWN)
    assert can(actor, action, RELATIONS[relation]) == (action in EXPECTED[(role, relation)])


def test_can_leader_without_unit_reads_everything_and_writes_nothing() -> None:
    leader = Actor(user_id=1, name="u", role=Role.LEADER)
    assert can(leader, Action.VIEW, RELATIONS["other"])
    assert not any(can(leader, a, RELATIONS["other"]) for a in Action if a is not Action.VIEW)


def test_can_reporter_without_unit_does_nothing() -> None:
    reporter = Actor(user_id=1, name="u", role=Role.REPORTER)
    assert not any(can(reporter, a, s) for a in Action for s in (*RELATIONS.values(), ANYTHING))


def test_can_reporter_scope_is_a_path_prefix_not_a_string_prefix() -> None:
    # unit 1 must not see unit 12's tasks: paths end with "/"
    reporter = Actor(user_id=1, name="u", role=Role.REPORTER, unit_path="/1/")
    assert not can(reporter, Action.VIEW, Subject(lead_path="/12/"))
