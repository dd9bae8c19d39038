"""The last audit event that can move a timeliness bucket, found in one index step.

Dashboards are cached until such an event (see BUCKET_NEUTRAL_ACTIONS in
dondoc/store/records.py); every request asks for the newest one, and after a morning of
progress reports the newest events are all reports.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 21:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# the list as this revision made it: a later change to the list needs a new revision
_NEUTRAL = (
    "extension.request",
    "extension.withdraw",
    "progress.report",
    "progress.return",
    "token.create",
    "user.change_password",
)
_MOVING = "action NOT IN (" + ", ".join(f"'{a}'" for a in _NEUTRAL) + ")"


def upgrade() -> None:
    op.create_index(
        "ix_audit_events_moving",
        "audit_events",
        ["id"],
        sqlite_where=sa.text(_MOVING),
        postgresql_where=sa.text(_MOVING),
    )


def downgrade() -> None:
    op.drop_index("ix_audit_events_moving", table_name="audit_events")
