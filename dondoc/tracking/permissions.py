"""Who may do what: `can(actor, action, subject)`, one table, no database.

Scopes are unit paths ("/1/4/17/"): a unit's path starts with its parent's, so "within
my unit or its sub-units" is a prefix test. A reporter acts for their unit and its
sub-units; a leader reads everything within theirs (everything when they have none); the
office runs the follow-up; the admin may do all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    OFFICE = "office"
    REPORTER = "reporter"
    LEADER = "leader"


class Action(StrEnum):
    VIEW = "view"  # a task, a directive, a dashboard
    INGEST = "ingest"  # upload a directive
    REVIEW = "review"  # edit an extraction, map bodies, confirm
    ASSIGN = "assign"
    REPORT_PROGRESS = "report_progress"
    REQUEST_EXTENSION = "request_extension"
    VERIFY = "verify"  # accept or return a progress update
    DECIDE_EXTENSION = "decide_extension"
    MANAGE_UNITS = "manage_units"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"  # progress statuses; reading the effective settings
    MANAGE_REMINDERS = "manage_reminders"  # the reminder schedule, calendar and message texts; a run


@dataclass(frozen=True)
class Actor:
    user_id: int
    name: str
    role: Role
    unit_path: str | None = None  # the user's own unit; None for a body-wide role


@dataclass(frozen=True)
class Subject:
    """What an action is about, seen through its units: a task's lead and supporting units."""

    lead_path: str | None = None
    support_paths: tuple[str, ...] = ()


ANYTHING = Subject()

_OFFICE_ACTIONS = frozenset(
    {
        Action.VIEW,
        Action.INGEST,
        Action.REVIEW,
        Action.ASSIGN,
        Action.VERIFY,
        Action.DECIDE_EXTENSION,
        Action.MANAGE_UNITS,
        Action.MANAGE_REMINDERS,
    }
)


def _within(path: str | None, scope: str | None) -> bool:
    return path is not None and scope is not None and path.startswith(scope)


def can(actor: Actor, action: Action, subject: Subject = ANYTHING) -> bool:
    if actor.role is Role.ADMIN:
        return True
    if actor.role is Role.OFFICE:
        return action in _OFFICE_ACTIONS
    if actor.role is Role.LEADER:
        if action is not Action.VIEW:
            return False
        if actor.unit_path is None or subject == ANYTHING:
            return True
        return _within(subject.lead_path, actor.unit_path) or any(
            _within(p, actor.unit_path) for p in subject.support_paths
        )
    # reporter: only for their unit's tasks; only the lead unit asks for more time (NĐ 39/2022)
    leads = _within(subject.lead_path, actor.unit_path)
    supports = any(_within(p, actor.unit_path) for p in subject.support_paths)
    if action in (Action.VIEW, Action.REPORT_PROGRESS):
        return leads or supports
    if action is Action.REQUEST_EXTENSION:
        return leads
    return False
