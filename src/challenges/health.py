"""Does the database answer, and is its schema at the migrations' head? For /healthz and
`challenges doctor`: pages fail on a schema that is one migration behind."""

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import SQLAlchemyError

from challenges.extensions import db, migrate


class Schema(StrEnum):
    AT_HEAD = "ok"
    BEHIND = "behind"  # an older revision: `challenges db upgrade` brings it to the head
    MISSING = "missing"  # no alembic_version: never migrated
    UNKNOWN = "unknown"  # a revision these migrations do not have: another (newer) version's


@dataclass(frozen=True)
class Migrations:
    head: str
    revisions: frozenset[str]


@dataclass(frozen=True)
class DatabaseState:
    reachable: bool
    head: str
    schema: Schema | None = None
    current: str | None = None
    error: str = ""

    @property
    def healthy(self) -> bool:
        return self.schema is Schema.AT_HEAD


@cache
def migrations() -> Migrations:
    """Read once per process: the scripts do not change while it runs."""
    scripts = ScriptDirectory(migrate.directory)
    return Migrations(
        head=scripts.get_current_head(),
        revisions=frozenset(script.revision for script in scripts.walk_revisions()),
    )


def classify(current: str | None, known: Migrations) -> Schema:
    if current == known.head:
        return Schema.AT_HEAD
    if current is None:
        return Schema.MISSING
    return Schema.BEHIND if current in known.revisions else Schema.UNKNOWN


def database_state() -> DatabaseState:
    """Asks the database for its revision on a connection of its own (not the session's)."""
    known = migrations()
    try:
        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().partition("\n")[0]
        return DatabaseState(reachable=False, head=known.head, error=reason)
    return DatabaseState(True, known.head, classify(current, known), current)
