"""Programme progress on bulk data: the totals and every breakdown equal counting
practitioner by practitioner, from one GROUP BY with no subquery per practitioner."""

import pytest
from django.test import RequestFactory

from integration_portal.models import Municipality
from training import selectors
from training.models import Enrolment, EnrolmentStatus, JobFunction, Practitioner
from training.tests.bulk import build_training

CODES = ["420", "461", "101", "492", "751", "330"]


@pytest.fixture
def practitioners(db):
    return build_training(CODES, practitioners=400, seed=9)


def counted_one_by_one(municipality_id=None):
    """{(region, municipality name, job function): [practitioners, mandatory, elective,
    both]} by walking every practitioner and their completed enrolments."""
    done = {}
    for enrolment in Enrolment.all_objects.filter(status=EnrolmentStatus.COMPLETED) \
            .select_related("module"):
        done.setdefault(enrolment.practitioner_id, set()).add(enrolment.module.kind)
    people = Practitioner.all_objects.select_related("municipality")
    if municipality_id:
        people = people.filter(municipality=municipality_id)
    figures = {}
    for person in people:
        kinds = done.get(person.pk, set())
        key = (person.municipality.region, person.municipality.name, person.job_function)
        row = figures.setdefault(key, [0, 0, 0, 0])
        for index, counted in enumerate([True, "mandatory" in kinds, "elective" in kinds,
                                         kinds >= {"mandatory", "elective"}]):
            row[index] += counted
    return figures


def summed(figures, part):
    sums = {}
    for key, row in figures.items():
        group = sums.setdefault(part(key), [0, 0, 0, 0])
        for index, value in enumerate(row):
            group[index] += value
    return sums


def as_lists(rows, key):
    return {row[key]: [row[c] for c in selectors.COUNTS] for row in rows}


def test_national_progress_equals_counting_practitioner_by_practitioner(practitioners, trine):
    figures = counted_one_by_one()
    progress = selectors.progress_for(trine)
    assert [progress.totals[c] for c in selectors.COUNTS] == summed(figures, lambda k: 0)[0]
    assert as_lists(progress.by_region, "municipality__region") == summed(figures,
                                                                         lambda k: k[0])
    assert as_lists(progress.by_municipality, "municipality__name") == summed(figures,
                                                                             lambda k: k[1])
    assert as_lists(progress.by_job_function, "job_function") == summed(figures,
                                                                       lambda k: k[2])
    names = [row["municipality__name"] for row in progress.by_municipality]
    assert names == list(Municipality.objects.filter(name__in=names).order_by("name")
                         .values_list("name", flat=True))
    assert [row["job_function"] for row in progress.by_job_function] == sorted(
        summed(figures, lambda k: k[2]))
    assert progress.by_job_function[0]["label"] == dict(JobFunction.choices)[
        progress.by_job_function[0]["job_function"]]
    assert 0 < progress.totals["both"] < progress.totals["mandatory"]


def test_a_municipal_administrator_sees_their_municipalitys_figures(practitioners, dorte):
    figures = counted_one_by_one(dorte.municipality_id)
    progress = selectors.progress_for(dorte)
    assert [progress.totals[c] for c in selectors.COUNTS] == summed(figures, lambda k: 0)[0]
    assert as_lists(progress.by_job_function, "job_function") == summed(figures,
                                                                       lambda k: k[2])
    request = RequestFactory().get("/")
    request.user = dorte
    assert selectors.dashboard_card_context(request)["totals"] == progress.totals


def test_the_progress_query_has_no_subquery_per_practitioner(postgres, practitioners, trine):
    rows = Practitioner.objects.visible_to(trine)
    people, counts = selectors._progress_counts(rows)
    plan = people.values("municipality__name", "job_function").annotate(**counts).explain()
    assert "SubPlan" not in plan
    assert "training_enrolment" in plan
