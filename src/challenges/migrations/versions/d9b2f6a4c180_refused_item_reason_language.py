"""refused item reason language

Revision ID: d9b2f6a4c180
Revises: c4e8a1f07d35
Create Date: 2026-12-03 20:45:00

A sheet or rubric refused on arrival keeps the refusal as the sender's tablet read it, in the
sender's language; the language is kept beside it, so that a page in another language marks
the text with its language. Items kept before stay unmarked (unknown).
"""

import sqlalchemy as sa
from alembic import op

revision = "d9b2f6a4c180"
down_revision = "c4e8a1f07d35"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("refused_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason_language", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("refused_item", schema=None) as batch_op:
        batch_op.drop_column("reason_language")
