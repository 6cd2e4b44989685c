"""Event pages for the people who run an event."""

from collections import Counter

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from challenges.actions import run_action, run_form_action
from challenges.auth.access import require
from challenges.auth.policies import EVENT_CREW, EVENT_MANAGER
from challenges.auth.roles import Role
from challenges.backups.views import backup_first
from challenges.database import utcnow
from challenges.events import services
from challenges.events.cockpit import sections
from challenges.events.forms import UnlinkSheetsForm
from challenges.events.market import services as market_service
from challenges.events.market.rounds import ROUND_MINUTES, ROUND_MINUTES_RANGE
from challenges.events.models import Attendance, Event
from challenges.events.schedule import services as schedule_service
from challenges.events.schedule.forms import ImportScheduleForm, ScheduleForm
from challenges.events.volunteers import services as volunteers_service
from challenges.events.volunteers.forms import ConflictForm, InviteForm
from challenges.extensions import db
from challenges.forms import FORM_ERROR_STATUS, ConfirmForm
from challenges.inputs import parse_id
from challenges.labels import download_name
from challenges.schools.models import School
from challenges.schools.services import search_schools

bp = Blueprint("events", __name__, url_prefix="/events")


@bp.get("/<int:event_id>/cockpit")
@require(EVENT_CREW)
def cockpit(event_id: int):
    """One page per event with everything the visitor may open there, one click away."""
    event = db.get_or_404(Event, event_id)
    return render_template("events/cockpit.html", event=event, sections=sections(event))


def invite_form(event: Event) -> InviteForm:
    """Offers the roles of the event's programme that the visitor may give there."""
    names = volunteers_service.role_names(event)
    invitable = volunteers_service.invitable(event, current_user)
    return InviteForm({role: names[role] for role in invitable})


def crew_of(event: Event) -> list[tuple[str, list[str]]]:
    """Per role of the programme its people; a role of the other programme only when held."""
    names = volunteers_service.role_names(event)
    return [
        (names.get(role, role.label), people)
        for role, people in services.crew_by_role(event).items()
        if role in names or people
    ]


def volunteers_page(event: Event, form: InviteForm):
    may_invite = EVENT_MANAGER.allows(current_user, {"event_id": event.id})
    status = FORM_ERROR_STATUS if form.errors or form.form_errors else 200
    return render_template(
        "events/volunteers.html",
        event=event,
        crew=crew_of(event),
        form=form if may_invite else None,
    ), status


@bp.get("/<int:event_id>/volunteers")
@require(EVENT_CREW)
def volunteers(event_id: int):
    event = db.get_or_404(Event, event_id)
    return volunteers_page(event, invite_form(event))


