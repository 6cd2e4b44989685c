"""The base form every form of the app extends, and small shared forms."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flask import abort, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from jinja2 import pass_context
from jinja2.runtime import Context

if TYPE_CHECKING:
    from challenges.errors import DomainError

FORM_ERROR_STATUS = 422

# U+FFFD is what undecodable bytes (invalid UTF-8) become; NUL is refused by PostgreSQL.
FORBIDDEN_CHARACTERS = ("\ufffd", "\x00")


class Form(FlaskForm):
    """Refuses text with undecodable bytes or NUL characters, field by field."""

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if isinstance(field.data, str) and any(c in field.data for c in FORBIDDEN_CHARACTERS):
                field.errors = [
                    *field.errors,
                    str(_l("This contains characters that are not allowed.")),
                ]
                valid = False
        return valid


class ConfirmForm(Form):
    """A button that only carries the CSRF token."""


def form_page(template: str, form: FlaskForm, **context: Any) -> tuple[str, int]:
    """A form's page, answered 422 while it shows a problem."""
    status = FORM_ERROR_STATUS if form.errors or form.form_errors else 200
    return render_template(template, form=form, **context), status


def confirmed_or_400() -> None:
    """A post without its button's valid CSRF token is a bad request."""
    if not ConfirmForm().validate_on_submit():
        abort(400)


def show_domain_error(form: FlaskForm, error: "DomainError") -> None:
    """Put a refused action's message on its field, or on the form as a whole."""
    if error.field and error.field in form:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


@pass_context
def form_has_errors(context: Context) -> bool:
    """Whether the page shows a refused form (base.html's title then begins with "Error:"): a
    form with errors, the problems of a refused score sheet or rubric (`problems`), or the one
    reason an action was refused (`problem`, shown by forms.html's `refusal`)."""
    problems = context.get("problems")
    if (isinstance(problems, Mapping) and bool(problems)) or context.get("problem"):
        return True
    return any(isinstance(value, FlaskForm) and bool(value.errors) for value in context.values())
