"""coach invitations

Revision ID: de2d77bb8c91
Revises: c82975bb656b
Create Date: 2026-12-03 10:00:00.000000

A coach invites someone by e-mail; they become a coach only when they accept the link.
"""

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "de2d77bb8c91"
down_revision = "c82975bb656b"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "coach_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", challenges.database.UTCDateTime(), nullable=False),
        sa.Column("accepted_at", challenges.database.UTCDateTime(), nullable=True),
        sa.Column("cancelled_at", challenges.database.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["user.id"],
            name=op.f("fk_coach_invitation_invited_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_coach_invitation_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_invitation")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_coach_invitation_token_hash")),
    )
    with op.batch_alter_table("coach_invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coach_invitation_team_id"), ["team_id"], unique=False)


def downgrade():
    with op.batch_alter_table("coach_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_coach_invitation_team_id"))

    op.drop_table("coach_invitation")
