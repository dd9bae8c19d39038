"""Logins kept on the server, tokens that expire, failed logins shared by every process.

- `web_sessions`: a browser's login (the cookie holds only a random id), so that logout,
  a password change, a disabled user or an admin ends it at once, in every process;
- `api_tokens` gain an expiry (existing tokens: 90 days after they were made), the moment
  of a revocation and of their last use;
- `login_throttle`: failed logins per account, client address and pair, in the database;
- the audit actions of logins, revocations and disabled users move no dashboard bucket:
  the partial index of the last bucket-moving event is made again with them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_OLD_NEUTRAL = (
    "extension.request",
    "extension.withdraw",
    "progress.report",
    "progress.return",
    "token.create",
    "user.change_password",
)
# the list as this revision made it: a later change to the list needs a new revision
_NEUTRAL = (
    *_OLD_NEUTRAL,
    "session.end",
    "session.end_all",
    "session.start",
    "token.revoke",
    "user.disable",
    "user.enable",
)


def _moving(actions: tuple[str, ...]) -> sa.TextClause:
    return sa.text("action NOT IN (" + ", ".join(f"'{a}'" for a in sorted(actions)) + ")")


def _moving_index(actions: tuple[str, ...]) -> None:
    op.drop_index("ix_audit_events_moving", table_name="audit_events")
    where = _moving(actions)
    op.create_index(
        "ix_audit_events_moving", "audit_events", ["id"], sqlite_where=where, postgresql_where=where
    )


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_sha256", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.String(length=40), nullable=True),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("user_agent", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_web_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_sessions")),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_web_sessions_token_sha256")),
    )
    op.create_index(op.f("ix_web_sessions_user_id"), "web_sessions", ["user_id"], unique=False)

    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttle")),
    )
    op.create_index(
        op.f("ix_login_throttle_last_failure_at"), "login_throttle", ["last_failure_at"], unique=False
    )

    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
    # tokens made before expiry existed: 90 days from when they were made (the default term)
    tokens = sa.table(
        "api_tokens",
        sa.column("id", sa.Integer()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("expires_at", sa.DateTime(timezone=True)),
    )
    conn = op.get_bind()
    for token_id, created in conn.execute(sa.select(tokens.c.id, tokens.c.created_at)).all():
        conn.execute(
            tokens.update().where(tokens.c.id == token_id).values(expires_at=created + dt.timedelta(days=90))
        )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.alter_column("expires_at", existing_type=sa.DateTime(timezone=True), nullable=False)

    _moving_index(_NEUTRAL)


def downgrade() -> None:
    _moving_index(_OLD_NEUTRAL)
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("expires_at")
    op.drop_index(op.f("ix_login_throttle_last_failure_at"), table_name="login_throttle")
    op.drop_table("login_throttle")
    op.drop_index(op.f("ix_web_sessions_user_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
