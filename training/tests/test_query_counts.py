"""The session list, a roster and the progress dashboard cost the same with 5 or 50 rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from integration_portal.testing.factories import municipality
from training import services
from training.tests.factories import PractitionerFactory, complete, make_session


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


# Every page: session, user, user and group permissions, roles (groups) = 5, listed
# below as "the page". The session is written at most once a minute (and was at the
# login), so not on these requests.


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def people(rows):
    return [PractitionerFactory(municipality=municipality("420" if i % 2 else "461"))
            for i in range(rows)]


@pytest.mark.parametrize("rows", [5, 50])
def test_the_session_list_costs_a_fixed_number_of_queries(client, trine, rows):
    for _ in range(rows):
        make_session()
    client.force_login(trine)
    # the page (5) + sessions with figures
    assert queries(client, "/efteruddannelse/") == 6


@pytest.mark.parametrize("rows", [5, 50])
def test_a_roster_costs_a_fixed_number_of_queries(client, trine, rows):
    session = make_session(capacity=rows - 2)
    for index, practitioner in enumerate(people(rows)):
        enrolment = services.enrol(session=session, practitioner=practitioner, by=trine)
        if index < 3:
            complete(enrolment, trine)
    client.force_login(trine)
    # the page (5) + session with figures, its days, the roster, its attendance,
    # practitioners for the enrol form
    assert queries(client, f"/efteruddannelse/hold/{session.pk}/") == 10


@pytest.mark.parametrize("rows", [5, 50])
def test_the_progress_dashboard_costs_a_fixed_number_of_queries(client, trine, rows):
    mandatory, elective = make_session(capacity=100, start_in=5), make_session(
        kind="elective", capacity=100, start_in=30)
    for index, practitioner in enumerate(people(rows)):
        enrolment = services.enrol(session=mandatory, practitioner=practitioner, by=trine)
        if index % 2:
            complete(enrolment, trine)
            complete(services.enrol(session=elective, practitioner=practitioner, by=trine),
                     trine)
    client.force_login(trine)
    # the page (5) + programme, by theme, counts per municipality and job function
    # (one GROUP BY; totals, regions, municipalities and job functions are its sums),
    # sessions, municipalities without trained staff
    assert queries(client, "/efteruddannelse/fremdrift/") == 10


@pytest.mark.parametrize("rows", [5, 50])
def test_the_dashboard_card_costs_a_fixed_number_of_queries(client, dorte, trine, rows):
    session = make_session(capacity=2)
    for practitioner in people(rows):
        services.enrol(session=session, practitioner=practitioner, by=trine)
    client.force_login(dorte)
    # the page (5) + the training card: totals, waiting, open sessions, programme,
    # and the card's own permission check (perms.training in the card), and the
    # networks card's counts of shares and transfers (one query)
    assert queries(client, "/") == 11
