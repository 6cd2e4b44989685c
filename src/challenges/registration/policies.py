"""Who may see a team: its own coaches and the organisers."""

from typing import Any

from flask_babel import lazy_gettext as _l

from challenges.auth.policies import Policy, ViewArgs, is_organiser
from challenges.extensions import db
from challenges.registration.models import TeamCoach


def _coaches_team(user: Any, args: ViewArgs) -> bool:
    """A link to a school grants nothing here: only the team's own coaches."""
    team_coach = db.session.get(TeamCoach, (args["team_id"], user.id))
    return is_organiser(user) or team_coach is not None


TEAM_COACH = Policy(
    "team_coach", _l("Only the team's coaches and the organisers may see this team."), _coaches_team
)
