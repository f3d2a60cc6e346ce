import pytest
from django.core.exceptions import ValidationError

from training import services
from training.tests.factories import PractitionerFactory, complete, make_session


def test_the_elective_is_refused_without_the_mandatory_module(trine):
    practitioner = PractitionerFactory(name="Søren Ærø")
    elective = make_session(kind="elective")
    with pytest.raises(ValidationError) as refused:
        services.enrol(session=elective, practitioner=practitioner, by=trine)
    assert refused.value.messages == [
        "Søren Ærø kan ikke tilmeldes valgmodulet endnu: det obligatoriske modul skal være "
        "gennemført eller bekræftet på et hold, der slutter før dette hold begynder."
    ]


def test_the_elective_is_refused_when_the_mandatory_session_comes_later(trine):
    practitioner = PractitionerFactory()
    services.enrol(session=make_session(start_in=60), practitioner=practitioner, by=trine)
    with pytest.raises(ValidationError, match="obligatoriske modul"):
        services.enrol(session=make_session(kind="elective", start_in=30),
                       practitioner=practitioner, by=trine)


def test_the_elective_is_allowed_with_the_mandatory_confirmed_on_an_earlier_date(trine):
    practitioner = PractitionerFactory()
    services.enrol(session=make_session(start_in=10), practitioner=practitioner, by=trine)
    enrolment = services.enrol(session=make_session(kind="elective", start_in=30),
                               practitioner=practitioner, by=trine)
    assert enrolment.status == "confirmed"


def test_the_elective_is_allowed_once_the_mandatory_module_is_completed(trine):
    practitioner = PractitionerFactory()
    mandatory = services.enrol(session=make_session(start_in=40), practitioner=practitioner,
                               by=trine)
    complete(mandatory, trine)
    enrolment = services.enrol(session=make_session(kind="elective", start_in=30),
                               practitioner=practitioner, by=trine)
    assert enrolment.status == "confirmed"


def test_the_page_shows_the_refusal_in_danish_and_saves_nothing(client, trine):
    practitioner = PractitionerFactory(name="Åse Øberg")
    elective = make_session(kind="elective")
    client.force_login(trine)
    response = client.post(f"/efteruddannelse/hold/{elective.pk}/tilmeld/",
                           {"practitioner": practitioner.pk})
    assert response.status_code == 400
    assert "Åse Øberg kan ikke tilmeldes valgmodulet endnu" in response.content.decode()
    assert not practitioner.enrolments.exists()
