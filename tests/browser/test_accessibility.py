"""WCAG 2.1 AA in CI (#20): axe-core on every page type of every role at phone (390 px) and
desktop (1366 px) width, tablet pages also at 1024 px, failing on any serious or critical
violation; and reflow (1.4.10): at 320 px no page scrolls sideways.

One browser context per role, logged in once and kept for the module; each state is one page
load and one axe run. Paths name their ids in braces, filled in from the demo data (`places`)."""

from dataclasses import dataclass

import pytest

from challenges.demo import data
from challenges.demo.dates import amsterdam_today
from tests.browser.axe import blocking_violations, describe
from tests.browser.conftest import PHONE, TABLET, log_in

# The markup under test is the same on either database: CI runs this module once (on SQLite in
# `make test`), not again on PostgreSQL (tests/conftest.py, no_database).
pytestmark = [pytest.mark.browser, pytest.mark.no_database]

DESKTOP = {"width": 1366, "height": 768}
NARROW = {"width": 320, "height": 640}

ACCOUNTS = {
    "coach": ("coach@demo.challenges.nl", "demo-coach-2025"),
    "referee": ("referee@demo.challenges.nl", "demo-referee-2025"),
    "head referee": ("headreferee@demo.challenges.nl", "demo-head-referee-2025"),
    "judge": ("judge@demo.challenges.nl", "demo-judge-2025"),
    "judge advisor": ("judgeadvisor@demo.challenges.nl", "demo-judge-advisor-2025"),
    "event manager": ("eventmanager@demo.challenges.nl", "demo-event-manager-2025"),
    "organiser": ("organiser@demo.challenges.nl", "demo-organiser-2025"),
    "Vakkanjers juror": (data.MARKET_JURORS[0][0], data.JUROR_PASSWORD),
}


@dataclass(frozen=True)
class Audited:
    role: str  # "anonymous" or a key of ACCOUNTS
    name: str
    path: str  # with {places}; "->selector" at the end: follow the first such link from there


PAGES = [
    Audited("anonymous", "home", "/"),
    Audited("anonymous", "log-in", "/account/login"),
    Audited("anonymous", "sign-up", "/account/signup"),
    Audited("anonymous", "results (one category)", "/events/{fll_finished}/results"),
    Audited("anonymous", "results (categories)", "/events/{vk_finished}/results"),
    Audited("anonymous", "scoreboard phone page", "/events/{fll_finished}/scoreboard"),
    Audited("anonymous", "audience screen", "/events/{fll_finished}/scoreboard/screen"),
    Audited("anonymous", "privacy", "/privacy"),
    Audited("anonymous", "accessibility statement", "/toegankelijkheid"),
    Audited("anonymous", "public vote", "/events/{vk_finished}/vote"),
    Audited("coach", "dashboard", "/dashboard"),
    Audited("coach", "my registrations", "/teams/"),
    Audited("coach", "register a team", "/teams/register/{fll_season}"),
    Audited("coach", "team page", "/teams/->main tbody a"),
    Audited("coach", "jury feedback", "/teams/{coached_finalist}/feedback/{fll_finished_id}"),
    Audited("judge advisor", "advisor page", "/events/{fll_finished_id}/judging/advisor"),
    Audited("judge advisor", "judging panels", "/events/{event}/judging/panels"),
    Audited("judge advisor", "awards", "/events/{fll_finished_id}/awards"),
    Audited("event manager", "cockpit", "/events/{event}/cockpit"),
    Audited("event manager", "schedule", "/events/{event}/schedule"),
    Audited("event manager", "volunteers", "/events/{event}/volunteers"),
    Audited("event manager", "visitors", "/admin/reports/events/{event}/visitors"),
    Audited("event manager", "Vakkanjers cockpit", "/events/{market}/cockpit"),
    Audited("event manager", "Vakkanjers market", "/events/{market}/market"),
    Audited("event manager", "Vakkanjers live floor", "/events/{market}/judging/market/live"),
    Audited("event manager", "Vakkanjers public prize", "/events/{market}/public-prize"),
    Audited("Vakkanjers juror", "market floor", "/events/{market}/judging/market"),
    Audited("organiser", "seasons", "/admin/seasons/"),
    Audited("organiser", "a season", "/admin/seasons/{fll_season}"),
    Audited("organiser", "rubric settings", "/seasons/{fll_season}/rubrics"),
    Audited("organiser", "events", "/admin/events/"),
    Audited("organiser", "an event's teams", "/admin/events/{event}/teams"),
    Audited("organiser", "placement", "/admin/events/placement/{fll_season}"),
    Audited("organiser", "registrations", "/admin/registrations/"),
    Audited("organiser", "users", "/admin/users/"),
    Audited("organiser", "mail outbox", "/admin/outbox/"),
    Audited("organiser", "reports", "/admin/reports/"),
    Audited("organiser", "season report", "/admin/reports/seasons/{fll_season}"),
    Audited("organiser", "backups", "/admin/backups"),
    Audited("organiser", "evaluations", "/admin/surveys/"),
    Audited("organiser", "a season's evaluations", "/admin/surveys/->main a[href*=seasons]"),
    Audited("organiser", "an event's evaluation", "/admin/surveys/events/{fll_finished_id}"),
]
# Used on a tablet, so audited at 1024 px too.
TABLET_PAGES = [
    Audited("referee", "table choice", "/events/{event}/referee"),
    Audited(
        "referee", "sheet form", "/events/{event}/referee/matches?table=table+1->.match-list a"
    ),
    Audited("head referee", "desk", "/events/{event}/head-referee"),
    Audited(
        "organiser", "a verified sheet", "/events/{fll_finished_id}/head-referee->#verified-rows a"
    ),
    Audited("judge", "judging home", "/events/{event}/judging"),
    Audited("judge", "rubric", "/events/{event}/judging->.judging-sessions a"),
    Audited("event manager", "check-in", "/events/{event}/check-in"),
]


