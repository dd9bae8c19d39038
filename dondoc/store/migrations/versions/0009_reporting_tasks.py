"""Reporting tasks: the directive's rule for reporting on its execution, tracked as a task.

- `tasks.kind`: "task" (an item of the directive) or "report" (its reporting rule: "các
  sở, ngành định kỳ hằng năm (trước ngày 10/12) báo cáo … kết quả thực hiện Kế hoạch này").

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tasks", sa.Column("kind", sa.String(length=12), nullable=False, server_default="task"))


def downgrade() -> None:
    op.drop_column("tasks", "kind")
