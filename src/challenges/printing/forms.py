"""The certificates' logo, signature and signatory."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField
from wtforms.validators import Length, Optional

from challenges.forms import Form


class BrandingForm(Form):
    logo = FileField(
        _l("Logo of the programme or season"),
        description=_l(
            "PNG or JPEG, at most 2 MB. Without a logo the programme's name is printed."
        ),
        render_kw={"accept": "image/png,image/jpeg"},
    )
    remove_logo = BooleanField(_l("Remove the logo"))
    signature = FileField(
        _l("Signature"),
        description=_l("PNG or JPEG, at most 2 MB; a transparent PNG looks best."),
        render_kw={"accept": "image/png,image/jpeg"},
    )
    remove_signature = BooleanField(_l("Remove the signature"))
    signatory_name = StringField(_l("Signed by (name)"), validators=[Optional(), Length(max=120)])
    signatory_role = StringField(
        _l("Role of the signatory"), validators=[Optional(), Length(max=120)]
    )
