"""The event manager's estimate of an event's visitors."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from challenges.forms import Form

MOST_VISITORS = 100_000


class VisitorsForm(Form):
    visitors = IntegerField(
        _l("Visitors (an estimate is fine)"),
        validators=[Optional(), NumberRange(min=0, max=MOST_VISITORS)],
    )
    note = TextAreaField(
        _l("Note (how you counted, for instance)"), validators=[Optional(), Length(max=300)]
    )
