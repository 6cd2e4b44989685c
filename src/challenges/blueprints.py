"""Registers every area's blueprint and the account loader, and names to a lower area what it
asks of the areas built on it (the hooks at the end of `register`), as it may not import them."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from challenges.auth import admin_views as auth_admin
from challenges.auth import services as auth_services
from challenges.auth import views as auth
from challenges.awards import prize_views as public_prize
from challenges.awards import results_views as awards_results
from challenges.awards import tickets
from challenges.awards import views as awards
from challenges.awards.results import event_results
from challenges.awards.visibility import results_shown
from challenges.backups import views as backups
from challenges.core import outbox_views, tablet_views
from challenges.core import views as core
from challenges.events import admin_views as events_admin
from challenges.events import cockpit, scoreboard_version
from challenges.events import views as events
from challenges.events.market import services as market
from challenges.events.placement import services as placement
from challenges.extensions import login_manager
from challenges.judging import market_views  # noqa: F401 (the market's pages on judging.bp)
from challenges.judging import views as judging
from challenges.judging.entries import rubric_set_of
from challenges.judging.floor import judged_pairs
from challenges.judging.rubrics import rubric_set_keys
from challenges.printing import views as printing
from challenges.registration import admin_views as registration_admin
from challenges.registration import services as registration_services
from challenges.registration import views as registration
from challenges.reports import views as reports
from challenges.robot_game import scoreboard_views as scoreboard
from challenges.robot_game import views as robot_game
from challenges.robot_game.definitions import season_keys
from challenges.schools import admin_views as schools_admin
from challenges.schools import services as school_services
from challenges.schools import views as schools
from challenges.seasons import forms as season_forms
from challenges.seasons import services as season_services
from challenges.seasons import views as seasons
from challenges.surveys import admin_views as surveys_admin
from challenges.surveys import views as surveys


def register(app: Flask) -> None:
    for blueprint in (
        core.bp,
        tablet_views.bp,
        auth.bp,
        auth_admin.bp,
        outbox_views.bp,
        printing.bp,
        events.bp,
        events_admin.bp,
        registration.bp,
        registration_admin.bp,
        judging.bp,
        awards.bp,
        awards_results.bp,
        public_prize.bp,
        judging.api,
        judging.settings,
        robot_game.bp,
        robot_game.api,
        scoreboard.bp,
        schools.bp,
        schools_admin.bp,
        seasons.bp,
        backups.bp,
        reports.bp,
        surveys.bp,
        surveys_admin.bp,
    ):
        app.register_blueprint(blueprint)
    # A lower area asks a higher one through what the higher one names here.
    season_forms.offer(robot_games=season_keys, rubric_sets=rubric_set_keys)
    season_services.count_category_teams_with(registration_services.teams_in)
    cockpit.ask_about_events(rubric_set_of=rubric_set_of, results_shown=results_shown)
    judging.show_results_with(event_results)
    market.know_judged_pairs_with(judged_pairs)
    registration.show_on_team_page(placement.for_team_page, tickets.for_team_page)
    registration_services.when_team_renamed(scoreboard_version.bump_where_placed)
    school_services.find_colleagues_with(registration_services.coaches_at)
    login_manager.user_loader(auth_services.resume_session)  # server-side log-ins
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"
