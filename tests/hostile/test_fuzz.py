"""Every route of the app, fed hostile path parts, query strings, form fields, files and JSON,
as an organiser (who passes every policy) and anonymously: no answer may be a 5xx.

The walk reads `app.url_map`, so a new route is walked without a change here; a route with a
path parameter this file has no valid value for fails until one is added to `event_args`.
"""

import json
import logging
import os
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from io import BytesIO
from tempfile import TemporaryDirectory
from typing import Any
from unittest import mock
from urllib.parse import quote, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect, Rule

from challenges import create_app
from challenges.demo.data import DEMO_EVENT
from challenges.events.models import Event
from challenges.extensions import db
from challenges.judging.entries import rubric_set_of
from challenges.robot_game.match_sheets import season_of
from tests.factories import app_config
from tests.hostile.conftest import Visitor, event_args, page_forms
from tests.hostile.images import broken_idat, cut_after_ihdr, cut_jpeg, picture

HOSTILE = [
    str(2**31),
    str(2**32),
    str(2**63),
    str(2**64),
    "-1",
    "0",
    "٣",
    "²",
    "\uff11",
    "9" * 5000,
    "x" * 5000,
    "%00",
    "nul\x00byte",
    "'; DROP TABLE team; --",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "",
]
# Fewer for query strings and forms, which reach the views (some of them print PDFs).
FORM_HOSTILE = [str(2**31), str(2**63), "-1", "٣", "²", "9" * 5000, "x" * 5000, "nul\x00byte", ""]
QUERY_HOSTILE = [str(2**64), "²", "9" * 5000, "nul\x00byte", "-1"]

# Read from request.form or request.args by views without a rendered field of that name.
FORM_NAMES = ("team", "to", "reason", "event_id", "role", "category", "place", "next", "action")
QUERY_NAMES = ("q", "by", "team", "table", "room", "category", "status", "province", "change")


def hostile_files() -> list[tuple[bytes, str]]:
    noise = random.Random(13).randbytes(4096)
    return [
        (cut_after_ihdr(), "truncated.png"),
        (broken_idat(), "broken.png"),
        (cut_jpeg(), "cut.jpg"),
        (picture(), "picture.csv"),
        (noise, "noise.csv"),
        (noise, "noise.xlsx"),
        (b"VESTIGINGSCODE;VESTIGINGSNAAM;PLAATSNAAM\n" + b"x" * 140_000 + b";a;b\n", "long.csv"),
        (b'"' + b"y" * 140_000 + b'"\n', "quoted.csv"),
        (b"Version Number,1\nBlock Format,1\nNumber of Teams,1\n1\x00,a,b\n", "nul.csv"),
        (b"[" * 100_000, "deep.json"),
        (json.dumps([{"match": 2**64, "answers": {}}]).encode(), "huge.json"),
    ]


def json_bodies() -> list[bytes]:
    fields = ("match", "team", "answers", "levels", "notes", "client_key", "rubric", "status")
    bodies = [b"[" * 100_000, b'{"a":' * 50_000, b"1" * 5000, b"NaN", b"1e999", b"\xff\xfe"]
    bodies += [json.dumps(value).encode() for value in ([], "text", 2**70, None, True, 1.5)]
    numbers = (2**31, 2**63, 2**64, -1, "٣", "²", "\uff11", True, 1e300)
    for value in (*numbers, [], {}, "x" * 5000, "nul\x00", "half \ud800", None):
        bodies.append(json.dumps({name: value for name in fields}).encode())
    return bodies


def build(rule: Rule, args: dict[str, Any]) -> str:
    """The rule's path with these values, each quoted as a browser would send it."""

    def value(match: re.Match) -> str:
        converter, name = match.group(1) or "", match.group(2)
        if name not in args:
            options = re.findall(r"\w+", converter.removeprefix("any"))
            assert options, f"{rule.rule}: no valid value for <{name}>; add one to event_args"
            return options[0]
        return quote(str(args[name]), safe="/" if converter == "path:" else "")

    return re.sub(r"<([^<>]*:)?(\w+)>", value, rule.rule)


