"""Which way an event is judged: an FLL event in rooms, with rubrics; a Vakkanjers event at a
market, with jury forms. One rule for every judging page, service and text."""

from challenges.events.models import Event


def is_market(event: Event) -> bool:
    """A Vakkanjers event: jurors go from stand to stand on the market floor (an FLL event is
    judged in rooms, also before its schedule has judging sessions)."""
    return not event.season.programme.has_robot_game


def in_words(event: Event, fll: str, vakkanjers: str) -> str:
    """The text in the words of the event's programme: an FLL rubric, a Vakkanjers jury form."""
    return vakkanjers if is_market(event) else fll
