"""The event manager's estimate of an event's visitors."""

import re
from typing import Any

from babel.numbers import get_group_symbol
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from challenges.converters import WholeNumberField
from challenges.forms import Form
from challenges.inputs import single_newlines

MOST_VISITORS = 100_000
VISITORS = _l("Give a whole number of visitors from 0 to 100,000.")
LONGEST_NOTE = 300


def ungrouped(text: str) -> str:
    """A number as people write a large one, with the reader's thousands separator or a space
    (Dutch 1.500 or 1 500), in plain digits; any other text unchanged."""
    group = re.escape(get_group_symbol(get_locale()))
    written = text.strip()
    if re.fullmatch(rf"[0-9]{{1,3}}(?:(?:{group}| )[0-9]{{3}})+", written):
        return re.sub(r"[^0-9]", "", written)
    return text


class VisitorsField(WholeNumberField):
    """A whole number of visitors, also written with thousands separators."""

    invalid_value_message = VISITORS

    def process_formdata(self, valuelist: list[Any]) -> None:
        super().process_formdata([ungrouped(str(value)) for value in valuelist[:1]])


class VisitorsForm(Form):
    visitors = VisitorsField(
        _l("Visitors (an estimate is fine)"),
        validators=[Optional(), NumberRange(min=0, max=MOST_VISITORS, message=VISITORS)],
    )
    note = TextAreaField(
        _l("Note (how you counted, for instance)"),
        filters=[single_newlines],
        validators=[
            Optional(),
            Length(max=LONGEST_NOTE, message=_l("Write at most %(max)d characters.")),
        ],
    )
