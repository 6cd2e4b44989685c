"""Each printable document as one function: gather its data, lay it out, write the PDF."""

from collections.abc import Callable
from typing import IO

from flask_babel import gettext as _

from challenges.awards.results import present_teams
from challenges.errors import DomainError
from challenges.events.market.services import market_teams, stand_order
from challenges.events.models import Event
from challenges.events.schedule import services as schedule_service
from challenges.i18n import as_date, as_time
from challenges.i18n import current_language as language
from challenges.judging.entries import rubric_set_of, submitted_for_team
from challenges.judging.rubrics import Rubric, RubricSet
from challenges.labels import location_label, round_label, signs_label, team_label
from challenges.links import absolute_url
from challenges.printing import sources
from challenges.printing.signs import Sign, draw_signs
from challenges.printing.tables import Grid, Section, write_tables
from challenges.registration.models import Team


def write_results(out: IO[bytes], event: Event) -> int:
    sections = sources.results(event)
    title = _("Results · %(event)s", event=event.name)
    subtitle = f"{as_date(event.starts_on)}{' · ' + event.town if event.town else ''}"
    return write_tables(out, title, subtitle, sections, sources.footer(_("Results"), event))


EMPTY = "☐"


def rubric_sections(rubric_set: RubricSet, rubric: Rubric) -> list[Section]:
    """A blank rubric: per section its rows, a box per level with the level's descriptor."""
    lang = language()
    header = (
        _("Criterion"),
        *tuple(f"{value} {names[lang]}" for value, names in rubric_set.levels.items()),
    )
    exceeds = _("How did the team exceed?") + "\n\n______________"
    sections = []
    for section in rubric.sections:
        rows = [
            (
                row.title[lang],
                *tuple(
                    f"{EMPTY} {row.levels[str(value)][lang]}"
                    if str(value) in row.levels
                    else f"{EMPTY} {exceeds}"
                    for value in rubric_set.levels
                ),
            )
            for row in section.rows
        ]
        grid = Grid(header, rows, (0.2, 0.2, 0.2, 0.2, 0.2), 0, size=8)
        sections.append(Section(section.name[lang], (section.criterion[lang],), (grid,)))
    return sections


def write_rubric(out: IO[bytes], rubric_set: RubricSet, rubric_id: str) -> int:
    """A blank rubric on paper (when tablets fail), landscape."""
    lang = language()
    rubric = rubric_set.rubric(rubric_id)
    what = _("Rubric")
    sections = rubric_sections(rubric_set, rubric)
    sections.append(
        Section(
            _("Feedback for the team"),
            (
                _("Team: ____________________   Judge: ____________________"),
                _("What went well: ") + "_" * 60,
                _("Think about: ") + "_" * 60,
            ),
        )
    )
    title = f"{what} · {rubric.name[lang]}"
    return write_tables(
        out, title, rubric_set.name[lang], sections, sources.footer(what, None), wide=True
    )


def feedback_sections(event: Event, team: Team) -> list[Section]:
    """A team's submitted rubrics as feedback: each judge's level per row (judges numbered,
    not named), the Exceeds notes and the comments."""
    lang = language()
    rubric_set = rubric_set_of(event)
    found = submitted_for_team(event, team.id)
    sections = []
    for rubric in rubric_set.rubrics:
        mine = [entry for entry in found if entry.rubric == rubric.id]
        if not mine:
            continue
        header = (
            _("Criterion"),
            *tuple(_("Judge %(number)s", number=n) for n in range(1, len(mine) + 1)),
        )
        rows = []
        for row in rubric.rows:
            cells = []
            for entry in mine:
                level = entry.levels.get(row.id)
                text = (
                    _("Not judged")
                    if level is None
                    else f"{level} {rubric_set.levels[level][lang]}"
                )
                note = entry.notes.get(row.id)
                cells.append(f"{text}\n{note}" if note else text)
            rows.append((row.title[lang], *cells))
        share = 0.65 / len(mine)
        grid = Grid(header, rows, (0.35,) + (share,) * len(mine), 0, size=8)
        comments = []
        for number, entry in enumerate(mine, start=1):
            if entry.went_well:
                comments.append(
                    _(
                        "Judge %(number)s, what went well: %(text)s",
                        number=number,
                        text=entry.went_well,
                    )
                )
            if entry.think_about:
                comments.append(
                    _(
                        "Judge %(number)s, think about: %(text)s",
                        number=number,
                        text=entry.think_about,
                    )
                )
        sections.append(Section(rubric.name[lang], comments, (grid,)))
    if not sections:
        raise DomainError(_("No rubrics were submitted for this team."), status=409)
    return sections


