from django.core.files.uploadedfile import SimpleUploadedFile

from integration_portal.models import AuditEvent
from training.models import Practitioner
from training.tests.factories import PractitionerFactory

URL = "/efteruddannelse/praktikere/import/"
HEADER = "navn;e-mail;kommunekode;jobfunktion\n"


def upload(client, text, action="preview"):
    csv_file = SimpleUploadedFile("praktikere.csv", text.encode("utf-8"), "text/csv")
    return client.post(URL, {"file": csv_file, "action": action})


def test_a_file_with_good_and_bad_rows_reports_each_bad_row_and_imports_nothing(client, trine):
    PractitionerFactory(email="findes@example.dk")
    client.force_login(trine)
    text = HEADER + (
        "Søs Ærø;sos@example.dk;420;Sagsbehandler\n"
        "Uden Mail;ikke-en-mail;420;Lærer\n"
        "Dobbelt;findes@example.dk;461;Leder\n"
        "Ukendt Kommune;uk@example.dk;999;Andet\n"
        "Ukendt Job;uj@example.dk;461;Astronaut\n"
        "Bente Ås;bente@example.dk;461;job_consultant\n"
    )
    for action in ("preview", "import"):
        body = upload(client, text, action).content.decode()
        assert "Række 3: »ikke-en-mail« er ikke en gyldig e-mail." in body
        assert "Række 4: der findes allerede en praktiker med e-mailen findes@example.dk." in body
        assert "Række 5: ukendt kommunekode »999«." in body
        assert "Række 6: ukendt jobfunktion »Astronaut«." in body
        assert "Række 2" not in body.split("import-errors")[1].split("</div>")[0]
        assert "ingen praktikere er oprettet" in body
    assert Practitioner.all_objects.count() == 1


def test_a_clean_file_is_previewed_first_and_imported_on_confirmation(client, trine):
    client.force_login(trine)
    text = HEADER + ("Søs Ærø;SOS@example.dk;420;Sagsbehandler\n"
                     "Bente Ås;bente@example.dk;461;Lærer\n")
    preview = upload(client, text).content.decode()
    assert "Importér 2 praktikere" in preview
    assert Practitioner.all_objects.count() == 0

    response = client.post(URL, {"content": text, "action": "import"})
    assert response.status_code == 302
    created = Practitioner.all_objects.order_by("name")
    assert [(p.name, p.email, p.municipality.code) for p in created] == [
        ("Bente Ås", "bente@example.dk", "461"), ("Søs Ærø", "sos@example.dk", "420")]
    assert AuditEvent.objects.filter(code="training.practitioner.imported").count() == 1


def test_a_municipal_administrator_may_import_only_own_staff(client, dorte):
    client.force_login(dorte)
    text = HEADER + "Otto;otto@example.dk;461;Leder\n"
    body = client.post(URL, {"content": text, "action": "import"}).content.decode()
    assert "Række 2: du kan kun oprette praktikere i din egen kommune." in body
    assert not Practitioner.all_objects.exists()


def test_a_file_without_the_header_is_refused(client, trine):
    client.force_login(trine)
    body = upload(client, "Søs;sos@example.dk;420;Lærer\n").content.decode()
    assert "Første linje skal være overskrifterne" in body
    assert not Practitioner.all_objects.exists()


def test_e_mail_is_unique_regardless_of_case(client, trine):
    PractitionerFactory(email="anne@example.dk")
    client.force_login(trine)
    response = client.post("/efteruddannelse/praktikere/ny/", {
        "name": "Anne", "email": "ANNE@Example.dk", "municipality": 1,
        "job_function": "caseworker"})
    assert "Der findes allerede en praktiker med denne e-mail." in response.content.decode()
    assert Practitioner.all_objects.count() == 1
