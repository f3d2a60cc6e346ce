"""How fast is a catalogue search on 10 000 entries? Prints median and p95 latency.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_catalogue_bench \\
        .venv/bin/python bench/catalogue_search.py

The database (default above) is a scratch database: it is created when missing,
migrated, and its catalogue replaced by 10 000 generated entries. Each query is
timed as the catalogue page runs it: the count and the first page of 20, ranked.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/portal_catalogue_bench"
ENTRIES = 10_000
REPEAT = 25
QUERIES = [
    "flygtningefamilier", "frivillige", "helbredsvurdering", "skoleboost", "uledsagede",
    "danskundervisning job", "bolig unge", "Røde Kors", "mentor", "traumer børn",
    "tolkning kvalitet", "virksomhedspraktik",
]
TOPICS = [
    "flygtningefamilie", "flygtninge", "frivillige", "værtsfamilie", "mentor",
    "helbredsvurdering", "lægehus", "skoleboost", "skole", "børn", "unge", "uddannelse",
    "job", "virksomhedspraktik", "jobcenter", "bolig", "boligplacering", "nulenergihus",
    "tolk", "tolkning", "kvalitet", "modtagelse", "tovholder", "netværk",
    "danskundervisning", "sprogcafé", "traumer", "familiekonsulent", "uledsagede",
    "mindreårige", "Røde Kors", "handelsskole", "højskole", "idræt", "forening",
]
# Filler words, so that a topic word appears in a share of the entries, as in a real
# catalogue, not in all of them.
SYLLABLES = ["ar", "be", "da", "fo", "ge", "hus", "ind", "ka", "le", "mo", "ne", "ord",
             "pa", "re", "sam", "ti", "ud", "ve"]



def ensure_database(url):
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(host=parts.hostname, port=parts.port or 5432,
                             user=parts.username, password=parts.password, dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def text(rng, words, topics=1):
    filler = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(words)]
    filler[:topics] = [rng.choice(TOPICS) for _ in range(topics)]
    rng.shuffle(filler)
    return " ".join(filler).capitalize() + "."


def fill():
    from integration_portal.models import Municipality
    from networks.models import Solution, TargetGroup, Theme
    from networks.models.catalogue import refresh_search_vectors

    rng = random.Random(2016)
    municipalities = list(Municipality.objects.all())
    Solution.objects.all().delete()
    Solution.objects.bulk_create([
        Solution(title=text(rng, 4, topics=1), municipality=rng.choice(municipalities),
                 theme=rng.choice(Theme.values), target_group=rng.choice(TargetGroup.values),
                 description=" ".join(text(rng, 12, topics=rng.randint(0, 1))
                                      for _ in range(8)),
                 results=text(rng, 15, topics=1))
        for _ in range(ENTRIES)
    ], batch_size=1000)
    refresh_search_vectors(Solution.objects.all())
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE networks_solution")


def measure():
    from networks.selectors import search_solutions

    timings = {}
    for query in QUERIES:
        for _ in range(REPEAT):
            started = time.perf_counter()
            results = search_solutions(text=query)
            results.count()
            list(results[:20])
            timings.setdefault(query, []).append((time.perf_counter() - started) * 1000)
    return timings


def main():
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL (Danish full-text search).")
    ensure_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    fill()
    print(f"Filled {ENTRIES} entries in {time.perf_counter() - started:.1f} s")
    timings = measure()
    every = sorted(ms for values in timings.values() for ms in values)
    p95 = every[int(len(every) * 0.95) - 1]
    for query, values in timings.items():
        print(f"  {query:<24} median {statistics.median(values):6.1f} ms")
    print(f"{len(QUERIES)} queries x {REPEAT}: median {statistics.median(every):.1f} ms, "
          f"p95 {p95:.1f} ms, max {every[-1]:.1f} ms")


if __name__ == "__main__":
    main()
