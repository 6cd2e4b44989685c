"""event schedule gaps, schedule entry ids never reused

Revision ID: 3b9e6f0c2a71
Revises: 7d324bbcac05
Create Date: 2026-12-03 15:05:00.000000

An event keeps the minimum gaps its schedule was made with (between a team's matches, and
between judging and a match), so the schedule is checked against them; empty means the
defaults (30 and 15 minutes). On SQLite, schedule entries get AUTOINCREMENT ids: a tablet's
sheet for a match of a replaced schedule must not land on a new match that reuses its id
(PostgreSQL's sequences never reuse one).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3b9e6f0c2a71"
down_revision = "7d324bbcac05"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("match_gap", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("judging_gap", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "schedule_entry", recreate="always", table_kwargs={"sqlite_autoincrement": True}
        ):
            pass
        # Ids above today's highest may have been handed out and deleted before: new ones
        # start well clear of them, so no tablet's old match id names a new match.
        op.execute("DELETE FROM sqlite_sequence WHERE name = 'schedule_entry'")
        op.execute(
            "INSERT INTO sqlite_sequence (name, seq) "
            "SELECT 'schedule_entry', COALESCE(MAX(id), 0) + 1000000 FROM schedule_entry"
        )


def downgrade():
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_column("judging_gap")
        batch_op.drop_column("match_gap")
