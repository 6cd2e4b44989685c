"""Account forms."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from challenges.auth.models import EMAIL_LENGTH, NAME_LENGTH
from challenges.auth.roles import ROLE_LABELS, Role
from challenges.forms import Form
from challenges.inputs import choice_number

PASSWORD_MIN = 10
PASSWORD_MAX = 200


def email_field(label=None) -> EmailField:
    return EmailField(
        label or _l("E-mail address"),
        validators=[DataRequired(), Length(max=EMAIL_LENGTH), Email(check_deliverability=False)],
        filters=[lambda value: value.strip().lower() if value else value],
        render_kw={"autocomplete": "email"},
    )


def new_password_fields() -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(min=PASSWORD_MIN, max=PASSWORD_MAX)],
        description=_l("At least %(count)d characters.", count=PASSWORD_MIN),
        render_kw={"autocomplete": "new-password"},
    )
    repeat = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw={"autocomplete": "new-password"},
    )
    return password, repeat


class SignupForm(Form):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(), Length(max=NAME_LENGTH)],
        render_kw={"autocomplete": "name"},
    )
    email = email_field()
    password, password_repeat = new_password_fields()
    next = HiddenField()  # where the new coach continues once the address is confirmed


class LoginForm(Form):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class EmailOnlyForm(Form):
    email = email_field()


class ResetPasswordForm(Form):
    password, password_repeat = new_password_fields()


class ChangePasswordForm(Form):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(), Length(max=PASSWORD_MAX)],
        render_kw={"autocomplete": "current-password"},
    )
    password, password_repeat = new_password_fields()


class CreateUserForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_LENGTH)])
    email = email_field()


class GrantRoleForm(Form):
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice("", _l("Choose a role"))]
        + [SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        validators=[DataRequired(message=_l("Choose a role."))],
    )
    event_id = SelectField(
        _l("Event (for event roles)"), coerce=choice_number, validators=[Optional()]
    )

    def role_value(self) -> Role:
        return Role(self.role.data)
