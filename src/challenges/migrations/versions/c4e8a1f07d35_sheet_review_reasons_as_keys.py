"""sheet review reasons as keys

Revision ID: c4e8a1f07d35
Revises: a0a815a00451
Create Date: 2026-12-03 20:40:00

The reasons the app gives when it sets a sheet aside were stored as translated text, in the
language of the head referee who acted ("Het team kwam niet naar de tafel."); an English page
showed them in Dutch. They become keys, read in the reader's language
(robot_game.messages.REVIEW_REASONS). A reason a head referee typed stays as typed.
"""

import sqlalchemy as sa
from alembic import op

revision = "c4e8a1f07d35"
down_revision = "a0a815a00451"
branch_labels = None
depends_on = None

# Each key with the texts it was stored as, Dutch first (the downgrade writes the Dutch text).
TEXTS = {
    "replaced_by_edit": (
        "Vervangen door de verbetering van de hoofdscheidsrechter.",
        "Replaced by the head referee's edit.",
    ),
    "did_not_come": ("Het team kwam niet naar de tafel.", "The team did not come to the table."),
    "no_show": ("Niet gekomen", "No-show"),
    "replaced_by_late_sheet": (
        "Vervangen door een scoreformulier dat te laat binnenkwam.",
        "Replaced by a sheet that arrived late.",
    ),
}
UPDATE = sa.text("UPDATE score_sheet SET review_reason = :new WHERE review_reason = :old")


def upgrade():
    for key, texts in TEXTS.items():
        for text in texts:
            op.execute(UPDATE.bindparams(new=key, old=text))


def downgrade():
    for key, (dutch, _english) in TEXTS.items():
        op.execute(UPDATE.bindparams(new=dutch, old=key))