def discover(world, organiser: Visitor, contexts: list[dict]) -> dict[str, dict[str, set]]:
    """What the pages' forms send where: endpoint -> the names of its "query" (GET forms),
    "fields" and "files" (POST forms)."""
    adapter = world.url_map.bind("localhost")
    found: dict[str, dict[str, set]] = defaultdict(
        lambda: {"query": set(), "fields": set(), "files": set()}
    )
    for rule in world.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        for url in {build(rule, args) for args in contexts}:
            response = organiser.open("GET", url)
            if response.mimetype != "text/html":
                continue
            for form in page_forms(url, response.get_data(as_text=True)):
                try:
                    endpoint, _args = adapter.match(urlsplit(form.action).path, form.method.upper())
                except (NotFound, MethodNotAllowed, RequestRedirect):
                    continue
                for name, kind in form.fields.items():
                    part = "query" if form.method == "get" else "fields"
                    found[endpoint]["files" if kind == "file" else part].add(name)
    return found


@pytest.fixture(scope="module")
def forms(world, organiser, contexts):
    return discover(world, organiser, contexts)


def all_routes() -> list[tuple[str, str]]:
    with (
        TemporaryDirectory() as folder,
        mock.patch.dict(os.environ, {"CHALLENGES_INSTANCE_PATH": folder}),
    ):
        app = create_app(app_config("sqlite://"))
    rules = sorted(app.url_map.iter_rules(), key=lambda r: ("POST" in r.methods, r.rule))
    return [(rule.endpoint, rule.rule) for rule in rules]


ROUTES = all_routes()


def is_public(world, endpoint: str) -> bool:
    policy = getattr(world.view_functions[endpoint], "access_policy", None)
    return policy is None or not policy.needs_login


def path_attempts(rule: Rule, args: dict, visitor: Visitor) -> Iterator[tuple]:
    method = "GET" if "GET" in rule.methods else "POST"
    data = {"csrf_token": visitor.token} if method == "POST" else None
    for name in sorted(rule.arguments):
        for value in HOSTILE:
            yield method, build(rule, args | {name: value}), {"data": data}, f"<{name}>={value!r}"


def query_attempts(base: str, known: dict) -> Iterator[tuple]:
    names = sorted(set(QUERY_NAMES) | known["query"])
    for value in QUERY_HOSTILE:
        yield "GET", f"{base}?{urlencode(dict.fromkeys(names, value))}", {}, f"query={value!r}"


def post_attempts(rule: Rule, base: str, known: dict, visitor: Visitor) -> Iterator[tuple]:
    """Hostile JSON for the API, else hostile form fields and files."""
    if rule.rule.startswith("/api/"):
        for body in json_bodies():
            headers = {"X-CSRFToken": visitor.token}
            kwargs = {"data": body, "content_type": "application/json", "headers": headers}
            yield "POST", base, kwargs, f"json={body[:60]!r}"
        return
    names = sorted(set(FORM_NAMES) | known["fields"])
    files = hostile_files() if known["files"] else [(b"", "")]
    for index in range(max(len(FORM_HOSTILE), len(files))):
        value = FORM_HOSTILE[index % len(FORM_HOSTILE)]
        content, filename = files[index % len(files)]
        data: dict[str, Any] = dict.fromkeys(names, value) | {"csrf_token": visitor.token}
        data |= {name: (BytesIO(content), filename) for name in known["files"]}
        yield "POST", base, {"data": data}, f"form={value!r} files={filename}"


def attempts(world, rule: Rule, contexts: list[dict], known: dict, visitor: Visitor) -> list:
    """Hostile path parts for everyone; query strings, forms and JSON for those who may use
    the route (the others are turned away before the view reads them)."""
    tried = list(path_attempts(rule, contexts[0], visitor))
    if visitor.credentials is None and not is_public(world, rule.endpoint):
        return tried
    bases = list(dict.fromkeys(build(rule, args) for args in contexts))
    if "GET" in rule.methods:
        tried += query_attempts(bases[0], known)
    if "POST" in rule.methods:
        for base in bases:
            tried += post_attempts(rule, base, known, visitor)
    return tried


