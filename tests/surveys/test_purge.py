"""The season purge removes the survey's people, links and remarks; marks and counts stay."""

from datetime import timedelta

from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.core.privacy import privacy
from challenges.database import utcnow
from challenges.extensions import db
from challenges.surveys.models import Survey, SurveyInvitation
from challenges.surveys.summary import season_summary
from tests.factories import make_user
from tests.surveys.test_reports import answer_all, cells


def test_purge_forgets_who_answered_and_what_they_wrote(client, runner, world):
    answer_all(client, world)
    link = world.link_of(world.coaches[0])
    season = world.event.season
    season.registration_closes_at = utcnow() - timedelta(days=60)
    db.session.commit()
    before = season_summary(season)

    dry = runner.invoke(privacy, ["purge", "--dry-run", season.key])
    assert "Survey invitations that still name a person or hold remarks: 4." in dry.output
    done = runner.invoke(privacy, ["purge", "--yes", season.key])

    assert done.exit_code == 0, done.output
    assert "Removed the people, links and remarks of 4 survey invitation(s)." in done.output
    db.session.expire_all()
    invitations = db.session.scalars(select(SurveyInvitation)).all()
    assert len(invitations) == 4
    for invitation in invitations:
        assert invitation.user_id is None
        assert invitation.link_key is None
        assert (invitation.went_well, invitation.could_be_better, invitation.remarks) == (
            None,
            None,
            None,
        )
    assert db.session.get(Survey, world.event.id).sent_by_id is None
    assert season_summary(season) == before  # the marks and counts stay
    assert client.get(link).status_code == 404

    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    page = client.get(f"/admin/surveys/seasons/{season.id}").text
    assert "Hele seizoen 2 2 100 % 7,5 8,5" in cells(page, "coaches")
    assert "Meer koffie" not in page
    again = runner.invoke(privacy, ["purge", "--yes", season.key])
    assert "Survey invitations that still name a person or hold remarks: 0." in again.output
