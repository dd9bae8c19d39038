"""The day's reminder run, a reminder setting and a user's e-mail address move no task
between timeliness buckets: the dashboards' cache now stays valid through them (the
partial index of 0005/0006 holds the list, so it is made again with the new one).

Before, the morning's reminder run (and every change to a setting) emptied every
leader's cached dashboard, though nothing a dashboard shows had changed.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_OLD_NEUTRAL = (
    "extension.request",
    "extension.withdraw",
    "progress.report",
    "progress.return",
    "session.end",
    "session.end_all",
    "session.start",
    "token.create",
    "token.revoke",
    "user.change_password",
    "user.disable",
    "user.enable",
)
# the list as this revision made it: a later change to the list needs a new revision
_NEUTRAL = (
    *_OLD_NEUTRAL,
    "reminders.plan",
    "reminders.setting",
    "user.set_email",
)


def _moving_index(actions: tuple[str, ...]) -> None:
    op.drop_index("ix_audit_events_moving", table_name="audit_events")
    where = sa.text("action NOT IN (" + ", ".join(f"'{a}'" for a in sorted(actions)) + ")")
    op.create_index(
        "ix_audit_events_moving", "audit_events", ["id"], sqlite_where=where, postgresql_where=where
    )


def upgrade() -> None:
    _moving_index(_NEUTRAL)


def downgrade() -> None:
    _moving_index(_OLD_NEUTRAL)
