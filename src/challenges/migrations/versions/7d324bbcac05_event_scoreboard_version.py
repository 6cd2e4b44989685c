"""event scoreboard version

Revision ID: 7d324bbcac05
Revises: 05f1383094d1
Create Date: 2026-12-03 07:56:51.245666

An event's scoreboard version goes up by one whenever something its public scoreboard shows
changes; the scoreboard's caches and ETags are keyed by it. Existing events start at 0.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7d324bbcac05"
down_revision = "05f1383094d1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("scoreboard_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade():
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("scoreboard_version")
