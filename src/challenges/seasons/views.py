"""Organisers manage programmes, seasons and their categories."""

from flask import Blueprint, redirect, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from challenges.actions import run_action, run_form_action
from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.extensions import db
from challenges.forms import ConfirmForm, form_page
from challenges.seasons import services
from challenges.seasons.forms import CategoryForm, ProgrammeForm, SeasonForm
from challenges.seasons.models import Category, Programme, Season

bp = Blueprint("seasons", __name__, url_prefix="/admin/seasons")


def form_data(form) -> dict:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


@bp.route("/", methods=["GET", "POST"])
@require(ORGANISER)
def index():
    form = ProgrammeForm()
    if form.validate_on_submit() and run_form_action(
        form, lambda: services.create_programme(form_data(form)), _("Programme added.")
    ):
        return redirect(url_for("seasons.index"))
    programmes = db.session.scalars(
        select(Programme).options(selectinload(Programme.seasons)).order_by(Programme.name)
    ).all()
    return form_page("seasons/index.html", form, programmes=programmes, copy_form=ConfirmForm())


@bp.route("/new/<int:programme_id>", methods=["GET", "POST"])
@require(ORGANISER)
def new(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    form = SeasonForm()
    season = Season(programme_id=programme.id)
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: services.save_season(season, form_data(form)),
        _("Season added. Now add its categories."),
    ):
        return redirect(url_for("seasons.edit", season_id=season.id))
    return form_page("seasons/season_form.html", form, programme=programme, season=None)


@bp.route("/<int:season_id>", methods=["GET", "POST"])
@require(ORGANISER)
def edit(season_id: int):
    season = db.get_or_404(Season, season_id)
    # The page also has the "add a category" form, whose fields share names with these: the
    # prefix gives every field its own id (and so its label), "season-name" beside "name".
    form = SeasonForm(obj=season, prefix="season")
    if form.validate_on_submit() and run_form_action(
        form, lambda: services.save_season(season, form_data(form)), _("The changes are saved.")
    ):
        return redirect(url_for("seasons.edit", season_id=season.id))
    if not form.is_submitted():
        form.registration_opens_at.data = services.to_amsterdam(season.registration_opens_at)
        form.registration_closes_at.data = services.to_amsterdam(season.registration_closes_at)
    return form_page(
        "seasons/season_form.html",
        form,
        programme=season.programme,
        season=season,
        category_form=CategoryForm(formdata=None),
        delete_form=ConfirmForm(),
    )


@bp.post("/<int:season_id>/copy")
@require(ORGANISER)
def copy(season_id: int):
    season = db.get_or_404(Season, season_id)
    copies: list[Season] = []
    if ConfirmForm().validate_on_submit() and run_action(
        lambda: copies.append(services.copy_season(season)),
        _("Season made with the same categories. Fill in its theme."),
    ):
        return redirect(url_for("seasons.edit", season_id=copies[0].id))
    return redirect(url_for("seasons.index"))


@bp.post("/<int:season_id>/categories")
@require(ORGANISER)
def add_category(season_id: int):
    season = db.get_or_404(Season, season_id)
    form = CategoryForm()
    category = Category(season_id=season.id, position=len(season.categories))
    if form.validate_on_submit() and run_form_action(
        form, lambda: services.save_category(category, form_data(form)), _("Category added.")
    ):
        return redirect(url_for("seasons.edit", season_id=season.id))
    return form_page("seasons/category_form.html", form, season=season, category=None)


@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
@require(ORGANISER)
def edit_category(category_id: int):
    category = db.get_or_404(Category, category_id)
    form = CategoryForm(obj=category)
    if form.validate_on_submit() and run_form_action(
        form, lambda: services.save_category(category, form_data(form)), _("The changes are saved.")
    ):
        return redirect(url_for("seasons.edit", season_id=category.season_id))
    return form_page("seasons/category_form.html", form, season=category.season, category=category)


@bp.post("/categories/<int:category_id>/delete")
@require(ORGANISER)
def delete_category(category_id: int):
    category = db.get_or_404(Category, category_id)
    season_id = category.season_id
    if ConfirmForm().validate_on_submit():
        run_action(lambda: services.remove_category(category), _("Category removed."))
    return redirect(url_for("seasons.edit", season_id=season_id))