def states(widths: list[dict], tablet_too: bool) -> list:
    """(page, viewport) pairs with readable ids: "organiser: a season @390"."""
    return [
        pytest.param(page, viewport, id=f"{page.role}: {page.name} @{viewport['width']}")
        for page in PAGES + TABLET_PAGES
        for viewport in widths + ([TABLET] if tablet_too and page in TABLET_PAGES else [])
    ]


@pytest.fixture(scope="module")
def places(live_server) -> dict[str, str]:
    world = data.world(amsterdam_today())

    def event_id(slug: str) -> str:
        [(found,)] = live_server.rows("SELECT id FROM event WHERE slug = ?", slug)
        return str(found)

    [(fll_season,)] = live_server.rows("SELECT id FROM season WHERE key = ?", world.running)
    fll_finished_id = event_id(world.finished[0])
    [(coached_finalist,), *_others] = live_server.rows(
        "SELECT team_coach.team_id FROM team_coach"
        ' JOIN "user" ON "user".id = team_coach.user_id'
        " JOIN event_team ON event_team.team_id = team_coach.team_id"
        ' WHERE "user".email = ? AND event_team.event_id = ? ORDER BY team_coach.team_id',
        ACCOUNTS["coach"][0],
        fll_finished_id,
    )
    return {
        "event": event_id(world.demo_event),
        "fll_finished_id": fll_finished_id,
        "coached_finalist": str(coached_finalist),
        "market": event_id(world.demo_market),
        "fll_season": str(fll_season),
        "fll_finished": world.finished[0],
        "vk_finished": world.finished[1],
    }


@pytest.fixture(scope="module")
def pages_by_role(live_server, browser):
    """A logged-in page per role, made when first asked for and kept for the module."""
    made = {}

    def page_of(role: str):
        if role not in made:
            context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
            made[role] = context.new_page()
            if role in ACCOUNTS:
                log_in(made[role], live_server, *ACCOUNTS[role])
        return made[role]

    yield page_of
    for page in made.values():
        page.context.close()


@pytest.fixture(scope="module")
def show(live_server, places, pages_by_role):
    """Opens an audited page in its role's browser at a width: one page load (a link to follow
    is looked up once per page, the same at every width)."""
    followed: dict[Audited, str] = {}

    def open_state(audited: Audited, viewport: dict):
        page = pages_by_role(audited.role)
        page.set_viewport_size(viewport)
        path, _, link = audited.path.format(**places).partition("->")
        if link and audited not in followed:
            page.goto(f"{live_server}{path}")
            followed[audited] = page.locator(link).first.get_attribute("href")
        response = page.goto(f"{live_server}{followed.get(audited, path)}")
        assert response is not None
        assert response.ok, f"{audited.name} ({response.url}): {response.status}"
        return page

    return open_state


@pytest.mark.parametrize(("audited", "viewport"), states([PHONE, DESKTOP], tablet_too=True))
def test_no_serious_or_critical_axe_violations(show, audited, viewport):
    page = show(audited, viewport)
    violations = blocking_violations(page)
    where = f"{audited.role} · {audited.name} ({page.url}) at {viewport['width']} px"
    if violations:
        pytest.fail(describe(where, violations), pytrace=False)


@pytest.mark.parametrize(("audited", "viewport"), states([NARROW], tablet_too=False))
def test_no_page_scrolls_sideways_at_320_px(show, audited, viewport):
    page = show(audited, viewport)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        pytest.fail(
            f"{audited.name} ({page.url}) is {width} px wide: {sticking_out(page)}", pytrace=False
        )


def sticking_out(page) -> list[str]:
    """The first elements whose right edge lies beyond 320 px (where to look for the cause)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(element => element.getBoundingClientRect().right > 320.5)
            .slice(0, 5).map(element => element.outerHTML.slice(0, 120))"""
    )
