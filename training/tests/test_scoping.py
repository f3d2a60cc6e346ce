"""Twin tests: an Assens administrator sees Assens staff; Odense's gets 404; national sees all."""

import pytest
from django.core.files.storage import default_storage

from integration_portal.access import ScopeMissing
from integration_portal.testing.factories import municipality
from training import services
from training.models import Certificate, Enrolment, Practitioner
from training.tests.factories import PractitionerFactory, complete, make_session


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def assens_enrolment(trine, django_capture_on_commit_callbacks):
    practitioner = PractitionerFactory(name="Asta Assens")
    enrolment = services.enrol(session=make_session(), practitioner=practitioner, by=trine)
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment, trine)
    assert default_storage.exists(enrolment.certificate.file.name)
    return enrolment


def urls(enrolment):
    return {
        "practitioner": f"/efteruddannelse/praktikere/{enrolment.practitioner_id}/",
        "certificate": f"/efteruddannelse/kursusbeviser/{enrolment.pk}/",
    }


def test_the_assens_administrator_sees_assens_practitioners_and_certificates(
        client, dorte, assens_enrolment):
    client.force_login(dorte)
    for url in urls(assens_enrolment).values():
        assert client.get(url).status_code == 200, url
    roster = client.get(f"/efteruddannelse/hold/{assens_enrolment.session_id}/")
    assert "Asta Assens" in roster.content.decode()


def test_the_odense_administrator_gets_404_for_assens_staff(client, erik, assens_enrolment):
    client.force_login(erik)
    for url in urls(assens_enrolment).values():
        assert client.get(url).status_code == 404, url
    roster = client.get(f"/efteruddannelse/hold/{assens_enrolment.session_id}/")
    assert roster.status_code == 200
    assert "Asta Assens" not in roster.content.decode()
    csv = client.get(f"/efteruddannelse/hold/{assens_enrolment.session_id}/deltagerliste.csv")
    assert "Asta Assens" not in csv.getvalue().decode()
    assert client.post(f"/efteruddannelse/tilmeldinger/{assens_enrolment.pk}/afmeld/"
                       ).status_code == 404


def test_the_national_training_administrator_sees_every_municipality(client, trine,
                                                                     assens_enrolment):
    odense = PractitionerFactory(name="Otto Odense", municipality=municipality("461"))
    client.force_login(trine)
    for url in urls(assens_enrolment).values():
        assert client.get(url).status_code == 200, url
    listing = client.get("/efteruddannelse/praktikere/").content.decode()
    assert "Asta Assens" in listing and odense.name in listing


def test_the_practitioner_list_shows_only_the_own_municipality(client, erik, dorte):
    PractitionerFactory(name="Asta Assens")
    PractitionerFactory(name="Otto Odense", municipality=municipality("461"))
    client.force_login(erik)
    listing = client.get("/efteruddannelse/praktikere/").content.decode()
    assert "Otto Odense" in listing and "Asta Assens" not in listing


def test_a_municipal_administrator_cannot_nominate_another_municipalitys_staff(client, erik):
    session = make_session()
    assens = PractitionerFactory()
    client.force_login(erik)
    response = client.post(f"/efteruddannelse/hold/{session.pk}/tilmeld/",
                           {"practitioner": assens.pk})
    assert response.status_code == 400
    assert not Enrolment.all_objects.exists()


def test_a_municipal_administrator_nominates_own_staff(client, dorte):
    session = make_session()
    own = PractitionerFactory()
    client.force_login(dorte)
    client.post(f"/efteruddannelse/hold/{session.pk}/tilmeld/", {"practitioner": own.pk})
    assert Enrolment.all_objects.get().practitioner == own


def test_caseworkers_have_no_access_to_training(client, alice, assens_enrolment):
    client.force_login(alice)
    for url in ["/efteruddannelse/", "/efteruddannelse/praktikere/", "/efteruddannelse/fremdrift/",
                *urls(assens_enrolment).values()]:
        assert client.get(url).status_code == 403, url


def test_a_municipal_administrator_may_not_record_attendance_or_create_sessions(client, dorte):
    session = make_session()
    client.force_login(dorte)
    assert client.get("/efteruddannelse/hold/nyt/").status_code == 403
    day = session.days.first()
    assert client.get(f"/efteruddannelse/hold/{session.pk}/fremmoede/{day.pk}/"
                      ).status_code == 403


def test_a_query_without_a_scope_raises(db):
    for model in (Practitioner, Enrolment, Certificate):
        with pytest.raises(ScopeMissing):
            list(model.objects.all())


def test_a_caseworker_sees_no_practitioners_even_through_the_scope(alice):
    PractitionerFactory()
    assert not Practitioner.objects.visible_to(alice).exists()
