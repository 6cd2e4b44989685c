"""What certificates of a season carry: the logo, a signature and who signs."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from challenges.database import utcnow
from challenges.extensions import db


class Branding(db.Model):
    season_id: Mapped[int] = mapped_column(
        ForeignKey("season.id", ondelete="CASCADE"), primary_key=True
    )
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)  # PNG or JPEG, checked on upload
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    signatory_name: Mapped[str] = mapped_column(String(120), default="")
    signatory_role: Mapped[str] = mapped_column(String(120), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
