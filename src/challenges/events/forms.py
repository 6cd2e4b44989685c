"""The event form in its programme's words, and the confirmation that a new schedule may
unlink score sheets."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, Label, SelectField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, ValidationError

from challenges.converters import WholeNumberField
from challenges.events.models import EventKind
from challenges.forms import Form
from challenges.inputs import choice_number
from challenges.labels import event_kind_label

SLUG = Regexp(r"^[a-z0-9][a-z0-9-]*$", message=_l("Use lowercase letters, digits and hyphens."))


class EventForm(Form):
    season_id = SelectField(_l("Season"), coerce=choice_number)
    kind = SelectField(_l("Kind"))
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=160)])
    slug = StringField(
        _l("Short name for addresses"),
        validators=[DataRequired(), Length(max=80), SLUG],
        description=_l("For example fll-2026-regio-eindhoven."),
    )
    venue = StringField(_l("Venue"), validators=[Optional(), Length(max=160)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    town = StringField(_l("Town"), validators=[Optional(), Length(max=100)])
    host = StringField(_l("Host partner"), validators=[Optional(), Length(max=160)])
    starts_on = DateField(_l("Date"), validators=[DataRequired()])
    start_time = TimeField(_l("Start time"), validators=[Optional()])
    end_time = TimeField(_l("End time"), validators=[Optional()])
    capacity = WholeNumberField(
        _l("Capacity (teams)"), validators=[Optional(), NumberRange(min=1, max=500)]
    )
    tables = WholeNumberField(
        _l("Robot-game tables"),
        validators=[Optional(), NumberRange(min=2, max=40)],
        description=_l("In pairs: 2, 4, 6, ..."),
    )
    rooms = WholeNumberField(
        _l("Judging rooms"), validators=[Optional(), NumberRange(min=1, max=40)]
    )
    feeds_into_id = SelectField(_l("Teams advance to"), coerce=choice_number)
    published = BooleanField(_l("Published (visible to teachers and the public)"))
    normalise_min_teams = WholeNumberField(
        _l("Normalise judges' scores from this many teams per judge"),
        validators=[Optional(), NumberRange(min=2, max=99)],
        description=_l("Empty: 5. With fewer teams per judge the raw scores are used."),
    )
    normalised_ranks = BooleanField(
        _l("Rank the judged areas by normalised scores (when every judge scored enough teams)")
    )

    def __init__(self, robot_game: bool, *args, **kwargs) -> None:
        """An FLL event has robot-game tables and judging rooms; a Vakkanjers market neither,
        and its own words for its kind and its jurors."""
        super().__init__(*args, **kwargs)
        self.kind.choices = [
            SelectChoice(kind.value, event_kind_label(kind.value, robot_game))
            for kind in (EventKind.REGIONAL, EventKind.NATIONAL)
        ]
        if robot_game:
            return
        del self.tables
        del self.rooms
        self.slug.description = _l("For example vakkanjers-2026-markt-zwolle.")
        for name, text in MARKET_LABELS.items():
            field = self[name]
            field.label = Label(field.id, text)
        self.normalise_min_teams.description = _l(
            "Empty: 5. With fewer teams per juror the raw scores are used."
        )

    def validate_end_time(self, field) -> None:
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The event must end after it starts."))

    def validate_tables(self, field) -> None:
        if field.data and field.data % 2:
            raise ValidationError(_l("Robot-game tables come in pairs: give an even number."))


MARKET_LABELS = {
    "capacity": _l("Capacity (teams, one stand each)"),
    "normalise_min_teams": _l("Normalise jurors' scores from this many teams per juror"),
    "normalised_ranks": _l(
        "Rank the teams by normalised scores (when every juror scored enough teams)"
    ),
}


class UnlinkSheetsForm(Form):
    """Ticked to make or import a schedule although score sheets point at the old one's
    matches. It travels inside the schedule form or the import form, whose token it shares."""

    class Meta:
        csrf = False

    unlink_sheets = BooleanField(
        _l("Replace the schedule anyway (the score sheets are unlinked from their matches)")
    )
