"""The method catalogue: Danish full-text search with filters; authors edit their own."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from integration_portal.testing.factories import municipality
from networks import selectors
from networks.models import Solution, TargetGroup, Theme
from networks.models.catalogue import refresh_search_vectors
from networks.tests.factories import SolutionFactory


def titles(**search):
    return [s.title for s in selectors.search_solutions(**search)]


def test_danish_search_finds_inflected_forms(postgres):
    SolutionFactory(title="Helhedsorienteret indsats", theme=Theme.HEALTH,
                    description="Hjælp til en flygtningefamilie med posttraumatisk stress.")
    SolutionFactory(title="Skoleboost", description="Flygtningebørn får et skoleboost.")
    assert titles(text="flygtningefamilier") == ["Helhedsorienteret indsats"]
    assert titles(text="flygtningefamilien") == ["Helhedsorienteret indsats"]
    assert titles(text="skoleboostet") == ["Skoleboost"]


def test_a_title_match_ranks_above_a_description_match(postgres):
    SolutionFactory(title="Mentorordning", description="Frivillige hjælper nyankomne.")
    SolutionFactory(title="Frivillige flygtningegrupper", description="Netværk i byen.")
    assert titles(text="frivillig") == ["Frivillige flygtningegrupper", "Mentorordning"]


def test_bulk_inserted_entries_are_searchable_after_a_refresh(postgres):
    Solution.objects.bulk_create([
        Solution(title=f"Sprogcafé {n}", municipality=municipality("420"),
                 theme=Theme.VOLUNTEERS, target_group=TargetGroup.ALL_NEWCOMERS,
                 description="Danskundervisning med frivillige") for n in range(3)])
    assert titles(text="sprogcaféer") == []
    refresh_search_vectors(Solution.objects.all())
    assert len(titles(text="danskundervisningen")) == 3


def test_an_edited_entry_is_found_by_its_new_words(postgres):
    solution = SolutionFactory(title="Boligplacering")
    solution.description = "Unge under uddannelse bor sammen med flygtninge i nulenergihuse."
    solution.save()
    assert titles(text="nulenergihus") == ["Boligplacering"]


def test_filters_by_theme_region_and_target_group(db):
    SolutionFactory(title="Assens modtagelse", theme=Theme.RECEPTION)
    SolutionFactory(title="Køge uddannelse", theme=Theme.EDUCATION,
                    municipality=municipality("259"), target_group=TargetGroup.YOUNG)
    assert titles(theme=Theme.EDUCATION) == ["Køge uddannelse"]
    assert titles(region="1085") == ["Køge uddannelse"]  # Region Sjælland
    assert titles(region="1083") == ["Assens modtagelse"]
    assert titles(target_group=TargetGroup.YOUNG) == ["Køge uddannelse"]


def test_without_postgresql_the_search_falls_back_to_substrings(db, monkeypatch):
    SolutionFactory(title="Fast Track", description="Samarbejde med Røde Kors")
    SolutionFactory(title="Skoleboost")
    monkeypatch.setattr(selectors, "connection", SimpleNamespace(vendor="sqlite"))
    assert titles(text="røde kors") == ["Fast Track"]


def test_every_portal_user_reads_and_searches_the_catalogue(client, trine, charlie):
    solution = SolutionFactory(title="Helbredsvurdering med lægehusene")
    for user in (trine, charlie):
        client.force_login(user)
        page = client.get(reverse("networks:solution_list"), {"q": "helbredsvurderinger"})
        assert page.status_code == 200 and solution.title in page.content.decode()
        assert client.get(solution.get_absolute_url()).status_code == 200


def test_authors_edit_their_own_entries_only(client, alice, charlie):
    client.force_login(alice)
    response = client.post(reverse("networks:solution_create"), {
        "title": "Sprogmakkere", "municipality": municipality("420").pk,
        "theme": Theme.VOLUNTEERS, "target_group": TargetGroup.ALL_NEWCOMERS,
        "description": "Frivillige sprogmakkere", "results": "", "contact": "",
        "target_group_text": "",
    })
    solution = Solution.objects.get()
    assert response.status_code == 302 and solution.author == alice
    edit = reverse("networks:solution_update", args=[solution.pk])
    assert client.get(edit).status_code == 200
    client.force_login(charlie)
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"title": "Overtaget"}).status_code == 404
    assert "Ret løsningsmodel" not in client.get(solution.get_absolute_url()).content.decode()


@pytest.mark.parametrize("query", [{"theme": "nonsense"}, {"q": "x" * 500}, {"side": "abc"}])
def test_bad_search_input_is_not_an_error(client, alice, query):
    client.force_login(alice)
    assert client.get(reverse("networks:solution_list"), query).status_code == 200


def test_the_author_attaches_a_file_that_every_user_can_download(client, alice, trine,
                                                                 settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    solution = SolutionFactory(author=alice)
    client.force_login(alice)
    upload = SimpleUploadedFile("drejebog.pdf", b"%PDF-1.4 drejebog", "application/pdf")
    response = client.post(reverse("networks:attachment_create", args=[solution.pk]),
                           {"title": "Drejebog", "file": upload})
    assert response.status_code == 302
    attachment = solution.attachments.get()
    client.force_login(trine)
    assert "Drejebog" in client.get(solution.get_absolute_url()).content.decode()
    download = client.get(reverse("networks:attachment_download", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 drejebog"
    assert client.get(reverse("networks:attachment_create", args=[solution.pk])).status_code \
        == 404