@bp.post("/<int:event_id>/volunteers")
@require(EVENT_MANAGER)
def invite_volunteer(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = invite_form(event)
    if form.validate_on_submit() and run_form_action(
        form,
        lambda: volunteers_service.invite(
            event, form.name.data, form.email.data, Role(form.role.data), current_user
        ),
        _("%(name)s is invited and got an e-mail.", name=form.name.data),
    ):
        return redirect(url_for("events.volunteers", event_id=event.id))
    return volunteers_page(event, form)


@bp.route("/<int:event_id>/conflicts", methods=["GET", "POST"])
@require(EVENT_CREW)
def conflicts(event_id: int):
    event = db.get_or_404(Event, event_id)
    form = ConflictForm()
    if form.validate_on_submit():
        school = db.get_or_404(School, request.form.get("school_id", type=parse_id) or 0)
        run_action(
            lambda: volunteers_service.declare(current_user, school, form.reason.data),
            _("Declared: you will not assess teams of %(school)s.", school=school.name),
        )
        return redirect(url_for("events.conflicts", event_id=event.id))
    text = request.args.get("q", "")[:100]
    return render_template(
        "events/conflicts.html",
        event=event,
        declared=volunteers_service.conflicts_of(current_user),
        text=text,
        schools=search_schools(text),
        form=form,
        remove_form=ConfirmForm(),
    )


@bp.post("/<int:event_id>/conflicts/<int:school_id>/remove")
@require(EVENT_CREW)
def remove_conflict(event_id: int, school_id: int):
    if ConfirmForm().validate_on_submit():
        run_action(
            lambda: volunteers_service.withdraw_conflict(current_user, school_id),
            _("The declaration is removed."),
        )
    return redirect(url_for("events.conflicts", event_id=event_id))


@bp.get("/<int:event_id>/check-in")
@require(EVENT_MANAGER)
def check_in(event_id: int):
    event = db.get_or_404(Event, event_id)
    rows = services.check_in_list(event)
    counts = Counter(placed.attendance for placed, _team in rows)
    stands = not event.season.programme.has_robot_game
    if stands:  # a market: by stand where numbered, the teams without one after them
        rows.sort(key=lambda row: market_service.stand_order(row[0].stand))
    return render_template(
        "events/check_in.html",
        event=event,
        rows=rows,
        counts=counts,
        stands=stands,
        form=ConfirmForm(),
    )


@bp.post("/<int:event_id>/check-in/<int:team_id>")
@require(EVENT_MANAGER)
def mark(event_id: int, team_id: int):
    event = db.get_or_404(Event, event_id)
    try:
        attendance = Attendance(request.form.get("attendance", ""))
    except ValueError:
        abort(400)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: services.set_attendance(event, team_id, attendance, current_user))
    return redirect(url_for("events.check_in", event_id=event.id) + f"#team-{team_id}")


def schedule_page(
    event: Event,
    form: ScheduleForm,
    import_form: ImportScheduleForm | None = None,
    unlink: dict[str, UnlinkSheetsForm] | None = None,
):
    may_generate = EVENT_MANAGER.allows(current_user, {"event_id": event.id})
    by = request.args.get("by", "time")
    rows = schedule_service.entries(event)
    schedule = schedule_service.stored_schedule(event, rows)
    if by == "team":
        rows = sorted(rows, key=lambda row: (row[1].number or 0, row[1].name, row[0].starts_at))
    elif by == "place":
        rows = sorted(rows, key=lambda row: (row[0].place, row[0].starts_at))
    import_form = import_form or ImportScheduleForm()
    unlink = unlink or unlink_forms()
    shown = [form, import_form, *unlink.values()]
    status = FORM_ERROR_STATUS if any(f.errors or f.form_errors for f in shown) else 200
    return render_template(
        "events/schedule.html",
        event=event,
        rows=rows,
        by=by,
        form=form if may_generate else None,
        import_form=import_form if may_generate else None,
        unlink=unlink,
        linked_sheets=schedule_service.linked_sheets(event) if may_generate else 0,
        problems=schedule_service.stored_problems(event, schedule),
        quality=schedule_service.stored_quality(schedule),
        gaps=schedule_service.gaps_of(event),
    ), status


def unlink_forms() -> dict[str, UnlinkSheetsForm]:
    """The 'replace anyway' boxes of the schedule form and the import form."""
    return {name: UnlinkSheetsForm(prefix=name) for name in ("generate", "import")}


def may_unlink(event: Event, unlink: UnlinkSheetsForm, refusal: str) -> bool:
    """A new schedule unlinks the score sheets of the old one's matches: only when ticked."""
    if schedule_service.linked_sheets(event) and not unlink.unlink_sheets.data:
        unlink.unlink_sheets.errors = [refusal]
        return False
    return True


def settings_form(event: Event) -> ScheduleForm:
    gaps = schedule_service.gaps_of(event)
    return ScheduleForm(match_gap=gaps.match, judging_gap=gaps.judging)


@bp.get("/<int:event_id>/schedule")
@require(EVENT_CREW)
def schedule(event_id: int):
    event = db.get_or_404(Event, event_id)
    return schedule_page(event, settings_form(event))


