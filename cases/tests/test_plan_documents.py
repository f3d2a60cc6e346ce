"""The printed integration plan: what the PDF says, how it is tagged, one document per
plan version, failures the caseworker sees, downloads only for those who may read."""

import datetime
import io
import threading
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pypdf
import pytest
from celery.exceptions import Retry
from django.core.files.storage import default_storage
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from fontTools.misc import timeTools as fonttools_time
from weasyprint.pdf import fonts as weasyprint_fonts

from cases.documents import services
from cases.documents.render import render_plan_pdf
from cases.documents.snapshot import plan_snapshot
from cases.models import DocumentStatus, Household, PlanBatch, PlanDocument
from cases.printing import plan_sections, register_plan_section
from cases.tasks import render_plan_document
from cases.tests.factories import ActionFactory, GoalFactory, PartyFactory, PersonFactory
from cases.tests.factories import make_household as _make_household
from integration_portal.access import grant_cache
from integration_portal.models import AuditAction, AuditEvent

CPR = "140388-1234"
DEADLINE = datetime.date(2027, 3, 31)
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def make_plan_family(coordinator, *, cpr=CPR):
    """Two adults and a child; the mother has a goal with an action due 31 March 2027."""
    coordinator.phone, coordinator.reachable = "64 74 12 34", "man-tors kl. 9-12"
    coordinator.save()
    household = _make_household(coordinator=coordinator, address="Østergade 1, 5610 Assens",
                                plan_next_review_on=datetime.date(2027, 1, 15))
    mother = PersonFactory(household=household, first_name="Amina", last_name="Haddad",
                           cpr=cpr, birth_date=datetime.date(1988, 3, 14))
    PersonFactory(household=household, first_name="Omar", last_name="Haddad",
                  birth_date=datetime.date(1985, 6, 2), relation="spouse")
    PersonFactory(household=household, first_name="Lina", last_name="Haddad",
                  birth_date=datetime.date(2016, 9, 1), relation="child")
    party = PartyFactory(household=household, organisation="Jobcenter Assens",
                         contact_name="Søren Ærø", phone="64 74 00 00")
    party.concerns.add(mother)
    goal = GoalFactory(person=mother, description="Lære dansk på modul 3 og få et fritidsjob")
    ActionFactory(goal=goal, description="Virksomhedspraktik på plejecentret Bøgely",
                  deadline=DEADLINE, responsible_party=party)
    return Household.all_objects.select_related("coordinator", "municipality").get(
        pk=household.pk)


