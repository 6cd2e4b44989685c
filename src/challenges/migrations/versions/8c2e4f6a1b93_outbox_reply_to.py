"""outbox reply to

Revision ID: 8c2e4f6a1b93
Revises: 3f9c1d7e2a64
Create Date: 2026-12-03 17:55:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "8c2e4f6a1b93"
down_revision = "3f9c1d7e2a64"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reply_to", sa.String(length=254), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox_message", schema=None) as batch_op:
        batch_op.drop_column("reply_to")
