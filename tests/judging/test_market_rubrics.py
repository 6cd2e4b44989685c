"""Vakkanjers Markt: a juror files the jury form of the stand they are at (the judge advisor
any), submitting it ends the claim, and a form filed for the wrong team is withdrawn with a
reason: kept as a version, counted nowhere."""

from sqlalchemy import select

from challenges.auth.roles import Role
from challenges.awards import results
from challenges.extensions import db
from challenges.judging.models import RubricEntry, RubricStatus
from tests.events.programme_words import FLL_WORDS, VAKKANJERS_WORDS, main_of, words_in
from tests.factories import grant_event_role, make_user
from tests.judging.conftest import act, body, claimed, jury_rubric, send


def versions(team) -> list[RubricEntry]:
    return list(
        db.session.scalars(
            select(RubricEntry).where(RubricEntry.team_id == team.id).order_by(RubricEntry.id)
        )
    )


def form_url(event, team) -> str:
    return f"/events/{event.id}/judging/teams/{team.id}/jury"


def test_a_juror_files_only_the_stand_they_are_at(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    client.log_in(anouk.email)
    unclaimed = client.get(form_url(event, teams[0]))
    assert unclaimed.status_code == 403
    assert "alleen het juryformulier invullen van de stand waar je bent" in unclaimed.text
    act(client, event, "next")
    assert claimed(anouk) == teams[0].id
    assert client.get(form_url(event, teams[0])).status_code == 200
    other = client.get(form_url(event, teams[1]))  # typed into the address bar
    assert other.status_code == 403
    assert "De marktvloer vertelt je welke stand dat is." in other.text
    refused = send(client, event, jury_rubric(teams[1], "wrong-stand-1"))
    assert refused.status_code == 403
    assert refused.get_json()["kept"] is True  # the judge advisor decides
    assert versions(teams[1]) == []
    assert send(client, event, jury_rubric(teams[0], "right-stand-1")).status_code == 201
    assert claimed(anouk) is None  # submitting ends the claim
    again = send(client, event, jury_rubric(teams[0], "right-stand-1"))
    assert again.status_code == 200  # a tablet's retry of the same key is still answered


def test_the_judge_advisor_files_any_stand(client, market):
    event, teams, _jurors, _stands = market
    advisor = make_user(name="Aisha")
    grant_event_role(advisor, event, Role.JUDGE_ADVISOR)
    db.session.commit()
    client.log_in(advisor.email)
    assert send(client, event, jury_rubric(teams[2], "advisor-key-1")).status_code == 201


def withdraw(client, event, entry, reason):
    url = f"/events/{event.id}/judging/rubrics/{entry.id}/withdraw"
    return client.submit(url, {"reason": reason}, follow_redirects=True)


def test_a_wrongly_filed_form_is_withdrawn_with_a_reason_and_kept(client, market):
    event, teams, (anouk, bas, _cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    send(client, event, jury_rubric(teams[0], "filed-key-1"))
    (filed,) = versions(teams[0])
    assert "Intrekken (verkeerd team?)" in client.get(f"/events/{event.id}/judging/market").text
    client.log_in(bas.email)
    page = f"/events/{event.id}/judging/rubrics/{filed.id}/withdraw"
    assert client.get(page).status_code == 403  # not bas's form
    client.log_in(anouk.email)
    form = main_of(client.get(page))
    assert "Een juryformulier intrekken" in form
    assert f'href="/events/{event.id}/judging/market">Terug naar de marktvloer' in form
    assert words_in(form, FLL_WORDS) == []
    response = withdraw(client, event, filed, "   ")
    assert response.status_code == 422
    assert "Zeg waarom het juryformulier wordt ingetrokken." in response.text
    assert "<title>Fout: " in response.text  # said and focused like every refused form
    assert 'role="alert" tabindex="-1" autofocus' in response.text
    response = withdraw(client, event, filed, "verkeerd\x00")  # refused before the view
    assert response.status_code == 400
    response = withdraw(client, event, filed, "x" * 201)
    assert "Hoogstens 200 tekens." in response.text
    response = withdraw(client, event, filed, "Op de verkeerde stand  ingevuld")
    assert response.status_code == 200
    assert "Het juryformulier is ingetrokken" in response.text
    assert words_in(main_of(response), FLL_WORDS) == []
    old, new = versions(teams[0])
    assert (old.status, old.current) == (RubricStatus.SUBMITTED, False)  # kept as it was
    assert (new.status, new.current, new.version) == (RubricStatus.WITHDRAWN, True, 2)
    assert new.withdrawn_reason == "Op de verkeerde stand ingevuld"
    assert new.withdrawn_by_id == anouk.id
    assert new.levels == old.levels
    assert results.submitted(event) == []  # counted nowhere
    floor = client.get(f"/events/{event.id}/judging/market").text
    assert "Intrekken (verkeerd team?)" not in floor
    assert client.get(page).status_code == 404  # the old version is no longer current


def test_the_judge_advisor_withdraws_a_juror_s_form(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    advisor = make_user(name="Aisha")
    grant_event_role(advisor, event, Role.JUDGE_ADVISOR)
    db.session.commit()
    client.log_in(anouk.email)
    act(client, event, "next")
    send(client, event, jury_rubric(teams[0], "filed-key-2"))
    (filed,) = versions(teams[0])
    client.log_in(advisor.email)
    assert withdraw(client, event, filed, "Dubbel ingevuld").status_code == 200
    assert versions(teams[0])[-1].withdrawn_by_id == advisor.id


def test_the_jury_form_speaks_market_words_from_opening_to_submitting(client, market):
    event, teams, (anouk, _bas, _cem), _stands = market
    client.log_in(anouk.email)
    act(client, event, "next")
    page = main_of(client.get(form_url(event, teams[0])))
    assert "Juryformulier indienen" in page
    assert "Terug naar de markt" in page
    assert words_in(page, FLL_WORDS) == []
    fields = {f"level-{row}": "3" for row in jury_rubric(teams[0], "")["levels"]}
    refused = client.submit(form_url(event, teams[0]), {"action": "submit", "client_key": "k" * 32})
    assert refused.status_code == 422
    assert "Het juryformulier is niet opgeslagen" in refused.text
    assert words_in(refused.text.split('<main id="main"', 1)[1], FLL_WORDS) == []
    done = client.submit(
        form_url(event, teams[0]),
        fields | {"action": "submit", "client_key": "k" * 32},
        follow_redirects=True,
    )
    assert f"Juryformulier ingediend: #{teams[0].number} {teams[0].name}." in done.text
    assert words_in(main_of(done), FLL_WORDS) == []


def test_an_fll_rubric_keeps_its_own_words(client, panel):
    client.log_in(panel.judge.email)
    page = main_of(
        client.get(f"/events/{panel.event.id}/judging/teams/{panel.teams[0].id}/robot_design")
    )
    assert "Rubric indienen" in page
    assert "Terug naar de sessies" in page
    assert words_in(page, VAKKANJERS_WORDS) == []


def test_withdrawing_an_fll_rubric_speaks_fll_words(client, panel):
    client.log_in(panel.judge.email)
    assert send(client, panel.event, body(panel.teams[0])).status_code == 201
    (filed,) = versions(panel.teams[0])
    url = f"/events/{panel.event.id}/judging/rubrics/{filed.id}/withdraw"
    page = main_of(client.get(url))
    assert "Een rubric intrekken" in page
    assert f'href="/events/{panel.event.id}/judging">Terug naar de sessies' in page
    assert words_in(page, VAKKANJERS_WORDS) == []
    done = withdraw(client, panel.event, filed, "Wrong team")
    assert "De rubric is ingetrokken" in done.text
    assert words_in(main_of(done), VAKKANJERS_WORDS) == []


def test_a_juror_who_opens_judging_finds_the_market_and_a_blank_jury_form(client, market):
    event, _teams, (anouk, _bas, _cem), _stands = market
    client.log_in(anouk.email)
    page = main_of(client.get(f"/events/{event.id}/judging"))
    assert "Leeg juryformulier (pdf)" in page
    assert f'href="/events/{event.id}/judging/market"' in page
    assert words_in(page, FLL_WORDS) == []
