"""CPR numbers: validation through python-stdnum, masking everywhere else.

The modulus-11 check was abandoned in 2007 and stdnum does not apply it, so a
valid number is never refused for failing it.
"""

import logging
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import InvalidComponent
from stdnum.exceptions import ValidationError as StdnumError

# A day and month that can exist, two year digits, then four digits, optionally
# split 6-4 by a dash or a space (also as it appears URL-encoded: + or %20), and not
# inside a longer number.
CPR_LIKE = re.compile(
    r"(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{2})(?:[-\s+]|%20)?(\d{4})(?!\d)"
)


def normalise(value):
    """Validate a CPR number and return it as DDMMYY-SSSS, or raise ValidationError."""
    try:
        compact = stdnum_cpr.validate(value)
    except InvalidComponent as exc:
        if "not been born" in str(exc):
            message, code = _("CPR-nummerets fødselsdato ligger i fremtiden."), "future"
        else:
            message, code = _("CPR-nummeret indeholder ikke en gyldig fødselsdato."), "date"
        raise ValidationError(message, code=code) from None
    except StdnumError:
        raise ValidationError(
            _("Et CPR-nummer består af 10 cifre, fx 010190-1234."), code="format"
        ) from None
    return stdnum_cpr.format(compact)


def birth_date(value):
    return stdnum_cpr.get_birth_date(value)


def mask(value):
    """DDMMYY-xxxx: the birth date part only."""
    if not value:
        return ""
    digits = stdnum_cpr.compact(value)
    return f"{digits[:6]}-xxxx"


def mask_in_text(text):
    """Replace anything shaped like a CPR number in free text by its masked form."""
    return CPR_LIKE.sub(lambda m: f"{m[1]}{m[2]}{m[3]}-xxxx", text or "")


def contains_cpr(text):
    return bool(CPR_LIKE.search(text or ""))


class MaskCprLogFilter(logging.Filter):
    """Masks CPR-shaped numbers in every log record before it is written."""

    def filter(self, record):
        message = record.getMessage()
        if contains_cpr(message):
            record.msg = mask_in_text(message)
            record.args = ()
        return True