def pdf_text(document):
    with default_storage.open(document.file.name, "rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def family(alice):
    return make_plan_family(alice)


@pytest.fixture
def produce(django_capture_on_commit_callbacks):
    """Request a document and run its queued job in-process (eager Celery)."""
    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            document, _queued = services.request_plan_document(**kwargs)
        document.refresh_from_db()
        return document
    return run


def test_the_pdf_says_who_what_and_by_when_and_no_cpr(family, alice, produce):
    document = produce(household=family, by=alice)
    assert document.status == DocumentStatus.READY
    _reader, text = pdf_text(document)
    assert family.case_number in text
    assert "Alice Andersen" in text and "64 74 12 34" in text and "man-tors kl. 9-12" in text
    assert "Lære dansk på modul 3 og få et fritidsjob" in text
    assert "Virksomhedspraktik på plejecentret Bøgely" in text
    assert "31. marts 2027" in text
    assert "Søren Ærø" in text and "Jobcenter Assens" in text
    assert "Side 1 af" in text
    assert "14. marts 1988" in text  # the birth date, never the CPR number
    assert CPR not in text and "1403881234" not in text


def test_the_case_number_and_page_numbers_are_on_every_page(alice, produce):
    household = make_plan_family(alice)
    goal = GoalFactory(person=PersonFactory(household=household, first_name="Ekstra"))
    for n in range(60):
        ActionFactory(goal=goal, description=f"Handling nummer {n}")
    document = produce(household=household, by=alice)
    reader, _text = pdf_text(document)
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert household.case_number in page.extract_text()
        assert f"Side {number} af {pages}" in page.extract_text()


def test_the_pdf_is_tagged_and_carries_its_language_and_title(family, alice, produce):
    for language, title in (("da", "Integrationsplan for sag"), ("en", "Integration plan")):
        document = produce(household=family, by=alice, language=language)
        reader, text = pdf_text(document)
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert root["/Lang"] == language
        assert reader.metadata.title.startswith(title)
        assert family.case_number in reader.metadata.title
    assert "Page 1 of" in text and "March 31, 2027" in text


def test_pressing_twice_gives_one_document_and_one_job(family, alice, client, monkeypatch,
                                                       django_capture_on_commit_callbacks):
    jobs = []
    monkeypatch.setattr(render_plan_document, "delay", jobs.append)
    client.force_login(alice)
    url = reverse("cases:plan_document_request", args=[family.pk])
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"language": "da"})
        second = client.post(url, {"language": "da"})
    assert first.status_code == second.status_code == 302
    document = PlanDocument.all_objects.get()
    assert jobs == [document.pk]
    assert AuditEvent.objects.filter(code="cases.plan_document.requested").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_presses_at_the_same_moment_give_one_document(postgres, alice, monkeypatch):
    household = make_plan_family(alice)
    jobs = []
    monkeypatch.setattr(render_plan_document, "delay", jobs.append)
    barrier = threading.Barrier(2)
    results = []

    def press():
        try:
            barrier.wait()
            results.append(services.request_plan_document(household=household, by=alice))
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 2
    assert PlanDocument.all_objects.count() == 1
    assert sorted(queued for _document, queued in results) == [False, True]
    assert len(jobs) == 1


def test_a_new_version_only_when_the_plan_changed_or_the_caseworker_asks(family, alice,
                                                                        produce):
    first = produce(household=family, by=alice)
    assert produce(household=family, by=alice).pk == first.pk
    forced = produce(household=family, by=alice, force=True)
    assert (forced.pk != first.pk, forced.plan_hash, forced.revision) == (
        True, first.plan_hash, 1)
    goal = GoalFactory(person=family.persons.first(), description="Få kørekort")
    ActionFactory(goal=goal)
    changed = produce(household=family, by=alice)
    assert changed.pk not in (first.pk, forced.pk)
    assert changed.plan_hash != first.plan_hash and changed.revision == 0
    assert "Få kørekort" in [goal["description"] for goal in changed.plan_data["goals"]]
    assert PlanDocument.all_objects.filter(status=DocumentStatus.READY).count() == 3
    assert changed.sha256 not in (first.sha256, forced.sha256)
    # A document renders to the same bytes again: every date in it is its request time.
    with default_storage.open(first.file.name, "rb") as stored:
        assert render_plan_pdf(first) == stored.read()


def test_the_pdf_is_dated_when_it_was_asked_for_whatever_the_clock_says(family, alice,
                                                                        monkeypatch):
    document, _queued = services.request_plan_document(household=family, by=alice)
    asked = datetime.datetime(2027, 1, 15, 10, 30, 5, tzinfo=COPENHAGEN)
    PlanDocument.all_objects.filter(pk=document.pk).update(requested_at=asked)
    document.refresh_from_db()
    # WeasyPrint's fallback font subsetting (fontTools, when HarfBuzz-Subset is older
    # than 4.1) stamps each embedded font with the clock; here two clocks a day apart.
    monkeypatch.setattr(weasyprint_fonts, "harfbuzz_subset", None)
    renders = []
    for now in (1_900_000_000, 1_900_086_400):
        monkeypatch.setattr(fonttools_time, "time", SimpleNamespace(time=lambda now=now: now))
        renders.append(render_plan_pdf(document))
    assert renders[0] == renders[1]
    metadata = pypdf.PdfReader(io.BytesIO(renders[0])).metadata
    assert metadata.creation_date == metadata.modification_date == asked
    assert "15. januar 2027" in "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(renders[0])).pages)


