"""advancement reasons as keys, tie breaks, what the results page shows, coaches answers

Revision ID: a7d3c5e19b42
Revises: 3b9e6f0c2a71
Create Date: 2026-12-03 17:30:00

Existing tickets kept their reason as translated text ("Winnaar: Champion\x27s Award",
"Plaats 2 in de rangschikking"). A winner\x27s ticket gets the key of the award it won (the
first award\x27s place-1 decision of that team, or the name in the text) and place 1; the text
is cleared for every ticket but a wildcard (the panel\x27s own words).
"""

import sqlalchemy as sa
from alembic import op

import challenges.database

revision = "a7d3c5e19b42"
down_revision = "3b9e6f0c2a71"
branch_labels = None
depends_on = None

# The first awards of the shipped rubric sets, by the names a reason could carry.
FIRST_AWARDS = {
    "Champion\x27s Award": "champions",
    "Juryprijs": "jury_prize",
    "Jury prize": "jury_prize",
}


def upgrade():
    with op.batch_alter_table("advancement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("award", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("answered_at", challenges.database.UTCDateTime(), nullable=True)
        )
        batch_op.alter_column("reason", existing_type=sa.String(length=300), nullable=True)
    op.execute(
        "UPDATE advancement SET award = (SELECT MIN(w.award) FROM award_winner w"
        " WHERE w.event_id = advancement.from_event_id"
        " AND w.category_id = advancement.category_id"
        " AND w.team_id = advancement.team_id AND w.place = 1"
        " AND w.award IN (\x27champions\x27, \x27jury_prize\x27))"
        " WHERE kind = \x27award_winner\x27"
    )
    for name, key in FIRST_AWARDS.items():
        op.execute(
            sa.text(
                "UPDATE advancement SET award = :key WHERE kind = \x27award_winner\x27"
                " AND award IS NULL AND reason LIKE :name"
            ).bindparams(key=key, name=f"%{name}%")
        )
    op.execute("UPDATE advancement SET position = 1 WHERE kind = \x27award_winner\x27")
    op.execute("UPDATE advancement SET reason = NULL WHERE kind <> \x27wildcard\x27")
    op.create_table(
        "tie_break",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("teams", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("decided_by", sa.String(length=120), nullable=False),
        sa.Column("decided_at", challenges.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_tie_break_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_tie_break_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tie_break")),
    )
    with op.batch_alter_table("tie_break", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tie_break_event_id"), ["event_id"], unique=False)
    op.create_table(
        "results_setting",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("show_ranking", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_results_setting_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_results_setting")),
    )


def downgrade():
    op.drop_table("results_setting")
    with op.batch_alter_table("tie_break", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tie_break_event_id"))
    op.drop_table("tie_break")
    op.execute("UPDATE advancement SET reason = kind WHERE reason IS NULL")
    with op.batch_alter_table("advancement", schema=None) as batch_op:
        batch_op.alter_column("reason", existing_type=sa.String(length=300), nullable=False)
        batch_op.drop_column("answered_at")
        batch_op.drop_column("award")
