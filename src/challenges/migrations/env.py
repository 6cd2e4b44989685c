"""Alembic environment: runs against the app's own engine and metadata."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name and not logging.getLogger().handlers:
    fileConfig(config.config_file_name)
log = logging.getLogger("alembic.env")

database = current_app.extensions["migrate"].db
config.set_main_option(
    "sqlalchemy.url",
    database.engine.url.render_as_string(hide_password=False).replace("%", "%%"),
)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=database.metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def skip_empty_revision(migration_context, revision, directives) -> None:
    """`challenges db migrate` writes no file when nothing changed."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        log.info("No changes in schema detected.")


def run_migrations_online() -> None:
    options = dict(current_app.extensions["migrate"].configure_args)
    options.setdefault("process_revision_directives", skip_empty_revision)
    with database.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # batch mode recreates tables; foreign keys would refuse the copy
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # the pragma began a transaction; Alembic must start its own
        context.configure(connection=connection, target_metadata=database.metadata, **options)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
