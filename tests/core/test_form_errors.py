"""A refused form says so in the page's title, focuses its summary (without JavaScript) and ties
each message to its field: the summary links to the field, the field points at its message."""

from html.parser import HTMLParser

import pytest

from tests.judging.conftest import Panel, levels, make_panel
from tests.robot_game.conftest import Arena, answers, make_arena

SIGNUP = {
    "name": "x" * 500,
    "email": "fleur@school.nl",
    "password": "kort",
    "password_repeat": "kort",
}


class Page(HTMLParser):
    """A page's title and its elements' attributes, by id (and all, in order)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.title = ""
        self.in_title = False
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.by_id = {attrs["id"]: attrs for _tag, attrs in self.elements if attrs.get("id")}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self.in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data

    def having(self, **wanted: str) -> list[dict[str, str | None]]:
        name = lambda key: key.replace("_", "-")  # noqa: E731
        return [a for _t, a in self.elements if all(a.get(name(k)) == v for k, v in wanted.items())]


@pytest.fixture
def arena(app) -> Arena:
    return make_arena()


@pytest.fixture
def panel(app) -> Panel:
    return make_panel()


def test_a_refused_form_focuses_its_summary_which_links_to_each_field(client):
    response = client.submit("/account/signup", SIGNUP)
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert page.title.startswith("Fout: ")
    [summary] = page.having(role="alert")
    assert summary["tabindex"] == "-1"
    assert "autofocus" in summary
    links = [a["href"] for _tag, a in page.elements if (a.get("href") or "").startswith("#")]
    assert {"#name", "#password"} <= set(links)
    for field in ("name", "password"):
        assert page.by_id[field]["aria-invalid"] == "true"
        assert f"{field}-error" in page.by_id[field]["aria-describedby"].split()
        assert f"{field}-error" in page.by_id
    assert "aria-invalid" not in page.by_id["email"]


def test_the_title_says_error_in_english_and_nothing_before_a_refusal(client):
    client.submit("/language", {"language": "en"}, page="/")
    assert Page(client.submit("/account/signup", SIGNUP).get_data(as_text=True)).title.startswith(
        "Error: "
    )
    plain = Page(client.get("/account/signup").get_data(as_text=True))
    assert not plain.title.startswith("Error")
    assert plain.having(role="alert") == []


def test_a_refused_sheet_ties_the_unanswered_question_to_its_message(client, arena):
    client.log_in(arena.referee.email)
    url = f"/events/{arena.event.id}/referee/matches/{arena.matches[(0, 'ranking', 1)]}"
    form = {
        key: ("yes" if value is True else "no" if value is False else str(value))
        for key, value in answers().items()
        if key != "m05_floor_upright"
    }
    response = client.submit(
        url, form | {"client_key": "form-key-0001", "referee_name": "Rita", "team_confirmation": ""}
    )
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert page.title.startswith("Fout: ")
    assert "autofocus" in page.by_id["problems"]
    options = page.having(name="m05_floor_upright")
    assert len(options) == 2
    for option in options:
        assert (option["aria-invalid"], option["aria-describedby"]) == (
            "true",
            "error-m05_floor_upright",
        )
    assert "hidden" not in page.by_id["error-m05_floor_upright"]
    assert page.by_id["team_confirmation"]["aria-describedby"] == "error-team_confirmation"
    assert "aria-invalid" not in page.by_id["referee_name"]
    assert all("aria-invalid" not in option for option in page.having(name="m00_inspection"))


def test_a_refused_rubric_ties_the_row_without_a_note_to_its_message(client, panel):
    client.log_in(panel.judge.email)
    team = panel.teams[0]
    url = f"/events/{panel.event.id}/judging/teams/{team.id}/innovation_project"
    form = {f"level-{row}": str(level) for row, level in levels(ip_identify_problem=4).items()}
    form |= {"action": "submit", "client_key": "form-key-0001"}
    response = client.submit(url, form, page=url)
    assert response.status_code == 422
    page = Page(response.get_data(as_text=True))
    assert page.title.startswith("Fout: ")
    note = page.by_id["note-ip_identify_problem"]
    assert (note["aria-invalid"], note["aria-describedby"]) == ("true", "error-ip_identify_problem")
    assert "hidden" not in page.by_id["error-ip_identify_problem"]
    assert "hidden" in page.by_id["error-ip_create_model"]
    assert "aria-invalid" not in page.by_id["note-ip_create_model"]
