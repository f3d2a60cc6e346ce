"""Networks across municipalities: members, meetings, posts, and no CPR numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from networks import services
from networks.models import Meeting, Network, Post

CPR_REFUSED = "ligner et CPR-nummer"


@pytest.fixture
def network(bob):
    return services.create_network(by=bob, name="Integrationsnetværk Syddanmark",
                                   description="Regionalt netværk", region="1083")


def test_a_post_with_a_cpr_number_is_refused(network, bob):
    for text in ("Hvem kender 140388-1234?", "cpr 1403881234 ring", "se 140388 1234"):
        with pytest.raises(ValidationError, match=CPR_REFUSED):
            services.add_post(network=network, author=bob, text=text)
    assert not Post.objects.exists()
    services.add_post(network=network, author=bob, text="Møde om boligplacering 14. marts")
    assert Post.objects.count() == 1


def test_the_page_refuses_a_cpr_number_in_a_post_in_danish(client, network, bob):
    client.force_login(bob)
    url = reverse("networks:network_detail", args=[network.pk])
    response = client.post(url, {"text": "Familien med 140388-1234 flytter"})
    assert response.status_code == 200
    assert CPR_REFUSED in response.content.decode()
    assert "140388-1234" not in response.content.decode().split("<main")[1].split(
        "</textarea>")[1]
    assert not Post.objects.exists()


def test_minutes_with_a_cpr_number_are_refused(client, network, bob):
    client.force_login(bob)
    url = reverse("networks:meeting_create", args=[network.pk])
    data = {"held_on": "2026-03-14", "place": "Odense Rådhus",
            "agenda": "1. Velkomst", "minutes": "Vi drøftede 0101901234"}
    response = client.post(url, data)
    assert response.status_code == 200 and CPR_REFUSED in response.content.decode()
    assert not Meeting.objects.exists()
    data["minutes"] = "Vi drøftede modtagelse af familier"
    assert client.post(url, data).status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.place, meeting.held_on) == ("Odense Rådhus", datetime.date(2026, 3, 14))


def test_members_join_post_and_appear_on_the_members_list(client, network, charlie):
    client.force_login(charlie)
    detail = reverse("networks:network_detail", args=[network.pk])
    assert client.post(detail, {"text": "Hej"}).status_code == 404  # not yet a member
    client.post(reverse("networks:network_join", args=[network.pk]), {"handling": "meld-ind"})
    assert client.post(detail, {"text": "Hej fra Odense"}).status_code == 302
    assert "Hej fra Odense" in client.get(detail).content.decode()
    members = client.get(reverse("networks:network_members", args=[network.pk]))
    page = members.content.decode()
    assert "Charlotte Christensen" in page and "Bo Berg" in page and "Odense Kommune" in page


def test_only_organisers_plan_meetings(client, network, charlie):
    client.force_login(charlie)
    services.join_network(network=network, user=charlie)
    assert client.get(reverse("networks:meeting_create", args=[network.pk])).status_code == 404


def test_the_training_administrator_can_create_a_network(client, trine):
    client.force_login(trine)
    response = client.post(reverse("networks:network_create"),
                           {"name": "Modtagelsesnetværket", "description": "", "region": ""})
    assert response.status_code == 302
    assert Network.objects.get().memberships.get().is_organiser
