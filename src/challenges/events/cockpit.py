"""The event cockpit: every page and print of one event, each shown to whoever may open it.

Whether a link shows is asked of the policy that guards its target (the `access_policy` that
`@require` puts on the view), so the cockpit holds no access rule of its own."""

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from challenges.errors import DomainError
from challenges.events.market.services import market_teams, stored_plan
from challenges.events.models import Event, EventKind
from challenges.i18n import current_language

Target = tuple[Any, dict[str, Any]]  # the link's text (None: the entry's title) and URL values

# Judging and awards build on events: when the app starts they name how to find an event's
# rubric set and whether its results show (`ask_about_events`).
_answers: dict[str, Callable[[Event], Any]] = {}


def ask_about_events(
    rubric_set_of: Callable[[Event], Any], results_shown: Callable[[Event], bool]
) -> None:
    """Name the functions the cockpit asks for an event's rubric set (a DomainError when its
    season has none) and whether its results show to the current user."""
    _answers.update(rubric_set_of=rubric_set_of, results_shown=results_shown)


def results_shown(event: Event) -> bool:
    return _answers["results_shown"](event)


class ProgrammeKind(enum.Enum):
    """Which events an entry belongs to: FLL's (with a robot game), Vakkanjers', or both."""

    FLL = "fll"
    VAKKANJERS = "vakkanjers"
    BOTH = "both"


def programme_of(event: Event) -> ProgrammeKind:
    return ProgrammeKind.FLL if event.season.programme.has_robot_game else ProgrammeKind.VAKKANJERS


def at_event(event: Event) -> list[Target]:
    return [(None, {"event_id": event.id})]


def by_slug(event: Event) -> list[Target]:
    return [(None, {"event_ref": event.slug})]


def of_season(event: Event) -> list[Target]:
    return [(None, {"season_id": event.season_id})]


def schedule_prints(event: Event) -> list[Target]:
    views = {
        "event": _l("whole day"),
        "team": _l("per team"),
        "table": _l("per table"),
        "room": _l("per room"),
    }
    return [(label, {"event_id": event.id, "by": by}) for by, label in views.items()]


def schedule_files(event: Event) -> list[Target]:
    kinds = {"xlsx": _l("Excel"), "csv": _l("CSV"), "block": _l("Block Format (CSV)")}
    return [(label, {"event_id": event.id, "kind": kind}) for kind, label in kinds.items()]


def blank_rubrics(event: Event) -> list[Target]:
    try:
        rubrics = _answers["rubric_set_of"](event).rubrics
    except DomainError:
        return []
    language = current_language()
    return [
        (rubric.name[language], {"event_id": event.id, "rubric_id": rubric.id})
        for rubric in rubrics
    ]


def poster_sizes(event: Event) -> list[Target]:
    return [(size.upper(), {"event_id": event.id, "size": size}) for size in ("a4", "a3")]


def always(event: Event) -> bool:
    return True


def regional(event: Event) -> bool:
    return event.kind is EventKind.REGIONAL


def national(event: Event) -> bool:
    return event.kind is EventKind.NATIONAL


def vote_open(event: Event) -> bool:
    return event.public_vote_open


def stands_numbered(event: Event) -> bool:
    """A card per stand needs the stands' numbers (the Markt page gives them)."""
    return any(placed.stand is not None for placed, _team in market_teams(event))


def plan_fixed(event: Event) -> bool:
    """The market's round plan prints once the market has started and fixed it."""
    return stored_plan(event) is not None


@dataclass(frozen=True)
class Entry:
    endpoint: str
    title: Any  # lazy texts: read in the language of the request
    explains: Any
    programme: ProgrammeKind = ProgrammeKind.BOTH
    targets: Callable[[Event], list[Target]] = at_event
    shown: Callable[[Event], bool] = always


FLL, VAKKANJERS = ProgrammeKind.FLL, ProgrammeKind.VAKKANJERS

