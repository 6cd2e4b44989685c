"""Two finished demo events of last season: Regiofinale Groningen (FLL) and Vakkanjers Markt
Zwolle.

Scores verified, rubrics submitted, awards given, tickets to the national final confirmed and
the results published, so that every results page (and every printed document) can be seen
right after `make run`. The numbers are made up but deterministic; an event that already
has published results is left alone.
"""

import random
import uuid
from typing import Any

from sqlalchemy import select

from challenges.auth.models import EventRole, User
from challenges.auth.roles import Role
from challenges.awards import awarding, tickets, voting
from challenges.awards.models import PublicVote
from challenges.awards.results import event_results, present_teams
from challenges.database import utcnow
from challenges.demo.data import world
from challenges.demo.dates import amsterdam_today
from challenges.events import scoreboard_version
from challenges.events.market.services import assign_stands
from challenges.events.models import AdvancementQuota, Event, ScheduleEntry
from challenges.events.schedule.services import make_schedule
from challenges.extensions import db
from challenges.judging import entries, panels
from challenges.judging.assessment import FilledRubric
from challenges.judging.models import StandClaim
from challenges.judging.rubrics import RubricSet
from challenges.registration.models import Team
from challenges.robot_game.definitions import SeasonDefinition, load
from challenges.robot_game.evaluator import evaluate
from challenges.robot_game.models import ScoreSheet, SheetStatus
from challenges.robot_game.submitting import match_fields, scored_fields

# The finished events of a demo loaded today (for tests and tools that reach the seeded demo).
FINISHED_FLL, FINISHED_VAKKANJERS = world(amsterdam_today()).finished
# Per programme (the finished FLL event first): six jurors in three rooms, or three at a market.
JURORS = (
    [
        ("jury1.groningen@demo.challenges.nl", "Gijs de Groot"),
        ("jury2.groningen@demo.challenges.nl", "Greetje Hoekstra"),
        ("jury3.groningen@demo.challenges.nl", "Gerrit Postma"),
        ("jury4.groningen@demo.challenges.nl", "Hiske Bakker"),
        ("jury5.groningen@demo.challenges.nl", "Jelle Visser"),
        ("jury6.groningen@demo.challenges.nl", "Noor El Amrani"),
    ],
    [
        ("jury1.zwolle@demo.challenges.nl", "Zeynep Yilmaz"),
        ("jury2.zwolle@demo.challenges.nl", "Sanne Jansen"),
        ("jury3.zwolle@demo.challenges.nl", "Wouter Smit"),
    ],
)
ORGANISER = "organiser@demo.challenges.nl"
LEVEL_WEIGHTS = {1: 1, 2: 4, 3: 5, 4: 1}  # most rows Developing or Accomplished


def finish_demo_events(
    events: dict[str, Event], slugs: tuple[str, str], schedule_choices: dict
) -> list[str]:
    """Finish the two demo events (FLL, Vakkanjers) that are not finished yet; their slugs."""
    organiser = db.session.scalar(select(User).where(User.email == ORGANISER))
    finished = []
    for slug, people, finish in zip(slugs, JURORS, (_finish_fll, _finish_market), strict=True):
        event = events[slug]
        if event.results_published_at is None:
            jurors = _jurors(event, people)
            finish(event, jurors, schedule_choices)
            _decide(event, organiser)
            finished.append(slug)
    return finished


def _jurors(event: Event, people: list[tuple[str, str]]) -> list[User]:
    jurors = []
    for email, name in people:
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(email=email, name=name, locale="nl", confirmed_at=utcnow())
            user.set_password(f"demo-jury-{uuid.uuid4().hex}")  # nobody logs in as them
            db.session.add(user)
        if not user.has_event_role(event.id, frozenset({Role.JUDGE})):
            user.event_roles.append(EventRole(event=event, role=Role.JUDGE))
        jurors.append(user)
    db.session.flush()
    return jurors


def _submit(event: Event, juror: User, team: Team, rubric_id: str, rubric_set: RubricSet) -> None:
    """A juror's rubric: the team's own strength per row, give or take a level now and then,
    so that the judges mostly agree (as real panels do after calibration)."""
    strength = random.Random(f"{event.slug}-{team.name}")
    judge = random.Random(f"{event.slug}-{team.name}-{juror.email}-{rubric_id}")
    levels = {}
    for row in rubric_set.rubric(rubric_id).rows:
        base = strength.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        levels[row.id] = min(4, max(1, base + judge.choice((-1, 0, 0, 0, 0, 1))))
    notes = {
        row: "Ruim boven verwachting uitgelegd." for row, level in levels.items() if level == 4
    }
    filled = FilledRubric(
        levels,
        notes,
        went_well="Duidelijk verhaal en een enthousiast team.",
        think_about="Laat zien hoe jullie het prototype hebben getest.",
    )
    given = entries.RubricInput(uuid.uuid4().hex, team.id, rubric_id, filled, submit=True)
    entries.save(event, given, juror)


