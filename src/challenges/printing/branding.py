"""The logo and signature on a season's certificates: PNG or JPEG, checked and size-limited.
Never commits."""

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from challenges.database import utcnow
from challenges.errors import DomainError
from challenges.extensions import db
from challenges.printing.certificates import UnusableImage, check_image
from challenges.printing.models import Branding
from challenges.seasons.models import Season

MAX_BYTES = 2 * 1024 * 1024


def of(season: Season) -> Branding | None:
    return db.session.get(Branding, season.id)


def mimetype(data: bytes) -> str:
    return "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"


def image_problem(error: UnusableImage) -> str:
    return {
        "format": _("This is not a PNG or JPEG image."),
        "pixels": _("The image has too many pixels (at most 4000 by 4000)."),
        "damaged": _("The image is damaged: it cannot be read to the end. Save it again."),
    }[error.problem]


def checked_image(upload: FileStorage | None, field: str) -> bytes | None:
    """The uploaded image's bytes, or None when nothing was uploaded (an empty file input, or
    a form filled from the stored branding); refused unless it is a PNG or JPEG of at most
    2 MB and 16 megapixels whose every pixel can be read."""
    if not isinstance(upload, FileStorage) or not upload.filename:
        return None
    try:
        data = upload.read(MAX_BYTES + 1)
    finally:
        upload.close()
    if len(data) > MAX_BYTES:
        raise DomainError(_("The image is larger than 2 MB."), field, 413)
    try:
        check_image(data)
    except UnusableImage as error:
        raise DomainError(image_problem(error), field) from None
    return data


def save(
    season: Season,
    logo: FileStorage | None,
    signature: FileStorage | None,
    signatory_name: str,
    signatory_role: str,
    remove_logo: bool = False,
    remove_signature: bool = False,
) -> Branding:
    new_logo = checked_image(logo, "logo")
    new_signature = checked_image(signature, "signature")
    found = of(season) or Branding(season_id=season.id)
    if new_logo is not None or remove_logo:
        found.logo = new_logo
    if new_signature is not None or remove_signature:
        found.signature = new_signature
    found.signatory_name = (signatory_name or "").strip()
    found.signatory_role = (signatory_role or "").strip()
    found.updated_at = utcnow()
    db.session.add(found)
    return found
