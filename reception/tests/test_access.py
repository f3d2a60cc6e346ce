"""Every reception URL: 404 for another municipality, 200 for the own, 403 without role."""

import pytest
from django.urls import reverse

URLS = [
    ("reception:plan_detail", "household"),
    ("reception:allocation_update", "household"),
    ("reception:booking_create", "household"),
    ("reception:housing_create", "household"),
    ("reception:task_update", "task"),
    ("reception:booking_update", "booking"),
    ("reception:housing_update", "housing"),
    ("reception:screening_edit", "person"),
]


@pytest.mark.parametrize(("name", "target"), URLS)
def test_a_caseworker_of_another_municipality_gets_404(client, charlie, reception, name,
                                                       target):
    client.force_login(charlie)
    url = reverse(name, args=[reception[target].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "done", "language": "x"}).status_code == 404


@pytest.mark.parametrize(("name", "target"), URLS)
def test_a_caseworker_of_the_own_municipality_gets_the_page(client, alice, reception, name,
                                                            target):
    client.force_login(alice)
    assert client.get(reverse(name, args=[reception[target].pk])).status_code == 200


LISTS = ["reception:task_list", "reception:interpreter_report"]


@pytest.mark.parametrize("name", LISTS)
def test_lists_show_only_the_own_municipality(client, alice, charlie, reception, name):
    case = reception["household"].case_number
    url = reverse(name) + "?vis=kommune"
    client.force_login(charlie)
    body = client.get(url).content.decode()
    assert case not in body and "Tolkebureau Fyn" not in body
    client.force_login(alice)
    assert client.get(url).status_code == 200


def test_the_municipal_task_list_shows_the_own_municipalitys_overdue_tasks(client, bob,
                                                                          reception):
    client.force_login(bob)
    body = client.get(reverse("reception:task_list") + "?vis=kommune").content.decode()
    assert reception["household"].case_number in body


def test_figures_count_only_the_own_municipality(client, bob, erik, reception):
    client.force_login(erik)
    assert client.get(reverse("reception:figures")).context["plans"] == 0
    client.force_login(bob)
    assert client.get(reverse("reception:figures")).context["plans"] == 1


def test_templates_are_edited_only_by_the_own_municipalitys_administrator(client, dorte, erik,
                                                                          alice, reception):
    template = reception["plan"].version.template
    url = reverse("reception:template_edit", args=[template.pk])
    client.force_login(erik)
    assert client.get(url).status_code == 404
    assert not client.get(reverse("reception:template_list")).context["templates"].filter(
        pk=template.pk).exists()
    client.force_login(dorte)
    assert client.get(url).status_code == 200
    client.force_login(alice)
    assert client.get(url).status_code == 403


def test_users_without_reception_permissions_get_403(client, dorte, trine, reception):
    for user in (dorte, trine):
        client.force_login(user)
        assert client.get(reverse("reception:task_list")).status_code == 403
        assert client.get(reverse("reception:allocation_create")).status_code == 403
        url = reverse("reception:plan_detail", args=[reception["household"].pk])
        assert client.get(url).status_code == 403


def test_a_read_of_the_plan_is_audited(client, alice, reception):
    from integration_portal.models import AuditEvent

    client.force_login(alice)
    client.get(reverse("reception:plan_detail", args=[reception["household"].pk]))
    assert AuditEvent.objects.filter(code="reception.plan.read", actor=alice).count() == 1
