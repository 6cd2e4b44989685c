"""The desk's page as desk.js and a browser without JavaScript meet it: a reload link for the
latter; for the former every waiting sheet a card with an id and the words to announce it."""

from tests.robot_game.conftest import submitted_sheet


def test_the_desk_has_a_reload_link_without_javascript_and_keyed_cards(client, arena):
    sheet = submitted_sheet(arena, index=1)
    client.log_in(arena.head_referee.email)
    desk = f"/events/{arena.event.id}/head-referee"
    html = client.get(desk).get_data(as_text=True)
    assert f'<noscript><a href="{desk}">Pagina opnieuw laden</a></noscript>' in html
    assert '<p id="desk-news" class="visually-hidden" role="status"></p>' in html
    card = f'id="waiting-{sheet.id}" data-sheet="#1002 Team 1 · Wedstrijdronde 1 · 60 punten"'
    assert card in html
    assert 'data-news="Nieuw formulier om te beoordelen: {sheet}."' in html
