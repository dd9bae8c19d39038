"""Tasks numbered as in the document.

- `tasks.label`: the task's number as the document writes it ("II.3", "a)", "1.2"), read
  at ingestion from the marker where its span starts; empty for a bullet ("-", "+") and for
  tasks stored before (their order in the directive stands in).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tasks", sa.Column("label", sa.String(length=30), nullable=True))


def downgrade() -> None:
    op.drop_column("tasks", "label")
