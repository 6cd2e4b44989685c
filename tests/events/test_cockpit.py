"""The event cockpit: every page and print of an event one click away, each shown to the roles
its own access rule lets in, and in the words of the event's programme."""

import html
import re
import uuid

import pytest

from challenges.auth.policies import ORGANISER, Policy
from challenges.auth.roles import Role
from challenges.events import cockpit as cockpit_sections
from challenges.events.market import services as market_service
from challenges.events.models import EventKind
from challenges.extensions import db
from challenges.judging import entries
from challenges.judging.assessment import FilledRubric
from challenges.judging.entries import rubric_set_of
from tests.events.programme_words import FLL_WORDS, VAKKANJERS_WORDS, main_of, words_in
from tests.factories import (
    grant_event_role,
    make_event,
    make_open_season,
    make_placed_teams,
    make_user,
)
from tests.judging.conftest import judged  # noqa: F401 (a fixture)
from tests.robot_game.conftest import SEASON, schedule_matches

LIVE_FLOOR = "judging.market_live"  # being built by the market floor's work (#19, part 1)
SECTIONS = ("cockpit-prepare", "cockpit-day", "cockpit-after", "cockpit-prints")


def links_of(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]+)"', page)]


@pytest.fixture
def fll(judged):  # noqa: F811 (the fixture imported above)
    """An FLL event with teams, matches, verified sheets, rubrics and a robot game."""
    judged.event.season.robot_game_key = SEASON
    schedule_matches(judged.event, judged.teams)
    db.session.commit()
    return judged.event


@pytest.fixture
def vakkanjers(app):
    """A Vakkanjers market whose teams the jury has assessed."""
    season = make_open_season(numbers_teams=False, allows_clubs=False)
    season.programme.name = "Vakkanjers"
    season.rubric_set_key = "vakkanjers-jury"
    db.session.commit()
    event = make_event(season=season, name="Halve finale Zuid")
    juror = make_user(name="Anouk Jurylid")
    grant_event_role(juror, event, Role.JUDGE)
    grant_event_role(juror, event, Role.JUDGE_ADVISOR)  # files a form for any stand
    rows = [row.id for row in rubric_set_of(event).rubric("jury").rows]
    for team in make_placed_teams(event, 3):
        filled = FilledRubric(dict.fromkeys(rows, 3), {})
        entries.save(
            event, entries.RubricInput(uuid.uuid4().hex, team.id, "jury", filled, True), juror
        )
    db.session.commit()
    return event


def log_in(client, role: Role | None, event) -> None:
    user = make_user(roles=(role,) if role is Role.ORGANISER else ())
    if role is not None and role is not Role.ORGANISER:
        grant_event_role(user, event, role)
    client.log_in(user.email)


def cockpit(client, event, language: str = "nl") -> str:
    return main_of(client.get(f"/events/{event.id}/cockpit?lang={language}"))


def assert_every_link_answers(client, page: str) -> None:
    links = links_of(page)
    assert links
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, f"{link}: {response.status_code}"
        if response.content_type == "application/pdf":
            assert response.data.startswith(b"%PDF"), link


@pytest.mark.parametrize("role", [Role.ORGANISER, Role.EVENT_MANAGER])
def test_organiser_and_event_manager_see_every_section_and_every_link_answers(client, fll, role):
    log_in(client, role, fll)
    page = cockpit(client, fll)
    assert all(f'id="{section}"' in page for section in SECTIONS)
    assert_every_link_answers(client, page)


def test_the_organiser_finds_every_print_and_desk_of_an_fll_event(client, fll):
    log_in(client, Role.ORGANISER, fll)
    links = set(links_of(cockpit(client, fll)))
    base = f"/events/{fll.id}"
    expected = {
        f"/admin/events/{fll.id}",
        f"/admin/events/{fll.id}/teams",
        f"{base}/volunteers",
        f"{base}/check-in",
        f"{base}/schedule",
        f"{base}/head-referee",
        f"{base}/judging",
        f"{base}/judging/advisor",
        f"{base}/awards",
        f"{base}/awards/advancement",
        f"/events/{fll.slug}/scoreboard",
        f"/events/{fll.slug}/scoreboard/screen",
        f"/events/{fll.slug}/results.pdf",
        f"{base}/print/certificates",
        f"{base}/print/scoresheet",
        f"{base}/print/rubrics/innovation_project",
        f"{base}/print/signs",
        *(f"{base}/print/schedule?by={by}" for by in ("event", "team", "table", "room")),
    }
    assert expected <= links


