"""challenges: FIRST LEGO League Challenge and Vakkanjers, from registration to certificate."""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from flask import Flask

try:
    __version__ = version("challenges")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0+unknown"

PACKAGE_DIR = Path(__file__).parent


def resource_folder(name: str) -> str:
    """templates/ and static/ live inside an installed wheel, at the repo root in a checkout."""
    inside = PACKAGE_DIR / name
    return str(inside if inside.is_dir() else PACKAGE_DIR.parent.parent / name)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    from challenges import (
        blueprints,
        cli,
        config,
        converters,
        errors,
        extensions,
        forms,
        i18n,
        links,
        logs,
        models,
        security,
    )

    app = Flask(
        __name__,
        instance_path=config.instance_path(),
        instance_relative_config=True,
        template_folder=resource_folder("templates"),
        static_folder=resource_folder("static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config.load_config(app, test_config)
    logs.init_app(app)
    security.init_app(app)  # first: its checks run before CSRF reads the form
    extensions.init_app(app)
    i18n.init_app(app)
    errors.init_app(app)
    converters.init_app(app)
    blueprints.register(app)
    cli.init_app(app)
    app.shell_context_processor(lambda: {"db": extensions.db, "models": models})
    app.jinja_env.globals["app_version"] = __version__
    app.jinja_env.globals["absolute_url"] = links.absolute_url
    app.jinja_env.globals["form_has_errors"] = forms.form_has_errors
    return app
