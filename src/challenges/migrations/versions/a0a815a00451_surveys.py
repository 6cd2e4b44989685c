"""surveys: evaluations of an event by its coaches and volunteers

Revision ID: a0a815a00451
Revises: 3a7c51e0b9d2
Create Date: 2026-12-03 20:11:31.947882

"""

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "a0a815a00451"
down_revision = "3a7c51e0b9d2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "survey",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", challenges.database.UTCDateTime(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("reminded_at", challenges.database.UTCDateTime(), nullable=True),
        sa.Column("closed_at", challenges.database.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_survey_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"], ["user.id"], name=op.f("fk_survey_sent_by_id_user"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_survey")),
    )
    op.create_table(
        "survey_invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "audience",
            sa.Enum("coach", "volunteer", name="audience", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("link_key", sa.String(length=43), nullable=True),
        sa.Column("answered_at", challenges.database.UTCDateTime(), nullable=True),
        sa.Column("programme_rating", sa.Integer(), nullable=True),
        sa.Column("event_rating", sa.Integer(), nullable=True),
        sa.Column(
            "again",
            sa.Enum("yes", "maybe", "no", name="again", native_enum=False, length=8),
            nullable=True,
        ),
        sa.Column("went_well", sa.Text(), nullable=True),
        sa.Column("could_be_better", sa.Text(), nullable=True),
        sa.Column("remarks", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["survey.event_id"],
            name=op.f("fk_survey_invitation_event_id_survey"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user.id"],
            name=op.f("fk_survey_invitation_user_id_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_invitation")),
        sa.UniqueConstraint(
            "event_id",
            "user_id",
            "audience",
            name=op.f("uq_survey_invitation_event_id_user_id_audience"),
        ),
    )
    with op.batch_alter_table("survey_invitation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_invitation_event_id"), ["event_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("survey_invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_invitation_event_id"))

    op.drop_table("survey_invitation")
    op.drop_table("survey")
