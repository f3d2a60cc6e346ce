"""Reading a CSV file of practitioners: every row checked, errors named by row number."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from integration_portal.models import Municipality
from training.models import JobFunction, Practitioner
from training.scope import is_national_admin

COLUMNS = ["navn", "e-mail", "kommunekode", "jobfunktion"]
MAX_ROWS = 5000


@dataclass
class ImportRow:
    number: int
    name: str
    email: str
    municipality: Municipality | None
    job_function: str
    errors: list = field(default_factory=list)


def _job_functions():
    lookup = {}
    for value, label in JobFunction.choices:
        lookup[value.lower()] = value
        lookup[str(label).lower()] = value
    return lookup


def _reader(text):
    sample = text[:2000]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter)


def parse_practitioners(text, *, user):
    """([ImportRow], [file-level error]) for the CSV text, checked against the user's scope."""
    rows = list(_reader(text))
    if not rows or [c.strip().lower() for c in rows[0]][:4] != COLUMNS:
        return [], [_("Første linje skal være overskrifterne: %(columns)s.")
                    % {"columns": "; ".join(COLUMNS)}]
    if len(rows) - 1 > MAX_ROWS:
        return [], [_("Filen har mere end %(max)s rækker.") % {"max": MAX_ROWS}]
    municipalities = {m.code: m for m in Municipality.objects.all()}
    emails = [row[1].strip().lower() for row in rows[1:] if len(row) > 1]
    taken = set(Practitioner.all_objects.filter(email__in=emails).values_list("email", flat=True))
    functions, seen, parsed = _job_functions(), set(), []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        cells = [c.strip() for c in cells] + [""] * 4
        name, email, code, function = cells[0], cells[1].lower(), cells[2].zfill(3), cells[3]
        row = ImportRow(number, name, email, municipalities.get(code),
                        functions.get(function.lower(), ""))
        row.errors = _row_errors(row, code, function, seen, taken, user)
        seen.add(email)
        parsed.append(row)
    return parsed, []


def _row_errors(row, code, function, seen, taken, user):
    errors = []
    if not row.name:
        errors.append(_("Række %(row)s: navn mangler.") % {"row": row.number})
    try:
        validate_email(row.email)
    except ValidationError:
        errors.append(_("Række %(row)s: »%(email)s« er ikke en gyldig e-mail.")
                      % {"row": row.number, "email": row.email})
    if row.email in taken:
        errors.append(_("Række %(row)s: der findes allerede en praktiker med e-mailen "
                        "%(email)s.") % {"row": row.number, "email": row.email})
    elif row.email in seen:
        errors.append(_("Række %(row)s: e-mailen %(email)s står flere gange i filen.")
                      % {"row": row.number, "email": row.email})
    if row.municipality is None:
        errors.append(_("Række %(row)s: ukendt kommunekode »%(code)s«.")
                      % {"row": row.number, "code": code})
    elif not is_national_admin(user) and row.municipality.pk != user.municipality_id:
        errors.append(_("Række %(row)s: du kan kun oprette praktikere i din egen kommune.")
                      % {"row": row.number})
    if not row.job_function:
        errors.append(_("Række %(row)s: ukendt jobfunktion »%(function)s«.")
                      % {"row": row.number, "function": function})
    return errors