def test_the_event_manager_sees_no_link_their_role_would_be_refused(client, fll):
    log_in(client, Role.EVENT_MANAGER, fll)
    links = links_of(cockpit(client, fll))
    assert f"/events/{fll.id}/check-in" in links
    assert f"/admin/events/{fll.id}" not in links  # organisers only
    assert f"/events/{fll.id}/head-referee" not in links


def test_a_referee_sees_only_their_parts(client, fll):
    log_in(client, Role.REFEREE, fll)
    page = cockpit(client, fll)
    links = links_of(page)
    base = f"/events/{fll.id}"
    assert f"{base}/referee" in links
    assert f"{base}/print/scoresheet" in links
    assert f"{base}/schedule" in links
    refused = ("/admin/", "/check-in", "/head-referee", "/judging", "/awards", "/certificates")
    assert [link for link in links if any(part in link for part in refused)] == []
    assert 'id="cockpit-after"' not in page  # nothing there for a referee before publication
    assert_every_link_answers(client, page)


@pytest.mark.parametrize("role", [Role.COACH, Role.REFEREE])
def test_a_coach_or_crew_of_another_event_is_refused(client, fll, role):
    elsewhere = make_event(season=fll.season, name="Regiofinale Elders")
    user = make_user(roles=(Role.COACH,) if role is Role.COACH else ())
    if role is Role.REFEREE:
        grant_event_role(user, elsewhere, role)
    client.log_in(user.email)
    assert client.get(f"/events/{fll.id}/cockpit").status_code == 403


def test_a_stranger_is_sent_to_log_in(client, fll):
    response = client.get(f"/events/{fll.id}/cockpit")
    assert response.status_code == 302
    assert "/account/login" in response.location


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_fll_cockpit_has_no_vakkanjers_words(client, fll, language):
    log_in(client, Role.ORGANISER, fll)
    assert words_in(cockpit(client, fll, language), VAKKANJERS_WORDS) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_vakkanjers_cockpit_has_no_fll_words(client, vakkanjers, language):
    log_in(client, Role.ORGANISER, vakkanjers)
    page = cockpit(client, vakkanjers, language)
    assert words_in(page, FLL_WORDS) == []
    assert f"/events/{vakkanjers.id}/market" in links_of(page)
    assert f"/events/{vakkanjers.id}/judging/market" in links_of(page)


def footer_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.text.split('<footer class="site-footer">', 1)[1].split("</footer>", 1)[0]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_footer_of_a_programmes_pages_names_only_the_platform(
    client, vakkanjers, fll, language
):
    log_in(client, Role.ORGANISER, vakkanjers)
    for event, others_words in ((vakkanjers, FLL_WORDS), (fll, VAKKANJERS_WORDS)):
        for page in (f"/events/{event.id}/cockpit", f"/events/{event.slug}/results"):
            footer = footer_of(client.get(f"{page}?lang={language}"))
            assert "Platform Talent voor Technologie" in footer
            assert words_in(footer, others_words) == [], page
    assert words_in(footer_of(client.get("/")), FLL_WORDS + VAKKANJERS_WORDS) == []


def test_every_link_of_a_vakkanjers_cockpit_answers(client, vakkanjers):
    log_in(client, Role.ORGANISER, vakkanjers)
    assert_every_link_answers(client, cockpit(client, vakkanjers))


def test_the_cockpit_is_reached_from_the_events_list_the_event_and_the_dashboard(client, fll):
    address = f"/events/{fll.id}/cockpit"
    log_in(client, Role.ORGANISER, fll)
    assert address in links_of(main_of(client.get("/admin/events/")))
    assert address in links_of(main_of(client.get(f"/admin/events/{fll.id}")))
    client.post("/account/logout", data={"csrf_token": client.csrf_token("/dashboard")})
    log_in(client, Role.EVENT_MANAGER, fll)
    assert address in links_of(main_of(client.get("/dashboard")))
    assert address in links_of(main_of(client.get(f"/events/{fll.id}/check-in")))


def test_every_entry_names_a_guarded_endpoint(app):
    for _key, _title, entries_of_section in cockpit_sections.SECTIONS:
        for entry in entries_of_section:
            if entry.endpoint != LIVE_FLOOR or LIVE_FLOOR in app.view_functions:
                assert isinstance(app.view_functions[entry.endpoint].access_policy, Policy)


