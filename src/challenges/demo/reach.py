"""The demo's reach: enough schools and teams across the twelve provinces, and visitors at
last season's events, that the season in numbers looks real right after `make run`.

Only added, never changed: a team that exists (by its name in the season) is left alone.
The events the demo crew works at (and last season's finished ones) keep their own teams:
the extra teams fill the other regional finals to about nine tenths of their capacity, and
the rest are on the waiting list, withdrawn or not yet confirmed.
"""

from collections.abc import Callable, Sequence

from sqlalchemy import func, select

from challenges.events.models import Event, EventKind, EventTeam
from challenges.extensions import db
from challenges.registration.models import Team
from challenges.registration.status import TeamStatus
from challenges.reports.models import EventVisitors
from challenges.schools.models import School
from challenges.seasons.models import Category, Season

# (vestigingscode, name, town, postcode, province, kind): at least one school per province
SCHOOLS = [
    ("91BA00", "Basisschool De Esdoorn", "Assen", "9401 AB", "Drenthe", "po"),
    ("91BB00", "Dr. Nassau College", "Assen", "9402 CD", "Drenthe", "vo"),
    ("91BC00", "Esdal College", "Emmen", "7811 EF", "Drenthe", "vo"),
    ("91BD00", "OBS De Windroos", "Almere", "1315 GH", "Flevoland", "po"),
    ("91BE00", "Baken Stad College", "Almere", "1318 JK", "Flevoland", "vo"),
    ("91BF00", "Zuyderzee College", "Lelystad", "8232 LM", "Flevoland", "vo"),
    ("91BG00", "CSG Liudger", "Drachten", "9201 NP", "Friesland", "vo"),
    ("91BH00", "Basisschool De Borgh", "Delfzijl", "9934 RS", "Groningen", "po"),
    ("91BJ00", "Twents Carmel College", "Enschede", "7511 TV", "Overijssel", "vo"),
    ("91BK00", "Basisschool De Regenboog", "Deventer", "7411 WX", "Overijssel", "po"),
    ("91BL00", "Vallei College", "Ede", "6711 AB", "Gelderland", "vo"),
    ("91BM00", "Montessorischool Apeldoorn", "Apeldoorn", "7311 CD", "Gelderland", "po"),
    ("91BN00", "Nieuwegeins Lyceum", "Nieuwegein", "3431 EF", "Utrecht", "vo"),
    ("91BP00", "Zaanlands Lyceum", "Zaandam", "1506 GH", "Noord-Holland", "vo"),
    ("91BQ00", "Basisschool Het Palet", "Alkmaar", "1811 JK", "Noord-Holland", "po"),
    ("91BR00", "Delfts Technasium", "Delft", "2611 LM", "Zuid-Holland", "vo"),
    ("91BS00", "Basisschool De Wilgen", "Dordrecht", "3311 NP", "Zuid-Holland", "po"),
    ("91BT00", "Scalda College", "Vlissingen", "4381 RS", "Zeeland", "vo"),
    ("91BU00", "Basisschool De Schelde", "Goes", "4461 TV", "Zeeland", "po"),
    ("91BV00", "Tilburgs Technasium", "Tilburg", "5038 WX", "Noord-Brabant", "vo"),
    ("91BW00", "Basisschool De Vlonder", "Breda", "4811 AB", "Noord-Brabant", "po"),
    ("91BX00", "Trevianum Scholengroep", "Sittard", "6131 CD", "Limburg", "vo"),
    ("91BY00", "Basisschool De Horizon", "Heerlen", "6411 EF", "Limburg", "po"),
]
WORDS = ("Slimme", "Snelle", "Groene", "Dappere", "Vrolijke", "Stoere", "Handige", "Wakkere")
MAKERS = ("Bouwers", "Denkers", "Makers", "Vinders", "Bedenkers", "Sleutelaars", "Ontdekkers")
PLACED_SHARE = 0.9  # of a final's capacity
# The teams that did not get to a final: waiting list, withdrawn, and (while registration is
# open) not yet confirmed
OTHERS = (TeamStatus.WAITLISTED, TeamStatus.WITHDRAWN, TeamStatus.REGISTERED)
ARCHIVED_OTHERS = (TeamStatus.WAITLISTED, TeamStatus.WITHDRAWN)  # registration is long over
OTHERS_PER_SEASON = 12
VISITORS = {EventKind.REGIONAL: 420, EventKind.NATIONAL: 1350}  # last season's, per event


def _name(index: int, school: School) -> str:
    word, maker = WORDS[index % len(WORDS)], MAKERS[index // len(WORDS) % len(MAKERS)]
    return f"{word} {maker} {school.town}"


def _room(event: Event) -> int:
    placed = db.session.scalar(select(func.count()).where(EventTeam.event_id == event.id))
    return max(0, int((event.capacity or 0) * PLACED_SHARE) - placed)


def seed_reach(
    season: Season,
    schools: Sequence[School],
    finals: Sequence[Event],
    category_for: Callable[[Season, School, int], Category],
    others: Sequence[TeamStatus] = OTHERS,
) -> int:
    """Teams of `schools` (every second school from the end, so the provinces vary) to fill
    `finals`, and a few more in `others` statuses. Returns the number of teams added."""
    taken = set(db.session.scalars(select(Team.name_key).where(Team.season_id == season.id)))
    numbered = season.programme.numbers_teams
    last_number = db.session.scalar(
        select(func.max(Team.number)).where(Team.season_id == season.id)
    )
    places = [event for event in finals for _ in range(_room(event))]
    added = 0
    for index in range(len(places) + OTHERS_PER_SEASON):
        school = schools[-1 - (2 * index) % len(schools)]
        name = _name(index, school)
        if name.casefold() in taken:
            continue
        placed = index < len(places)
        team = Team(
            season=season,
            category=category_for(season, school, index),
            school=school,
            name=name,
            name_key=name.casefold(),
            number=(last_number or 0) + 1 + added if numbered else None,
            pupil_count=4 + index % 5,
            status=TeamStatus.CONFIRMED if placed else others[index % len(others)],
        )
        db.session.add(team)
        if placed:
            db.session.flush()
            event = places[index]
            db.session.add(EventTeam(event_id=event.id, team_id=team.id, event_kind=event.kind))
        added += 1
    db.session.flush()
    return added


def seed_visitors(events: Sequence[Event]) -> None:
    """The event manager's estimates of last season's events (only where none was entered)."""
    for number, event in enumerate(events):
        if event.kind in VISITORS and db.session.get(EventVisitors, event.id) is None:
            db.session.add(
                EventVisitors(
                    event_id=event.id,
                    visitors=VISITORS[event.kind] + 35 * number,
                    note="Geteld bij de ingang (demo)",
                    entered_by="Evert Evenement",
                )
            )
    db.session.flush()
