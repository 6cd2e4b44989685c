"""A team's registration status (pure)."""

import enum


class TeamStatus(enum.StrEnum):
    REGISTERED = "registered"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    WITHDRAWN = "withdrawn"
