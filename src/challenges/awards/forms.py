"""The public's vote form."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import DataRequired

from challenges.auth.forms import email_field
from challenges.forms import Form
from challenges.inputs import optional_number


class VoteForm(Form):
    team = SelectField(
        _l("Your favourite team"),
        coerce=optional_number,
        validators=[DataRequired(_l("Choose the team you vote for."))],
    )
    email = email_field(_l("Your e-mail address (to confirm your vote)"))