def test_a_page_not_built_yet_shows_no_link(client, vakkanjers, app, monkeypatch):
    log_in(client, Role.EVENT_MANAGER, vakkanjers)
    monkeypatch.delitem(app.view_functions, "events.market")
    assert f"/events/{vakkanjers.id}/market" not in links_of(cockpit(client, vakkanjers))


def test_the_event_manager_and_the_coordinator_find_the_live_floor(client, vakkanjers, app):
    if LIVE_FLOOR not in app.view_functions:
        pytest.skip("the market floor's live view is not there yet")
    live = f"/events/{vakkanjers.id}/judging/market/live"
    for role in (Role.EVENT_MANAGER, Role.JUDGE_ADVISOR):
        log_in(client, role, vakkanjers)
        assert live in links_of(cockpit(client, vakkanjers))
        assert client.get(live).status_code == 200
    log_in(client, Role.JUDGE, vakkanjers)
    assert live not in links_of(cockpit(client, vakkanjers))


def test_a_link_follows_the_rule_of_the_page_it_opens(client, fll, app, monkeypatch):
    """No access rule of its own: change the check-in page's rule and its link follows."""
    log_in(client, Role.EVENT_MANAGER, fll)
    check_in = f"/events/{fll.id}/check-in"
    assert check_in in links_of(cockpit(client, fll))
    monkeypatch.setattr(app.view_functions["events.check_in"], "access_policy", ORGANISER)
    assert check_in not in links_of(cockpit(client, fll))


def test_the_event_manager_runs_a_market_from_the_cockpit(client, vakkanjers):
    log_in(client, Role.EVENT_MANAGER, vakkanjers)
    base = f"/events/{vakkanjers.id}"
    links = set(links_of(cockpit(client, vakkanjers)))
    expected = {
        f"{base}/market",
        f"{base}/check-in",
        f"{base}/print/signs",
        f"{base}/print/vote-poster?size=a4",
        f"{base}/print/vote-poster?size=a3",
        f"{base}/judging/advisor",
        f"{base}/public-prize",
    }
    assert expected <= links
    assert f"{base}/print/market-plan" not in links  # not fixed yet: it would answer 409
    assert f"{base}/print/stand-cards" not in links  # no stand numbers yet: 409 as well
    assert not any("/schedule" in link or "/panels" in link for link in links)


def test_the_round_plan_and_stand_cards_follow_the_numbered_and_started_market(client, vakkanjers):
    second = make_user(name="Bram Jurylid")
    grant_event_role(second, vakkanjers, Role.JUDGE)
    market_service.assign_stands(vakkanjers)
    market_service.fix_plan(vakkanjers, second)
    db.session.commit()
    log_in(client, Role.EVENT_MANAGER, vakkanjers)
    page = cockpit(client, vakkanjers)
    base = f"/events/{vakkanjers.id}"
    assert {f"{base}/print/market-plan", f"{base}/print/stand-cards"} <= set(links_of(page))
    assert_every_link_answers(client, page)


@pytest.mark.parametrize(
    ("language", "title"), [("nl", "Finalisten en wildcards"), ("en", "Finalists and wildcards")]
)
def test_the_national_finals_cockpit_leads_to_its_finalists(client, vakkanjers, language, title):
    national = make_event(season=vakkanjers.season, name="Landelijke finale")
    national.kind = EventKind.NATIONAL
    db.session.commit()
    log_in(client, Role.ORGANISER, national)
    page = cockpit(client, national, language)
    finalists = f"/events/{national.id}/awards/wildcards"
    link = re.search(rf'<a [^>]*href="{finalists}"[^>]*>\s*([^<]+?)\s*<', page)
    assert link is not None
    assert link.group(1) == title
    assert "Wildcards<" not in page
    opened = main_of(client.get(f"{finalists}?lang={language}"))
    assert f"<h1>{title}</h1>" in opened
    assert f"/events/{vakkanjers.id}/awards/wildcards" not in links_of(cockpit(client, vakkanjers))


def test_an_fll_cockpit_has_no_market_parts(client, fll):
    log_in(client, Role.ORGANISER, fll)
    links = links_of(cockpit(client, fll))
    market_parts = ("/market", "/vote-poster", "/stand-cards", "/market-plan")
    assert [link for link in links if any(part in link for part in market_parts)] == []
