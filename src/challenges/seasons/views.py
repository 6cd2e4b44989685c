"""Organisers manage programmes, seasons and their categories."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from challenges.auth.access import require
from challenges.auth.policies import ORGANISER
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.forms import FORM_ERROR_STATUS, ConfirmForm, show_domain_error
from challenges.seasons import services
from challenges.seasons.forms import CategoryForm, ProgrammeForm, SeasonForm
from challenges.seasons.models import Category, Programme, Season

bp = Blueprint("seasons", __name__, url_prefix="/admin/seasons")


def page(template: str, form, **context):
    status = FORM_ERROR_STATUS if form.errors or form.form_errors else 200
    return render_template(template, form=form, **context), status


def form_data(form) -> dict:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


@bp.route("/", methods=["GET", "POST"])
@require(ORGANISER)
def index():
    form = ProgrammeForm()
    if form.validate_on_submit():
        try:
            services.create_programme(form_data(form))
        except DomainError as error:
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Programme added."), "success")
            return redirect(url_for("seasons.index"))
    programmes = db.session.scalars(
        select(Programme).options(selectinload(Programme.seasons)).order_by(Programme.name)
    ).all()
    return page("seasons/index.html", form, programmes=programmes, copy_form=ConfirmForm())


@bp.route("/new/<int:programme_id>", methods=["GET", "POST"])
@require(ORGANISER)
def new(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    form = SeasonForm()
    if form.validate_on_submit():
        season = Season(programme=programme)
        try:
            services.save_season(season, form_data(form))
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Season added. Now add its categories."), "success")
            return redirect(url_for("seasons.edit", season_id=season.id))
    return page("seasons/season_form.html", form, programme=programme, season=None)


@bp.route("/<int:season_id>", methods=["GET", "POST"])
@require(ORGANISER)
def edit(season_id: int):
    season = db.get_or_404(Season, season_id)
    form = SeasonForm(obj=season)
    if form.validate_on_submit():
        try:
            services.save_season(season, form_data(form))
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The changes are saved."), "success")
            return redirect(url_for("seasons.edit", season_id=season.id))
    elif not form.is_submitted():
        form.registration_opens_at.data = services.to_amsterdam(season.registration_opens_at)
        form.registration_closes_at.data = services.to_amsterdam(season.registration_closes_at)
    return page(
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
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("seasons.index"))
    try:
        new_season = services.copy_season(season)
    except DomainError:
        db.session.rollback()
        flash(_("Next year's season exists already."), "error")
        return redirect(url_for("seasons.index"))
    db.session.commit()
    flash(
        _(
            "Season %(name)s made with the same categories. Fill in its theme.",
            name=new_season.name,
        ),
        "success",
    )
    return redirect(url_for("seasons.edit", season_id=new_season.id))


@bp.post("/<int:season_id>/categories")
@require(ORGANISER)
def add_category(season_id: int):
    season = db.get_or_404(Season, season_id)
    form = CategoryForm()
    if form.validate_on_submit():
        category = Category(season=season, position=len(season.categories))
        try:
            services.save_category(category, form_data(form))
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("Category added."), "success")
            return redirect(url_for("seasons.edit", season_id=season.id))
    return page("seasons/category_form.html", form, season=season, category=None)


@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
@require(ORGANISER)
def edit_category(category_id: int):
    category = db.get_or_404(Category, category_id)
    form = CategoryForm(obj=category)
    if form.validate_on_submit():
        try:
            services.save_category(category, form_data(form))
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error)
        else:
            db.session.commit()
            flash(_("The changes are saved."), "success")
            return redirect(url_for("seasons.edit", season_id=category.season_id))
    return page("seasons/category_form.html", form, season=category.season, category=category)


@bp.post("/categories/<int:category_id>/delete")
@require(ORGANISER)
def delete_category(category_id: int):
    category = db.get_or_404(Category, category_id)
    season_id = category.season_id
    if ConfirmForm().validate_on_submit():
        try:
            services.remove_category(category)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "error")
        else:
            db.session.commit()
            flash(_("Category removed."), "success")
    return redirect(url_for("seasons.edit", season_id=season_id))
