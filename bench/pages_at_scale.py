"""Every list page, search, the household page, exports and dashboards at national
scale, over HTTP as a real user, beside the raw SQL returning the same rows.

    .venv/bin/python bench/pages_at_scale.py \\
        --database-url postgres://postgres@127.0.0.1:5432/ip_national

The database must have been filled by ``manage.py seed_scale`` (users
``<kommune>-sagsbehandler-001`` etc., password SCALE_PASSWORD). The script collects
static files into a temporary directory, starts gunicorn (2 workers, DEBUG off,
production settings) on a free port of 127.0.0.1, logs in over HTTP (the cookies
are Secure, so it sends X-Forwarded-Proto: https and keeps the cookies itself), and
for each page times ``--requests`` page loads after ``--warmup``, alternating each
with the hand-written SQL that returns the page's rows for the same municipality.
Then a load run: ``--clients`` concurrent clients browsing for ``--load-seconds``.
It prints figures; it is not a test.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parents[1]
HOST = "portal.test"
DEFAULT_PASSWORD = "skala-bench-2026"


# -- the server ------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, static_root, redis_url):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DJANGO_", "DEBUG", "DATABASE_", "REDIS_"))}
    env.update(DEBUG="false", SECRET_KEY=secrets.token_hex(32), ALLOWED_HOSTS=HOST,
               DATABASE_URL=database_url, STATIC_ROOT=str(static_root),
               PORTAL_BASE_URL=f"https://{HOST}", LOG_LEVEL="WARNING")
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


@contextmanager
def gunicorn(database_url, *, workers, redis_url):
    """A production-like server on 127.0.0.1; yields its port."""
    with tempfile.TemporaryDirectory(prefix="pages-at-scale-") as tmp:
        env = production_env(database_url, Path(tmp) / "static", redis_url)
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
                       cwd=ROOT, env=env, check=True)
        port = free_port()
        log_path = Path(tmp) / "gunicorn.log"
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "integration_portal.wsgi",
                 "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "120"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )
            try:
                wait_until_answering(server, port)
                yield port
            finally:
                server.terminate()
                server.wait(timeout=30)
        errors = [line for line in log_path.read_text().splitlines() if "Error" in line]
        if errors:
            print("gunicorn log:", *errors[-20:], sep="\n", file=sys.stderr)


def wait_until_answering(server, port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited during start-up")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within {timeout} s")


# -- a browser that keeps its own (Secure) cookies ---------------------------------------


class Client:
    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, form=None):
        """(status, body bytes, seconds)."""
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{HOST}{path}"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        for value in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, content, elapsed

    def get(self, path):
        return self.request("GET", path)

    def login(self, username, password):
        _status, page, _t = self.get("/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _body, _t = self.request("POST", "/login/", {
            "csrfmiddlewaretoken": token.decode(), "username": username, "password": password,
        })
        if status != 302:
            raise SystemExit(f"login as {username} failed ({status})")
        return self


# -- the pages and their raw SQL ---------------------------------------------------------

OPEN = "('expected', 'active', 'moved')"
PAGE = 25

CASE_ROWS = """
SELECT h.id, h.case_number, h.status, h.arrived_on, h.municipality_id,
       u.first_name, u.last_name, p.n, p.names, COALESCE(o.n, 0)
FROM cases_household h
LEFT JOIN integration_portal_user u ON u.id = h.coordinator_id
CROSS JOIN LATERAL (SELECT COUNT(*) AS n,
                           string_agg(first_name || ' ' || last_name, ', ' ORDER BY id) AS names
                    FROM cases_person WHERE household_id = h.id) p
LEFT JOIN LATERAL (SELECT COUNT(*) AS n FROM cases_action a
                   JOIN cases_goal g ON g.id = a.goal_id
                   JOIN cases_person pp ON pp.id = g.person_id
                   WHERE pp.household_id = h.id AND a.status IN ('planned', 'in_progress')
                     AND a.deadline < current_date) o ON true
"""


def case_page_sql(where, order, offset):
    return f"""
WITH hits AS (SELECT h.id, COUNT(*) OVER () AS total FROM cases_household h
              WHERE h.municipality_id = %(m)s AND {where}
              ORDER BY {order} LIMIT {PAGE} OFFSET {offset})
{CASE_ROWS} JOIN hits ON hits.id = h.id ORDER BY {order}"""


NAME_HIT = """EXISTS (SELECT 1 FROM cases_person p WHERE p.household_id = h.id
                     AND (p.first_name ILIKE %(like)s OR p.last_name ILIKE %(like)s))"""

TASKS_WHERE = """
SELECT t.id, t.title, t.due_on, h.case_number, t.position,
       COALESCE(ru.first_name, cu.first_name)
