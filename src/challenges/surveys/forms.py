"""The surveys' forms, each question in the words of the event's programme."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from challenges.converters import WholeNumberField
from challenges.events.models import Event, EventKind
from challenges.forms import Form
from challenges.inputs import single_newlines
from challenges.surveys.figures import HIGHEST, LONGEST_TEXT, LOWEST
from challenges.surveys.models import Again
from challenges.surveys.services import Answers

MARK = _l("Give a mark from 1 to 10.")
TOO_LONG = _l("Write at most %(max)d characters.", max=LONGEST_TEXT)
CHOOSE = _l("Choose one of the answers.")
AGAIN_CHOICES = [
    SelectChoice(Again.YES.value, _l("Yes")),
    SelectChoice(Again.MAYBE.value, _l("Maybe")),
    SelectChoice(Again.NO.value, _l("No")),
]


def rating(label: str = "") -> WholeNumberField:
    return WholeNumberField(
        label,
        validators=[InputRequired(message=MARK), NumberRange(LOWEST, HIGHEST, message=MARK)],
        render_kw={"inputmode": "numeric"},
    )


def words(label: str = "") -> TextAreaField:
    return TextAreaField(
        label,
        filters=[single_newlines],
        validators=[Optional(), Length(max=LONGEST_TEXT, message=TOO_LONG)],
    )


def again() -> RadioField:
    """Yes, maybe or no; anything else gets the Dutch error (not WTForms' own)."""
    return RadioField(
        choices=AGAIN_CHOICES,
        validate_choice=False,
        validators=[InputRequired(message=CHOOSE), AnyOf(list(Again), message=CHOOSE)],
    )


def text(value: str | None) -> str | None:
    return (value or "").strip() or None


class CoachSurveyForm(Form):
    programme_rating = rating()
    event_rating = rating()
    again = again()
    went_well = words()
    could_be_better = words(_l("What could be better?"))
    remarks = words(_l("Anything else you would like to tell us?"))

    def answers(self) -> Answers:
        return Answers(
            event_rating=self.event_rating.data,
            again=Again(self.again.data),
            programme_rating=self.programme_rating.data,
            went_well=text(self.went_well.data),
            could_be_better=text(self.could_be_better.data),
            remarks=text(self.remarks.data),
        )


class VolunteerSurveyForm(Form):
    event_rating = rating()
    again = again()
    remarks = words(_l("Anything else you would like to tell us?"))

    def answers(self) -> Answers:
        return Answers(
            event_rating=self.event_rating.data,
            again=Again(self.again.data),
            remarks=text(self.remarks.data),
        )


def the_event(event: Event) -> str:
    """The event as a question names it: the regional final, the Vakkanjers Markt."""
    if event.kind is EventKind.NATIONAL:
        return _("the national final")
    if event.season.programme.has_robot_game:
        return _("the regional final")
    return _("the Vakkanjers Markt")


def word_coach_form(form: CoachSurveyForm, event: Event) -> CoachSurveyForm:
    """The questions in the words of the event's programme."""
    programme = event.season.programme
    form.programme_rating.label.text = _(
        "Your mark for %(programme)s this season (1 to 10)", programme=programme.name
    )
    form.event_rating.label.text = _("Your mark for %(event)s (1 to 10)", event=the_event(event))
    form.again.label.text = (
        _("Would you take part in FIRST LEGO League again with a team?")
        if programme.has_robot_game
        else _("Would you take part in Vakkanjers again with a class?")
    )
    form.went_well.label.text = _("What went well at %(event)s?", event=the_event(event))
    return form


def word_volunteer_form(form: VolunteerSurveyForm, event: Event) -> VolunteerSurveyForm:
    form.event_rating.label.text = _(
        "Your mark for the organisation of %(event)s (1 to 10)", event=the_event(event)
    )
    form.again.label.text = (
        _("Would you volunteer at FIRST LEGO League again?")
        if event.season.programme.has_robot_game
        else _("Would you be a juror at Vakkanjers again?")
    )
    return form
