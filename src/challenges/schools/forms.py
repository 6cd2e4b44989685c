"""School forms."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from challenges.forms import Form
from challenges.mail.headers import has_control_characters

KIND_CHOICES = [
    SelectChoice("po", _l("Primary school")),
    SelectChoice("vo", _l("Secondary school")),
]


class SchoolRequestForm(Form):
    name = StringField(_l("Name of the school"), validators=[DataRequired(), Length(max=200)])
    town = StringField(_l("Town"), validators=[DataRequired(), Length(max=100)])
    kind = RadioField(_l("Type of school"), choices=KIND_CHOICES, validators=[DataRequired()])

    def validate_name(self, field: StringField) -> None:
        if has_control_characters(field.data or ""):
            raise ValidationError(_l("The name must be one line, without line breaks or tabs."))


class RejectForm(Form):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=500)])


class MergeForm(Form):
    vestigingscode = StringField(
        _l("Vestigingscode of the existing school"), validators=[DataRequired(), Length(max=6)]
    )
