"""The event manager's estimate of an event's visitors."""

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from challenges.converters import WholeNumberField
from challenges.forms import Form
from challenges.inputs import single_newlines

MOST_VISITORS = 100_000


class VisitorsForm(Form):
    visitors = WholeNumberField(
        _l("Visitors (an estimate is fine)"),
        validators=[Optional(), NumberRange(min=0, max=MOST_VISITORS)],
    )
    note = TextAreaField(
        _l("Note (how you counted, for instance)"),
        filters=[single_newlines],
        validators=[Optional(), Length(max=300)],
    )
