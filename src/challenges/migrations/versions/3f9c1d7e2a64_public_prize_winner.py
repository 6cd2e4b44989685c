"""public prize winner

Revision ID: 3f9c1d7e2a64
Revises: 5b1e7c2d9a40
Create Date: 2026-12-03 17:30:00

"""

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "3f9c1d7e2a64"
down_revision = "5b1e7c2d9a40"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "public_prize",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("votes", sa.Integer(), nullable=False),
        sa.Column("tie_reason", sa.String(length=300), nullable=True),
        sa.Column("decided_by", sa.String(length=120), nullable=False),
        sa.Column("decided_at", challenges.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_public_prize_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_public_prize_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_public_prize")),
    )


def downgrade():
    op.drop_table("public_prize")