def test_the_household_page_lists_the_versions(family, alice, client, produce):
    produce(household=family, by=alice)
    produce(household=family, by=alice, force=True)
    client.force_login(alice)
    page = client.get(family.get_absolute_url()).content.decode()
    assert page.count("Hent PDF") == 2
    assert 'id="panel-plan-documents"' in page
    assert PlanDocument.all_objects.first().plan_hash[:8] in page
    assert "Alice Andersen" in page


def test_a_failing_render_marks_the_document_failed_and_the_page_says_so(
        family, alice, client, monkeypatch, django_capture_on_commit_callbacks):
    def broken(document):
        raise ValueError("the template is broken")

    monkeypatch.setattr(services, "render_plan_pdf", broken)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cases:plan_document_request", args=[family.pk]), {"language": "da"})
    document = PlanDocument.all_objects.get()
    assert document.status == DocumentStatus.FAILED
    assert document.error == services.RENDER_FAILED
    page = client.get(family.get_absolute_url()).content.decode()
    assert "Fejlede" in page and "PDF&#x27;en kunne ikke laves" in page
    fragment = client.get(reverse("cases:plan_document_status", args=[family.pk]))
    assert "PDF&#x27;en kunne ikke laves" in fragment.content.decode()
    assert "hx-trigger" not in fragment.content.decode()  # nothing left to wait for: no poll


def test_pressing_again_after_a_failure_queues_the_same_document_again(family, alice, produce,
                                                                       monkeypatch):
    monkeypatch.setattr(services, "render_plan_pdf", lambda document: 1 / 0)
    failed = produce(household=family, by=alice)
    assert failed.status == DocumentStatus.FAILED
    monkeypatch.undo()
    again = produce(household=family, by=alice)
    assert (again.pk, again.status, again.error) == (failed.pk, DocumentStatus.READY, "")


def test_transient_errors_are_retried_a_bounded_number_of_times(family, alice, monkeypatch):
    document, _queued = services.request_plan_document(household=family, by=alice)

    def database_away(document):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "render_plan_pdf", database_away)
    for attempt in range(render_plan_document.max_retries):
        with pytest.raises(Retry):
            render_plan_document.apply(args=[document.pk], retries=attempt)
        document.refresh_from_db()
        assert document.status == DocumentStatus.RUNNING
    # The last allowed attempt gives up and says so.
    render_plan_document.apply(args=[document.pk], retries=render_plan_document.max_retries)
    document.refresh_from_db()
    assert (document.status, document.error) == (DocumentStatus.FAILED, services.UNAVAILABLE)


def test_the_task_does_only_what_is_missing(family, alice, monkeypatch):
    document, _queued = services.request_plan_document(household=family, by=alice)
    # A worker was killed mid-task: the row says running, and the job comes again.
    PlanDocument.all_objects.filter(pk=document.pk).update(status=DocumentStatus.RUNNING,
                                                          attempts=1)
    render_plan_document.apply(args=[document.pk])
    document.refresh_from_db()
    assert (document.status, document.attempts) == (DocumentStatus.READY, 2)
    rendered = []
    monkeypatch.setattr(services, "render_plan_pdf", rendered.append)
    render_plan_document.apply(args=[document.pk])  # delivered once more: nothing to do
    assert rendered == []


def test_a_job_that_keeps_killing_its_workers_is_failed(family, alice):
    document, _queued = services.request_plan_document(household=family, by=alice)
    PlanDocument.all_objects.filter(pk=document.pk).update(
        status=DocumentStatus.RUNNING, attempts=services.MAX_ATTEMPTS)
    render_plan_document.apply(args=[document.pk])
    document.refresh_from_db()
    assert (document.status, document.error) == (DocumentStatus.FAILED, services.CRASHED)


