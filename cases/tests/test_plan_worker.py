"""The plan PDF made by real Celery worker processes through Redis, including one
killed with SIGKILL in the middle of the job and replaced through the beat sweep."""

import io
import subprocess
import sys
import time
from contextlib import contextmanager

import pypdf
import pytest
from django.urls import reverse

from cases.documents import services
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


@contextmanager
def celery_beat(env, folder):
    """`celery -A integration_portal beat`, as the compose file runs it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "integration_portal", "beat", "-l", "warning",
         "-s", str(folder / "celerybeat-schedule")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_a_worker_killed_mid_job_is_replaced_within_the_documented_bound(
        celery_worker_process, alice, client, tmp_path):
    handle = celery_worker_process
    # The worker and beat run with a short render time limit, so the bound derived from
    # it (README: started + lost_after(time limit) + sweep interval) is seconds, not
    # minutes. The broker's visibility timeout keeps its default (far longer): the
    # sweep, not the broker, brings the job back.
    time_limit, sweep_interval = 6, 2
    handle.stop()
    handle.env.update(PLAN_RENDER_TEST_DELAY="60", PLAN_RENDER_TIME_LIMIT=str(time_limit),
                      PLAN_SWEEP_INTERVAL=str(sweep_interval))
    assert "CELERY_VISIBILITY_TIMEOUT" not in handle.env
    handle.start()  # the first worker takes its time (the test hook), to be killed
    household = make_plan_family(alice)
    client.force_login(alice)
    client.post(reverse("cases:plan_document_request", args=[household.pk]), {"language": "da"})
    document = wait_for(PlanDocument.all_objects.get().pk, [DocumentStatus.RUNNING])
    first_start = document.started_at
    handle.kill()
    assert PlanDocument.all_objects.get(pk=document.pk).status == DocumentStatus.RUNNING
    del handle.env["PLAN_RENDER_TEST_DELAY"]
    handle.start()
    with celery_beat(handle.env, tmp_path):
        bound = services.lost_after(time_limit).total_seconds() + sweep_interval
        # Waited for from now (later than the start), with room for starting the new
        # worker and beat and rendering on a busy machine.
        document = wait_for(document.pk, [DocumentStatus.READY, DocumentStatus.FAILED],
                            timeout=bound + 90)
    assert document.status == DocumentStatus.READY, document.error
    assert document.attempts == 2
    assert document.sha256 and document.file.name.startswith("plans/")
    # Taken again only once it was lost: a running job is left alone until then.
    assert document.started_at - first_start >= services.lost_after(time_limit)
