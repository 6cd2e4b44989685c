"""`challenges schedule`: check and generate FLL schedule files, for people and other tools.

Both print the check of the schedule as JSON; `check` exits 0 when the file reads without
hard problems, 1 with hard problems or rows it cannot read, 2 when it is no schedule file.
"""

import json
from dataclasses import replace
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from challenges.events.schedule.block_format import parse_time
from challenges.events.schedule.file_problems import FileProblem
from challenges.events.schedule.files import FORMATS, FileReport, generated_file, read_file
from challenges.events.schedule.generator import DAY, Gaps, Infeasible, Settings, generate

MAX_FILE_BYTES = 10 * 1024 * 1024  # what the web upload accepts too

schedule = AppGroup("schedule", help="Check and generate FLL schedule files.")


def print_report(report: FileReport) -> None:
    click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))


def gap_options(command):
    """--match-gap and --judging-gap: the least minutes between a team's matches, and between
    its judging and a match (generator.Gaps' defaults)."""
    command = click.option(
        "--judging-gap", type=click.IntRange(0, 240), default=Gaps.judging, show_default=True
    )(command)
    return click.option(
        "--match-gap", type=click.IntRange(0, 240), default=Gaps.match, show_default=True
    )(command)


@schedule.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "file_format", type=click.Choice(FORMATS), default="auto")
@gap_options
def check_command(file: Path, file_format: str, match_gap: int, judging_gap: int) -> None:
    """Read a schedule file (Block Format, FLL-SW's table, or the CSV/XLSX of the app's own
    export) and check it; the counts and problems as JSON."""
    if file.stat().st_size > MAX_FILE_BYTES:
        report = FileReport(file_format, recognised=False)
    else:
        report = read_file(file.read_bytes(), file.name, file_format, Gaps(match_gap, judging_gap))
    if not report.recognised:
        report.problems = [FileProblem(_("this is not a schedule file"))]
        print_report(report)
        raise SystemExit(2)
    print_report(report)
    raise SystemExit(1 if report.hard else 0)


def start_minutes(_context, _parameter, value: str) -> int:
    try:
        minutes = parse_time(value)
    except ValueError:
        minutes = DAY
    if minutes >= DAY:  # not a time, or one on a later day
        raise click.BadParameter(_("give a time such as 09:00"))
    return minutes


@schedule.command("generate")
@click.option("--teams", type=click.IntRange(2, 200), required=True)
@click.option("--tables", type=click.IntRange(2, 40), required=True)
@click.option("--rooms", type=click.IntRange(1, 40), required=True)
@click.option("--ranking-rounds", type=click.IntRange(1, 5), default=3)
@click.option("--practice-rounds", type=click.IntRange(0, 3), default=1)
@click.option("--start", default="09:00", callback=start_minutes)
@click.option("--format", "file_format", type=click.Choice(["block", "csv"]), default="block")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@gap_options
def generate_command(
    teams: int,
    tables: int,
    rooms: int,
    ranking_rounds: int,
    practice_rounds: int,
    start: int,
    file_format: str,
    out: Path,
    match_gap: int,
    judging_gap: int,
) -> None:
    """Generate a day for teams numbered 1 to N, write it to OUT and print its check."""
    numbers = [str(number) for number in range(1, teams + 1)]
    settings = Settings(
        teams=tuple(numbers),
        tables=tables,
        rooms=rooms,
        day_length=DAY - start,
        practice_rounds=practice_rounds,
        ranking_rounds=ranking_rounds,
        gaps=Gaps(match_gap, judging_gap),
    )
    try:
        made = generate(settings)
    except Infeasible as error:
        raise click.ClickException(str(error)) from None
    commitments = [replace(c, start=c.start + start, end=c.end + start) for c in made.commitments]
    out.write_text(generated_file(commitments, numbers, file_format), encoding="utf-8", newline="")
    report = FileReport(file_format, True, numbers, commitments)
    report.check(settings.gaps)
    print_report(report)
