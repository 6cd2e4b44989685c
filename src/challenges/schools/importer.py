"""Upsert parsed DUO records into the school directory and report what happened."""

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from challenges.extensions import db
from challenges.schools.duo import ParseResult, RejectedRow, RowProblem, SchoolRecord, rejected
from challenges.schools.models import School

FIELDS = (
    "name",
    "street",
    "postcode",
    "town",
    "municipality",
    "province",
    "denomination",
    "website",
    "kind",
)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    dry_run: bool = False

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.rejected)


def record_values(record: SchoolRecord) -> dict[str, str | None]:
    return {
        name: str(getattr(record, name)) if name == "kind" else getattr(record, name)
        for name in FIELDS
    }


def too_long(record: SchoolRecord) -> RejectedRow | None:
    """A record with a value longer than the school directory's column holds."""
    for name, value in record_values(record).items():
        limit = School.__table__.c[name].type.length
        if value is not None and limit is not None and len(value) > limit:
            return rejected(record.line, "", RowProblem("too_long", field=name, max=limit))
    return None


def import_schools(
    parsed: ParseResult,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Create new schools, update changed ones; flush, never commit (the caller decides)."""
    report = ImportReport(rejected=list(parsed.rejected), dry_run=dry_run)
    codes = [record.vestigingscode for record in parsed.records]
    existing = (
        {
            school.vestigingscode: school
            for school in db.session.scalars(select(School).where(School.vestigingscode.in_(codes)))
        }
        if codes
        else {}
    )
    for done, record in enumerate(parsed.records, start=1):
        if progress and done % 500 == 0:
            progress(500)
        refused = too_long(record)
        if refused is not None:
            report.rejected.append(refused)
            continue
        values = record_values(record)
        school = existing.get(record.vestigingscode)
        if school is None:
            report.created += 1
            if not dry_run:
                db.session.add(School(vestigingscode=record.vestigingscode, **values))
        elif any(getattr(school, name) != new for name, new in values.items()):
            report.updated += 1
            if not dry_run:
                for name, new in values.items():
                    setattr(school, name, new)
        else:
            report.unchanged += 1
    if progress:
        progress(len(parsed.records) % 500)
    db.session.flush()
    return report
