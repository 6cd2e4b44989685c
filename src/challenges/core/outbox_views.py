"""The organisers' view of the outbox: what was sent, what waits, what failed. It sits in core,
above auth: auth sends its mails through the outbox, so mail cannot import auth's access checks."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from challenges.actions import attempt
from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.extensions import db
from challenges.forms import ConfirmForm
from challenges.mail.models import OutboxMessage
from challenges.mail.services import retry_failed

bp = Blueprint("core_outbox", __name__, url_prefix="/admin/outbox")

PAGE_SIZE = 50


@bp.get("/")
@require(ORGANISER)
def outbox():
    messages = db.session.scalars(
        select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(PAGE_SIZE)
    ).all()
    return render_template("mail/outbox.html", messages=messages)


@bp.get("/<int:message_id>")
@require(ORGANISER)
def message(message_id: int):
    return render_template(
        "mail/message.html", message=db.get_or_404(OutboxMessage, message_id), form=ConfirmForm()
    )


@bp.post("/<int:message_id>/retry")
@require(ORGANISER)
def retry(message_id: int):
    message = db.get_or_404(OutboxMessage, message_id)
    if ConfirmForm().validate_on_submit() and attempt(lambda: retry_failed(message)) is True:
        flash(_("The message will be sent again."), "success")
    return redirect(url_for("core_outbox.message", message_id=message_id))
