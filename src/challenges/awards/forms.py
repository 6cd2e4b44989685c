"""The public prize's forms: the public's vote, and the winner recorded after the vote."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from challenges.auth.forms import email_field
from challenges.awards.awarding import REASON_LENGTH
from challenges.forms import Form
from challenges.inputs import optional_number, single_newlines


class VoteForm(Form):
    team = SelectField(
        _l("Your favourite team"),
        coerce=optional_number,
        validators=[DataRequired(_l("Choose the team you vote for."))],
    )
    email = email_field(_l("Your e-mail address (to confirm your vote)"))


class WinnerForm(Form):
    """One of the teams with the most votes; a reason only (and then always) for a tie."""

    team = SelectField(
        _l("Winner of the public prize"),
        coerce=optional_number,
        validators=[DataRequired(_l("Choose the winning team."))],
    )
    reason = TextAreaField(
        _l("When teams tie: why this team? (for example: drawn by lot)"),
        validators=[Length(max=REASON_LENGTH)],
        filters=[single_newlines],
    )
