"""Open-redirect-safe handling of ?next= targets (pure)."""

from urllib.parse import urlsplit


def safe_next(target: str | None) -> str | None:
    """Return target when it is a path on this site, else None."""
    if not target or "\\" in target or any(ord(char) < 32 for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
