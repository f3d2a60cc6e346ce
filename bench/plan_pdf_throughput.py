"""Plan PDFs per minute with one and with two real Celery worker processes.

A household of 6 persons with 20 actions (and 6 involved parties) on PostgreSQL and
Redis; each job is a forced new version, so every one is rendered and stored.

    createdb -h 127.0.0.1 -U postgres portal_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \
    REDIS_URL=redis://127.0.0.1:6379/10 .venv/bin/python bench/plan_pdf_throughput.py

Options: --jobs N (per run, default 40), --workers 1 2 (the runs).
"""

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")
os.environ.setdefault("DEBUG", "true")  # a measurement, not a deployment: no SECRET_KEY needed
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="plan-bench-"))
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ.pop("PLAN_RENDER_TEST_DELAY", None)
QUEUE = f"bench-{uuid.uuid4().hex[:8]}"
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = QUEUE

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from cases import services as case_services  # noqa: E402
from cases.documents import services  # noqa: E402
from cases.models import (  # noqa: E402
    Action,
    DocumentStatus,
    Goal,
    InvolvedParty,
    Person,
    PlanDocument,
)
from integration_portal.models import Municipality, User  # noqa: E402
from integration_portal.roles import Role  # noqa: E402


def bench_household():
    """A fresh household: 2 adults and 4 children, 20 actions under 6 goals."""
    municipality = Municipality.objects.get(code="420")
    user, _created = User.objects.get_or_create(
        username="bench-tovholder",
        defaults={"first_name": "Bente", "last_name": "Bøgh", "municipality": municipality,
                  "phone": "64 74 12 34", "reachable": "man-tors kl. 9-12",
                  "email": "bente@example.dk"})
    user.groups.add(*Group.objects.filter(name=Role.CASEWORKER))
    today = timezone.localdate()
    household = case_services.create_household(
        by=user, coordinator=user, status="active", takeover_on=today, arrived_on=today,
        address="Østergade 1, 5610 Assens", plan_next_review_on=today + datetime.timedelta(90))
    births = [datetime.date(1984, 2, 1), datetime.date(1987, 5, 3)] + [
        datetime.date(2010 + n * 3, 6, 1) for n in range(4)]
    persons = [Person.all_objects.create(
        household=household, first_name=f"Person{n}", last_name="Haddad", birth_date=born,
        relation="main" if n == 0 else "spouse" if n == 1 else "child")
        for n, born in enumerate(births)]
    parties = [InvolvedParty.all_objects.create(
        household=household, kind="jobcenter", organisation=f"Aktør {n} Åbenrå",
        contact_name=f"Søren {n}", phone="64 74 00 00", email=f"a{n}@example.dk")
        for n in range(6)]
    for n in range(20):
        person = persons[n % 6]
        goal = Goal.all_objects.filter(person=person).first() or Goal.all_objects.create(
            person=person, domain="employment", description=f"Mål for {person.first_name}")
        Action.all_objects.create(goal=goal, description=f"Handling {n}: praktik på Ærø",
                                  deadline=today + datetime.timedelta(days=30 + n),
                                  responsible_party=parties[n % 6])
    return household, user


def start_workers(count):
    return [subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "integration_portal", "worker", "-Q", QUEUE,
         "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
         "-l", "warning", "-n", f"{QUEUE}-{n}@%h"],
        cwd=ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    ) for n in range(count)]


def request(household, user, count):
    return [services.request_plan_document(household=household, by=user, force=True)[0].pk
            for _ in range(count)]


def wait_ready(ids, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        statuses = list(PlanDocument.all_objects.filter(pk__in=ids)
                        .values_list("status", flat=True))
        if DocumentStatus.FAILED in statuses:
            raise SystemExit("a PDF failed; see the worker log")
        if statuses.count(DocumentStatus.READY) == len(ids):
            return
        time.sleep(0.05)
    raise SystemExit(f"not all {len(ids)} PDFs ready after {timeout}s")


def run(workers, jobs, household, user):
    processes = start_workers(workers)
    try:
        wait_ready(request(household, user, workers * 2))  # warm up: imports, fonts
        started = time.monotonic()
        wait_ready(request(household, user, jobs))
        elapsed = time.monotonic() - started
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=40)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        raise SystemExit("set DATABASE_URL (PostgreSQL) and REDIS_URL")
    call_command("migrate", verbosity=0)
    household, user = bench_household()
    persons = Person.all_objects.filter(household=household).count()
    actions = Action.all_objects.filter(goal__person__household=household).count()
    size = len(services.render_plan_pdf(PlanDocument.all_objects.get(
        pk=request(household, user, 1)[0])))
    print(f"household {household.case_number}: {persons} persons, {actions} actions, "
          f"PDF about {size // 1024} KiB; {args.jobs} PDFs per run")
    for workers in args.workers:
        elapsed = run(workers, args.jobs, household, user)
        print(f"{workers} worker process{'es' if workers > 1 else ''}: {args.jobs} PDFs in "
              f"{elapsed:.1f} s = {args.jobs / elapsed * 60:.0f} PDFs per minute "
              f"({elapsed / args.jobs * 1000:.0f} ms each)")


if __name__ == "__main__":
    main()
