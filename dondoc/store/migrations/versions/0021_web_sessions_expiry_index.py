"""An index on a login's end of life (`web_sessions.expires_at`): the logins past their
lifetime by more than `sessions.KEEP_ENDED` are deleted at each new login, and the admin's
list of open logins reads only the ones still within their lifetime.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 09:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(op.f("ix_web_sessions_expires_at"), "web_sessions", ["expires_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_web_sessions_expires_at"), table_name="web_sessions")
