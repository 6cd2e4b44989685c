"""server-side log-in sessions

Revision ID: c82975bb656b
Revises: 2d00381d2c3f
Create Date: 2026-12-02 18:29:05.116589

Every log-in gets its own row, keyed by the SHA-256 of its token, with whether it was
remembered and when it was last used; log-out and a password change delete rows. The per-user
session token goes: whoever was logged in logs in again once.
"""

import secrets

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "c82975bb656b"
down_revision = "2d00381d2c3f"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_session",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("remembered", sa.Boolean(), nullable=False),
        sa.Column("created_at", challenges.database.UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", challenges.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_login_session_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_session")),
    )
    with op.batch_alter_table("login_session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_session_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_user_session_token"), type_="unique")
        batch_op.drop_column("session_token")


def downgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    user = sa.table("user", sa.column("id", sa.Integer), sa.column("session_token", sa.String))
    for (user_id,) in connection.execute(sa.select(user.c.id)).all():
        connection.execute(
            user.update()
            .where(user.c.id == user_id)
            .values(session_token=secrets.token_urlsafe(24))
        )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_user_session_token"), ["session_token"])

    with op.batch_alter_table("login_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_session_user_id"))

    op.drop_table("login_session")
