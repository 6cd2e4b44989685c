"""Says in the app's log when the rate limits stop being counted together in Redis, and when
they are again.

Flask-Limiter falls back to counting in each process's memory when Redis cannot be reached
(RATELIMIT_IN_MEMORY_FALLBACK_ENABLED), but says so under its own logger ("flask-limiter"),
which holds a NullHandler and so shows nothing where the app's log is not set up for it.
"""

import importlib.util
import logging
import threading

from flask import Flask, Response
from flask_limiter import Limiter

log = logging.getLogger(__name__)


class StorageWatch:
    """Notes after each request whether Flask-Limiter counts in its fallback, and logs each
    change once, however many requests or threads see it."""

    def __init__(self, limiter: Limiter) -> None:
        self.limiter = limiter
        self.counting_apart = False
        self.lock = threading.Lock()

    def note(self, response: Response) -> Response:
        apart = self.limiter.enabled and self.limiter.limiter.storage is not self.limiter.storage
        if apart == self.counting_apart:  # nearly every request: no lock taken
            return response
        with self.lock:
            changed, self.counting_apart = apart != self.counting_apart, apart
        if changed and apart:
            log.warning(
                "Redis cannot be reached: the rate limits are counted per process, in memory, "
                "until Redis is back"
            )
        elif changed:
            log.info("Redis is back: the rate limits are counted together again")
        return response


def watch_storage(app: Flask, limiter: Limiter) -> None:
    app.after_request(StorageWatch(limiter).note)


def check_storage_client(storage_uri: str) -> None:
    """Say what to install, instead of Flask-Limiter's "'redis' prerequisite not available"."""
    if storage_uri.startswith("redis") and importlib.util.find_spec("redis") is None:
        raise RuntimeError(
            f"The rate limits are to be counted in Redis ({storage_uri}), but the Redis client "
            "is not installed: pip install 'challenges[redis]'"
        )
