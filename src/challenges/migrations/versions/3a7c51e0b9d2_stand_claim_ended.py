"""Why a stand claim ended (judged, given back, team away, freed by the judge advisor)

Revision ID: 3a7c51e0b9d2
Revises: 5b7d3e9a2c41
Create Date: 2026-12-03 18:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "3a7c51e0b9d2"
down_revision = "5b7d3e9a2c41"
branch_labels = None
depends_on = None

ENDS = ("given_back", "away", "judged", "freed")


def upgrade():
    with op.batch_alter_table("stand_claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "ended",
                sa.Enum(*ENDS, name="claimend", native_enum=False, length=20),
                nullable=True,
            )
        )
    # before this, a release was either "away" or not; an old one is no longer undoable anyway
    op.execute(
        "UPDATE stand_claim SET ended = CASE WHEN absent THEN 'away' ELSE 'given_back' END "
        "WHERE released_at IS NOT NULL"
    )
    with op.batch_alter_table("stand_claim", schema=None) as batch_op:
        batch_op.drop_column("absent")


def downgrade():
    with op.batch_alter_table("stand_claim", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("absent", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute("UPDATE stand_claim SET absent = (ended = 'away') WHERE ended IS NOT NULL")
    with op.batch_alter_table("stand_claim", schema=None) as batch_op:
        batch_op.drop_column("ended")