def test_the_status_fragment_polls_while_the_pdf_is_being_made(family, alice, client):
    services.request_plan_document(household=family, by=alice)  # queued, never run here
    client.force_login(alice)
    fragment = client.get(reverse("cases:plan_document_status", args=[family.pk]),
                          headers={"HX-Request": "true"}).content.decode()
    assert 'data-hx-trigger="every 2s"' in fragment and "I kø" in fragment
    page = client.get(family.get_absolute_url()).content.decode()
    assert 'data-hx-trigger="every 2s"' in page  # and a plain reload shows the same state


def test_the_download_is_audited_and_private(family, alice, client, produce, settings):
    document = produce(household=family, by=alice)
    assert document.file.name.startswith("plans/")
    client.force_login(alice)
    response = client.get(reverse("cases:plan_document_download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.get(code="cases.plan_document.downloaded")
    assert (event.action, event.object_id, event.owner_municipality_id) == (
        AuditAction.DOWNLOAD, str(document.pk), family.municipality_id)
    # No URL serves the storage folder itself.
    assert client.get(f"/{settings.MEDIA_URL.strip('/')}/{document.file.name}".replace(
        "//", "/")).status_code == 404


def test_another_municipality_cannot_download_request_or_watch(family, alice, charlie, client,
                                                              produce):
    document = produce(household=family, by=alice)
    client.force_login(alice)
    assert client.get(reverse("cases:plan_document_download",
                              args=[document.pk])).status_code == 200
    client.force_login(charlie)
    assert client.get(reverse("cases:plan_document_download",
                              args=[document.pk])).status_code == 404
    assert client.get(reverse("cases:plan_document_download",
                              args=[document.pk + 999])).status_code == 404
    assert client.get(reverse("cases:plan_document_status",
                              args=[family.pk])).status_code == 404
    assert client.post(reverse("cases:plan_document_request", args=[family.pk]),
                       {"language": "da"}).status_code == 404
    assert PlanDocument.all_objects.count() == 1
    assert not AuditEvent.objects.filter(code="cases.plan_document.downloaded",
                                         actor=charlie).exists()


def test_a_personal_plan_is_for_one_adult_only(family, alice, client, produce):
    persons = {p.first_name: p for p in family.persons.all()}
    document = produce(household=family, by=alice, person=persons["Amina"])
    _reader, text = pdf_text(document)
    assert "Amina Haddad" in text and "Omar Haddad" not in text
    client.force_login(alice)
    response = client.post(reverse("cases:plan_document_request", args=[family.pk]),
                           {"language": "da", "person": persons["Lina"].pk})
    assert response.status_code == 200  # a child is not among the choices
    assert "Vælg et af valgene på listen." in response.content.decode()
    assert PlanDocument.all_objects.count() == 1


@pytest.mark.parametrize("data", [{"language": "xx"}, {"language": "da", "person": "abc"},
                                  {"language": "da", "person": "999999"}])
def test_bad_input_gives_a_danish_error_and_saves_nothing(family, alice, client, data):
    client.force_login(alice)
    response = client.post(reverse("cases:plan_document_request", args=[family.pk]), data)
    assert response.status_code == 200
    assert "Vælg et af valgene på listen." in response.content.decode()
    assert not PlanDocument.all_objects.exists()


def test_a_team_lead_prints_every_plan_at_once_and_sees_the_progress(
        alice, bob, client, django_capture_on_commit_callbacks):
    households = [make_plan_family(alice, cpr=None) for _ in range(2)]
    households.append(_make_household(coordinator=bob))
    client.force_login(bob)
    assert "3 åbne husstande" in client.get(reverse("cases:plan_batch")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cases:plan_batch"), {"language": "da"})
    assert response.status_code == 302
    batch = PlanBatch.objects.get()
    assert batch.documents.count() == len(households)
    progress = client.get(reverse("cases:plan_batch_progress")).content.decode()
    assert "3 af 3 klar" in progress and "hx-trigger" not in progress


def test_a_caseworker_prints_only_the_families_she_coordinates(alice, bob, client,
                                                               monkeypatch):
    monkeypatch.setattr(render_plan_document, "delay", lambda document_id: None)
    make_plan_family(alice)
    _make_household(coordinator=bob)
    batch = services.request_all_plans(by=alice)
    assert [d.household.coordinator for d in batch.documents.all()] == [alice]
    client.force_login(alice)
    progress = client.get(reverse("cases:plan_batch_progress")).content.decode()
    assert "0 af 1 klar" in progress and 'data-hx-trigger="every 2s"' in progress


def test_a_registered_plan_section_is_printed_with_its_data(family, alice, produce, settings,
                                                           tmp_path):
    (tmp_path / "section.html").write_text("<h2>Modtageplan</h2><p>Bolig: {{ data.housing }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path,
                                                             *settings.TEMPLATES[0]["DIRS"]]}]
    register_plan_section("test-reception", template="section.html",
                          data=lambda household, person: {"housing": "Skovvænget 4, Ærøskøbing"})
    try:
        document = produce(household=family, by=alice)
    finally:
        plan_sections._entries.pop("test-reception")
    assert document.plan_data["sections"] == {
        "test-reception": {"housing": "Skovvænget 4, Ærøskøbing"}}
    assert "Bolig: Skovvænget 4, Ærøskøbing" in pdf_text(document)[1]


@pytest.mark.parametrize("goals", [1, 12])
def test_the_plan_snapshot_costs_a_fixed_number_of_queries(alice, goals):
    household = make_plan_family(alice)
    person = household.persons.first()
    for n in range(goals - 1):
        party = PartyFactory(household=household)
        party.concerns.add(person)
        goal = GoalFactory(person=person, description=f"Mål {n}")
        ActionFactory(goal=goal, responsible_party=party)
        ActionFactory(goal=goal)
    with CaptureQueriesContext(connection) as queries, grant_cache():  # as in a request
        snapshot = plan_snapshot(alice, household)
    # the households shares and transfers open to alice (looked up once), persons,
    # parties, the persons each party concerns, goals (with persons), their actions
    # (with responsible parties); the household and tovholder come loaded; and the
    # reception section's plan tasks (a registered printed-plan section)
    assert len(queries.captured_queries) == 7
    assert len(snapshot["goals"]) == goals
    assert CPR not in str(snapshot)


def test_the_snapshot_is_dated_data_not_today(alice):
    household = make_plan_family(alice)
    snapshot = plan_snapshot(alice, household)
    assert snapshot["next_review_on"] == "2027-01-15"
    assert snapshot["persons"][0]["birth_date"] == "1985-06-02"
    assert timezone.localdate().isoformat() not in str(snapshot["persons"])


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries), response