@bp.post("/<int:event_id>/schedule")
@require(EVENT_MANAGER)
def generate_schedule(event_id: int):
    event = db.get_or_404(Event, event_id)
    form, unlink = ScheduleForm(), unlink_forms()
    if not form.validate_on_submit():
        return schedule_page(event, form)
    refusal = _("Nothing was changed: tick the box to make a new schedule anyway.")
    if not may_unlink(event, unlink["generate"], refusal):
        return schedule_page(event, form, unlink=unlink)
    backup_first("voor nieuw schema")
    if run_form_action(
        form,
        lambda: schedule_service.make_schedule(event, form.choices()),
        _("The schedule is made."),
    ):
        warnings = [
            p.message for p in schedule_service.problems(event, form.choices()) if not p.hard
        ]
        if warnings:
            flash(
                _("%(count)d warning(s): %(first)s", count=len(warnings), first=warnings[0]),
                "info",
            )
        return redirect(url_for("events.schedule", event_id=event.id))
    return schedule_page(event, form)


@bp.post("/<int:event_id>/schedule/import")
@require(EVENT_MANAGER)
def import_schedule(event_id: int):
    event = db.get_or_404(Event, event_id)
    form, unlink = ImportScheduleForm(), unlink_forms()
    if not form.validate_on_submit():
        flash(_("Choose a schedule file."), "error")
        return redirect(url_for("events.schedule", event_id=event.id))
    refusal = _("Nothing was changed: tick the box and choose the file again to import anyway.")
    if not may_unlink(event, unlink["import"], refusal):
        return schedule_page(event, settings_form(event), import_form=form, unlink=unlink)
    backup_first("voor schema-import")
    data, filename = form.file.data.read(), form.file.data.filename or ""
    if data[:40].decode("utf-8-sig", errors="replace").startswith("Version Number"):
        text = data.decode("utf-8-sig", errors="replace")
        run_action(
            lambda: schedule_service.import_block_format(event, text),
            _("The schedule is imported."),
        )
    else:
        run_action(
            lambda: schedule_service.import_plain(event, data, filename),
            _("The schedule is imported."),
        )
    return redirect(url_for("events.schedule", event_id=event.id))


CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCHEDULE_FILES = {
    "csv": (CSV, "csv", schedule_service.as_csv),
    "xlsx": (XLSX, "xlsx", schedule_service.as_xlsx),
    "block": (
        CSV,
        "block-format.csv",
        lambda event: schedule_service.export_block_format(event).encode(),
    ),
}


@bp.get("/<int:event_id>/schedule.<any(csv, xlsx, block):kind>")
@require(EVENT_CREW)
def schedule_file(event_id: int, kind: str):
    event = db.get_or_404(Event, event_id)
    mimetype, suffix, build = SCHEDULE_FILES[kind]
    name = download_name("schedule", parts=(event.slug,), suffix=suffix)
    return Response(
        build(event),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/<int:event_id>/now")
@require(EVENT_CREW)
def now(event_id: int):
    event = db.get_or_404(Event, event_id)
    current, following = schedule_service.now_and_next(event, utcnow())
    return render_template("events/now.html", event=event, current=current, following=following)


@bp.get("/<int:event_id>/market")
@require(EVENT_CREW)
def market(event_id: int):
    event = db.get_or_404(Event, event_id)
    may_assign = EVENT_MANAGER.allows(current_user, {"event_id": event_id})
    return render_template(
        "events/market.html",
        event=event,
        rows=market_service.market_teams(event),
        plan=market_service.stored_plan(event),
        round_minutes=ROUND_MINUTES,
        round_minutes_range=ROUND_MINUTES_RANGE,
        jurors={juror.id: juror for juror in market_service.jurors(event)},
        form=ConfirmForm() if may_assign else None,
    )


@bp.post("/<int:event_id>/market")
@require(EVENT_MANAGER)
def number_stands(event_id: int):
    event = db.get_or_404(Event, event_id)
    if ConfirmForm().validate_on_submit():
        run_action(lambda: market_service.assign_stands(event), _("The stands are numbered."))
    return redirect(url_for("events.market", event_id=event.id))
