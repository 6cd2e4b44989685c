"""Dutch first, English second: locale choice, time zone, how dates, numbers and figures read."""

from datetime import date, datetime

from flask import Flask, current_app, has_request_context, request
from flask_babel import format_date, format_datetime, format_decimal, format_time, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from challenges import labels
from challenges.auth.roles import role_label
from challenges.cells import Cell, Mean, Share, Withheld
from challenges.extensions import babel

LANGUAGE_COOKIE = "language"


def current_language() -> str:
    """The language of this request (or command): "nl" or "en"."""
    locale = get_locale()
    return locale.language if locale else "nl"


def select_locale() -> str:
    """?lang= in the address (a link for one language, which a proxy caches on its own),
    the account's language, the language cookie, Dutch."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # the CLI speaks the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if request.args.get("lang") in languages:
        return request.args["lang"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def as_date(value: date | datetime | None) -> str:
    return format_date(value, "dd-MM-yyyy") if value else ""


def as_datetime(value: datetime | None) -> str:
    return format_datetime(value, "dd-MM-yyyy HH:mm") if value else ""


def as_time(value: datetime | None) -> str:
    return format_time(value, "HH:mm") if value else ""


NOTHING = "\u2013"  # an en dash: what a missing figure shows


def as_duration(minutes: int | None) -> str:
    """A length of time in minutes as people read it: 40 min, 2 h, 5 h 40 min (in Dutch 5 u 40
    min); a negative one (an overlap) with a minus sign, none as a dash."""
    if minutes is None:
        return NOTHING
    hours, rest = divmod(abs(minutes), 60)
    if not hours:
        text = _("%(minutes)d min", minutes=rest)
    elif not rest:
        text = _("%(hours)d h", hours=hours)
    else:
        text = _("%(hours)d h %(minutes)d min", hours=hours, minutes=rest)
    return f"\u2212{text}" if minutes < 0 else text  # a minus sign


def as_number(value: float | int | None, places: int | None = None) -> str:
    """A number as the reader writes it: 27,5 in Dutch, 27.5 in English; with `places`, that
    many decimals (27,0); none as a dash."""
    if value is None:
        return NOTHING
    if not places:
        return format_decimal(value)
    return format_decimal(value, format="#,##0." + "0" * places)


def percent_text(percent: int | None) -> str:
    """A percentage as the reader writes it (Dutch: 67 %, English: 67%)."""
    return as_number(None) if percent is None else _("%(number)s%%", number=as_number(percent))


def cell_text(cell: Cell) -> str:
    """A cell as the reader writes it (Dutch: 1.476; 87 %)."""
    if isinstance(cell, Share):
        return percent_text(cell.percent)
    if isinstance(cell, Withheld):
        return _("%(nothing)s (too few answers)", nothing=NOTHING) if cell.mark else NOTHING
    if isinstance(cell, Mean):
        return as_number(cell.value, places=1)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return as_number(cell)
    return as_number(None) if cell is None else str(cell)


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path) + "/translations",
    )
    app.jinja_env.filters.update(
        date=as_date,
        datetime=as_datetime,
        time=as_time,
        duration=as_duration,
        number=as_number,
    )
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale())
    app.jinja_env.globals.update(
        team_label=labels.team_label,
        round_label=labels.round_label,
        location_label=labels.location_label,
        event_kind_label=labels.event_kind_label,
        audit_action_label=labels.audit_action_label,
        role_label=role_label,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
