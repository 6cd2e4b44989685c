"""The migration that stores advancement reasons as keys converts the tickets already given:
a winner's ticket gets its award and place 1, the translated text goes, a wildcard's panel
reason stays (SQLite in batch mode, and PostgreSQL)."""

from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from challenges import create_app
from challenges.awards.models import AwardWinner
from challenges.events.models import Event, EventKind
from challenges.extensions import db
from tests.databases import fresh_database
from tests.factories import app_config, make_event, make_open_season, make_placed_teams

pytestmark = pytest.mark.database

BEFORE = "3b9e6f0c2a71"  # the revision before reasons became keys
OLD_TICKET = text(
    "INSERT INTO advancement (from_event_id, to_event_id, category_id, team_id, kind, position,"
    " reason, status, decided_by, decided_at)"
    " VALUES (:regional, :national, :category, :team, :kind, :position, :reason, 'confirmed',"
    " 'Olga', '2026-02-01 12:00:00')"
)


def test_old_reasons_become_keys(tmp_path, monkeypatch):
    monkeypatch.setenv("CHALLENGES_INSTANCE_PATH", str(tmp_path))
    with fresh_database(tmp_path) as url:
        app = create_app(app_config(url))
        with app.app_context():
            upgrade()
            regional = make_event(season=make_open_season())
            national = Event(
                season=regional.season,
                slug="finale",
                kind=EventKind.NATIONAL,
                name="Finale",
                starts_on=date(2026, 6, 1),
            )
            db.session.add(national)
            champion, jury, ranked, wildcard = make_placed_teams(regional, 4)
            category = champion.category_id
            db.session.add(
                AwardWinner(
                    event_id=regional.id,
                    category_id=category,
                    award="champions",
                    team_id=champion.id,
                    place=1,
                    reason="Besluit",
                    decided_by="Anna",
                )
            )
            db.session.commit()
            ids = {"regional": regional.id, "national": national.id, "category": category}
            champion, jury, ranked, wildcard = (t.id for t in (champion, jury, ranked, wildcard))
            db.session.remove()
            downgrade(revision=BEFORE)
            old = [
                (champion, "award_winner", 3, "Winnaar: Champion's Award"),
                (jury, "award_winner", 2, "Winner: Jury prize"),  # no decision to read
                (ranked, "rank", 2, "Plaats 2 in de rangschikking"),
                (wildcard, "wildcard", None, "Sterke pitchvideo"),
            ]
            with db.engine.begin() as connection:
                for team, kind, position, reason in old:
                    values = {"team": team, "kind": kind, "position": position}
                    connection.execute(OLD_TICKET, ids | values | {"reason": reason})
            upgrade()
            with db.engine.connect() as connection:
                rows = connection.execute(
                    text("SELECT team_id, award, position, reason FROM advancement ORDER BY id")
                ).all()
            assert [tuple(row) for row in rows] == [
                (champion, "champions", 1, None),
                (jury, "jury_prize", 1, None),
                (ranked, None, 2, None),
                (wildcard, None, None, "Sterke pitchvideo"),
            ]
            db.engine.dispose()
