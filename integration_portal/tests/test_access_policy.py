import pytest
from django.urls import reverse

from integration_portal.access import ScopedManager, ScopeMissing, get_visible_or_404, own_q
from integration_portal.models import User


def test_an_administrator_sees_staff_of_their_own_municipality(client, dorte, alice):
    client.force_login(dorte)
    response = client.get(reverse("staff_detail", args=[alice.pk]))
    assert response.status_code == 200
    assert "Alice Andersen" in response.content.decode()


def test_an_administrator_gets_404_for_staff_of_another_municipality(client, erik, alice):
    client.force_login(erik)
    response = client.get(reverse("staff_detail", args=[alice.pk]))
    assert response.status_code == 404


def test_the_staff_list_shows_only_the_own_municipality(client, dorte, alice, charlie):
    client.force_login(dorte)
    body = client.get(reverse("staff_list")).content.decode()
    assert "Alice Andersen" in body
    assert "Charlotte Christensen" not in body


def test_a_caseworker_may_not_open_the_staff_pages(client, alice):
    client.force_login(alice)
    assert client.get(reverse("staff_list")).status_code == 403


def test_a_user_without_municipality_sees_no_municipal_rows(trine, alice):
    assert not User.objects.filter(own_q(trine, "municipality")).exists()


def test_not_yours_and_not_there_give_the_same_404(erik, alice):
    from django.http import Http404

    queryset = User.objects.filter(own_q(erik, "municipality"))
    for pk in (alice.pk, 10**9):
        with pytest.raises(Http404):
            get_visible_or_404(User, erik, queryset=queryset, pk=pk)


def test_a_scoped_manager_refuses_to_query_without_a_user():
    manager = ScopedManager(municipality="municipality", household="pk", part="basic")
    manager.model = User
    with pytest.raises(ScopeMissing):
        manager.all()
    with pytest.raises(ScopeMissing):
        manager.filter(pk=1)


def test_explainers_speak_only_to_readers_from_another_municipality(alice, charlie):
    from types import SimpleNamespace

    from integration_portal import access

    def explain(user, household):
        return "Delt af Assens Kommune til 31.12.2026"

    access.register_explainer(explain)
    try:
        household = SimpleNamespace(municipality_id=alice.municipality_id)
        assert access.access_notes(alice, household) == []
        assert access.access_notes(charlie, household) == ["Delt af Assens Kommune til 31.12.2026"]
    finally:
        access._explainers.remove(explain)
