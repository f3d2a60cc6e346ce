"""The plan PDF made by real Celery worker processes through Redis, including one
killed with SIGKILL in the middle of the job."""

import io
import time

import pypdf
import pytest
from django.urls import reverse

from cases.models import DocumentStatus, PlanDocument
from cases.tests.test_plan_documents import CPR, make_plan_family


def wait_for(document_id, statuses, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document = PlanDocument.all_objects.get(pk=document_id)
        if document.status in statuses:
            return document
        time.sleep(0.2)
    raise AssertionError(f"document {document_id} still {document.status} after {timeout}s")


@pytest.mark.worker
def test_a_real_worker_makes_the_pdf_the_caseworker_downloads(celery_worker_process, alice,
                                                              client):
    household = make_plan_family(alice)
    client.force_login(alice)
    response = client.post(reverse("cases:plan_document_request", args=[household.pk]),
                           {"language": "da"})
    assert response.status_code == 302
    document = wait_for(PlanDocument.all_objects.get().pk,
                        [DocumentStatus.READY, DocumentStatus.FAILED])
    assert document.status == DocumentStatus.READY, document.error
    page = client.get(household.get_absolute_url()).content.decode()
    assert reverse("cases:plan_document_download", args=[document.pk]) in page
    download = client.get(reverse("cases:plan_document_download", args=[document.pk]))
    assert download.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert household.case_number in text
    assert "Alice Andersen" in text
    assert "Lære dansk på modul 3 og få et fritidsjob" in text
    assert "Virksomhedspraktik på plejecentret Bøgely" in text and "31. marts 2027" in text
    assert "æ" in text and "ø" in text and "å" in text and "Søren Ærø" in text
    assert "Side 1 af" in text
    assert CPR not in text and CPR.replace("-", "") not in text
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "da"


@pytest.mark.worker
def test_a_worker_killed_mid_job_does_not_lose_the_pdf(celery_worker_process, alice, client):
    handle = celery_worker_process
    # The first worker takes its time (the test hook), so it can be killed mid-job.
    handle.stop()
    handle.env["PLAN_RENDER_TEST_DELAY"] = "60"
    handle.start()
    household = make_plan_family(alice)
    client.force_login(alice)
    client.post(reverse("cases:plan_document_request", args=[household.pk]), {"language": "da"})
    document = wait_for(PlanDocument.all_objects.get().pk, [DocumentStatus.RUNNING])
    handle.kill()
    assert PlanDocument.all_objects.get(pk=document.pk).status == DocumentStatus.RUNNING
    # The job was delivered but never acknowledged. A new worker that treats a second
    # without acknowledgement as lost, and sweeps for such jobs every second, gets it
    # again (with the default one hour it would come back after an hour).
    del handle.env["PLAN_RENDER_TEST_DELAY"]
    handle.env.update(CELERY_VISIBILITY_TIMEOUT="1", CELERY_UNACKED_RESTORE_INTERVAL="1",
                      CELERY_UNACKED_RESTORE_THROTTLE="1")
    time.sleep(1.5)  # past the visibility timeout, so the first sweep already finds it
    handle.start()
    document = wait_for(document.pk, [DocumentStatus.READY, DocumentStatus.FAILED], 90)
    assert document.status == DocumentStatus.READY, document.error
    assert document.attempts == 2
    assert document.sha256 and document.file.name.startswith("plans/")
