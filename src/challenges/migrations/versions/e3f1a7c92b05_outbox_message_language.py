"""outbox message language

Revision ID: e3f1a7c92b05
Revises: d9b2f6a4c180
Create Date: 2026-12-03 21:40:00

A mail is written in its recipient's language; the outbox keeps that language beside it, so
that the organisers' pages in another language mark the subject and the text with it. Mails
kept before stay unmarked (unknown).
"""

import sqlalchemy as sa
from alembic import op

revision = "e3f1a7c92b05"
down_revision = "d9b2f6a4c180"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("language")