PREPARE = (
    Entry(
        "events_admin.edit",
        _l("Edit the event"),
        _l("Date, venue, times, capacity, publication and how many teams advance."),
    ),
    Entry(
        "events_admin.teams",
        _l("Teams of this event"),
        _l("Who comes: add teams, move them to another final or take them off."),
    ),
    Entry(
        "events_admin.placement",
        _l("Placement for the season"),
        _l("Spread all teams of the season over its finals in one go."),
        targets=of_season,
    ),
    Entry(
        "events.volunteers",
        _l("Volunteers"),
        _l("Who helps and in which role; the event manager invites new volunteers."),
    ),
    Entry(
        "events.conflicts",
        _l("Your ties to schools"),
        _l("Name the schools you are linked to, so you never assess their teams."),
    ),
    Entry(
        "events.schedule",
        _l("Schedule"),
        _l("Make or import the schedule of matches and judging sessions, and check it."),
        FLL,
    ),
    Entry(
        "judging.seating",
        _l("Judges per room"),
        _l("Seat the judges in the judging rooms."),
        FLL,
    ),
    Entry(
        "events.market",
        _l("Market"),
        _l("Number the stands and see which jurors visit which stand."),
        VAKKANJERS,
    ),
    Entry(
        "printing.season_branding",
        _l("Logo and signature"),
        _l("What the certificates of the whole season carry."),
        targets=of_season,
    ),
)

ON_THE_DAY = (
    Entry(
        "events.check_in",
        _l("Check-in"),
        _l("Tick off the teams as they arrive and see who is still missing."),
    ),
    Entry(
        "events.now",
        _l("Now and next"),
        _l("What happens now at each table and room, and what comes next."),
        FLL,
    ),
    Entry(
        "robot_game.referee",
        _l("Score matches"),
        _l("The referee's tablet: fill in the scoresheet of each match."),
        FLL,
    ),
    Entry(
        "robot_game.head_referee",
        _l("Head referee desk"),
        _l("Check and verify scoresheets, close rounds, re-runs and the scoreboard freeze."),
        FLL,
    ),
    Entry(
        "judging.home",
        _l("Judge teams"),
        _l("The judges' sessions per room and a rubric per team."),
        FLL,
    ),
    Entry(
        "judging.market",
        _l("Jury at the market"),
        _l("For jurors: the next stand to visit and the jury form per team."),
        VAKKANJERS,
    ),
    Entry(
        "judging.market_live",
        _l("Live floor"),
        _l("Where every juror is, how often each stand was seen, which stands need a juror."),
        VAKKANJERS,
    ),
    Entry(
        "judging.advisor",
        _l("Judge advisor"),
        _l("Progress of the rubrics, the judges' marks and the results per category."),
        FLL,
    ),
    Entry(
        "judging.advisor",
        _l("Jury deliberation"),
        _l("Progress of the jury forms and the results per category."),
        VAKKANJERS,
    ),
    Entry(
        "robot_game_scoreboard.phone",
        _l("Scoreboard"),
        _l("The robot game scores on a phone; for everyone."),
        FLL,
        by_slug,
    ),
    Entry(
        "robot_game_scoreboard.screen",
        _l("Audience screen"),
        _l("The scoreboard for a big screen in the hall; it scrolls by itself."),
        FLL,
        by_slug,
    ),
    Entry(
        "awards_results.vote",
        _l("Public vote"),
        _l("Where visitors vote for the public prize, while the vote is open."),
        VAKKANJERS,
        by_slug,
        vote_open,
    ),
)

AFTERWARDS = (
    Entry(
        "awards.awards",
        _l("Awards"),
        _l("Choose the winners per award and category."),
    ),
    Entry(
        "reports.event_visitors",
        _l("Visitors"),
        _l("How many people came: an estimate with a note, for the season's figures."),
    ),
    Entry(
        "awards_public_prize.overview",
        _l("Public prize"),
        _l("The confirmed votes per team; open or close the vote and record the winner."),
        VAKKANJERS,
    ),
    Entry(
        "awards.advancement",
        _l("Advancement"),
        _l("Which teams go on to the national final; confirm per category and publish."),
        shown=regional,
    ),
    Entry(
        "awards.wildcards",
        _l("Finalists and wildcards"),
        _l("Every finalist per category: where from, why, and its answer; give wildcards here."),
        shown=national,
    ),
    Entry(
        "awards_results.event_results",
        _l("Results page"),
        _l("The results as teams and parents see them once they are published."),
        targets=by_slug,
        shown=results_shown,
    ),
)

