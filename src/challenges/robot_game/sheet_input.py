"""What a tablet sends for one match: its JSON read into a `SheetInput`, or refused."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from challenges import tablets
from challenges.errors import DomainError
from challenges.inputs import InputError, json_id
from challenges.robot_game.definitions import SeasonDefinition
from challenges.robot_game.evaluator import evaluate


class SheetRefused(DomainError):
    """A sheet with problems: `problems` maps question ids (or fields) to messages."""

    def __init__(self, problems: dict[str, str], status: int = 422) -> None:
        message = _("The sheet was not saved: check the marked answers.")
        super().__init__(message, status=status, problems=problems)


@dataclass
class SheetInput:
    client_key: str
    match_id: int
    answers: dict[str, Any]
    referee_name: str
    team_confirmation: str = ""
    device_time: datetime | None = None


def input_from_json(payload: Any) -> SheetInput:
    """The tablet's JSON body; anything malformed is refused before it reaches the database."""
    if not isinstance(payload, dict):
        raise DomainError(_("The request holds no sheet (a JSON object was expected)."))
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        raise SheetRefused({"answers": _("The sheet holds no answers.")}, 400)
    try:
        match_id = json_id(payload.get("match"))
    except InputError:
        raise SheetRefused({"match": _("Choose a match.")}, 400) from None
    return SheetInput(
        client_key=str(payload.get("client_key") or ""),
        match_id=match_id,
        answers=answers,
        referee_name=str(payload.get("referee_name") or ""),
        team_confirmation=str(payload.get("team_confirmation") or ""),
        device_time=tablets.device_time(payload.get("device_time")),
    )


def score_as_sent(season: SeasonDefinition, payload: dict[str, Any]) -> int | None:
    """The score of a refused sheet as the tablet sent it; None when it cannot be scored."""
    answers = payload.get("answers")
    if not isinstance(answers, dict):
        return None
    result = evaluate(season, answers)
    return None if result.problems else result.score
