"""Settings for generating an event's schedule."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import TimeField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from challenges.converters import WholeNumberField
from challenges.events.schedule.generator import Gaps
from challenges.forms import Form


class ScheduleForm(Form):
    match_cycle = WholeNumberField(
        _l("Minutes between matches on a table pair"),
        default=8,
        validators=[InputRequired(), NumberRange(3, 30)],
    )
    judging_length = WholeNumberField(
        _l("Judging session (minutes)"),
        default=30,
        validators=[InputRequired(), NumberRange(5, 90)],
    )
    judging_cycle = WholeNumberField(
        _l("Minutes between sessions in a room (session + scoring)"),
        default=40,
        validators=[InputRequired(), NumberRange(5, 120)],
    )
    match_gap = WholeNumberField(
        _l("Minimum minutes between two matches of a team"),
        default=Gaps.match,
        validators=[InputRequired(), NumberRange(0, 120)],
    )
    judging_gap = WholeNumberField(
        _l("Minimum minutes between judging and a match"),
        default=Gaps.judging,
        validators=[InputRequired(), NumberRange(0, 120)],
    )
    practice_rounds = WholeNumberField(
        _l("Practice rounds"), default=1, validators=[InputRequired(), NumberRange(0, 3)]
    )
    ranking_rounds = WholeNumberField(
        _l("Ranking rounds"), default=3, validators=[InputRequired(), NumberRange(1, 5)]
    )
    break_start = TimeField(_l("Lunch break from"), validators=[Optional()])
    break_end = TimeField(_l("Lunch break until"), validators=[Optional()])
    seed = WholeNumberField(
        _l("Variant"),
        default=1,
        validators=[InputRequired(), NumberRange(0, 9999)],
        description=_l("Another number gives another order of the teams."),
    )

    # Each runs only when its own time is given (Optional stops the others).
    def validate_break_start(self, field) -> None:
        if self.break_end.data is None:
            raise ValidationError(_l("Give both times of the break, or neither."))

    def validate_break_end(self, field) -> None:
        if self.break_start.data is None:
            raise ValidationError(_l("Give both times of the break, or neither."))
        if field.data <= self.break_start.data:
            raise ValidationError(_l("The break ends after it starts."))

    def choices(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class ImportScheduleForm(Form):
    file = FileField(
        _l("Schedule file (Block Format, FLL-SW, or our CSV or Excel export)"),
        validators=[FileRequired()],
    )