PRINTS = (
    Entry(
        "printing.schedule",
        _l("Schedule (PDF)"),
        _l("The day on paper, for the hall, the teams, the tables and the rooms."),
        FLL,
        schedule_prints,
    ),
    Entry(
        "events.schedule_file",
        _l("Schedule as a file"),
        _l("For a spreadsheet or another scheduling program."),
        FLL,
        schedule_files,
    ),
    Entry(
        "printing.signs",
        _l("Pit signs (PDF)"),
        _l("A sign per team for its pit, with a QR code to the team's page."),
        FLL,
    ),
    Entry(
        "printing.signs",
        _l("Stand signs (PDF)"),
        _l("A sign per team for its stand, with a QR code to the team's page."),
        VAKKANJERS,
    ),
    Entry(
        "printing.market_plan",
        _l("Round plan (PDF)"),
        _l("Which juror visits which stand in each round, with the times."),
        VAKKANJERS,
        shown=plan_fixed,
    ),
    Entry(
        "printing.vote_poster",
        _l("Vote poster (PDF)"),
        _l("A poster with a QR code to the vote for the public prize."),
        VAKKANJERS,
        poster_sizes,
    ),
    Entry(
        "printing.stand_cards",
        _l("Stand cards (PDF)"),
        _l("A card per stand with a QR code that opens the vote for its team."),
        VAKKANJERS,
        shown=stands_numbered,
    ),
    Entry(
        "printing.blank_scoresheet",
        _l("Blank scoresheet (PDF)"),
        _l("The referees' paper fallback when a tablet fails."),
        FLL,
    ),
    Entry(
        "robot_game.head_referee",
        _l("Filled scoresheets (PDF)"),
        _l("At the head referee desk: open a scoresheet and choose PDF."),
        FLL,
    ),
    Entry(
        "printing.blank_rubric",
        _l("Blank rubrics (PDF)"),
        _l("A rubric on paper, for a judge without a tablet."),
        FLL,
        blank_rubrics,
    ),
    Entry(
        "printing.blank_rubric",
        _l("Blank jury form (PDF)"),
        _l("The jury form on paper, for a juror without a tablet."),
        VAKKANJERS,
        blank_rubrics,
    ),
    Entry(
        "printing.event_certificates",
        _l("Certificates (PDF)"),
        _l("Every certificate of the event in one file, in printing order."),
    ),
    Entry(
        "printing.results",
        _l("Results (PDF)"),
        _l("The results per category with the awards."),
        targets=by_slug,
        shown=results_shown,
    ),
)

SECTIONS = (
    ("prepare", _l("Prepare"), PREPARE),
    ("day", _l("On the day"), ON_THE_DAY),
    ("after", _l("Afterwards"), AFTERWARDS),
    ("prints", _l("Prints and downloads"), PRINTS),
)


@dataclass(frozen=True)
class Item:
    title: str
    explains: str
    links: list[tuple[str, str]]  # (text, address)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: list[Item]


def may_open(endpoint: str, values: dict[str, Any]) -> bool:
    """Asks the policy that guards the endpoint itself; a page not built yet (an area still
    under way) shows no link rather than a broken one."""
    view = current_app.view_functions.get(endpoint)
    return view is not None and view.access_policy.allows(current_user, values)


def item_of(entry: Entry, event: Event) -> Item | None:
    links = [
        (str(text or entry.title), url_for(entry.endpoint, **values))
        for text, values in entry.targets(event)
        if may_open(entry.endpoint, values)
    ]
    return Item(str(entry.title), str(entry.explains), links) if links else None


def sections(event: Event) -> list[Section]:
    """The cockpit's sections for the current user: only what they may open, only what
    belongs to the event's programme; a section without anything is left out."""
    programme = programme_of(event)
    found = []
    for key, title, entries in SECTIONS:
        fitting = [
            entry
            for entry in entries
            if entry.programme in (programme, ProgrammeKind.BOTH) and entry.shown(event)
        ]
        items = [item for entry in fitting if (item := item_of(entry, event))]
        if items:
            found.append(Section(key, str(title), items))
    return found