FROM reception_plantask t JOIN cases_household h ON h.id = t.household_id
LEFT JOIN integration_portal_user ru ON ru.id = t.responsible_user_id
LEFT JOIN integration_portal_user cu ON cu.id = h.coordinator_id
WHERE h.municipality_id = %(m)s AND h.status IN ('expected', 'active')
  AND t.status = 'open' AND t.due_on < current_date + 7"""
TASKS_ORDER = "ORDER BY 3, 4, 5, 1"
TASKS_SQL = f"{TASKS_WHERE} {TASKS_ORDER}"
# Mine: named as responsible, or tovholder of a household whose task names no one
# (the two halves of COALESCE(responsible_user, coordinator), each on its own index).
MY_TASKS_SQL = f"""
{TASKS_WHERE} AND t.responsible_user_id = %(u)s
UNION ALL
{TASKS_WHERE} AND t.responsible_user_id IS NULL AND h.coordinator_id = %(u)s
{TASKS_ORDER}"""

HOUSEHOLD_SQL = [
    "SELECT * FROM cases_household WHERE id = %(h)s AND municipality_id = %(m)s",
    "SELECT * FROM cases_person WHERE household_id = %(h)s ORDER BY birth_date, id",
    "SELECT * FROM cases_involvedparty WHERE household_id = %(h)s",
    """SELECT g.*, a.* FROM cases_goal g JOIN cases_person p ON p.id = g.person_id
       LEFT JOIN cases_action a ON a.goal_id = g.id WHERE p.household_id = %(h)s""",
    """SELECT n.*, u.first_name, u.last_name FROM cases_journalnote n
       JOIN integration_portal_user u ON u.id = n.author_id
       WHERE n.household_id = %(h)s ORDER BY occurred_on DESC, written_at DESC, n.id DESC""",
    """SELECT * FROM cases_coordinatorassignment WHERE household_id = %(h)s
       ORDER BY started_at DESC, id DESC LIMIT 20""",
]

BOARD_SQL = [
    f"""SELECT h.coordinator_id, COUNT(DISTINCT h.id), COUNT(p.id),
              COUNT(p.id) FILTER (WHERE p.birth_date > current_date - interval '18 years')
       FROM cases_household h LEFT JOIN cases_person p ON p.household_id = h.id
       WHERE h.municipality_id = %(m)s AND h.status IN {OPEN}
         AND NOT h.coordinator_is_interim GROUP BY 1""",
    f"""SELECT h.coordinator_id, COUNT(*) FROM cases_action a
       JOIN cases_goal g ON g.id = a.goal_id JOIN cases_person p ON p.id = g.person_id
       JOIN cases_household h ON h.id = p.household_id
       WHERE h.municipality_id = %(m)s AND h.status IN {OPEN} AND NOT h.coordinator_is_interim
         AND a.status IN ('planned', 'in_progress') AND a.deadline < current_date
       GROUP BY 1""",
    f"""SELECT h.id, h.case_number, h.arrived_on, (SELECT COUNT(*) FROM cases_person p
                                                  WHERE p.household_id = h.id)
       FROM cases_household h WHERE h.municipality_id = %(m)s AND h.status IN {OPEN}
         AND h.coordinator_is_interim ORDER BY h.status = 'expected' DESC, h.arrived_on""",
    """SELECT id, first_name, last_name FROM integration_portal_user
       WHERE municipality_id = %(m)s AND is_active ORDER BY first_name, last_name""",
]

MINE_SQL = [
    f"""SELECT h.*, (SELECT COUNT(*) FROM cases_action a JOIN cases_goal g ON g.id = a.goal_id
                    JOIN cases_person p ON p.id = g.person_id WHERE p.household_id = h.id
                    AND a.status IN ('planned', 'in_progress') AND a.deadline < current_date)
       FROM cases_household h WHERE h.municipality_id = %(m)s AND h.coordinator_id = %(u)s
         AND h.status IN {OPEN} ORDER BY h.arrived_on NULLS LAST, h.case_number""",
    f"""SELECT p.* FROM cases_person p JOIN cases_household h ON h.id = p.household_id
       WHERE h.municipality_id = %(m)s AND h.coordinator_id = %(u)s AND h.status IN {OPEN}""",
    f"""SELECT x.* FROM cases_involvedparty x JOIN cases_household h ON h.id = x.household_id
       WHERE h.municipality_id = %(m)s AND h.coordinator_id = %(u)s AND h.status IN {OPEN}""",
]

DASHBOARD_SQL = [
    f"""SELECT h.id, h.case_number FROM cases_household h WHERE h.municipality_id = %(m)s
       AND h.coordinator_id = %(u)s AND h.status IN {OPEN}
       ORDER BY h.arrived_on NULLS LAST, h.case_number LIMIT 5""",
    f"""SELECT COUNT(*) FROM cases_household h WHERE h.municipality_id = %(m)s
       AND h.coordinator_id = %(u)s AND h.status IN {OPEN}""",
    f"""SELECT COUNT(*) FROM cases_action a JOIN cases_goal g ON g.id = a.goal_id
       JOIN cases_person p ON p.id = g.person_id JOIN cases_household h ON h.id = p.household_id
       WHERE h.municipality_id = %(m)s AND h.coordinator_id = %(u)s AND h.status IN {OPEN}
         AND a.status IN ('planned', 'in_progress') AND a.deadline <= current_date + 7""",
]

PROGRESS_SQL = """
WITH people AS (
    SELECT pr.id, pr.job_function, m.region, m.name,
           EXISTS (SELECT 1 FROM training_enrolment e JOIN training_module mo ON mo.id = e.module_id
                   WHERE e.practitioner_id = pr.id AND e.status = 'completed'
                     AND mo.kind = 'mandatory') AS mandatory,
           EXISTS (SELECT 1 FROM training_enrolment e JOIN training_module mo ON mo.id = e.module_id
                   WHERE e.practitioner_id = pr.id AND e.status = 'completed'
                     AND mo.kind = 'elective') AS elective
    FROM training_practitioner pr JOIN integration_portal_municipality m
         ON m.id = pr.municipality_id {where})
