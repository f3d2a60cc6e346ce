"""The PDF of a plan snapshot: a Django template with print CSS, through WeasyPrint.

PDF/UA gives a tagged PDF whose language and title come from ``<html lang>`` and
``<title>``; the fonts are DejaVu (fonts-dejavu-core), which have æ, ø and å.
"""

import os
from contextlib import contextmanager
from datetime import date

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cases.models import ActionStatus, GoalDomain, Household, PartyKind, Relation
from cases.printing import plan_sections

PDF_VARIANT = "pdf/ua-1"  # tagged, with language and title


def _day(value):
    return date.fromisoformat(value) if value else None


def _labels(choices, value):
    return dict(choices.choices).get(value, value)


def _milestones(rows):
    labels = {m.key: m.label for m in Household(takeover_on=date.today()).milestones()}
    return [{**row, "label": labels.get(row["key"], row["key"]), "due_on": _day(row["due_on"]),
             "done_on": _day(row["done_on"])} for row in rows]


def _sections(data):
    """(template, data) of each registered section present in the snapshot."""
    entries = {entry.key: entry for entry in plan_sections.entries()}
    return [{"template": entries[key].template, "data": value}
            for key, value in data.items() if key in entries]


def plan_context(snapshot, *, printed_on):
    persons = [{**p, "birth_date": _day(p["birth_date"]),
                "relation": _labels(Relation, p["relation"])} for p in snapshot["persons"]]
    goals = [{**goal, "domain": _labels(GoalDomain, goal["domain"]), "actions": [
        {**action, "deadline": _day(action["deadline"]),
         "status": _labels(ActionStatus, action["status"])} for action in goal["actions"]
    ]} for goal in snapshot["goals"]]
    parties = [{**party, "kind": _labels(PartyKind, party["kind"])}
               for party in snapshot["parties"]]
    return {
        **snapshot, "persons": persons, "goals": goals, "parties": parties,
        "milestones": _milestones(snapshot["milestones"]),
        "plan_agreed_on": _day(snapshot["plan_agreed_on"]),
        "next_review_on": _day(snapshot["next_review_on"]),
        "sections": _sections(snapshot["sections"]), "printed_on": printed_on,
    }


@contextmanager
def _clock_for_fonts(moment):
    """Font subsetting through fontTools (WeasyPrint's fallback when HarfBuzz-Subset is
    older than 4.1) stamps each embedded font with the current time unless
    SOURCE_DATE_EPOCH says otherwise (reproducible-builds.org)."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def render_plan_pdf(document):
    """The PDF bytes of a PlanDocument, in its language, dated when it was requested.

    Every date in the file (the printed date, the PDF's creation and modification
    dates, the embedded fonts' timestamps) comes from the document's request time, so
    rendering the same document again gives the same bytes.
    """
    requested_at = (document.requested_at or timezone.now()).replace(microsecond=0)
    with translation.override(document.language):
        html = render_to_string("cases/print/plan.html", plan_context(
            document.plan_data, printed_on=timezone.localdate(requested_at)))
    pdf = weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        pdf_variant=PDF_VARIANT)
    pdf.metadata.created = pdf.metadata.modified = timezone.localtime(requested_at).isoformat()
    with _clock_for_fonts(requested_at):
        return pdf.write_pdf(pdf_variant=PDF_VARIANT)
