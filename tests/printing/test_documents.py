"""Results, scoresheets, rubrics, feedback, schedules and signs as PDFs: text, pages, fonts,
who may download them and what happens without data."""

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.robot_game.models import ScoreSheet
from tests.factories import make_teacher, make_user
from tests.printing.conftest import embedded_fonts, page_texts, unembedded_fonts


def published(judged):
    judged.event.results_published_at = judged.event.season.registration_opens_at
    db.session.commit()


def print_to(runner, tmp_path, *args):
    out = tmp_path / "out.pdf"
    result = runner.invoke(args=["print", *args, "--out", str(out)])
    return result, (out.read_bytes() if out.exists() else None)


def test_results_per_category_with_awards_and_ranking(runner, tmp_path, judged):
    result, data = print_to(runner, tmp_path, "results", judged.event.slug)
    assert result.exit_code == 0, result.output
    [text] = page_texts(data)
    assert "Uitslag · Regiofinale" in text
    assert "Robot Performance — 1e plaats: #1004 Team 3" in text
    ranking = text[text.index("School / plaats") :]
    assert ranking.index("#1003 Team 2") < ranking.index("#1004 Team 3")
    assert ranking.index("#1004 Team 3") < ranking.index("#1002 Team 1")
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded_fonts(data)
    assert unembedded_fonts(data, tmp_path) == set()  # no Helvetica from the canvas or tables


def test_an_event_without_results_is_refused_not_printed_empty(runner, tmp_path, app):
    from tests.judging.conftest import make_panel

    panel = make_panel()
    result, data = print_to(runner, tmp_path, "results", panel.event.slug)
    assert result.exit_code == 1
    assert "nog geen uitslag" in result.output
    assert data is None


def test_the_public_gets_the_results_pdf_only_once_published(client, judged):
    url = f"/events/{judged.event.slug}/results.pdf"
    assert client.get(url).status_code == 409
    published(judged)
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"


def test_an_unknown_season_sheet_is_refused(runner, tmp_path, app):
    result, data = print_to(runner, tmp_path, "scoresheet", "fll-1999")
    assert result.exit_code == 1
    assert "challenges robot-game seasons" in result.output
    assert data is None


def test_the_head_referee_prints_a_filled_sheet(client, judged):
    judged.event.season.robot_game_key = "fll-2025-unearthed"
    head = make_user(name="Hanna")
    from tests.factories import grant_event_role

    grant_event_role(head, judged.event, Role.HEAD_REFEREE)
    sheet = db.session.query(ScoreSheet).filter_by(team_id=judged.teams[0].id, round=1).one()
    sheet.answers = {"m00_inspection": True}
    sheet.reviewed_by = "Hanna"
    db.session.commit()
    client.log_in(head.email)
    response = client.get(f"/events/{judged.event.id}/print/sheets/{sheet.id}")
    assert response.status_code == 200
    [text] = page_texts(response.data)
    assert "Totaal: 200 punten · versie 1 · scheidsrechter Rita · goedgekeurd door Hanna" in text
    assert "☒ Ja" in text
    assert "☐ Ja" in text  # the other questions: not ticked
    client.log_in(judged.judge.email)
    assert client.get(f"/events/{judged.event.id}/print/sheets/{sheet.id}").status_code == 403


def test_a_blank_rubric_for_paper_judging(runner, tmp_path, app):
    result, data = print_to(
        runner, tmp_path, "rubric", "fll-challenge-2024", "--rubric", "innovation_project"
    )
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(data))
    assert "Duidelijke omschrijving van het probleem" in text
    assert "Waarmee overtrof het team de verwachting?" in text
    assert unembedded_fonts(data) == set()
    wrong, _data = print_to(runner, tmp_path, "rubric", "fll-challenge-2024", "--rubric", "nope")
    assert wrong.exit_code == 1


def test_coaches_get_the_feedback_pdf_without_judges_names_after_publication(client, judged):
    coach = make_teacher(school=judged.teams[0].school, email="coach@school.nl")
    judged.teams[0].coaches.append(coach)
    db.session.commit()
    client.log_in(coach.email)
    url = f"/teams/{judged.teams[0].id}/feedback/{judged.event.id}.pdf"
    assert client.get(url).status_code == 409
    published(judged)
    response = client.get(url)
    assert response.status_code == 200
    text = " ".join(page_texts(response.data))
    assert "Jurylid 2" in text
    assert "Well beyond" in text
    assert "Janna" not in text
    assert "Anna" not in text


def test_schedules_per_room_and_team_and_nothing_to_print(runner, tmp_path, judged):
    result, data = print_to(runner, tmp_path, "schedule", judged.event.slug, "--by", "room")
    assert result.exit_code == 0, result.output
    text = " ".join(page_texts(data))
    assert "lokaal 1" in text
    assert "lokaal 2" in text
    assert "room" not in text
    assert "#1001 Team 0" in text
    _by_team, data = print_to(runner, tmp_path, "schedule", judged.event.slug, "--by", "team")
    assert "#1004 Team 3" in " ".join(page_texts(data))
    tables, _data = print_to(runner, tmp_path, "schedule", judged.event.slug, "--by", "table")
    assert tables.exit_code == 1  # this event's schedule has no robot-game matches
    assert "niets om zo te printen" in tables.output


def test_team_signs_with_long_names(runner, tmp_path, judged):
    judged.teams[
        1
    ].name = "De Buitengewoon Enthousiaste Robotbouwers van Groningen-Zuid en Omstreken"
    db.session.commit()
    result, data = print_to(runner, tmp_path, "signs", judged.event.slug)
    assert result.exit_code == 0, result.output
    texts = page_texts(data)
    assert len(texts) == 4
    assert unembedded_fonts(data) == set()
    assert "1002" in texts[1]
    assert "De Buitengewoon Enthousiaste Robotbouwers van Groningen-Zuid en Omstreken" in texts[1]


def test_the_public_team_page_behind_the_qr_code(client, judged):
    page = client.get(f"/events/{judged.event.slug}/teams/{judged.teams[0].id}")
    assert page.status_code == 200
    assert "#1001 Team 0" in page.get_data(as_text=True)
    assert client.get(f"/events/{judged.event.slug}/teams/99999").status_code == 404
