"""event day

Revision ID: 05f1383094d1
Revises: de2d77bb8c91
Create Date: 2026-12-02 22:34:16.833756

Sheets and rubrics refused on arrival are kept for the head referee and judge advisor; the
database allows one newer version per version, one current verified sheet per match and one
current rubric per judge, team and rubric; a registration form's one-time key is kept.
"""

import sqlalchemy as sa
from alembic import op

import challenges.database

# revision identifiers, used by Alembic.
revision = "05f1383094d1"
down_revision = "de2d77bb8c91"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "refused_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("sheet", "rubric", name="kind", native_enum=False, length=20),
            nullable=False,
        ),
        sa.Column("client_key", sa.String(length=64), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("sent_by_id", sa.Integer(), nullable=True),
        sa.Column("sent_by", sa.String(length=120), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("received_at", challenges.database.UTCDateTime(), nullable=False),
        sa.Column(
            "outcome",
            sa.Enum("accepted", "set_aside", name="outcome", native_enum=False, length=20),
            nullable=True,
        ),
        sa.Column("decided_by", sa.String(length=120), nullable=True),
        sa.Column("decided_at", challenges.database.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_refused_item_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sent_by_id"],
            ["user.id"],
            name=op.f("fk_refused_item_sent_by_id_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["team.id"], name=op.f("fk_refused_item_team_id_team"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refused_item")),
        sa.UniqueConstraint("kind", "client_key", name=op.f("uq_refused_item_kind_client_key")),
    )
    with op.batch_alter_table("refused_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refused_item_event_id"), ["event_id"], unique=False)

    with op.batch_alter_table("rubric_entry", schema=None) as batch_op:
        batch_op.create_index(
            "uq_rubric_entry_one_current",
            ["event_id", "team_id", "judge_id", "rubric"],
            unique=True,
            sqlite_where=sa.text('"current"'),
            postgresql_where=sa.text('"current"'),
        )
        batch_op.create_index("uq_rubric_entry_supersedes_id", ["supersedes_id"], unique=True)

    with op.batch_alter_table("score_sheet", schema=None) as batch_op:
        batch_op.create_index(
            "uq_score_sheet_one_verified",
            ["event_id", "team_id", "round_kind", "round"],
            unique=True,
            sqlite_where=sa.text("\"current\" AND status = 'verified'"),
            postgresql_where=sa.text("\"current\" AND status = 'verified'"),
        )
        batch_op.create_index("uq_score_sheet_supersedes_id", ["supersedes_id"], unique=True)

    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.add_column(sa.Column("registration_key", sa.String(length=64), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_team_registration_key"), ["registration_key"], unique=True
        )


def downgrade():
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_registration_key"))
        batch_op.drop_column("registration_key")

    with op.batch_alter_table("score_sheet", schema=None) as batch_op:
        batch_op.drop_index("uq_score_sheet_supersedes_id")
        batch_op.drop_index(
            "uq_score_sheet_one_verified",
            sqlite_where=sa.text("\"current\" AND status = 'verified'"),
            postgresql_where=sa.text("\"current\" AND status = 'verified'"),
        )

    with op.batch_alter_table("rubric_entry", schema=None) as batch_op:
        batch_op.drop_index("uq_rubric_entry_supersedes_id")
        batch_op.drop_index(
            "uq_rubric_entry_one_current",
            sqlite_where=sa.text('"current"'),
            postgresql_where=sa.text('"current"'),
        )

    with op.batch_alter_table("refused_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refused_item_event_id"))

    op.drop_table("refused_item")
