"""Extensions of one period of a recurring task.

- `extension_requests.period_start`: the period (the occurrence's first day) an extension
  is asked for; empty: the task's own deadline. A key, not a foreign key: a period the
  office later drops by changing the cycle keeps its requests as history.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("extension_requests", sa.Column("period_start", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("extension_requests", "period_start")
