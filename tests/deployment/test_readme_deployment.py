"""The README's deployment runs as written (see tests/deployment/deployment.py): the organiser
is invited, logs in through the proxy over HTTPS, uploads, and mail goes out once."""

import http.client
import re
from email.message import Message

import pytest

from tests.auth.servers import wait_for
from tests.deployment import readme
from tests.deployment.deployment import HOST, Deployment, rows

ORGANISER = "you@example.nl"
PASSWORD = "a long enough password"
FIVE_MB = 5 * 1024 * 1024


def body(message: Message) -> str:
    return message.get_payload(decode=True).decode()


def link_in(message: Message, base_url: str, path: str) -> str:
    found = re.search(rf"https?://\S+{path}\S+", body(message))
    assert found, body(message)
    assert found.group(0).startswith(base_url + path), found.group(0)
    return found.group(0).removeprefix(base_url)


def outbox_statuses(database_url: str) -> list[str]:
    return [status for (status,) in rows(database_url, "SELECT status FROM outbox_message")]


def forged_host_is_dropped(deployment: Deployment) -> bool:
    """nginx's default server closes the connection without an answer."""
    port = int(deployment.base_url.rsplit(":", 1)[1])
    tls = deployment.browser.tls
    connection = http.client.HTTPSConnection(HOST, port, context=tls, timeout=10)
    try:
        connection.request("GET", "/account/reset", headers={"Host": "evil.example"})
        connection.getresponse()
    except http.client.RemoteDisconnected:
        return True
    finally:
        connection.close()
    return False


@pytest.mark.slow
def test_the_readme_deployment_runs_as_written(deployment):
    base_url, browser, inbox = deployment.base_url, deployment.browser, deployment.inbox
    [invitation] = inbox.wait_for(1)
    assert invitation["Date"]
    assert invitation["Message-ID"]
    welcome = link_in(invitation, base_url, "/account/welcome/")

    # The organiser chooses a password and logs in, through the proxy, over HTTPS.
    assert browser.get(welcome).status == 200
    chosen = browser.submit(welcome, {"password": PASSWORD, "password_repeat": PASSWORD})
    assert chosen.url == f"{base_url}/account/login", chosen.text
    dashboard = browser.submit("/account/login", {"email": ORGANISER, "password": PASSWORD})
    assert dashboard.status == 200
    assert "Your Name" in dashboard.text

    # 5 MB through the proxy: the app answers about the file, not nginx with a 413.
    assert browser.get("/admin/schools/import").status == 200
    content = b"VESTIGINGSCODE;NAAM\n" + b"x" * FIVE_MB
    upload = browser.upload(
        "/admin/schools/import", {"kind": "", "dry_run": "y"}, "vestigingen.csv", content
    )
    assert upload.status in (200, 422), upload.status
    assert "DUO" in upload.text

    # A forged Host never reaches the app; forged X-Forwarded-* never reach a mailed link.
    assert forged_host_is_dropped(deployment)
    assert browser.get("/account/reset").status == 200
    forged = {"X-Forwarded-Host": "evil.example", "X-Forwarded-Prefix": "/evil"}
    browser.submit("/account/reset", {"email": ORGANISER}, forged)
    invitation, reset = inbox.wait_for(2)
    link_in(reset, base_url, "/account/reset/")
    assert "evil" not in body(reset)

    # Two deliverers, each message once: stopped once the outbox is sent, nothing more came.
    first = deployment.deliverers[0]
    wait_for(lambda: outbox_statuses(deployment.database_url) == ["sent"] * 2, first, "mail")
    for process in deployment.deliverers:
        process.terminate()
        process.wait(timeout=20)
    assert len(inbox.messages) == 2
    assert reset["Message-ID"] != invitation["Message-ID"]

    # Both app servers answered through the proxy; the health check passes through it.
    assert browser.get("/healthz").status == 200
    for number in range(2):
        assert "GET /account/" in (deployment.logs / f"app{number}.log").read_text()


def test_the_dutch_readme_deploys_with_the_same_commands_and_files():
    assert readme.deployment_blocks("README.nl.md") == readme.deployment_blocks("README.md")