SELECT region, name, job_function, COUNT(*), COUNT(*) FILTER (WHERE mandatory),
       COUNT(*) FILTER (WHERE elective), COUNT(*) FILTER (WHERE mandatory AND elective)
FROM people GROUP BY GROUPING SETS ((), (region), (name), (job_function))"""

AUDIT_SQL = """
SELECT e.*, m.name FROM integration_portal_auditevent e
LEFT JOIN integration_portal_municipality m ON m.id = e.municipality_id
WHERE e.person_id = %(p)s AND e.owner_municipality_id = %(m)s
ORDER BY e.created_at DESC, e.id DESC LIMIT 1000"""

CATALOGUE_SQL = """
SELECT s.id, s.title, ts_rank(s.search_vector, q) AS rank, COUNT(*) OVER ()
FROM networks_solution s, websearch_to_tsquery('danish', %(q)s) q
WHERE s.search_vector @@ q ORDER BY rank DESC, s.title, s.id LIMIT 20"""


def pages_for(ids):
    """[(label, user kind, path, [sql, ...], params)] for one municipality."""
    name, number = ids["name"], ids["case_number"]
    p = {"m": ids["m"], "u": ids["u"], "h": ids["household"], "p": ids["person"],
         "like": f"%{name}%", "number": f"%{number}%", "q": "mentorordning"}
    return [
        ("case list: status, sort, page 2", "sagsbehandler",
         "/sager/?status=active&ordering=-arrived_on&side=2",
         [case_page_sql("h.status = 'active'", "h.arrived_on DESC, h.case_number", PAGE)], p),
        ("case search by name", "sagsbehandler", f"/sager/?q={urllib.parse.quote(name)}",
         [case_page_sql(NAME_HIT, "h.arrived_on DESC, h.case_number", 0)], p),
        ("case search by case number", "sagsbehandler",
         f"/sager/?q={urllib.parse.quote(number)}",
         [case_page_sql("h.case_number ILIKE %(number)s", "h.arrived_on DESC, h.case_number",
                        0)], p),
        ("Mine familier", "sagsbehandler", "/sager/mine/", MINE_SQL, p),
        ("assignment board", "teamleder", "/sager/tildeling/", BOARD_SQL, p),
        ("overdue tasks, mine", "sagsbehandler", "/modtagelse/", [MY_TASKS_SQL], p),
        ("overdue tasks, municipality", "sagsbehandler", "/modtagelse/?vis=kommune",
         [TASKS_SQL], p),
        (f"household with {ids['notes']} notes", "sagsbehandler",
         f"/sager/{ids['household']}/", HOUSEHOLD_SQL, p),
        ("audit log of one person", "admin", f"/log/person/{ids['person']}/", [AUDIT_SQL], p),
        ("training progress, municipality", "admin", "/efteruddannelse/fremdrift/",
         [PROGRESS_SQL.format(where="WHERE pr.municipality_id = %(m)s")], p),
        (f"CSV export, {ids['households']} households", "sagsbehandler", "/sager/eksport.csv",
         [f"{CASE_ROWS} WHERE h.municipality_id = %(m)s ORDER BY h.arrived_on DESC, "
          "h.case_number"], p),
        ("catalogue search", "sagsbehandler", "/samarbejde/katalog/?q=mentorordning",
         [CATALOGUE_SQL], p),
        ("dashboard, caseworker", "sagsbehandler", "/", DASHBOARD_SQL, p),
        ("dashboard, team lead", "teamleder", "/", BOARD_SQL[2:3], p),
    ]


NATIONAL_PAGES = [
    ("training progress, national", "/efteruddannelse/fremdrift/",
     [PROGRESS_SQL.format(where="")]),
    ("dashboard, training admin", "/", [PROGRESS_SQL.format(where="")]),
]


def municipality_ids(db, slug):
    """The rows a bench run looks at in one municipality, found with plain SQL."""
    with db.cursor() as c:
        c.execute("""SELECT u.id, u.municipality_id FROM integration_portal_user u
                     WHERE u.username = %s""", [f"{slug}-sagsbehandler-001"])
        row = c.fetchone()
        if row is None:
            raise SystemExit(f"no user {slug}-sagsbehandler-001: run seed_scale first")
        u, m = row
        c.execute("""SELECT n.household_id, COUNT(*) FROM cases_journalnote n
                     JOIN cases_household h ON h.id = n.household_id
                     WHERE h.municipality_id = %s GROUP BY 1 ORDER BY 2 DESC LIMIT 1""", [m])
        household, notes = c.fetchone()
        c.execute("""SELECT e.person_id, COUNT(*) FROM integration_portal_auditevent e
                     WHERE e.owner_municipality_id = %s AND e.person_id IS NOT NULL
                     GROUP BY 1 ORDER BY 2 DESC LIMIT 1""", [m])
        person = c.fetchone()[0]
        c.execute("""SELECT p.last_name, h.case_number FROM cases_person p
                     JOIN cases_household h ON h.id = p.household_id
                     WHERE h.municipality_id = %s ORDER BY h.id LIMIT 1""", [m])
        name, case_number = c.fetchone()
        c.execute("SELECT COUNT(*) FROM cases_household WHERE municipality_id = %s", [m])
        households = c.fetchone()[0]
        c.execute("""SELECT id FROM cases_household WHERE municipality_id = %s
                     ORDER BY id LIMIT 200""", [m])
        sample = [r[0] for r in c.fetchall()]
    return {"u": u, "m": m, "household": household, "notes": notes, "person": person,
            "name": name, "case_number": case_number, "households": households,
            "sample": sample}


# -- timing ------------------------------------------------------------------------------


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run_sql(db, statements, params):
    started = time.perf_counter()
    rows = 0
    with db.cursor() as c:
        for sql in statements:
            c.execute(sql, params)
            rows += len(c.fetchall())
    return time.perf_counter() - started, rows


def measure(client, db, path, statements, params, *, warmup, requests):
    page_times, sql_times, errors, rows, size = [], [], 0, 0, 0
    for i in range(warmup + requests):
        status, body, elapsed = client.get(path)
        sql_elapsed, rows = run_sql(db, statements, params)
        if status != 200:
            errors += 1
        if i >= warmup:
            page_times.append(elapsed)
            sql_times.append(sql_elapsed)
            size = len(body)
    return {"page_median": statistics.median(page_times), "page_p95": p95(page_times),
            "sql_median": statistics.median(sql_times), "sql_p95": p95(sql_times),
            "errors": errors, "rows": rows, "kb": size / 1024}


def ms(seconds):
    return f"{seconds * 1000:8.0f}" if seconds >= 0.01 else f"{seconds * 1000:8.1f}"


def print_table(title, results):
    print(f"\n## {title}\n")
    print(f"{'page':42} {'rows':>6} {'KB':>6} {'page med':>8} {'page p95':>8} "
          f"{'SQL med':>8} {'SQL p95':>8} {'ratio':>6} {'err':>4}")
    for label, r in results:
        ratio = r["page_median"] / r["sql_median"] if r["sql_median"] else float("inf")
        print(f"{label[:42]:42} {r['rows']:6d} {r['kb']:6.0f} {ms(r['page_median'])} "
              f"{ms(r['page_p95'])} {ms(r['sql_median'])} {ms(r['sql_p95'])} "
              f"{ratio:6.1f} {r['errors']:4d}")
    sys.stdout.flush()


def bench_municipality(port, db, slug, password, args):
    ids = municipality_ids(db, slug)
    pages = pages_for(ids)
    clients = {}
    results = []
    for label, kind, path, statements, params in pages:
        if not wanted(label, args.only):
            continue
        if kind not in clients:
            clients[kind] = Client(port).login(f"{slug}-{kind}-001", password)
        results.append((label, measure(clients[kind], db, path, statements, params,
                                       warmup=args.warmup, requests=args.requests)))
    print_table(f"{slug} ({ids['households']} households), ms, "
                f"{args.requests} requests after {args.warmup} warm-up", results)
    return ids


def wanted(label, only):
    return not only or any(part.strip() in label for part in only.split(","))


def bench_national(port, db, password, args):
    pages = [page for page in NATIONAL_PAGES if wanted(page[0], args.only)]
    if not pages:
        return
    client = Client(port).login("landsdaekkende-uddannelse-001", password)
    results = [(label, measure(client, db, path, statements, {}, warmup=args.warmup,
                               requests=args.requests))
               for label, path, statements in pages]
    print_table("national training administrator, ms", results)


# -- load --------------------------------------------------------------------------------


def load_run(port, db, slug, password, clients, seconds):
    """``clients`` threads, each its own logged-in caseworker, browsing until time's up."""
    ids = municipality_ids(db, slug)
    with db.cursor() as c:
        c.execute("""SELECT username FROM integration_portal_user
                     WHERE municipality_id = %s AND username LIKE %s ORDER BY username""",
                  [ids["m"], f"{slug}-sagsbehandler-%"])
        usernames = [r[0] for r in c.fetchall()]
    paths = ["/sager/", "/sager/?side=2", "/sager/mine/", "/modtagelse/", "/"]
    paths += [f"/sager/{pk}/" for pk in ids["sample"][:40]]
    browsers = [Client(port).login(usernames[i % len(usernames)], password)
                for i in range(clients)]
    times, errors, lock = [], [0], threading.Lock()
    stop = time.monotonic() + seconds

    def browse(client, seed):
        rng = random.Random(seed)
        while time.monotonic() < stop:
            try:
                status, _body, elapsed = client.get(rng.choice(paths))
                failed = status != 200
            except OSError:
                failed, elapsed = True, 0
            with lock:
                if failed:
                    errors[0] += 1
                else:
                    times.append(elapsed)

    threads = [threading.Thread(target=browse, args=(b, i)) for i, b in enumerate(browsers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    done = len(times)
    print(f"{clients:3d} clients, {wall:5.0f} s: {done / wall:6.1f} requests/s, "
          f"median {ms(statistics.median(times)) if times else '-'} ms, "
          f"p95 {ms(p95(times)) if times else '-'} ms, errors {errors[0]}")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        required="DATABASE_URL" not in os.environ)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--password", default=os.environ.get("SCALE_PASSWORD",
                                                             DEFAULT_PASSWORD))
    parser.add_argument("--municipalities", default="aeroe,assens,koebenhavn")
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="",
                        help="comma-separated parts of page labels, e.g. 'search,tasks'")
    parser.add_argument("--load-as", default="assens")
    parser.add_argument("--clients", default="20,50")
    parser.add_argument("--load-seconds", type=float, default=60)
    args = parser.parse_args()

    db = psycopg2.connect(args.database_url)
    db.autocommit = True
    with gunicorn(args.database_url, workers=args.workers, redis_url=args.redis_url) as port:
        print(f"gunicorn on 127.0.0.1:{port}, {args.workers} workers, DEBUG off")
        for slug in args.municipalities.split(","):
            bench_municipality(port, db, slug, args.password, args)
        bench_national(port, db, args.password, args)
        if args.load_seconds > 0:
            print(f"\n## load as {args.load_as} caseworkers, browsing case lists, "
                  "households, Mine familier, tasks, dashboard\n")
            for clients in (int(n) for n in args.clients.split(",") if n):
                load_run(port, db, args.load_as, args.password, clients, args.load_seconds)
    db.close()


if __name__ == "__main__":
    main()
