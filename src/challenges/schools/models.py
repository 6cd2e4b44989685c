"""The school directory (DUO vestigingen, plus schools added after review)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from challenges.extensions import db


class School(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    # DUO's 6-character vestigingscode; BRIN is its first 4 characters. None for schools
    # that are not (yet) in the DUO files.
    vestigingscode: Mapped[str | None] = mapped_column(String(6), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    town: Mapped[str] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(7))
    province: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(2))  # "po" primary, "vo" secondary

    @property
    def brin(self) -> str | None:
        return self.vestigingscode[:4] if self.vestigingscode else None
