"""Absolute links (in mail, on QR codes) point at the configured public address
(`CHALLENGES_BASE_URL`), never at the Host or X-Forwarded-* headers of the request that made
them: anyone can send those, and a password-reset link must not lead to their site."""

from typing import Any
from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, **values: Any) -> str:
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme
    )
    return adapter.build(endpoint, values, force_external=True)