def write_feedback(out: IO[bytes], event: Event, team: Team) -> int:
    what = _("Jury feedback")
    title = f"{what} · {team.name}"
    subtitle = f"{event.name} · {as_date(event.starts_on)}"
    return write_tables(
        out, title, subtitle, feedback_sections(event, team), sources.footer(what, event)
    )


SCHEDULE_VIEWS = ("event", "team", "table", "room")


def schedule_sections(event: Event, by: str) -> list[Section]:
    """The schedule as a whole (by time), or a section per team, per table or per room."""
    found = schedule_service.entries(event)
    if not found:
        raise DomainError(_("This event has no schedule yet."), status=409)
    if by == "event":
        rows = [
            (
                as_time(e.starts_at),
                team_label(t),
                round_label(e.kind, e.round),
                location_label(e.place),
            )
            for e, t in found
        ]
        header = (_("Time"), _("Team"), _("What"), _("Where"))
        return [Section("", (), (Grid(header, rows, (0.12, 0.4, 0.28, 0.2), 1),))]
    groups: dict[str, list] = {}
    for entry, team in found:
        if by == "team":
            groups.setdefault(team_label(team), []).append(
                (
                    as_time(entry.starts_at),
                    round_label(entry.kind, entry.round),
                    location_label(entry.place),
                )
            )
        elif (by == "room") == (entry.kind == "judging"):
            groups.setdefault(location_label(entry.place), []).append(
                (as_time(entry.starts_at), round_label(entry.kind, entry.round), team_label(team))
            )
    if not groups:
        raise DomainError(_("The schedule has nothing to print this way."), status=409)
    third = _("Where") if by == "team" else _("Team")
    header = (_("Time"), _("What"), third)
    return [
        Section(name, (), (Grid(header, rows, (0.15, 0.35, 0.5)),))
        for name, rows in sorted(groups.items(), key=lambda item: (len(item[0]), item[0]))
    ]


def write_schedule(out: IO[bytes], event: Event, by: str = "event") -> int:
    what = {
        "event": _("Schedule"),
        "team": _("Schedule per team"),
        "table": _("Schedule per table"),
        "room": _("Schedule per judging room"),
    }[by]
    title = f"{what} · {event.name}"
    return write_tables(
        out,
        title,
        as_date(event.starts_on),
        schedule_sections(event, by),
        sources.footer(what, event),
        wide=by == "event",
    )


def write_signs(out: IO[bytes], event: Event, public_url: Callable[[Team], str]) -> int:
    """A pit sign (FLL) or stand sign (Vakkanjers) per team: number, name, a QR code to the
    team's public page; in stand order where the stands are numbered."""
    teams = present_teams(event)
    if not teams:
        raise DomainError(_("There is no team to print a sign for."), status=404)
    stands = {placed.team_id: placed.stand for placed, _team in market_teams(event)}
    teams = sorted(teams, key=lambda team: stand_order(stands.get(team.id)))
    return draw_signs(
        out,
        [
            Sign(
                number=str(stands.get(team.id) or team.number or ""),
                name=team.name,
                where=sources.where(team),
                url=public_url(team),
            )
            for team in teams
        ],
        sources.footer(signs_label(event.season.programme.has_robot_game), event),
    )


def team_url(event: Event) -> Callable[[Team], str]:
    """The public page of a team at this event, as a full address for a QR code."""
    return lambda team: absolute_url(
        "awards_results.team_page", event_ref=event.slug, team_id=team.id
    )
