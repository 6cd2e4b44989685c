"""The evaluations of the demo's finished events: made-up but deterministic answers of coaches
and volunteers (marks, whether they would come again, a few remarks), so that the survey
pages and the season report show real-looking figures right after `make run`.

Only added: an event that already has a survey is left alone. The people asked are not named
(as after the season's purge): the demo has no coach or volunteer for most teams.
"""

import random
from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, select

from challenges.auth.models import EventRole
from challenges.events.models import Event, EventTeam
from challenges.extensions import db
from challenges.surveys.figures import closes_on
from challenges.surveys.models import Again, Audience, Survey, SurveyInvitation
from challenges.surveys.services import VOLUNTEER_ROLES

COACH_MARKS = (6, 7, 7, 8, 8, 8, 8, 9, 9, 10)
VOLUNTEER_MARKS = (7, 8, 8, 8, 9, 9, 10)
AGAIN = (Again.YES, Again.YES, Again.YES, Again.MAYBE, Again.NO)
ANSWERING = 0.7  # the share of the people asked who answer
FEWEST_VOLUNTEERS = 8  # asked per event, also where the demo has fewer crew accounts
WENT_WELL = {
    True: (
        "De robotwedstrijd liep strak op tijd.",
        "Fijne scheidsrechters die alles goed uitlegden.",
        "De jurering in kleine lokalen was rustig voor de kinderen.",
    ),
    False: (
        "De kinderen vonden het presenteren aan de jury geweldig.",
        "Veel ruimte voor de stands op de Markt.",
        "Goede sfeer, de leerlingen waren trots op hun ontwerp.",
    ),
}
COULD_BE_BETTER = (
    "Meer koffie en water voor de begeleiders.",
    "Het programma van de dag eerder per mail, graag.",
    "De uitslag duurde lang; de kinderen werden onrustig.",
    "Bordjes naar de zaal vanaf de ingang zouden helpen.",
    "Te weinig stopcontacten voor de laptops.",
)
VOLUNTEER_REMARKS = (
    "Goed geregeld, duidelijke briefing in de ochtend.",
    "De lunch was te laat voor de vrijwilligers.",
    "Graag de planning een week van tevoren.",
    "Fijn team, volgend jaar ben ik er weer bij.",
)


def seed_surveys(events: Sequence[Event]) -> int:
    """Add the survey and its answers to each of these events that has none and teams whose
    coaches it asks (an event without teams gets none); returns how many answers were added."""
    answers = 0
    for event in events:
        if db.session.get(Survey, event.id) is None and teams_at(event):
            answers += seed_survey(event)
    db.session.flush()
    return answers


def seed_survey(event: Event) -> int:
    chance = random.Random(f"survey-{event.slug}")
    sent = datetime.combine(event.starts_on + timedelta(days=1), time(9), tzinfo=UTC)
    db.session.add(
        Survey(
            event_id=event.id,
            sent_at=sent,
            closes_on=closes_on(event.starts_on, sent.date()),
            reminded_at=sent + timedelta(days=7),
        )
    )
    db.session.flush()
    texts = Texts(chance, event.season.programme.has_robot_game)
    invitations = [
        *(
            survey_invitation(event, Audience.COACH, chance, sent, texts)
            for _ in range(teams_at(event))
        ),
        *(
            survey_invitation(event, Audience.VOLUNTEER, chance, sent, texts)
            for _ in range(volunteers_at(event))
        ),
    ]
    db.session.add_all(invitations)
    return sum(invitation.answered_at is not None for invitation in invitations)


def teams_at(event: Event) -> int:
    return db.session.scalar(select(func.count()).where(EventTeam.event_id == event.id))


def volunteers_at(event: Event) -> int:
    crew = db.session.scalar(
        select(func.count(func.distinct(EventRole.user_id))).where(
            EventRole.event_id == event.id, EventRole.role.in_(VOLUNTEER_ROLES)
        )
    )
    return max(crew, FEWEST_VOLUNTEERS)


def answered(chance: random.Random, sent: datetime) -> datetime | None:
    """When someone answered (within ten days of the mail); None for those who did not."""
    return sent + timedelta(days=chance.randint(0, 10)) if chance.random() < ANSWERING else None


class Texts:
    """The remarks of one event: about one answer in three writes one, each text at most once
    (in the programme's words), so the remarks read like different people's."""

    def __init__(self, chance: random.Random, robot_game: bool) -> None:
        self.chance = chance
        self.left = {
            "went_well": list(WENT_WELL[robot_game]),
            "could_be_better": list(COULD_BE_BETTER),
            "remarks": list(VOLUNTEER_REMARKS),
        }
        for texts in self.left.values():
            chance.shuffle(texts)

    def maybe(self, question: str) -> str | None:
        left = self.left[question]
        return left.pop() if left and self.chance.random() < 1 / 3 else None


# What each audience answers, in the order the answers are drawn: marks from a scale, then
# texts from the event's remarks left
ANSWERS = {
    Audience.COACH: (
        {"programme_rating": COACH_MARKS, "event_rating": COACH_MARKS, "again": AGAIN},
        ("went_well", "could_be_better"),
    ),
    Audience.VOLUNTEER: ({"event_rating": VOLUNTEER_MARKS, "again": AGAIN}, ("remarks",)),
}


def survey_invitation(
    event: Event, audience: Audience, chance: random.Random, sent: datetime, texts: Texts
) -> SurveyInvitation:
    invitation = SurveyInvitation(
        event_id=event.id, audience=audience, answered_at=answered(chance, sent)
    )
    if invitation.answered_at:
        marks, questions = ANSWERS[audience]
        for field, scale in marks.items():
            setattr(invitation, field, chance.choice(scale))
        for question in questions:
            setattr(invitation, question, texts.maybe(question))
    return invitation
