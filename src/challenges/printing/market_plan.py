"""The Vakkanjers Markt's round plan on paper: per round its time and every juror's stand, then
each juror's own route and the stands with their teams (for the jurors' clipboards)."""

from typing import IO

from flask_babel import gettext as _

from challenges.errors import DomainError
from challenges.events.market.services import (
    PlannedStand,
    StoredPlan,
    jurors,
    market_teams,
    stored_plan,
)
from challenges.events.models import Event
from challenges.i18n import NOTHING, as_date, as_time
from challenges.printing import sources
from challenges.printing.tables import Grid, Section, write_tables


def _stand(visit: PlannedStand | None) -> str:
    if visit is None:
        return NOTHING
    number = str(visit.number or NOTHING)
    return _("%(number)s (no-show)", number=number) if visit.no_show else number


def _span(plan: StoredPlan, index: int) -> str:
    ends = plan.times[index + 1] if index + 1 < len(plan.times) else plan.ends_at()
    return f"{as_time(plan.times[index])}-{as_time(ends)}"


def plan_sections(event: Event, plan: StoredPlan) -> list[Section]:
    names = {juror.id: juror.name for juror in jurors(event)}
    planned = [juror for juror in names if any(juror in round_ for round_ in plan.rounds)]
    header = (_("Round"), _("Time"), *(names[juror] for juror in planned))
    rows = [
        (str(number), _span(plan, number - 1), *(_stand(round_.get(j)) for j in planned))
        for number, round_ in enumerate(plan.rounds, start=1)
        if round_  # a plan made again after it ran out skips the rounds in between
    ]
    share = 0.78 / max(len(planned), 1)
    sections = [
        Section(
            _("Jury rounds"),
            (_("The numbers are stand numbers. Every stand is seen by at least two jurors."),),
            (Grid(header, rows, (0.08, 0.14, *(share,) * len(planned)), 0),),
        )
    ]
    for juror in planned:
        route = [
            (str(number), _span(plan, number - 1), _stand(visit), visit.team.name)
            for number, round_ in enumerate(plan.rounds, start=1)
            if (visit := round_.get(juror)) is not None
        ]
        grid = Grid((_("Round"), _("Time"), _("Stand"), _("Team")), route, (0.1, 0.2, 0.15, 0.55))
        sections.append(Section(_("Route of %(name)s", name=names[juror]), (), (grid,)))
    stands = [
        (str(placed.stand), team.name, team.school.name if team.school else (team.town or ""))
        for placed, team in market_teams(event)
        if placed.stand is not None
    ]
    grid = Grid((_("Stand"), _("Team"), _("School")), stands, (0.12, 0.44, 0.44))
    sections.append(Section(_("Stands"), (), (grid,)))
    return sections


def write_market_plan(out: IO[bytes], event: Event) -> int:
    plan = stored_plan(event)
    if plan is None:
        raise DomainError(_("The round plan is fixed when the market starts."), status=409)
    what = _("Round plan")
    subtitle = _(
        "%(date)s · rounds of %(minutes)s minutes · version %(version)s",
        date=as_date(event.starts_on),
        minutes=plan.plan.round_minutes,
        version=plan.plan.version,
    )
    return write_tables(
        out,
        f"{what} · {event.name}",
        subtitle,
        plan_sections(event, plan),
        sources.footer(what, event),
        wide=True,
    )
