"""hashed log-in tokens, idle lifetime

Revision ID: c4b22d3b8c6c
Revises: c82975bb656b
Create Date: 2026-12-03 09:12:40.518203

A log-in row keeps the SHA-256 of its token instead of the token, whether it was remembered
and when it was last used. The old rows cannot say whether they were remembered (and a hash
cannot be turned back into a token), so the table is rebuilt empty both ways: whoever was
logged in logs in again once.
"""

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "c4b22d3b8c6c"
down_revision = "c82975bb656b"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_table("login_session")
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


def downgrade():
    op.drop_table("login_session")
    op.create_table(
        "login_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", challenges.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_login_session_user_id_user"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_session")),
    )
    with op.batch_alter_table("login_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_login_session_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_login_session_user_id"), ["user_id"], unique=False)
