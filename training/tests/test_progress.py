from django.urls import reverse

from integration_portal.models import AuditEvent
from integration_portal.testing.factories import municipality
from training import services
from training.models import JobFunction
from training.tests.factories import PractitionerFactory, complete, make_session


def trained(trine, **kwargs):
    practitioner = PractitionerFactory(**kwargs)
    complete(services.enrol(session=make_session(start_in=5), practitioner=practitioner,
                            by=trine), trine)
    complete(services.enrol(session=make_session(kind="elective", start_in=30),
                            practitioner=practitioner, by=trine), trine)
    return practitioner


def test_the_progress_page_counts_practitioners_with_both_modules_against_800(client, trine):
    trained(trine, job_function=JobFunction.TEACHER)
    trained(trine, municipality=municipality("461"))
    half = PractitionerFactory()
    complete(services.enrol(session=make_session(start_in=5), practitioner=half, by=trine),
             trine)
    client.force_login(trine)
    response = client.get(reverse("training:progress"))
    figures = response.context["progress"]
    assert figures.totals == {"practitioners": 3, "mandatory": 3, "elective": 2, "both": 2}
    assert "2 af 800 praktikere" in response.content.decode()
    assert [row["completed"] for row in figures.by_theme] == [2]
    assert {r["label"]: r["both"] for r in figures.by_job_function} == {
        "Sagsbehandler": 1, "Lærer": 1}
    assert {r["label"]: r["mandatory"] for r in figures.by_region} == {"Region Syddanmark": 3}
    untrained = {m.code for m in figures.untrained_municipalities}
    assert len(untrained) == 96 and "420" not in untrained and "461" not in untrained


def test_a_municipal_administrator_sees_figures_for_the_own_municipality(client, trine, erik):
    trained(trine)
    client.force_login(erik)
    figures = client.get(reverse("training:progress")).context["progress"]
    assert figures.totals["both"] == 0
    assert [m.code for m in figures.untrained_municipalities] == ["461"]


def test_the_figures_export_as_csv_and_the_export_is_logged(client, trine):
    trained(trine, name="Søren Ærø")
    client.force_login(trine)
    response = client.get(reverse("training:progress_csv"))
    body = response.content.decode("utf-8-sig")
    assert "Region Syddanmark" in body and "Beskæftigelse" in body
    assert AuditEvent.objects.filter(code="training.progress.exported").count() == 1


def test_the_roster_exports_as_csv_and_the_export_is_logged(client, trine):
    session = make_session()
    services.enrol(session=session, practitioner=PractitionerFactory(name="Åse Ørsted"),
                   by=trine)
    client.force_login(trine)
    response = client.get(reverse("training:roster_csv", args=[session.pk]))
    body = response.getvalue().decode("utf-8-sig")
    assert "Åse Ørsted" in body and "Bekræftet" in body
    assert AuditEvent.objects.filter(code="training.roster.exported").count() == 1


def test_the_dashboard_card_shows_real_figures(client, trine):
    trained(trine)
    client.force_login(trine)
    body = client.get("/").content.decode()
    assert "1 af 800 praktikere har gennemført begge moduler" in body


def test_the_real_programme_exists_after_migrate(db):
    from training.models import Module, Programme

    programme = Programme.objects.get()
    assert (programme.participant_target, programme.budget_dkk) == (800, 4800000)
    mandatory, elective = Module.objects.get(kind="mandatory"), Module.objects.get(kind="elective")
    assert (mandatory.days, elective.days) == (2, 2)
    assert sorted(elective.themes.values_list("name", flat=True)) == [
        "Beskæftigelse", "Børn, unge og familier", "Interkulturelle kompetencer"]


def test_a_session_is_created_through_the_form_with_its_days(client, trine):
    client.force_login(trine)
    response = client.post(reverse("training:session_create"), {
        "module": 1, "theme": "", "venue": "Rådhuset", "city": "Assens",
        "region": "1083", "capacity": 2, "instructors": "Mette", "enrolment_deadline":
        "2030-01-01", "status": "open", "day_1": "2030-02-01", "day_2": "2030-02-02"})
    assert response.status_code == 302


def test_a_session_with_the_wrong_number_of_days_is_refused(client, trine):
    client.force_login(trine)
    response = client.post(reverse("training:session_create"), {
        "module": 1, "venue": "Rådhuset", "city": "Assens", "region": "1083",
        "capacity": 2, "enrolment_deadline": "2030-01-01", "status": "open",
        "day_1": "2030-02-01"})
    assert response.status_code == 200
    assert "Modulet varer 2 dage" in response.content.decode()


def test_the_training_pages_speak_english_when_chosen(client, trine):
    trained(trine)
    client.force_login(trine)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("training:progress")).content.decode()
    assert "1 of 800 practitioners (0 %) have completed both" in body
    assert "Sessions" in client.get(reverse("training:session_list")).content.decode()


def test_a_name_that_looks_like_a_formula_is_exported_as_text(client, trine):
    session = make_session()
    services.enrol(session=session, practitioner=PractitionerFactory(name="=HYPERLINK(1)"),
                   by=trine)
    client.force_login(trine)
    response = client.get(reverse("training:roster_csv", args=[session.pk]))
    body = response.getvalue().decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in body
