"""The README's deployment with its two app servers behind nginx, on the demo world: the public
scoreboard is micro-cached (however many phones ask, one app request per max-age; a verified
score is on the board within max-age), and a log-in and the log-in limit hold whichever
server answers."""

import json
import re
import time
from collections import Counter
from email.message import Message
from urllib.request import urlopen

import pytest

from challenges.auth.roles import Role
from challenges.demo import data
from challenges.demo.finished import FINISHED_FLL
from challenges.forms import FORM_ERROR_STATUS
from challenges.robot_game.definitions import load
from tests.concurrency import at_the_same_moment
from tests.deployment.browser import Browser
from tests.deployment.deployment import APP_SERVERS, Deployment, eventually, rows

PHONES = 200
BIOGLOW = "fll-2026-bioglow-founders"  # the Robot Game of the demo event's season
# nginx counts max-age in whole seconds, then fetches the new board in the background.
MARGIN = 2


def bioglow_sheet(**changes) -> dict:
    """A complete BIOGLOW sheet: the start sheet (70 points), every other yes/no question no
    and every count 0, with these answers changed."""
    season = load(BIOGLOW)
    sheet = {q.id: False for q in season.questions if q.type == "yesno"}
    sheet |= {q.id: 0 for q in season.questions if q.type == "count"}
    return sheet | season.start_sheet() | changes


SHEET, SHEET_SCORE = bioglow_sheet(m02_seeds_released=2), 90


def board_json(slug: str) -> str:
    return f"/api/v1/events/{slug}/scoreboard"


def fetch(deployment: Deployment, path: str) -> tuple[Message, bytes]:
    """A phone without cookies, on a connection of its own."""
    tls = deployment.browser.tls
    with urlopen(deployment.base_url + path, context=tls, timeout=60) as response:
        return response.headers, response.read()


def max_age(headers: Message) -> int:
    return int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))


def logged_in(deployment: Deployment, role: Role) -> Browser:
    """A browser logged in, through nginx, as the demo account of that role."""
    [email] = [email for email, _, held in data.ACCOUNTS if held is role]
    browser = deployment.new_browser()
    browser.get("/account/login")
    page = browser.submit("/account/login", {"email": email, "password": data.demo_password(role)})
    assert page.status == 200, page.text
    assert not page.url.endswith("/account/login"), page.text
    return browser


def form_value(answer: bool | int | str) -> str:
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    return str(answer)


def scored(browser: Browser, event_id: int, match_id: int) -> int:
    """The match scored on the referee's plain form; the sheet's id, from the desk's button."""
    sheet_form = f"/events/{event_id}/referee/matches/{match_id}"
    page = browser.get(sheet_form)
    [client_key] = re.findall(r'name="client_key" value="([^"]+)"', page.text)
    form = {question: form_value(answer) for question, answer in SHEET.items()}
    form |= {"client_key": client_key, "referee_name": "Hanna", "team_confirmation": "AB"}
    saved = browser.submit(sheet_form, form)
    assert saved.status == 200, saved.text
    assert "/referee/matches?" in saved.url, saved.text
    desk = browser.get(f"/events/{event_id}/head-referee").text
    [sheet_id] = set(re.findall(rf"/events/{event_id}/head-referee/sheets/(\d+)/verify", desk))
    return int(sheet_id)


@pytest.mark.slow
def test_two_hundred_phones_cost_the_app_one_request_per_max_age(deployment):
    path = board_json(FINISHED_FLL)
    started = time.monotonic()
    phones = at_the_same_moment(*[lambda: fetch(deployment, path)] * PHONES)
    elapsed = time.monotonic() - started
    assert not [failed for failed in phones if isinstance(failed, Exception)]
    assert len({body for _, body in phones}) == 1
    assert any(team["best"] for team in json.loads(phones[0][1])["teams"])
    windows = 1 + int(elapsed // max_age(phones[0][0]))
    served = Counter(headers["X-Cache-Status"] for headers, _ in phones)
    asked = eventually(lambda: deployment.app_requests(path), 10, "the app's log of the board")
    assert asked <= windows, (asked, windows, served)


@pytest.mark.slow
def test_a_verified_score_is_on_the_cached_board_within_max_age(deployment):
    path = board_json(data.DEMO_EVENT)
    event_id = json.loads(fetch(deployment, path)[1])["event"]["id"]
    [(match_id, team_id)] = rows(
        deployment.database_url,
        "SELECT id, team_id FROM schedule_entry WHERE event_id = %s AND kind = 'ranking' "
        "ORDER BY starts_at, id LIMIT 1",
        event_id,
    )
    head_referee = logged_in(deployment, Role.HEAD_REFEREE)
    sheet_id = scored(head_referee, event_id, match_id)

    def best() -> int | None:
        teams = json.loads(fetch(deployment, path)[1])["teams"]
        [team] = [team for team in teams if team["team_id"] == team_id]
        return team["best"]

    assert best() is None  # the old board, now kept by nginx
    desk = f"/events/{event_id}/head-referee"
    verified = head_referee.submit(f"{desk}/sheets/{sheet_id}/verify", {})
    assert (verified.status, verified.url) == (200, deployment.base_url + desk), verified.text
    seconds = max_age(fetch(deployment, path)[0]) + MARGIN
    eventually(lambda: best() == SHEET_SCORE, seconds, "the verified score on the public board")


@pytest.mark.slow
def test_a_log_in_and_the_log_in_limit_hold_whichever_server_answers(deployment):
    event_id = json.loads(fetch(deployment, board_json(data.DEMO_EVENT))[1])["event"]["id"]
    desk = f"/events/{event_id}/head-referee"
    head_referee = logged_in(deployment, Role.HEAD_REFEREE)
    pages = [head_referee.get(desk) for _ in range(2 * APP_SERVERS)]
    assert {(page.status, page.url) for page in pages} == {(200, deployment.base_url + desk)}
    assert {deployment.answered_by(page.headers["X-Request-ID"]) for page in pages} == {0, 1}

    # RATELIMIT_LOGIN_ACCOUNT: 5 failures a minute, the 6th is refused whichever server answers.
    [coach] = [email for email, _, role in data.ACCOUNTS if role is Role.COACH]
    guesser = deployment.new_browser()
    guesser.get("/account/login")
    wrong = {"email": coach, "password": "not the password"}
    attempts = [guesser.submit("/account/login", wrong) for _ in range(7)]
    assert [page.status for page in attempts] == [FORM_ERROR_STATUS] * 5 + [429] * 2
    servers = [deployment.answered_by(page.headers["X-Request-ID"]) for page in attempts]
    assert set(servers[:5]) == set(servers[5:]) == {0, 1}
