"""Real servers for the deployment test: Debian's nginx with the README's configuration, an SMTP
server (aiosmtpd), and a self-signed certificate for the proxy's HTTPS."""

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from tests.auth.servers import free_port, listening, stopping, wait_for

NO_NGINX = "The deployment test needs Debian's nginx: apt-get install -y nginx"

NGINX_FRAME = """\
{user}
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
{site}
}}
"""


def self_signed_certificate(folder: Path, host: str) -> tuple[Path, Path]:
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", key, "-out", certificate, "-subj", f"/CN={host}"),
            *("-addext", f"subjectAltName=DNS:{host}"),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


@contextmanager
def nginx(folder: Path, site: str, port: int) -> Iterator[None]:
    """nginx in the foreground with the site's configuration (as in sites-enabled/)."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail(NO_NGINX)
    folder.mkdir()
    user = "user root;" if os.geteuid() == 0 else ""  # its workers read the test's folders
    (folder / "nginx.conf").write_text(NGINX_FRAME.format(user=user, folder=folder, site=site))
    command = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with stopping(process):
        wait_for(lambda: listening(port), process, "nginx")
        yield


class Inbox(MessageHandler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []
        self.arrived = threading.Condition()

    def handle_message(self, message: Message) -> None:
        with self.arrived:
            self.messages.append(message)
            self.arrived.notify_all()

    def wait_for(self, count: int, timeout: float = 30) -> list[Message]:
        """Until `count` messages have arrived (or the timeout): all that arrived."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
