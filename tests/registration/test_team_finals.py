"""A coach's team page shows the finals the team is placed at and its ticket to the national
final: why, where it stands (invited, accepted, declined) and a link to answer it."""

import html
import re

from challenges.auth.roles import Role
from challenges.awards.models import Advancement, AdvancementKind, AdvancementStatus
from challenges.events.models import EventKind, EventTeam
from challenges.extensions import db
from tests.events.programme_words import FLL_WORDS, main_of, make_programme_event, words_in
from tests.factories import make_event, make_placed_teams, make_user


def text_of(response) -> str:
    """The page's <main> as a reader sees it: words, no tags."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main_of(response))).split())


def placed_with_ticket(kind: AdvancementKind, status: AdvancementStatus):
    """A Vakkanjers team at its Markt and at the national final, with a ticket there."""
    market = make_programme_event(False, "Vakkanjers Markt Zwolle")
    national = make_event(market.season, name="Landelijke finale Vakkanjers")
    national.kind = EventKind.NATIONAL
    coach = make_user(roles=(Role.COACH,))
    (team,) = make_placed_teams(market, 1, coach=coach)
    team.first_choice_event_id = None
    ticket = Advancement(
        from_event_id=market.id,
        to_event_id=national.id,
        category_id=team.category_id,
        team_id=team.id,
        kind=kind,
        position=2,
        reason="Intern: sterke pitch",
        status=status,
        decided_by="Organisator",
    )
    db.session.add_all(
        [
            ticket,
            EventTeam(event_id=national.id, team_id=team.id, event_kind=EventKind.NATIONAL),
        ]
    )
    db.session.commit()
    return coach, team, ticket


def test_the_team_page_names_the_finals_and_the_ticket_to_answer(client):
    coach, team, ticket = placed_with_ticket(AdvancementKind.RANK, AdvancementStatus.CONFIRMED)
    client.log_in(coach.email)
    response = client.get(f"/teams/{team.id}")
    page = text_of(response)
    assert "Halve finale (Vakkanjers Markt) Vakkanjers Markt Zwolle" in page
    assert "Landelijke finale Landelijke finale Vakkanjers" in page
    assert "nog geen keuze" not in page
    assert "Plaats 2 in de rangschikking · Uitgenodigd" in page
    answer = f'href="/teams/{team.id}/tickets/{ticket.id}"'
    assert answer in main_of(response)
    assert "Antwoord: komt je team?" in page
    assert words_in(main_of(response), FLL_WORDS) == []
    english = text_of(client.get(f"/teams/{team.id}?lang=en"))
    assert "Semi-final (Vakkanjers Markt) Vakkanjers Markt Zwolle" in english
    assert "Place 2 in the ranking · Invited" in english
    assert "Answer: does your team come?" in english
    assert "no choice yet" not in english
    assert client.get(f"/teams/{team.id}/tickets/{ticket.id}").status_code == 200


def test_an_accepted_wildcard_says_so_without_the_panel_s_reason(client):
    coach, team, ticket = placed_with_ticket(AdvancementKind.WILDCARD, AdvancementStatus.ACCEPTED)
    client.log_in(coach.email)
    response = client.get(f"/teams/{team.id}")
    page = text_of(response)
    assert "Wildcard · Geaccepteerd" in page
    assert "sterke pitch" not in page
    assert "Antwoord: komt je team?" not in page
    assert f'href="/teams/{team.id}/tickets/{ticket.id}"' in main_of(response)
    assert "Wildcard · Accepted" in text_of(client.get(f"/teams/{team.id}?lang=en"))


def test_a_declined_ticket_shows_as_declined(client):
    coach, team, _ticket = placed_with_ticket(AdvancementKind.RANK, AdvancementStatus.DECLINED)
    client.log_in(coach.email)
    assert "Plaats 2 in de rangschikking · Afgezien" in text_of(client.get(f"/teams/{team.id}"))
