"""The assignment board lists waiting families a page at a time; every row keeps its
own labelled form with every coordinator to choose from."""

import re

from django.urls import reverse

from cases.tests.factories import make_household
from cases.views import WAITING_PAGE


def case_numbers(body):
    return re.findall(r'<a href="/sager/\d+/">([\d-]+)</a>', body)


def test_the_waiting_families_come_a_page_at_a_time_each_once(client, alice, bob):
    made = {make_household(coordinator=bob, interim=True).case_number
            for _ in range(WAITING_PAGE + 4)}
    client.force_login(bob)
    first = client.get(reverse("cases:assignment_board")).content.decode()
    second = client.get(reverse("cases:assignment_board"), {"side": 2}).content.decode()
    shown = case_numbers(first) + case_numbers(second)
    assert len(shown) == len(set(shown)) and set(shown) == made
    assert first.count('name="coordinator"') == WAITING_PAGE
    assert second.count('name="coordinator"') == 4


def test_every_rows_form_offers_every_coordinator_under_a_visible_label(client, alice, bob):
    for _ in range(3):
        make_household(coordinator=bob, interim=True)
    client.force_login(bob)
    body = client.get(reverse("cases:assignment_board")).content.decode()
    assert body.count(f'<option value="{alice.pk}">') == 3
    assert body.count(f'<option value="{bob.pk}">') == 3
    assert len(re.findall(r'<label class="form-label small mb-0" for="coordinator-\d+">',
                          body)) == 3
