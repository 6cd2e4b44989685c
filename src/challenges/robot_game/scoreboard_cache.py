"""The public scoreboard made once per change, not per request.

Every response is keyed by the event's scoreboard version (see events.scoreboard_version),
which a request reads with the event itself: a visitor who has the current version gets a
304 before any standings work, anyone else the body this process made for that version. The
cache is per process and small; it stays correct with any number of workers and servers
because the version comes from the database at every request, and entries of older versions
are never asked for again and age out.
"""

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from flask import Flask, current_app

from challenges.events.models import Event

EXTENSION = "scoreboard_cache"
ENTRIES = 512  # a national Saturday: 27 events x (the JSON + 2 pages x 2 languages), and room
# A proxy or browser may show a board this much older than max-age while it fetches the new one.
STALE_WHILE_REVALIDATE = 30
# An etag() starts with the event and its scoreboard version.
ETAG_BOARD = re.compile(r"(\d+)-(\d+)-")


class ScoreboardCache:
    """A thread-safe least-recently-used map from a key to a response (its body, or more)."""

    def __init__(self, size: int = ENTRIES) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def find(self, key: Hashable) -> Any:
        """The stored value, or None."""
        with self._lock:
            if key not in self._entries:
                return None
            self._entries.move_to_end(key)
            return self._entries[key]

    def keep(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def get(self, key: Hashable, make: Callable[[], str]) -> str:
        """The stored body, or `make()`'s, stored. Made outside the lock: other boards are
        served meanwhile (two threads may make the same body once each)."""
        found = self.find(key)
        if found is None:
            found = make()
            self.keep(key, found)
        return found


def init_app(app: Flask) -> None:
    """One cache per app: two apps in one process (tests) may use two databases."""
    app.extensions[EXTENSION] = ScoreboardCache()


def body(event: Event, variant: str, make: Callable[[], str]) -> str:
    cache: ScoreboardCache = current_app.extensions[EXTENSION]
    return cache.get((event.id, event.scoreboard_version, variant), make)


def etag(event: Event, variant: str) -> str:
    """Changes with the board, the variant (the JSON, or a page in a language) and the app's
    version (a new release may render the same board differently)."""
    release = current_app.jinja_env.globals["app_version"]
    return f"{event.id}-{event.scoreboard_version}-{variant}-{release}"


def board_of(tag: str) -> tuple[int, int] | None:
    """The event and scoreboard version an `etag` was made for; None for any other tag."""
    found = ETAG_BOARD.match(tag)
    return (int(found[1]), int(found[2])) if found else None


def cache_control(shared: bool) -> str:
    """A published event's board may be shared by proxies for a few seconds; an unpublished
    one (only its crew sees it) is revalidated at every request and kept out of proxies."""
    if not shared:
        return "private, no-cache"
    max_age = current_app.config["SCOREBOARD_MAX_AGE"]
    return f"public, max-age={max_age}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"