def _finish_fll(event: Event, jurors: list[User], schedule_choices: dict) -> None:
    if (
        db.session.scalar(select(ScheduleEntry.id).where(ScheduleEntry.event_id == event.id))
        is None
    ):
        make_schedule(event, schedule_choices)
    rooms = panels.rooms(event)
    in_room: dict[str, list[User]] = {}
    for index, juror in enumerate(jurors):
        in_room.setdefault(rooms[index % len(rooms)], []).append(juror)
    panels.seat(event, {juror.id: room for room, people in in_room.items() for juror in people})
    db.session.flush()
    season = load(event.season.robot_game_key)
    rubric_set = entries.rubric_set_of(event)
    for entry in db.session.scalars(
        select(ScheduleEntry).where(ScheduleEntry.event_id == event.id).order_by(ScheduleEntry.id)
    ):
        if entry.kind == "ranking":
            _verified_sheet(event, entry, season)
        elif entry.kind == "judging":
            team = db.session.get(Team, entry.team_id)
            for juror in in_room.get(entry.place, []):
                for rubric_id in rubric_set.rubric_ids:
                    _submit(event, juror, team, rubric_id, rubric_set)
    scoreboard_version.bump(event.id)


def _verified_sheet(event: Event, entry: ScheduleEntry, season: SeasonDefinition) -> None:
    answers = _played_sheet(season, random.Random(f"{event.slug}-{entry.id}"))
    result = evaluate(season, answers)
    db.session.add(
        ScoreSheet(
            client_key=uuid.uuid4().hex,
            **match_fields(entry),
            **scored_fields(season, result),
            referee_name="Ruben Scheidsrechter",
            team_confirmation="OK",
            status=SheetStatus.VERIFIED,
            reviewed_by="Hanna Hoofdscheidsrechter",
            reviewed_at=utcnow(),
        )
    )


def _played_sheet(season: SeasonDefinition, chance: random.Random) -> dict[str, Any]:
    """A valid sheet: everything at its lowest, then random answers kept while still valid."""
    answers: dict[str, Any] = {}
    for question in season.questions:
        if question.has_start:
            answers[question.id] = question.start
        elif question.type == "yesno":
            answers[question.id] = False
        elif question.type == "count":
            answers[question.id] = question.minimum
        else:
            answers[question.id] = question.choices[0]
    for question in chance.sample(list(season.questions), k=len(season.questions) // 2):
        if question.type == "yesno":
            tried = True
        elif question.type == "count":
            tried = chance.randint(question.minimum, question.maximum)
        else:
            tried = chance.choice(question.choices)
        if not evaluate(season, answers | {question.id: tried}).problems:
            answers[question.id] = tried
    return answers


def _finish_market(event: Event, jurors: list[User], _schedule_choices: dict) -> None:
    assign_stands(event)
    db.session.flush()
    rubric_set = entries.rubric_set_of(event)
    for index, team in enumerate(present_teams(event)):
        for juror in (jurors[index % len(jurors)], jurors[(index + 1) % len(jurors)]):
            db.session.add(StandClaim(event_id=event.id, team_id=team.id, judge_id=juror.id))
            _submit(event, juror, team, rubric_set.rubric_ids[0], rubric_set)  # ends the claim
    for number, team in enumerate(present_teams(event)[:3]):
        for voter in range(3 - number):
            db.session.add(
                PublicVote(
                    event_id=event.id,
                    team_id=team.id,
                    email=f"bezoeker{number}{voter}@demo.example",
                    token=uuid.uuid4().hex,
                    confirmed_at=utcnow(),
                )
            )
    db.session.flush()
    organiser = db.session.scalar(select(User).where(User.email == ORGANISER))
    voting.record_winner(event, present_teams(event)[0].id, "", organiser)  # three votes, no tie


def _decide(event: Event, organiser: User) -> None:
    """Awards by the proposal, two tickets per category (one at a market), results public."""
    db.session.flush()
    found = event_results(event)
    for category in found.categories:
        for item in awarding.award_lists(event, found)[category.category.id]:
            award = item.award
            if award.optional or award.basis in ("robot_game", "nomination", "public_vote"):
                continue
            winners = [c.team for c in item.candidates if c.team != item.proposed]
            chosen = ([item.proposed] if item.proposed else []) + winners
            places = 1 if award.places_are == "finalists" else award.places
            for place, team in enumerate(chosen[:places], start=1):
                decision = awarding.Decision(
                    award_id=award.id,
                    category_id=category.category.id,
                    team_id=team,
                    place=place,
                    reason="Besluit van de jury",
                )
                awarding.give(event, found, decision, organiser)
                db.session.flush()
        quota = db.session.get(AdvancementQuota, (event.id, category.category.id))
        if quota is None:
            advancing_teams = 2 if event.season.programme.has_robot_game else 1
            db.session.add(
                AdvancementQuota(
                    event_id=event.id, category_id=category.category.id, advancing=advancing_teams
                )
            )
    db.session.flush()
    db.session.expire(event)
    found = event_results(event)
    for category in found.categories:
        if category.ranking:
            key = category.category.id
            seen = tickets.proposed_teams(event, found, key)
            tickets.confirm(event, found, key, seen, organiser)
    tickets.publish(event, True)
