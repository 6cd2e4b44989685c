"""event visitors: the event manager's estimate for the season report

Revision ID: 5b7d3e9a2c41
Revises: 8c2e4f6a1b93
Create Date: 2026-12-03 18:05:00

"""

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "5b7d3e9a2c41"
down_revision = "8c2e4f6a1b93"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "event_visitors",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("entered_by", sa.String(length=120), nullable=False),
        sa.Column("entered_at", challenges.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_visitors_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_visitors")),
    )


def downgrade():
    op.drop_table("event_visitors")
