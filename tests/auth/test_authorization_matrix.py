"""Every endpoint for each of the 14 roles, with real ids from one world: who may use what is
written down here, apart from the code, and every request must get what this table says.

Allowed: anything but 403, a redirect to the log-in page or a 5xx. Denied: 403 for a signed-in
account, the log-in page (or 401 for the JSON APIs) for an anonymous visitor. POST requests
carry a valid CSRF token, so a refusal can only come from the access rule."""

import pytest
from werkzeug.routing import Rule

from challenges.events.models import Event
from challenges.extensions import db
from tests.auth.world import (
    ANONYMOUS,
    COACH,
    ELSEWHERE,
    HERE,
    ORGANISER,
    ROLES,
    World,
    build_world,
    url_for_rule,
)
from tests.factories import PASSWORD, FormClient

REFEREE, HEAD_REFEREE, JUDGE, JUDGE_ADVISOR, EVENT_MANAGER = HERE.values()

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
ORGANISERS = frozenset({ORGANISER})
TEAM_COACHES = frozenset({COACH, ORGANISER})
CREW = frozenset({*HERE.values(), ORGANISER})
MANAGERS = frozenset({EVENT_MANAGER, ORGANISER})
REFEREES = frozenset({REFEREE, HEAD_REFEREE, ORGANISER})
HEAD_REFEREES = frozenset({HEAD_REFEREE, ORGANISER})
JUDGES = frozenset({JUDGE, JUDGE_ADVISOR, ORGANISER})
ADVISORS = frozenset({JUDGE_ADVISOR, EVENT_MANAGER, ORGANISER})

