"""The web's side of challenges.inputs: URL converters for the whole app, a whole-number form
field and the request's JSON, each reading through the one helper of its kind."""

from typing import Any

from flask import Flask, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter, Map, UnicodeConverter, ValidationError
from wtforms import IntegerField

from challenges.errors import refused_input
from challenges.forms import FORBIDDEN_CHARACTERS
from challenges.inputs import (
    DATABASE_INT_MAX,
    DATABASE_INT_MIN,
    JSON_MAX_BYTES,
    InputError,
    load_json,
    parse_int,
)
from challenges.security import UndecodableForm


class DatabaseIntConverter(IntegerConverter):
    """`<int:...>`: ASCII digits only (Werkzeug's `\\d+` also matches Arabic-Indic digits), and a
    404 beyond the range of the database's INTEGER columns instead of an overflow."""

    regex = r"[0-9]+"

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", DATABASE_INT_MIN)
        kwargs.setdefault("max", DATABASE_INT_MAX)
        super().__init__(map, *args, **kwargs)


class TextConverter(UnicodeConverter):
    """`<name>` and `<string:name>`: a 404 for a NUL character or undecodable bytes, which
    no slug, token or key holds (and PostgreSQL refuses in a query)."""

    def to_python(self, value: str) -> str:
        if any(character in value for character in FORBIDDEN_CHARACTERS):
            raise ValidationError()
        return value


URL_CONVERTERS = {"int": DatabaseIntConverter, "default": TextConverter, "string": TextConverter}


NOT_A_NUMBER = _l("Enter a whole number (digits only).")


class WholeNumberField(IntegerField):
    """An IntegerField that reads ASCII digits within the database's range only."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        if not valuelist:
            return
        try:
            self.data = parse_int(valuelist[0])
        except InputError as error:
            self.data = None
            raise ValueError(self.invalid_value_message or str(NOT_A_NUMBER)) from error


def refuse_nul_characters() -> None:
    """No database stores a NUL character, and no person types one: a query string or form
    that holds one is refused before a view reads it."""
    sent = (*request.args.items(multi=True), *request.form.items(multi=True))
    if any("\x00" in key or "\x00" in value for key, value in sent):
        raise UndecodableForm()


def init_app(app: Flask) -> None:
    app.url_map.converters.update(URL_CONVERTERS)  # before the blueprints add their routes
    app.before_request(refuse_nul_characters)


def request_json() -> Any:
    """The request's JSON body, None when it was not sent as JSON; a DomainError (400, or
    413) says what is wrong with one that is too large, too deep or no JSON."""
    if not request.is_json:
        return None
    if (request.content_length or 0) > JSON_MAX_BYTES:
        raise refused_input(InputError("json_too_large", limit=JSON_MAX_BYTES))
    try:
        return load_json(request.get_data(cache=True))
    except InputError as error:
        raise refused_input(error) from None
