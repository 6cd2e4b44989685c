"""Forms for programmes, seasons and categories."""

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from challenges.converters import WholeNumberField
from challenges.forms import Form
from challenges.inputs import single_newlines

HTML_DATETIME = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]  # what <input type=datetime-local> uses
KEY = Regexp(r"^[a-z0-9][a-z0-9-]*$", message=_l("Use lowercase letters, digits and hyphens."))

# The robot game definitions and rubric sets a season may use. The robot game and judging build
# on seasons, so they name theirs when the app starts (`offer`) instead of seasons importing them.
_offered: dict[str, Callable[[], list[str]]] = {"robot_games": list, "rubric_sets": list}


def offer(robot_games: Callable[[], list[str]], rubric_sets: Callable[[], list[str]]) -> None:
    """Name the functions that list the robot game definitions and the rubric sets' keys."""
    _offered.update(robot_games=robot_games, rubric_sets=rubric_sets)


def _none_or_offered(offered: str, none: object) -> Callable[[], list[SelectChoice]]:
    """A select's choices, read when a form is made: none, then every offered key."""
    return lambda: [SelectChoice("", none)] + [SelectChoice(k, k) for k in _offered[offered]()]


class ProgrammeForm(Form):
    key = StringField(_l("Key"), validators=[DataRequired(), Length(max=40), KEY])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    has_robot_game = BooleanField(_l("Has a robot game"))
    numbers_teams = BooleanField(_l("Gives teams a number"))
    allows_clubs = BooleanField(_l("Teams may take part out of school"))


class SeasonForm(Form):
    key = StringField(
        _l("Key"),
        validators=[DataRequired(), Length(max=60), KEY],
        description=_l("For example fll-challenge-2026-2027."),
    )
    name = StringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=40)],
        description=_l("The school year, for example 2026-2027."),
    )
    theme = StringField(_l("Theme"), validators=[DataRequired(), Length(max=160)])
    client = StringField(_l("Commissioning client"), validators=[Optional(), Length(max=160)])
    design_questions = TextAreaField(
        _l("Design questions"),
        validators=[Optional(), Length(max=4000)],
        filters=[single_newlines],
        description=_l("One per line."),
    )
    registration_opens_at = DateTimeLocalField(
        _l("Registration opens (Amsterdam time)"), format=HTML_DATETIME, validators=[Optional()]
    )
    registration_closes_at = DateTimeLocalField(
        _l("Registration closes (Amsterdam time)"), format=HTML_DATETIME, validators=[Optional()]
    )
    robot_game_key = SelectField(
        _l("Robot game definition"), choices=_none_or_offered("robot_games", _l("No robot game"))
    )
    rubric_set_key = SelectField(
        _l("Judging rubrics"), choices=_none_or_offered("rubric_sets", _l("No rubrics"))
    )
    published = BooleanField(_l("Published"))

    def validate_registration_closes_at(self, field) -> None:
        opens = self.registration_opens_at.data
        if field.data and opens and field.data <= opens:
            raise ValidationError(_l("Registration must close after it opens."))


class CategoryForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=80)])
    description = StringField(_l("Description"), validators=[Optional(), Length(max=200)])
    team_size_min = WholeNumberField(
        _l("Smallest team"), validators=[DataRequired(), NumberRange(1, 99)]
    )
    team_size_max = WholeNumberField(
        _l("Largest team"), validators=[DataRequired(), NumberRange(1, 99)]
    )
    school_year_min = WholeNumberField(
        _l("From school year"),
        validators=[Optional(), NumberRange(1, 14)],
        description=_l("Groep 1-8 are 1-8; klas 1-6 are 9-14. Empty: any."),
    )
    school_year_max = WholeNumberField(
        _l("Up to school year"), validators=[Optional(), NumberRange(1, 14)]
    )
    levels = StringField(
        _l("Levels"),
        validators=[Optional(), Length(max=60)],
        description=_l("For example: vmbo, or havo,vwo. Empty: any level."),
    )

    def validate_team_size_max(self, field) -> None:
        if self.team_size_min.data and field.data and field.data < self.team_size_min.data:
            raise ValidationError(_l("The largest team cannot be smaller than the smallest."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        low, high = self.school_year_min.data, self.school_year_max.data
        problem = None
        if (low is None) != (high is None):
            problem = _l("Give both school years, or neither.")
        elif low is not None and high < low:
            problem = _l("The last school year cannot be before the first.")
        if problem:
            self.school_year_max.errors = [*self.school_year_max.errors, str(problem)]
        return valid and problem is None
