"""Two jurors (or one double tap, or two event managers) acting on the market floor at the
same moment, each through their own logged-in client: the actions take turns on the event's
row, so no stand gets two jurors, no juror two stands and no market two plans."""

from sqlalchemy import func, select

from challenges.auth.roles import Role
from challenges.events.market.models import MarketPlan, PlannedVisit
from challenges.extensions import db
from challenges.judging.models import StandClaim
from tests.concurrency import at_the_same_moment
from tests.factories import FormClient, grant_event_role, make_user

ROUNDS = 10


class Phone:
    """A juror's (or manager's) phone: logged in, its form token fetched before the race."""

    def __init__(self, app, user, event_id: int) -> None:
        self.client = FormClient(app.test_client())
        self.client.log_in(user.email)
        self.url = f"/events/{event_id}/judging/market"
        self.token = self.client.csrf_token(f"/events/{event_id}/market")

    def post(self, path: str, **data):
        return lambda: self.client.post(
            f"{self.url}/{path}", data={"csrf_token": self.token, **data}
        )


def open_claims(event_id: int) -> list[tuple[int, int]]:
    db.session.expire_all()
    return list(
        db.session.execute(
            select(StandClaim.judge_id, StandClaim.team_id).where(
                StandClaim.event_id == event_id, StandClaim.released_at.is_(None)
            )
        ).all()
    )


def test_two_jurors_at_the_same_moment_never_get_the_same_stand(app, market):
    event, _teams, (anouk, bas, _cem), _stands = market
    phones = [Phone(app, anouk, event.id), Phone(app, bas, event.id)]
    for _ in range(ROUNDS):
        results = at_the_same_moment(*(phone.post("next", confirm="yes") for phone in phones))
        assert [response.status_code for response in results] == [302, 302]
        claims = open_claims(event.id)
        assert sorted(judge for judge, _team in claims) == sorted([anouk.id, bas.id])
        assert len({team for _judge, team in claims}) == 2


def test_a_double_tap_gives_one_open_claim(app, market):
    event, _teams, (anouk, _bas, _cem), _stands = market
    phone = Phone(app, anouk, event.id)
    for _ in range(ROUNDS):
        at_the_same_moment(phone.post("next", confirm="yes"), phone.post("next", confirm="yes"))
        assert len(open_claims(event.id)) == 1
    at_the_same_moment(phone.post("release"), phone.post("undo"))
    assert len(open_claims(event.id)) <= 1


def test_two_starts_of_the_market_give_one_plan_and_one_refusal(app, market):
    event, _teams, _jurors, _stands = market
    manager, other = make_user(), make_user()
    for person in (manager, other):
        grant_event_role(person, event, Role.EVENT_MANAGER)
    db.session.commit()
    phones = [Phone(app, manager, event.id), Phone(app, other, event.id)]
    results = at_the_same_moment(*(p.post("plan/fix", round_minutes="15") for p in phones))
    assert [response.status_code for response in results] == [302, 302]
    messages = [
        phone.client.get(f"/events/{event.id}/market").get_data(as_text=True) for phone in phones
    ]
    assert sum("De markt is begonnen: het rondeplan ligt vast" in page for page in messages) == 1
    assert sum("De markt is al gestart" in page for page in messages) == 1
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(MarketPlan)) == 1
    results = at_the_same_moment(*(phone.post("plan/remake") for phone in phones))
    assert [response.status_code for response in results] == [302, 302]  # no 500
    db.session.expire_all()
    assert db.session.scalar(select(MarketPlan.version)) == 3  # made again twice, in turn
    rounds = db.session.execute(select(PlannedVisit.round, PlannedVisit.judge_id)).all()
    assert len(rounds) == len(set(rounds))