PUBLIC_PAGES = {
    "core_tablets.offline",
    "core_tablets.service_worker",
    "auth.accept_invite",
    "auth.confirm",
    "auth.login",
    "auth.logout",
    "auth.request_reset",
    "auth.resend_confirmation",
    "auth.reset_password",
    "auth.signup",
    "core.accessibility",
    "core.healthz",
    "core.home",
    "core.privacy",
    "core.set_language",
    "printing.results",
    "registration.invitation",
    "awards_results.answer_ticket",
    "awards_results.confirm_vote",
    "awards_results.event_results",
    "awards_results.team_page",
    "awards_results.vote",
    "robot_game_scoreboard.phone",
    "robot_game_scoreboard.scoreboard_json",
    "robot_game_scoreboard.screen",
    "surveys.answer",
    "surveys.thanks",
}
ACCOUNT_PAGES = {
    "core_tablets.logged_in",
    "core_tablets.session",
    "auth.change_password",
    "core.dashboard",
    "registration.accept_invitation",
    "registration.mine",
    "registration.register",
    "schools.link",
    "schools.request_missing",
    "schools.search",
}
ORGANISER_PAGES = {
    "awards.advancement",
    "awards.confirm_advancement",
    "awards.decline_ticket",
    "awards.publish_results",
    "awards.results_ranking",
    "awards.wildcards",
    "core_outbox.message",
    "core_outbox.outbox",
    "core_outbox.retry",
    "events_admin.edit",
    "events_admin.index",
    "events_admin.new",
    "events_admin.place",
    "events_admin.placement",
    "events_admin.teams",
    "events_admin.unplace",
    "printing.branding_image",
    "printing.season_branding",
    "registration_admin.audit",
    "registration_admin.bulk",
    "registration_admin.coach_emails",
    "registration_admin.export",
    "backups.create",
    "backups.download",
    "backups.index",
    "registration_admin.index",
    "reports.index",
    "reports.season",
    "reports.season_pdf",
    "reports.season_xlsx",
    "judging_rubric_settings.rubric_settings",
    "schools_admin.approve",
    "schools_admin.import_file",
    "schools_admin.links",
    "schools_admin.merge",
    "schools_admin.reject",
    "schools_admin.remove_link",
    "schools_admin.requests",
    "seasons.add_category",
    "seasons.copy",
    "seasons.delete_category",
    "seasons.edit",
    "seasons.edit_category",
    "seasons.index",
    "seasons.new",
    "surveys_admin.index",
    "surveys_admin.season",
    "auth_admin.create",
    "auth_admin.detail",
    "auth_admin.grant",
    "auth_admin.index",
    "auth_admin.revoke",
}
TEAM_PAGES = {
    "printing.feedback",
    "printing.team_certificates",
    "registration.add_coach",
    "registration.cancel_invitation",
    "registration.detail",
    "registration.edit",
    "registration.remove_coach",
    "registration.withdraw",
    "awards_results.feedback",
    "awards_results.team_ticket",
}
CREW_PAGES = {
    "events.cockpit",
    "events.conflicts",
    "events.market",
    "events.now",
    "events.remove_conflict",
    "events.schedule",
    "events.schedule_file",
    "events.volunteers",
    "printing.market_plan",
    "printing.schedule",
    "printing.signs",
    "printing.stand_cards",
    "printing.vote_poster",
}
MANAGER_PAGES = {
    "events.check_in",
    "events.generate_schedule",
    "events.import_schedule",
    "events.invite_volunteer",
    "events.mark",
    "events.number_stands",
    "judging.market_plan",
    "printing.public_prize_certificate",
    "awards_public_prize.overview",
    "awards_public_prize.record",
    "awards_public_prize.vote",
    "awards_public_prize.withdraw",
    "reports.event_visitors",
    "surveys_admin.close",
    "surveys_admin.event",
    "surveys_admin.remind",
    "surveys_admin.send",
}
REFEREE_PAGES = {
    "printing.blank_scoresheet",
    "robot_game.matches",
    "robot_game.referee",
    "robot_game.score",
    "robot_game_api.api_submit",
}
HEAD_REFEREE_PAGES = {
    "printing.filled_scoresheet",
    "robot_game.head_referee",
    "robot_game.head_referee_state",
    "robot_game.no_show",
    "robot_game.refused_sheet",
    "robot_game.reject",
    "robot_game.rerun",
    "robot_game.round_action",
    "robot_game.scoreboard_freeze",
    "robot_game.settle",
    "robot_game.sheet_detail",
    "robot_game.upload",
    "robot_game.verify",
}
JUDGE_PAGES = {
    "judging.home",
    "judging.market",
    "judging.market_action",
    "judging.market_leave",
    "judging.rubric",
    "judging.withdraw",
    "judging_api.api_save",
    "printing.blank_rubric",
}
ADVISOR_PAGES = {
    "awards.awards",
    "awards.break_tie",
    "awards.give_award",
    "awards.remove_award",
    "judging.advisor",
    "judging.market_live",
    "judging.market_release",
    "judging.refused_rubric",
    "judging.seating",
    "printing.event_certificates",
}
EXPECTED: dict[str, frozenset[str]] = {
    **dict.fromkeys(PUBLIC_PAGES, EVERYONE),
    **dict.fromkeys(ACCOUNT_PAGES, SIGNED_IN),
    **dict.fromkeys(ORGANISER_PAGES, ORGANISERS),
    **dict.fromkeys(TEAM_PAGES, TEAM_COACHES),
    **dict.fromkeys(CREW_PAGES, CREW),
    **dict.fromkeys(MANAGER_PAGES, MANAGERS),
    **dict.fromkeys(REFEREE_PAGES, REFEREES),
    **dict.fromkeys(HEAD_REFEREE_PAGES, HEAD_REFEREES),
    **dict.fromkeys(JUDGE_PAGES, JUDGES),
    **dict.fromkeys(ADVISOR_PAGES, ADVISORS),
}
NOT_ROUTES = {"static"}
# Pages the world cannot show to anyone, whatever the role.
GET_REFUSED_FOR_ALL = {
    "backups.download": 404,  # the world has no backup file
    "printing.results": 409,  # the world's teams lack rubrics, so there are no results to print
    # The world's event is an FLL final, which has no public prize (voting.ensure_public_prize)
    "printing.stand_cards": 404,
    "printing.vote_poster": 404,
    "printing.public_prize_certificate": 404,
    "awards_public_prize.overview": 404,
    "printing.market_plan": 409,  # the world's market has not started: no round plan yet
    "printing.branding_image": 404,  # the world's season has no logo
    "awards_results.confirm_vote": 404,  # the world's token is no vote's token
    "awards_results.answer_ticket": 404,  # nor a ticket's
    "registration.invitation": 404,  # nor an invitation's token
    "surveys.answer": 404,  # nor a survey's
    "surveys.thanks": 404,
}
LAST = "auth.logout"  # it ends the session of the role being tried


