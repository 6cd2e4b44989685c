"""Declarative base with a constraint naming convention, UTC timestamps, SQLite pragmas and
SQLite transactions that take the write lock at their start."""

import enum
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask import g, has_request_context, request
from sqlalchemy import DateTime, Enum, Index, MetaData, event, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, lazyload, registry, scoped_session
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC: SQLite keeps no time zone."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def str_enum(enum_class: type[enum.Enum], length: int = 20) -> Enum:
    """A portable enum column that stores the members' values as text (no native type)."""
    return Enum(
        enum_class, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


def unique_where(name: str, columns: tuple[str, ...], where: str) -> Index:
    """A unique index of `columns` over the rows `where` holds, on SQLite and PostgreSQL alike."""
    return Index(
        name, *columns, unique=True, sqlite_where=text(where), postgresql_where=text(where)
    )


def lock_rows(
    session: Session,
    model: type,
    ids: Iterable[int],
    forget: tuple[type, ...] | None = None,
    shared: bool = False,
) -> list:
    """Wait for the rows' write lock (or, `shared`, a lock that only keeps writers out), hold
    it until the transaction ends and return the rows as they are now (PostgreSQL; in id
    order, so two actions never wait for each other). What was read before may have changed
    meanwhile, so it is forgotten and read again when used: everything, or only the rows of
    the models in `forget` (what the lock guards; a hot path then need not read the user and
    the event again). A writing request on SQLite holds the whole database's write lock
    already (see _begin_sqlite_transaction)."""
    session.flush()  # nothing written so far is forgotten
    wanted = sorted(set(ids))
    if forget is None:
        session.expire_all()
    else:
        columns = [column.key for column in inspect(model).column_attrs]
        for instance in list(session.identity_map.values()):
            if isinstance(instance, forget):
                session.expire(instance)
            elif isinstance(instance, model) and instance.id in wanted:
                # its columns are read again with the lock; what it refers to stays loaded
                session.expire(instance, columns)
    return session.scalars(
        select(model)
        .where(model.id.in_(wanted))
        .order_by(model.id)
        .with_for_update(read=shared, of=model)
        .options(lazyload("*"))
    ).all()


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )


# How long a writer waits for SQLite's write lock before the request is answered 503.
SQLITE_BUSY_TIMEOUT_MS = 5000


@event.listens_for(Engine, "connect")
def _set_sqlite_pragmas(dbapi_connection, connection_record) -> None:
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@event.listens_for(Engine, "begin")
def _begin_sqlite_transaction(connection) -> None:
    """A request that may write takes SQLite's write lock when its transaction begins.

    pysqlite begins a transaction only at the first write, so one that read first cannot become
    a writer once another has committed meanwhile (SQLITE_BUSY_SNAPSHOT, without waiting):
    concurrent registrations and desk actions failed. BEGIN IMMEDIATE waits (busy_timeout)
    instead, so writing requests run one after another; reading goes on in parallel, and
    everything else keeps pysqlite's own transactions.
    """
    writes = has_request_context() and request.method not in READ_ONLY_METHODS
    if connection.dialect.name == "sqlite" and writes and not g.get("reading_only"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def reading_only(session: Session | scoped_session) -> Iterator[None]:
    """A part of a writing request that only reads, around slow work such as checking a
    password hash: on SQLite it does not hold the write lock that every other writer waits for
    (fifty referees logging in at once waited out the busy timeout). A transaction the request
    began before (the check of a log-in cookie, which holds the lock on SQLite) is committed
    first; the block's own transaction ends with it, so what the request writes next begins a
    transaction of its own. Nothing may be written inside the block: it is rolled back."""
    current = session() if isinstance(session, scoped_session) else session
    current.commit()
    g.reading_only = True
    try:
        yield
    finally:
        g.reading_only = False
        current.rollback()


def only_reading_from_now() -> None:
    """The rest of this request only reads (an error page after a busy database): its
    transactions do not wait for SQLite's write lock."""
    g.reading_only = True


def database_busy(error: Exception) -> bool:
    """SQLite's write lock was not free within the busy timeout: worth trying again shortly."""
    return isinstance(error, OperationalError) and "database is locked" in str(error.orig)