class Unhandled(logging.Handler):
    """The exceptions the app logged as unhandled (each is a 500)."""

    def __init__(self) -> None:
        super().__init__()
        self.last = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.last = repr(record.exc_info[1])[:200]


@pytest.fixture(scope="module")
def unhandled() -> Iterator[Unhandled]:
    handler = Unhandled()
    logger = logging.getLogger("challenges.errors")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


@pytest.mark.parametrize("route", ROUTES, ids=[f"{e} {r}" for e, r in ROUTES])
def test_no_route_answers_5xx(world, contexts, organiser, anonymous, forms, unhandled, route):
    endpoint, path = route
    rule = next(r for r in world.url_map.iter_rules() if (r.endpoint, r.rule) == route)
    failures = []
    for visitor in (organiser, anonymous):
        for method, url, kwargs, what in attempts(world, rule, contexts, forms[endpoint], visitor):
            response = visitor.open(method, url, **kwargs)
            if response.status_code >= 500:
                failures.append(f"{visitor.name} {method} {url[:90]} {what[:80]}: {unhandled.last}")
    if not organiser.still_logged_in():
        organiser.start()
    assert not failures, f"{path}: {len(failures)} answer(s) 5xx:\n" + "\n".join(failures[:15])


def test_the_walk_covers_every_route_of_the_app(world, contexts):
    """Every route is walked, with a valid value for each of its path parameters."""
    adapter = world.url_map.bind("localhost")
    for rule in world.url_map.iter_rules():
        assert (rule.endpoint, rule.rule) in ROUTES
        method = "GET" if "GET" in rule.methods else "POST"
        assert adapter.match(build(rule, contexts[0]), method=method)[0] == rule.endpoint


NASTY_TEXT = st.sampled_from(["nul\x00", "half \ud800", "x" * 5000, "٣", str(2**31)])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | NASTY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
CLIENT_KEY = st.from_regex(r"[A-Za-z0-9_-]{8,64}", fullmatch=True)
TABLET_FIELDS = ("match", "team", "rubric", "status", "notes", "went_well", "referee_name")


def tablet_body(valid: dict, answers: str, keys: list[str]) -> st.SearchStrategy:
    """A submission that gets past the first checks, with answers (or levels) of any JSON
    and, now and then, any other field replaced by any JSON."""
    given = st.dictionaries(st.sampled_from(keys) | st.text(max_size=8), JSON, max_size=8)
    changes = st.fixed_dictionaries(
        {answers: given, "client_key": CLIENT_KEY}, optional=dict.fromkeys(TABLET_FIELDS, JSON)
    )
    return changes.map(lambda change: valid | change)


@pytest.fixture(scope="module")
def tablets(world) -> list[tuple[str, st.SearchStrategy]]:
    """The tablet APIs of the demo event that is still to be played, with what they take."""
    args = event_args(DEMO_EVENT)
    season = season_of(db.session.get(Event, args["event_id"]))
    rubric = rubric_set_of(db.session.get(Event, args["event_id"])).rubrics[0]
    sheet = {"match": args["match_id"], "referee_name": "Rik", "team_confirmation": "ok"}
    entry = {"team": args["team_id"], "rubric": rubric.id, "status": "submitted"}
    api = f"/api/v1/events/{args['event_id']}"
    return [
        (f"{api}/sheets", tablet_body(sheet, "answers", [q.id for q in season.questions])),
        (f"{api}/rubrics", tablet_body(entry, "levels", [row.id for row in rubric.rows])),
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_tablet_apis_refuse_any_json_without_a_5xx(tablets, organiser, data):
    for url, bodies in tablets:
        body = data.draw(JSON | bodies, label=url)
        response = organiser.open(
            "POST",
            url,
            data=json.dumps(body),
            content_type="application/json",
            headers={"X-CSRFToken": organiser.token},
        )
        assert response.status_code < 500, f"{url} {json.dumps(body)[:300]}"
