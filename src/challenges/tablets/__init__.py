"""What referee and judge tablets send with every submission (pure)."""

import re
from datetime import UTC, datetime
from typing import Any

# A key the tablet makes once per submission: the server stores each key once.
CLIENT_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def device_time(value: Any) -> datetime | None:
    """The tablet's clock as it sent it (ISO 8601); None when missing or unreadable."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
