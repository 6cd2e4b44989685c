"""The blank Robot Game scoresheet, the referees' paper fallback: one page per season, every
mission and the points of every answer, readable type, embedded fonts, Dutch or English."""

import pytest

from challenges.auth.roles import Role
from challenges.extensions import db
from challenges.printing.answer_points import Answer, Gain, Written, answers
from challenges.robot_game.definitions import load, season_keys
from tests.factories import grant_event_role, make_user
from tests.printing.conftest import page_texts, read_pdf, text_sizes, unembedded_fonts

SMALLEST = 9


def blank(runner, tmp_path, key, language="nl"):
    out = tmp_path / f"{key}.pdf"
    args = ["print", "scoresheet", key, "--out", str(out), "--language", language]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


@pytest.mark.parametrize("key", season_keys())
def test_every_season_fits_one_page_with_every_mission_and_the_points_of_every_answer(
    runner, tmp_path, app, key
):
    data = blank(runner, tmp_path, key)
    # One page for every current season: the layout shrinks to 9 pt before it would take a
    # second page, and each season's missions fit at that size.
    [text] = page_texts(data)
    season = load(key)
    assert season.name in text
    for mission in season.missions:
        assert season.label("missions", mission, "nl") in text
    words = set(text.replace("*", " ").replace("+", " ").split())
    for question in season.questions:
        if not question.mission:
            continue
        found = answers(season, question)
        gains = found.each if isinstance(found, Written) else [g for a in found for g in a.gains]
        assert {str(gain.points) for gain in gains} <= words, question.id
    for label in ("Team", "Tafel", "Ronde", "Scheidsrechter", "Akkoord team (initialen)"):
        assert label in text
    assert f"Totaal (max. {season.maximum})" in text
    assert "Gracious Professionalism" in text
    assert "☐ 2 In ontwikkeling" in text


@pytest.mark.parametrize("key", season_keys())
def test_no_text_below_nine_points_and_every_font_embedded(runner, tmp_path, app, key):
    data = blank(runner, tmp_path, key)
    sizes = text_sizes(data)
    assert sizes
    assert min(size for size, _text in sizes) >= SMALLEST - 0.01, min(sizes)
    assert unembedded_fonts(data, tmp_path) == set()
    assert unembedded_fonts(data) == set()
    assert float(read_pdf(data).pages[0].mediabox.height) == pytest.approx(842, abs=1)  # A4


def test_the_founders_sheet_prints_points_and_their_conditions(runner, tmp_path, app):
    [text] = page_texts(blank(runner, tmp_path, "fll-2026-bioglow-founders"))
    assert "0 10 15 25 35 50 50" in text  # precision tokens, 0 to 6 left
    assert "10* +20**" in text  # M04: the second leaf's bonus
    assert "alleen als b = Ja en c = Ja" in text
    assert "Punten" not in text.replace("punten", "")  # no broken "Punte/n" column any more


def test_in_english_when_asked(runner, tmp_path, app):
    [text] = page_texts(blank(runner, tmp_path, "fll-2025-unearthed", "en"))
    assert "Robot Game scoresheet" in text
    assert "M01 Surface brushing" in text
    assert "☐ Yes" in text
    assert "Team agrees (initials)" in text


def test_a_referee_downloads_the_blank_sheet_of_the_events_season(client, judged):
    judged.event.season.robot_game_key = "fll-2026-bioglow-founders"
    referee = make_user(name="Rob")
    grant_event_role(referee, judged.event, Role.REFEREE)
    db.session.commit()
    client.log_in(referee.email)
    response = client.get(f"/events/{judged.event.id}/print/scoresheet")
    assert response.status_code == 200
    [text] = page_texts(response.data)
    assert judged.event.name in text
    assert "M16 Precisiefiches" in text
    assert read_pdf(response.data).metadata.subject == judged.event.name


@pytest.mark.parametrize(
    ("key", "question", "expected"),
    [
        # yes/no: nothing for no, the points for yes
        ("fll-2025-unearthed", "m00_inspection", [(False, []), (True, [Gain(20)])]),
        # a table of points per count
        (
            "fll-2025-unearthed",
            "m16_precision_tokens",
            [(n, [Gain(p)] if p else []) for n, p in enumerate([0, 10, 15, 25, 35, 50, 50])],
        ),
        # a bonus that needs another answer of the mission
        (
            "fll-2025-unearthed",
            "m03_opposing_minecart",
            [(False, []), (True, [Gain(10, ({"question": "m03_own_minecart", "is": True},))])],
        ),
        # a mission bonus shown at the first answer it depends on
        (
            "fll-2026-bioglow-founders",
            "m15_dock",
            [
                ("none", []),
                ("mine", [Gain(10, ({"question": "m15_canopy_raised", "is": True},))]),
                ("city", [Gain(10, ({"question": "m15_skylight_in", "is": True},))]),
                ("farm", [Gain(10, ({"question": "m15_hatch_open", "is": True},))]),
            ],
        ),
    ],
)
def test_the_points_of_each_answer(key, question, expected):
    season = load(key)
    found = answers(season, season.by_id[question])
    assert [(answer.value, list(answer.gains)) for answer in found] == expected


def test_a_wide_count_is_written_with_its_points_each():
    season = load("fll-2026-bioglow-future")
    found = answers(season, season.by_id["m03_waterfall_counter"])
    assert found == Written(0, 50, (Gain(5),))


def test_a_bonus_needing_two_answers_adds_to_the_answer_it_starts_from():
    season = load("fll-2026-bioglow-founders")
    two_leaves = answers(season, season.by_id["m04_leaves_removed"])[2]
    assert two_leaves.base == 0  # every point of M04 needs the katydid in its habitat
    assert [gain.points for gain in two_leaves.gains] == [10, 20]
    assert isinstance(two_leaves, Answer)