def test_the_versions_and_the_batch_progress_cost_a_fixed_number_of_queries(
        alice, client, monkeypatch):
    monkeypatch.setattr(render_plan_document, "delay", lambda document_id: None)
    household = make_plan_family(alice)
    client.force_login(alice)
    status_url = reverse("cases:plan_document_status", args=[household.pk])
    batch_url = reverse("cases:plan_batch")
    services.request_plan_document(household=household, by=alice)
    services.request_all_plans(by=alice)
    counts = [queries_for(client, status_url)[0], queries_for(client, batch_url)[0]]
    for _ in range(9):
        services.request_plan_document(household=household, by=alice, force=True)
        make_plan_family(alice, cpr=None)
    services.request_all_plans(by=alice)
    (status, fragment), (batch, page) = queries_for(client, status_url), queries_for(
        client, batch_url)
    assert fragment.content.decode().count("I kø") == 10
    assert "0 af 10 klar" in page.content.decode()
    # Every request: session, user, the user's and the groups' permissions (4); the
    # session is renewed at most once a minute, and was at the login. The fragment:
    # the households shares and transfers open to alice, the household, its printed
    # plans with who asked and for whom. The batch page: the header's municipality and
    # groups (2), the households it would cover (count; its own municipality's, so no
    # grants), and the latest batch with its progress counts.
    assert counts == [status, batch] == [7, 8]
