"""What the printed documents show, gathered from the database (plain data for the layouts)."""

from collections.abc import Iterator
from dataclasses import replace

from flask_babel import gettext as _

from challenges.awards import voting
from challenges.awards.awarding import award_lists, place_label, ticket_reason
from challenges.awards.results import event_results, present_teams
from challenges.awards.tickets import going
from challenges.awards.visibility import ranking_shown
from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.events.models import Event
from challenges.extensions import db
from challenges.i18n import as_date, as_datetime
from challenges.i18n import current_language as language
from challenges.labels import team_label
from challenges.printing import models
from challenges.printing.certificates import Branding, Certificate
from challenges.printing.pages import Footer
from challenges.printing.tables import Grid, Section
from challenges.registration.models import Team


def footer(what: str, event: Event | None) -> Footer:
    moment = utcnow()
    return Footer(
        what=what,
        event=event.name if event else "",
        generated=_("generated %(moment)s", moment=as_datetime(moment)),
        page_label=_("page %(page)s", page="%(page)s"),
        moment=moment,
    )


def branding(event: Event) -> Branding:
    """The season's logo, signature and signatory; an image that cannot be drawn is left out
    (and named in `left_out`), so that the certificates still print."""
    found = db.session.get(models.Branding, event.season_id)
    programme = event.season.programme.name
    if found is None:
        return Branding(programme, signatory="Platform Talent voor Technologie")
    return Branding(
        programme,
        logo=found.logo,
        signature=found.signature,
        signatory=found.signatory_name or "Platform Talent voor Technologie",
        signatory_role=found.signatory_role,
    ).drawable()


def where(team: Team) -> str:
    if team.school is not None:
        return f"{team.school.name}, {team.school.town}"
    return team.town or ""


def _participation(event: Event, team: Team) -> Certificate:
    pupils = ()
    if team.names_consent and team.pupil_first_names:
        pupils = tuple(name.strip() for name in team.pupil_first_names.splitlines() if name.strip())
    return Certificate(
        team=team.name,
        where=where(team),
        category=team.category.name,
        event=event.name,
        date=as_date(event.starts_on),
        pupils=pupils,
    )


def _awards_by_team(event: Event) -> dict[int, list[tuple[str, str]]]:
    """Per team its awards as (award name, place), in the order of the season's awards."""
    try:
        found = event_results(event)
    except DomainError:
        return {}
    lang = language()
    awarded: dict[int, list[tuple[str, str]]] = {}
    for lists in award_lists(event, found).values():
        for item in lists:
            award = item.award
            for place, team in item.places():
                awarded.setdefault(team, []).append((award.name[lang], place_label(award, place)))
    return awarded


def public_prize_certificate(event: Event, team: Team) -> Certificate:
    return replace(
        _participation(event, team), award=_("Public prize"), place=_("chosen by the visitors")
    )


def certificates(event: Event, team_id: int | None = None) -> Iterator[Certificate]:
    """In printing order (team number, then name): each team's participation certificate,
    then its award certificates and the public prize. One team when `team_id` is given."""
    teams = present_teams(event)
    if team_id is not None:
        teams = [found for found in teams if found.id == team_id]
    if not teams:
        raise DomainError(_("There is no team to print a certificate for."), status=404)
    awarded = _awards_by_team(event)
    prize = voting.winner(event)
    for found in teams:
        participation = _participation(event, found)
        yield participation
        for award, place in awarded.get(found.id, []):
            yield replace(participation, award=award, place=place)
        if prize is not None and prize.team_id == found.id:
            yield public_prize_certificate(event, found)


def results(event: Event) -> list[Section]:
    """Per category: awards, teams going on, and (when the organiser shows it) the ranking
    with ties marked."""
    found = event_results(event)  # an event without rubrics is refused there
    if not any(category.ranking for category in found.categories):
        raise DomainError(
            _("This event has no results yet: rubrics and verified scores come first."), status=409
        )
    lists = award_lists(event, found)
    tickets = going(event)
    with_ranking = ranking_shown(event)
    lang = language()
    sections = []
    for category in found.categories:
        lines = []
        for item in lists[category.category.id]:
            for place, team in item.places():
                label = place_label(item.award, place)
                lines.append(
                    f"{item.award.name[lang]} — {label}: {team_label(category.teams[team])}"
                )
        for ticket in tickets:
            if ticket.category_id == category.category.id:
                lines.append(
                    _(
                        "To the national final: %(team)s (%(reason)s)",
                        team=team_label(ticket.team),
                        reason=ticket_reason(ticket),
                    )
                )
        rows = [
            (
                f"{row.position} ({_('tie')})" if row.tied else str(row.position),
                team_label(category.teams[row.team]),
                where(category.teams[row.team]),
            )
            for row in category.ranking
        ]
        grid = Grid((_("Position"), _("Team"), _("School / town")), rows, (0.15, 0.4, 0.45), 1)
        sections.append(Section(category.category.name, lines, (grid,) if with_ranking else ()))
    prize = voting.winner(event)
    if prize is not None:
        line = _("%(team)s, chosen by the visitors", team=team_label(prize.team))
        sections.append(Section(_("Public prize"), (line,)))
    return sections
