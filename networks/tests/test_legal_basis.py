"""A share needs a legal basis: consent with its date, persons and content, or a
named provision. The model, the database, the service and the form all refuse."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from cases.tests.factories import PersonFactory, make_household
from integration_portal.testing.factories import municipality
from networks import services
from networks.models import CaseShare, LegalBasis, SharePurpose

TODAY = timezone.localdate


def share(family, by, **overrides):
    fields = {
        "household": family["household"], "by": by, "to_municipality": municipality("461"),
        "purpose": SharePurpose.MOVE, "parts": ["basic", "persons"],
        "expires_on": TODAY() + datetime.timedelta(days=30),
        "legal_basis": LegalBasis.CONSENT, "consent_given_on": TODAY(),
        "consented_persons": [family["person"]],
        "consent_text": "Oplysninger om familien til brug for flytningen",
    }
    fields.update(overrides)
    return services.create_share(**fields)


def test_a_share_with_consent_records_date_persons_and_content(alice, family):
    created = share(family, alice)
    assert list(created.consented_persons.all()) == [family["person"]]
    assert created.consent_given_on == TODAY() and created.status == "pending"


@pytest.mark.parametrize("missing", [
    {"consent_given_on": None},
    {"consented_persons": []},
    {"consent_text": "  "},
    {"legal_basis": LegalBasis.PROVISION, "legal_provision": ""},
    {"legal_basis": ""},
])
def test_a_share_without_a_complete_legal_basis_is_refused(alice, family, missing):
    with pytest.raises(ValidationError):
        share(family, alice, **missing)
    assert not CaseShare.objects.exists()


def test_consent_must_come_from_persons_of_the_household(alice, family):
    stranger = PersonFactory(household=make_household(coordinator=alice))
    with pytest.raises(ValidationError, match="personer i husstanden"):
        share(family, alice, consented_persons=[stranger])


def test_consent_cannot_be_dated_in_the_future(alice, family):
    with pytest.raises(ValidationError):
        share(family, alice, consent_given_on=TODAY() + datetime.timedelta(days=1))


def test_a_named_provision_is_a_legal_basis(alice, family):
    created = share(family, alice, legal_basis=LegalBasis.PROVISION, consented_persons=[],
                    legal_provision="Integrationslovens § 4 a")
    assert created.legal_provision == "Integrationslovens § 4 a"
    assert created.consent_given_on is None


def test_only_the_owning_municipality_can_share(charlie, family):
    with pytest.raises(ValidationError):
        share(family, charlie, to_municipality=municipality("420"))


@pytest.mark.parametrize("fields", [
    {"legal_basis": LegalBasis.CONSENT, "consent_given_on": None, "consent_text": "x"},
    {"legal_basis": LegalBasis.CONSENT, "consent_given_on": datetime.date(2026, 1, 1),
     "consent_text": ""},
    {"legal_basis": LegalBasis.PROVISION, "legal_provision": ""},
])
def test_the_database_refuses_a_share_without_a_legal_basis(alice, family, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseShare.objects.create(
            household=family["household"], from_municipality=municipality("420"),
            to_municipality=municipality("461"), purpose=SharePurpose.MOVE,
            expires_on=TODAY(), created_by=alice, **fields,
        )


def form_data(family, **overrides):
    data = {"to_municipality": municipality("461").pk, "purpose": "move",
            "legal_basis": "consent", "consent_given_on": TODAY().isoformat(),
            "consented_persons": [family["person"].pk],
            "consent_text": "Til brug for flytningen", "parts": ["basic", "journal"],
            "expires_on": (TODAY() + datetime.timedelta(days=10)).isoformat()}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize(("overrides", "message"), [
    ({"legal_basis": None}, "Dette felt er påkrævet"),
    ({"consent_given_on": None}, "Angiv hvornår samtykket blev givet"),
    ({"consented_persons": None}, "Angiv hvem i husstanden der har givet samtykke"),
    ({"legal_basis": "provision", "legal_provision": ""},
     "Angiv den lovbestemmelse, delingen sker efter"),
])
def test_the_form_refuses_a_share_without_a_legal_basis(client, alice, family, overrides,
                                                        message):
    client.force_login(alice)
    url = reverse("networks:share_create", args=[family["household"].pk])
    response = client.post(url, form_data(family, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CaseShare.objects.exists()


def test_the_form_creates_a_pending_share_with_its_parts(client, alice, family):
    client.force_login(alice)
    url = reverse("networks:share_create", args=[family["household"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(family))
    assert response.status_code == 302
    created = CaseShare.objects.get()
    assert created.parts == ["basic", "journal"] and created.status == "pending"


def test_another_municipality_cannot_open_the_share_form(client, charlie, family):
    client.force_login(charlie)
    url = reverse("networks:share_create", args=[family["household"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(family)).status_code == 404
