"""market plan and withdrawn rubrics

Revision ID: 5b1e7c2d9a40
Revises: a7d3c5e19b42
Create Date: 2026-12-03 17:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "5b1e7c2d9a40"
down_revision = "a7d3c5e19b42"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "market_plan",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", challenges.database.UTCDateTime(), nullable=False),
        sa.Column("round_minutes", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("made_at", challenges.database.UTCDateTime(), nullable=False),
        sa.Column("made_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_market_plan_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["made_by_id"],
            ["user.id"],
            name=op.f("fk_market_plan_made_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_market_plan")),
    )
    op.create_table(
        "planned_visit",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("judge_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["market_plan.event_id"],
            name=op.f("fk_planned_visit_event_id_market_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["judge_id"],
            ["user.id"],
            name=op.f("fk_planned_visit_judge_id_user"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_planned_visit_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("event_id", "round", "judge_id", name=op.f("pk_planned_visit")),
    )
    with op.batch_alter_table("rubric_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("withdrawn_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_rubric_entry_withdrawn_by_id_user"),
            "user",
            ["withdrawn_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("rubric_entry", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_rubric_entry_withdrawn_by_id_user"), type_="foreignkey"
        )
        batch_op.drop_column("withdrawn_by_id")
        batch_op.drop_column("withdrawn_reason")
    op.drop_table("planned_visit")
    op.drop_table("market_plan")
