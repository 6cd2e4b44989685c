"""Double clicks on the award and ticket buttons, through the test server: two requests at
the same moment store one decision; the second waits for the first and then sees it."""

from sqlalchemy import func, select

from challenges.awards.models import Advancement, AwardWinner
from challenges.extensions import db
from challenges.mail.models import OutboxMessage
from tests.awards.conftest import proposed_on_page
from tests.awards.test_market_prizes import advancement_url, first_two_places, make_markt
from tests.concurrency import at_the_same_moment
from tests.factories import FormClient


class Browser:
    """One tab of a logged-in user: the form token is fetched before the race starts."""

    def __init__(self, app, email: str, page: str) -> None:
        self.client = FormClient(app.test_client())
        self.client.log_in(email)
        self.token = self.client.csrf_token(page)

    def post(self, url: str, data: dict):
        return lambda: self.client.post(
            url, data={"csrf_token": self.token, **data}, follow_redirects=True
        )


def test_two_confirms_at_once_give_one_ticket_and_one_mail_per_team(app, client):
    markt = make_markt()
    t0, _t1, _t2, t3, _t4 = markt.teams
    first_two_places(client, markt)
    page = advancement_url(markt)
    url = f"{page}/{markt.category}/confirm"
    tabs = [Browser(app, markt.organiser.email, page) for _ in range(2)]
    seen = {"team": proposed_on_page(tabs[0].client, markt.event.id, markt.category)}
    answers = at_the_same_moment(*(tab.post(url, seen) for tab in tabs))
    # the second waited for the first and is shown the new proposal: none
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    db.session.expire_all()
    tickets = db.session.scalars(select(Advancement.team_id).order_by(Advancement.id)).all()
    assert tickets == [t0.id, t3.id]
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 2
    texts = [answer.get_data(as_text=True) for answer in answers]
    assert sum("2 teams zijn geplaatst" in text for text in texts) == 1
    assert sum("De voorstellen zijn intussen veranderd; kijk opnieuw." in t for t in texts) == 1


def test_the_same_place_given_twice_at_once_is_stored_once(app):
    markt = make_markt()
    page = f"/events/{markt.event.id}/awards"
    tabs = [Browser(app, markt.advisor.email, page) for _ in range(2)]
    for place, team in enumerate(markt.teams[:3], start=1):
        data = {
            "award": "jury_prize",
            "category": markt.category,
            "team": team.id,
            "place": place,
            "reason": "Beste prototype",
        }
        answers = at_the_same_moment(*(tab.post(f"{page}/give", data) for tab in tabs))
        texts = [answer.get_data(as_text=True) for answer in answers]
        assert sum("De prijs is vastgelegd" in text for text in texts) == 1
        assert sum("Deze plaats is al toegekend" in text for text in texts) == 1
    db.session.expire_all()
    given = db.session.execute(
        select(AwardWinner.team_id, AwardWinner.place).order_by(AwardWinner.place)
    ).all()
    assert given == [(team.id, place) for place, team in enumerate(markt.teams[:3], start=1)]


def test_the_same_wildcard_given_twice_at_once_is_stored_once(app, organiser, final):
    team = final.teams[0]
    page = f"/events/{final.national.id}/awards/wildcards"
    tabs = [Browser(app, final.organiser_email, page) for _ in range(2)]
    data = {"team": team.id, "reason": "Sterke pitchvideo"}
    answers = at_the_same_moment(*(tab.post(page, data) for tab in tabs))
    texts = [answer.get_data(as_text=True) for answer in answers]
    assert sum("De wildcard is vastgelegd" in text for text in texts) == 1
    assert sum("of gaat al door" in text for text in texts) == 1
    db.session.expire_all()
    assert db.session.scalars(select(Advancement.team_id)).all() == [team.id]
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
