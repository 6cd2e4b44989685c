"""Links in mail and on QR codes come from CHALLENGES_BASE_URL, never from the request's Host
or X-Forwarded-* headers, which anyone can send (a poisoned password-reset link would hand a
stranger the organiser's account)."""

from types import SimpleNamespace

import pytest

from challenges.printing.documents import team_url
from tests.auth.helpers import outbox
from tests.factories import make_user

PUBLIC = "https://challenges.example.nl"
# The test client keeps cookies per host, so a forged Host is tried where no form is sent.
FORGED = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Prefix": "/evil"}


@pytest.mark.parametrize("config_overrides", [{"BASE_URL": PUBLIC, "TRUSTED_PROXIES": 1}])
def test_forged_host_headers_never_reach_a_reset_link(client):
    user = make_user(email="organiser@example.nl")
    client.submit("/account/reset", {"email": user.email}, headers=FORGED)
    [mail] = outbox()
    assert f"{PUBLIC}/account/reset/" in mail.body
    assert "evil" not in mail.body


@pytest.mark.parametrize(
    "config_overrides", [{"BASE_URL": "https://example.nl/challenges/", "TRUSTED_PROXIES": 1}]
)
def test_links_keep_the_path_of_the_public_address(client):
    user = make_user(email="organiser@example.nl")
    client.submit("/account/reset", {"email": user.email}, headers=FORGED)
    assert "https://example.nl/challenges/account/reset/" in outbox()[0].body


@pytest.mark.parametrize("config_overrides", [{"BASE_URL": PUBLIC}])
def test_qr_codes_on_signs_point_at_the_public_address(app):
    event, team = SimpleNamespace(slug="regio-groningen"), SimpleNamespace(id=7)
    with app.test_request_context("/", headers={"Host": "evil.example", **FORGED}):
        assert team_url(event)(team) == f"{PUBLIC}/events/regio-groningen/teams/7"
