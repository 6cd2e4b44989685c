"""A browser of the test's own over HTTPS: cookies, the form's CSRF token, and the Referer a
browser sends (Flask-WTF compares it with the page's address on HTTPS)."""

import ssl
import uuid
from dataclasses import dataclass
from email.message import Message
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPSHandler, Request, build_opener

from tests.factories import CSRF_FIELD


@dataclass
class Page:
    status: int
    url: str
    text: str
    headers: Message


class Browser:
    def __init__(self, base_url: str, certificate: Path) -> None:
        self.base_url = base_url
        self.tls = ssl.create_default_context(cafile=certificate)
        self.opener = build_opener(HTTPSHandler(context=self.tls), HTTPCookieProcessor(CookieJar()))
        self.csrf_token = ""

    def open(self, request: Request) -> Page:
        try:
            with self.opener.open(request, timeout=60) as response:
                text = response.read().decode()
                page = Page(response.status, response.url, text, response.headers)
        except HTTPError as error:
            text = error.read().decode(errors="replace")
            page = Page(error.code, error.url, text, error.headers)
            error.close()
        if token := CSRF_FIELD.search(page.text):
            self.csrf_token = next(filter(None, token.groups()))
        return page

    def get(self, path: str) -> Page:
        return self.open(Request(self.base_url + path))

    def submit(self, path: str, form: dict[str, str], headers: dict | None = None) -> Page:
        """Send the form as the page at `path` does (after a get of that page)."""
        body = urlencode({"csrf_token": self.csrf_token, **form}).encode()
        return self.open(self.form_request(path, body, headers or {}))

    def upload(self, path: str, form: dict[str, str], name: str, content: bytes) -> Page:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n{value}\r\n'
            for field, value in {"csrf_token": self.csrf_token, **form}.items()
        ]
        file_head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        )
        body = "".join(parts).encode() + file_head.encode() + content
        body += f"\r\n--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        return self.open(self.form_request(path, body, {"Content-Type": content_type}))

    def form_request(self, path: str, body: bytes, headers: dict[str, str]) -> Request:
        request = Request(self.base_url + path, data=body, method="POST")
        request.add_header("Referer", self.base_url + path)
        for name, value in headers.items():
            request.add_header(name, value)
        return request
