"""The personal link in a survey mail: signed with the app's key, naming one invitation and
its secret key, so a forged, altered or purged link opens nothing (no log-in needed)."""

import hmac
import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from challenges.extensions import db
from challenges.inputs import InputError, parse_id
from challenges.surveys.models import SurveyInvitation

SALT = "survey-answer"
LONGEST_TOKEN = 200  # ours are about 70 characters


def new_key() -> str:
    return secrets.token_urlsafe(32)


def _serializer() -> URLSafeSerializer:
    fallbacks = current_app.config.get("SECRET_KEY_FALLBACKS") or []
    keys = [*reversed(fallbacks), current_app.config["SECRET_KEY"]]
    return URLSafeSerializer(keys, salt=SALT)


def survey_token(invitation: SurveyInvitation) -> str:
    return _serializer().dumps([invitation.id, invitation.link_key])


def invitation_of(token: str) -> SurveyInvitation | None:
    """The invitation a link was made for; None for a link that is not ours, altered, or
    whose key is gone (the season was purged)."""
    if len(token) > LONGEST_TOKEN:
        return None
    try:
        invitation_id, key = _serializer().loads(token)
        invitation = db.session.get(SurveyInvitation, parse_id(invitation_id))
    except (BadSignature, InputError, TypeError, ValueError):
        return None
    if invitation is None or invitation.link_key is None or not isinstance(key, str):
        return None
    return invitation if hmac.compare_digest(invitation.link_key, key) else None
