"""The team registration form."""

import re
import secrets

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, Label, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from challenges.auth.forms import email_field
from challenges.converters import WholeNumberField
from challenges.forms import Form
from challenges.inputs import choice_number, optional_number, single_newlines
from challenges.labels import final_choice_label, other_final_message
from challenges.registration.rules import LEVELS, school_year_label
from challenges.registration.services import TeamDetails

PROVINCES = (
    "Drenthe",
    "Flevoland",
    "Friesland",
    "Gelderland",
    "Groningen",
    "Limburg",
    "Noord-Brabant",
    "Noord-Holland",
    "Overijssel",
    "Utrecht",
    "Zeeland",
    "Zuid-Holland",
)
NO_CHOICE = 0
SCHOOL_YEARS = range(5, 15)  # groep 5 up to klas 6
FIRST_NAME_MAX = 40
FORM_KEY = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)


def first_names(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class TeamForm(Form):
    name = StringField(_l("Team name"), validators=[DataRequired(), Length(max=80)])
    school_id = SelectField(_l("School"), coerce=choice_number)
    school_year = SelectField(
        _l("School year of most pupils"),
        coerce=optional_number,
        choices=[SelectChoice("", "—")]
        + [SelectChoice(str(year), school_year_label(year)) for year in SCHOOL_YEARS],
        validators=[Optional()],
    )
    level = SelectField(
        _l("Level (secondary school)"),
        choices=[SelectChoice("", "—")] + [SelectChoice(level, level) for level in LEVELS],
        validators=[Optional()],
    )
    category_id = SelectField(_l("Category"), coerce=choice_number)
    pupil_count = WholeNumberField(
        _l("Number of pupils"), validators=[InputRequired(), NumberRange(min=1, max=99)]
    )
    pupil_first_names = TextAreaField(
        _l("Pupils' first names (optional)"),
        description=_l("Only first names, one per line: never surnames. Used on certificates."),
        validators=[Optional(), Length(max=2000)],
        filters=[single_newlines],
    )
    names_consent = BooleanField(
        _l("The school has consent to print these first names on certificates and publish them")
    )
    first_choice_event_id = SelectField(coerce=choice_number)
    second_choice_event_id = SelectField(coerce=choice_number)
    preferred_province = SelectField(
        _l("Preferred province"),
        choices=[SelectChoice("", "—")] + [SelectChoice(p, p) for p in PROVINCES],
        validators=[Optional()],
    )
    town = StringField(
        _l("Town (teams without a school)"), validators=[Optional(), Length(max=100)]
    )
    responsible_adult = StringField(
        _l("Responsible adult (teams without a school)"), validators=[Optional(), Length(max=120)]
    )

    def __init__(self, robot_game: bool, *args, **kwargs) -> None:
        """The choices of a final in the programme's words: an FLL regional final, a
        Vakkanjers semi-final."""
        super().__init__(*args, **kwargs)
        self.robot_game = robot_game
        for choice, field in enumerate((self.first_choice_event_id, self.second_choice_event_id)):
            field.label = Label(field.id, final_choice_label(choice + 1, robot_game))

    def validate_pupil_first_names(self, field) -> None:
        if any(len(name) > FIRST_NAME_MAX for name in first_names(field.data)):
            raise ValidationError(
                _l("A first name is at most %(count)d characters.", count=FIRST_NAME_MAX)
            )

    def validate_second_choice_event_id(self, field) -> None:
        if field.data != NO_CHOICE and field.data == self.first_choice_event_id.data:
            raise ValidationError(other_final_message(self.robot_game))

    def details(self) -> TeamDetails:
        return TeamDetails(
            name=self.name.data,
            category_id=self.category_id.data,
            pupil_count=self.pupil_count.data,
            school_id=self.school_id.data or None,
            town=(self.town.data or "").strip() or None,
            responsible_adult=(self.responsible_adult.data or "").strip() or None,
            pupil_first_names=first_names(self.pupil_first_names.data),
            names_consent=self.names_consent.data,
            first_choice_event_id=self.first_choice_event_id.data or None,
            second_choice_event_id=self.second_choice_event_id.data or None,
            preferred_province=self.preferred_province.data or None,
        )


class RegistrationForm(TeamForm):
    """A new team's form carries a one-time key, made when the page is shown: the same form
    sent twice registers one team. A missing or malformed key is replaced by a new one."""

    form_key = HiddenField()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not FORM_KEY.fullmatch(self.form_key.data or ""):
            self.form_key.data = secrets.token_urlsafe(32)


class WithdrawForm(Form):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=500)])


class CoachForm(Form):
    name = StringField(_l("Name of the coach"), validators=[DataRequired(), Length(max=120)])
    email = email_field(_l("E-mail address of the coach"))
