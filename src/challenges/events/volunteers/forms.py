"""Forms for inviting volunteers and declaring conflicts of interest."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from challenges.auth.forms import email_field
from challenges.auth.models import NAME_LENGTH
from challenges.auth.roles import Role
from challenges.forms import Form


class InviteForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_LENGTH)])
    email = email_field()
    role = SelectField(_l("Role"), validators=[DataRequired(message=_l("Choose a role."))])

    def __init__(self, roles: dict[Role, str], *args, **kwargs) -> None:
        """roles: the roles the inviter may give at this event, in its programme's words."""
        super().__init__(*args, **kwargs)
        self.role.choices = [SelectChoice("", _l("Choose a role"))] + [
            SelectChoice(role.value, label) for role, label in roles.items()
        ]


class ConflictForm(Form):
    school_id = HiddenField(validators=[DataRequired()])
    reason = StringField(
        _l("How are you linked (optional)"), validators=[Optional(), Length(max=200)]
    )