def test_every_endpoint_has_a_row_in_the_expected_table(app):
    endpoints = set(app.view_functions) - NOT_ROUTES
    assert sorted(endpoints - set(EXPECTED)) == [], "add these endpoints to EXPECTED"
    assert sorted(set(EXPECTED) - endpoints) == [], "these endpoints no longer exist"


def requests_of(app) -> list[tuple[str, str, Rule]]:
    found = [
        (rule.endpoint, method, rule)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in NOT_ROUTES
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    return sorted(found, key=lambda item: (item[0] == LAST, item[1] == "POST", item[0]))


def send(client: FormClient, method: str, path: str, token: str):
    if method == "GET":
        return client.get(path)
    if path.startswith("/api/"):
        return client.post(path, json={}, headers={"X-CSRFToken": token})
    return client.post(path, data={"csrf_token": token})


def refused(role: str, path: str, response) -> bool:
    if role == ANONYMOUS:
        to_login = response.status_code == 302 and "/account/login" in response.location
        return to_login or (path.startswith("/api/") and response.status_code == 401)
    return response.status_code == 403


def answered_well(endpoint: str, method: str, status: int, allowed: bool) -> bool:
    """Never a 5xx. A page someone may open opens (a POST without its form's fields may be
    refused by the form, not by the access rule)."""
    if status >= 500:
        return False
    if not allowed or method == "POST":
        return True
    return status < 400 or GET_REFUSED_FOR_ALL.get(endpoint) == status


def mismatches(app, world: World, role: str) -> list[str]:
    client = FormClient(app.test_client())
    if role != ANONYMOUS:
        client.log_in(world.users[role].email, PASSWORD)
    token = client.csrf_token("/account/reset")
    wrong = []
    for endpoint, method, rule in requests_of(app):
        path = url_for_rule(rule, world.params)
        response = send(client, method, path, token)
        allowed = role in EXPECTED[endpoint]
        if refused(role, path, response) == allowed or not answered_well(
            endpoint, method, response.status_code, allowed
        ):
            expected = "allowed" if allowed else "refused"
            wrong.append(f"{method} {path} ({endpoint}): {response.status_code}, {expected}")
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_as_the_table_says(app, role):
    world = build_world()
    assert mismatches(app, world, role) == []


UNPUBLISHED_EVENT_PAGES = {
    "robot_game_scoreboard.phone",
    "robot_game_scoreboard.screen",
    "robot_game_scoreboard.scoreboard_json",
    "awards_results.event_results",
    "awards_results.team_page",
    "printing.results",
}


@pytest.mark.parametrize("role", [ANONYMOUS, COACH, *ELSEWHERE.values(), *HERE.values(), ORGANISER])
def test_an_unpublished_event_is_seen_by_its_crew_and_organisers_only(app, role):
    world = build_world()
    db.session.get(Event, world.params["event_id"]).published = False
    db.session.commit()
    client = FormClient(app.test_client())
    if role != ANONYMOUS:
        client.log_in(world.users[role].email, PASSWORD)
    rules = [rule for rule in app.url_map.iter_rules() if rule.endpoint in UNPUBLISHED_EVENT_PAGES]
    assert len(rules) == len(UNPUBLISHED_EVENT_PAGES)
    for rule in rules:
        path = url_for_rule(rule, world.params)
        status = client.get(path).status_code
        seen = status < 400 or GET_REFUSED_FOR_ALL.get(rule.endpoint) == status
        assert status == 404 if role not in CREW else seen, f"{path}: {status}"
