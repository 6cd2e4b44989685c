"""Log lines name their request (X-Request-ID), and in JSON also the user and the endpoint."""

import io
import json
import logging
import re

import pytest

from challenges import create_app
from challenges.auth.access import require
from challenges.auth.policies import SIGNED_IN
from challenges.logs import HANDLER_NAME
from tests.factories import app_config, make_user

NEW_ID = re.compile(r"[0-9a-f]{32}")
PLAIN_LINE = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00 INFO challenges\.test \[nginx-7\] hello"
)


def our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger("challenges").handlers if h.get_name() == HANDLER_NAME]


@pytest.fixture
def log_lines(app):
    """What the app's log handler writes, line by line."""
    [handler] = our_handlers()
    stream = io.StringIO()
    handler.setStream(stream)
    return lambda: stream.getvalue().splitlines()


def add_page(app, name: str, body) -> None:
    """A signed-in page of the test's own, added before the app's first request."""
    app.add_url_rule(f"/{name}", name, require(SIGNED_IN)(body))


def say_hello() -> str:
    logging.getLogger("challenges.test").info("hello")
    return "ok"


def fail() -> str:
    raise RuntimeError("boom")


def test_every_response_gets_a_new_request_id(client):
    first = client.get("/privacy").headers["X-Request-ID"]
    second = client.get("/privacy").headers["X-Request-ID"]
    assert NEW_ID.fullmatch(first)
    assert NEW_ID.fullmatch(second)
    assert first != second


def test_the_proxys_request_id_is_kept(client):
    response = client.get("/privacy", headers={"X-Request-ID": "3f2a.b_c-9"})
    assert response.headers["X-Request-ID"] == "3f2a.b_c-9"


@pytest.mark.parametrize(
    "hostile", ["a" * 65, "two words", "<script>", "id;rm -rf", "ïd", "../../etc", ""]
)
def test_a_hostile_request_id_is_replaced(client, hostile):
    response = client.get("/privacy", headers={"X-Request-ID": hostile})
    assert response.status_code == 200
    assert NEW_ID.fullmatch(response.headers["X-Request-ID"])


def test_a_plain_line_has_time_level_logger_and_request_id(app, client, log_lines):
    add_page(app, "hello", say_hello)
    client.log_in(make_user().email)
    client.get("/hello", headers={"X-Request-ID": "nginx-7"})
    assert any(PLAIN_LINE.fullmatch(line) for line in log_lines()), log_lines()


@pytest.mark.parametrize("config_overrides", [{"LOG_FORMAT": "json"}])
def test_a_json_line_names_request_user_and_endpoint(app, client, log_lines):
    add_page(app, "hello", say_hello)
    user = make_user()
    client.log_in(user.email)
    client.get("/hello", headers={"X-Request-ID": "nginx-7"})
    entries = [json.loads(line) for line in log_lines()]  # every line is one JSON object
    [hello] = [entry for entry in entries if entry["message"] == "hello"]
    assert hello["level"] == "INFO"
    assert hello["logger"] == "challenges.test"
    assert hello["request_id"] == "nginx-7"
    assert hello["user_id"] == str(user.id)
    assert hello["endpoint"] == "hello"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:.]+\+00:00", hello["time"])
    assert "exc_info" not in hello


@pytest.mark.parametrize("config_overrides", [{"LOG_FORMAT": "json"}])
def test_the_error_line_of_a_500_names_request_user_and_endpoint(app, client, log_lines):
    add_page(app, "fails", fail)
    user = make_user()
    client.log_in(user.email)
    response = client.get("/fails", headers={"X-Request-ID": "nginx-500"})

    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "nginx-500"
    assert "Noem deze code als je deze fout meldt: nginx-500" in response.text
    [error] = [json.loads(line) for line in log_lines() if '"ERROR"' in line]
    assert error["request_id"] == "nginx-500"
    assert error["user_id"] == str(user.id)
    assert error["endpoint"] == "fails"
    assert error["message"] == f"Unhandled error on GET '/fails' (endpoint fails, user {user.id})"
    assert "RuntimeError: boom" in error["exc_info"]


def test_a_line_break_in_logged_text_cannot_forge_a_line(app, log_lines):
    forged = "2026-12-03T10:00:00.000+00:00 ERROR challenges.auth [-] forged"
    logging.getLogger("challenges.test").warning("Team %s registered", f"Robo\n{forged}")
    [line] = log_lines()
    assert line.endswith(f"Team Robo\\n{forged} registered")


def test_lines_outside_a_request_say_so(app, log_lines):
    logging.getLogger("challenges.test").warning("from a command")
    [line] = log_lines()
    assert line.endswith("WARNING challenges.test [-] from a command")


def test_building_the_app_again_keeps_one_handler_and_caplog_works(app, database_url, caplog):
    for _ in range(3):
        create_app(app_config(database_url))
    assert len(our_handlers()) == 1
    logging.getLogger("challenges.test").info("seen by pytest")
    assert "seen by pytest" in caplog.messages


@pytest.mark.parametrize(
    ("setting", "value"),
    [("LOG_FORMAT", "xml"), ("LOG_FORMAT", "JSON "), ("LOG_LEVEL", "loud"), ("LOG_LEVEL", 10)],
)
def test_an_unknown_log_setting_stops_the_start(
    database_url, tmp_path, monkeypatch, setting, value
):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(ValueError, match=rf"{setting} \(CHALLENGES_{setting}\) is .*; use one of"):
        create_app(app_config(database_url, **{setting: value}))


def test_log_settings_from_the_environment(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("CHALLENGES_LOG_LEVEL", "debug")
    monkeypatch.setenv("CHALLENGES_LOG_FORMAT", "json")
    create_app(app_config(database_url))
    assert logging.getLogger("challenges").level == logging.DEBUG
    monkeypatch.setenv("CHALLENGES_LOG_FORMAT", "yaml")
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        create_app(app_config(database_url))
