import pytest

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.reports.models import EventVisitors
from tests.factories import grant_event_role, make_event, make_user


def visitors_page(event) -> str:
    return f"/admin/reports/events/{event.id}/visitors"


def test_the_event_manager_enters_and_changes_the_visitors(client, reports):
    noord = next(event for event in reports.season_events() if event.name == "Noord")
    manager = make_user(name="Eva Evenement")
    grant_event_role(manager, noord, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    response = client.submit(
        visitors_page(noord), {"visitors": "480", "note": " geteld bij de deur "}
    )
    assert response.status_code == 302
    saved = db.session.get(EventVisitors, noord.id)
    assert (saved.visitors, saved.note, saved.entered_by) == (
        480,
        "geteld bij de deur",
        "Eva Evenement",
    )
    page = client.get(visitors_page(noord)).text
    assert 'value="480"' in page
    client.submit(visitors_page(noord), {"visitors": "520", "note": ""})
    saved = db.session.get(EventVisitors, noord.id)
    assert (saved.visitors, saved.note) == (520, None)
    assert db.session.query(EventVisitors).count() == 1


def test_the_overview_and_the_report_show_the_visitors(client, reports):
    events = {event.name: event for event in reports.season_events()}
    db.session.add_all(
        [
            EventVisitors(event_id=events["Noord"].id, visitors=1480, entered_by="Eva"),
            EventVisitors(event_id=events["Finale"].id, visitors=580, entered_by="Eva"),
        ]
    )
    db.session.commit()
    client.log_in(reports.organiser_email)
    html = client.get(f"/admin/reports/seasons/{reports.season.id}").text
    assert '<td class="number">1.480</td>' in html
    assert '<td class="number">2.060</td>' in html  # both events together


def test_bad_input_gives_a_dutch_error_and_keeps_what_was_saved(client, reports):
    noord = next(event for event in reports.season_events() if event.name == "Noord")
    db.session.add(EventVisitors(event_id=noord.id, visitors=300, entered_by="Eva"))
    db.session.commit()
    client.log_in(reports.organiser_email)
    for bad in ("-1", "100001", "1.0000", "1,500"):
        response = client.submit(visitors_page(noord), {"visitors": bad, "note": ""})
        assert response.status_code == 422, bad
        assert "Vul een heel aantal bezoekers in van 0 tot en met 100.000." in response.text, bad
    for bad in ("veel", "1e9", "\u0661\u0662", "9" * 30):  # Arabic digits too
        response = client.submit(visitors_page(noord), {"visitors": bad, "note": ""})
        assert response.status_code == 422, bad
        assert "form-errors" in response.text
        assert "Nummer moet" not in response.text  # WTForms' own Dutch
    response = client.submit(visitors_page(noord), {"visitors": "5", "note": "x" * 301})
    assert response.status_code == 422
    assert "Schrijf hooguit 300 tekens." in response.text
    assert "karakters" not in response.text
    assert db.session.get(EventVisitors, noord.id).visitors == 300


@pytest.mark.parametrize(
    ("written", "saved"), [("1.500", 1500), ("1500", 1500), (" 12 500 ", 12500)]
)
def test_visitors_written_with_a_thousands_separator(client, reports, written, saved):
    noord = next(event for event in reports.season_events() if event.name == "Noord")
    client.log_in(reports.organiser_email)
    response = client.submit(visitors_page(noord), {"visitors": written, "note": ""})
    assert response.status_code == 302
    assert db.session.get(EventVisitors, noord.id).visitors == saved


def test_a_note_s_line_breaks_count_once(client, reports):
    noord = next(event for event in reports.season_events() if event.name == "Noord")
    client.log_in(reports.organiser_email)
    note = "geteld\r\n" * 42 + "x" * 6  # 300 characters with one per line break, 342 sent
    response = client.submit(visitors_page(noord), {"visitors": "5", "note": note})
    assert response.status_code == 302
    assert db.session.get(EventVisitors, noord.id).note == ("geteld\n" * 42 + "x" * 6)


def test_a_manager_of_another_event_may_not(client, reports):
    noord = next(event for event in reports.season_events() if event.name == "Noord")
    manager = make_user()
    grant_event_role(manager, make_event(), Role.EVENT_MANAGER)
    client.log_in(manager.email)
    assert client.get(visitors_page(noord)).status_code == 403
    assert client.submit(visitors_page(noord), {"visitors": "10"}, page="/").status_code == 403


def test_an_unknown_event_is_not_found(client, reports):
    client.log_in(reports.organiser_email)
    assert client.get("/admin/reports/events/999999/visitors").status_code == 404


def test_the_event_manager_finds_the_visitors_page_in_the_cockpit(client, reports):
    noord = next(event for event in reports.season_events() if event.name == "Noord")
    manager = make_user(name="Eva Evenement")
    grant_event_role(manager, noord, Role.EVENT_MANAGER)
    client.log_in(manager.email)
    cockpit = client.get(f"/events/{noord.id}/cockpit").text
    assert f'href="{visitors_page(noord)}"' in cockpit
    assert "Bezoekers" in cockpit


def test_the_organiser_finds_the_season_in_numbers_on_the_dashboard(client, reports):
    client.log_in(make_user(roles=(Role.ORGANISER,)).email)
    dashboard = client.get("/dashboard").text
    assert 'href="/admin/reports/"' in dashboard
    assert "Het seizoen in cijfers" in dashboard
