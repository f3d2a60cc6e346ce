"""The production start-up sequence, run on this machine as the image and compose run it.

There is no Docker engine here, so the tests take the steps that matter from the
Dockerfile and docker-compose.yml themselves: collectstatic exactly as the build runs
it, gunicorn with the compose command, and the compose health check commands.
"""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import yaml
from django.db import connection

from conftest import require

ROOT = Path(__file__).resolve().parents[2]
HOST = "portal.example.dk"
HASHED_STYLESHEET = re.compile(
    r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"'
)
SERVICE_ENV = ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS",
               "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_READ_DOT_ENV_FILE", "STATIC_ROOT",
               "CELERY_TASK_ALWAYS_EAGER", "CELERY_TASK_DEFAULT_QUEUE")


def stop(process):
    """Terminate, and kill what does not exit within 30 s: nothing is left running."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def dockerfile_instructions():
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def collectstatic_line():
    runs = [line for line in dockerfile_instructions() if "collectstatic" in line]
    assert len(runs) == 1, runs
    return runs[0].split("&&")[0].removeprefix("RUN ").strip()


def build_env_of(command_line):
    """The KEY=VALUE assignments before the command, as a dict."""
    words = shlex.split(command_line)
    return dict(word.split("=", 1) for word in words[:words.index("python")])


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in SERVICE_ENV}
    env.update(extra)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthcheck_command(service, port=None):
    """The compose health check of ``service`` as an argv, port 8000 moved to ``port``."""
    test = compose()["services"][service]["healthcheck"]["test"]
    kind, *argv = test
    if port is not None:
        argv = [arg.replace(":8000", f":{port}") for arg in argv]
    if kind == "CMD-SHELL":
        # compose turns $$ into $, then the container's shell expands the variable.
        return ["sh", "-c", argv[0].replace("$$", "$")]
    assert kind == "CMD"
    return argv


def in_venv(argv):
    """Run a console script from the image's PATH with this interpreter's environment."""
    program, *rest = argv
    if program == "python":
        return [sys.executable, *rest]
    return [sys.executable, "-m", program, *rest]


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def status_without_redirects(url, headers=None):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(urllib.request.Request(url, headers=headers or {}), timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


def wait_until_answering(process, url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited during start-up"
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s")


def test_dockerfile_builds_static_files_with_production_settings():
    line = collectstatic_line()
    env = build_env_of(line)
    assert env["DEBUG"] == "false"
    assert "SECRET_KEY" in env and "DATABASE_URL" not in env
    assert "DEBUG=true" not in " ".join(dockerfile_instructions())
    installs = [line for line in dockerfile_instructions() if "pip install" in line]
    assert installs == ["RUN pip install -r requirements.txt"]
    assert "COPY requirements.txt ." in dockerfile_instructions()
    assert any(line.startswith("USER ") and line != "USER root"
               for line in dockerfile_instructions())


def test_the_image_installs_no_test_or_tooling_packages():
    runtime = (ROOT / "requirements.txt").read_text().lower()
    for package in ("pytest", "playwright", "ruff", "factory-boy", "pyyaml"):
        assert package not in runtime


def test_the_image_installs_the_runtime_requirements_only():
    installs = [line for line in dockerfile_instructions() if "pip install" in line]
    assert installs == ["RUN pip install -r requirements.txt"]


def test_the_image_has_pg_dump_of_the_servers_major_version(postgres):
    """`manage.py backup` and `restore` run in the image; pg_dump refuses a newer server."""
    from django.db import connection

    major = connection.pg_version // 10000
    apt = " ".join(line for line in dockerfile_instructions() if "apt-get install" in line)
    assert f"postgresql-client-{major}" in apt.split()


def test_dockerignore_keeps_secrets_state_and_caches_out():
    lines = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".env.*", ".venv", ".git", "media", "staticfiles", "db.sqlite3",
            "celerybeat-schedule*", "**/__pycache__"} <= lines


def test_beat_files_are_ignored_by_git():
    assert "celerybeat-schedule*" in (ROOT / ".gitignore").read_text().split()


@pytest.mark.worker
def test_the_production_start_up_sequence_serves_login_and_the_health_check(
        tmp_path, transactional_db, redis_url):
    require(connection.vendor == "postgresql", "this test needs PostgreSQL")
    static_root = tmp_path / "staticfiles"

    # 1. The build step, exactly as the Dockerfile runs it (no database, no .env).
    build = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"], cwd=ROOT,
        env=clean_env(**build_env_of(collectstatic_line()), STATIC_ROOT=str(static_root)),
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr
    assert (static_root / "staticfiles.json").exists()

    # 2. gunicorn with the compose command and production settings.
    db = connection.settings_dict
    port = free_port()
    command = compose()["services"]["web"]["command"]
    command = [arg.replace("0.0.0.0:8000", f"127.0.0.1:{port}") for arg in command]
    command[command.index("--workers") + 1] = "2"
    env = clean_env(
        DEBUG="false", SECRET_KEY=uuid.uuid4().hex * 2, ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=redis_url, STATIC_ROOT=str(static_root),
    )
    server = subprocess.Popen(in_venv(command), cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(server, f"{base}/healthz")

        status, html = get(f"{base}/login/", {"Host": HOST, "X-Forwarded-Proto": "https"})
        assert status == 200, html
        stylesheet = HASHED_STYLESHEET.search(html)
        assert stylesheet, "the stylesheet is not linked under its hashed name"
        status, css = get(base + stylesheet.group(1), {"Host": HOST, "X-Forwarded-Proto": "https"})
        assert status == 200 and "bootstrap" in css.lower()

        # Production settings are really on: plain HTTP is redirected, other hosts refused.
        assert status_without_redirects(f"{base}/login/") == 400
        assert status_without_redirects(f"{base}/login/", {"Host": HOST}) == 301

        # 3. The health check, exactly as compose calls it: same URL, no headers.
        check = healthcheck_command("web", port)
        assert f"http://127.0.0.1:{port}/healthz" in " ".join(check)
        result = subprocess.run(in_venv(check), env=clean_env(), capture_output=True,
                                text=True, timeout=30)
        assert result.returncode == 0, result.stderr
    finally:
        stop(server)


def readme_deployment_section():
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## Deploying with docker compose")
    return readme[start:readme.index("\n## ", start + 1)]


def test_compose_health_checks_ports_and_env_files_are_what_the_readme_says():
    services = compose()["services"]
    readme = readme_deployment_section()
    for name in ("migrate", "web", "worker", "beat"):
        assert services[name]["env_file"] == ".env"
    for name in ("web", "worker", "beat"):
        assert services[name]["healthcheck"]["test"][0] in ("CMD", "CMD-SHELL")
    published = [port for service in services.values() for port in service.get("ports", [])]
    assert published == ["127.0.0.1:8000:8000"]
    assert "`127.0.0.1:8000`" in readme and "env_file: .env" in readme

    web_check = " ".join(healthcheck_command("web"))
    assert "http://127.0.0.1:8000/healthz" in web_check
    assert "http://127.0.0.1:8000/healthz" in readme and "`GET /readyz`" in readme

    worker_check = " ".join(healthcheck_command("worker"))
    assert "celery -A integration_portal inspect ping" in worker_check
    assert "-d celery@$HOSTNAME" in worker_check
    assert "inspect ping -d celery@$HOSTNAME" in readme

    schedule = services["beat"]["environment"]["CELERY_BEAT_SCHEDULE_FILENAME"]
    assert f"'{schedule}.heartbeat'" in " ".join(healthcheck_command("beat"))
    assert f"`{schedule}.heartbeat`" in readme
    assert any(volume.endswith(f":{Path(schedule).parent}")
               for volume in services["beat"]["volumes"])


def celery_env(redis_url, **extra):
    db = connection.settings_dict
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return clean_env(
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        REDIS_URL=redis_url, CELERY_TASK_ALWAYS_EAGER="false", PATH=path,
        DEBUG="false", SECRET_KEY=uuid.uuid4().hex * 2, **extra,
    )


def passes_within(argv, env, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if subprocess.run(argv, env=env, capture_output=True, timeout=60).returncode == 0:
            return True
        time.sleep(1)
    return False


@pytest.mark.worker
def test_the_worker_health_check_pings_this_worker_and_fails_when_it_is_gone(
        transactional_db, redis_url):
    require(connection.vendor == "postgresql", "this test needs PostgreSQL")
    hostname = f"test-{uuid.uuid4().hex[:8]}"
    env = celery_env(redis_url, HOSTNAME=hostname, CELERY_TASK_DEFAULT_QUEUE=hostname)
    check = healthcheck_command("worker")
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "integration_portal", "worker",
         "-n", f"celery@{hostname}", "--pool=solo", "--without-gossip", "--without-mingle",
         "-l", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        assert passes_within(check, env), "the health check never reached the worker"
    finally:
        worker.kill()
        worker.wait(timeout=10)
    assert subprocess.run(check, env=env, capture_output=True, timeout=60).returncode != 0


@pytest.mark.worker
def test_the_beat_health_check_follows_the_heartbeat_of_a_running_beat(tmp_path, redis_url):
    schedule = tmp_path / "beat" / "celerybeat-schedule"
    # Its own queue: a sweep beat sends while the test runs reaches no real worker.
    env = celery_env(redis_url, CELERY_BEAT_SCHEDULE_FILENAME=str(schedule),
                     CELERY_TASK_DEFAULT_QUEUE=f"test-{uuid.uuid4().hex[:8]}")
    compose_schedule = compose()["services"]["beat"]["environment"][
        "CELERY_BEAT_SCHEDULE_FILENAME"]
    check = [arg.replace(compose_schedule, str(schedule))
             for arg in in_venv(healthcheck_command("beat"))]
    assert subprocess.run(check, env=env, timeout=30).returncode != 0  # no heartbeat yet

    in_root_before = set(ROOT.glob("celerybeat-schedule*"))
    beat = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "integration_portal", "beat", "-l", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        assert passes_within(check, env), "beat wrote no heartbeat"
    finally:
        stop(beat)
    heartbeat = Path(f"{schedule}.heartbeat")
    stale = time.time() - 181
    os.utime(heartbeat, (stale, stale))
    assert subprocess.run(check, env=env, timeout=30).returncode != 0
    assert set(ROOT.glob("celerybeat-schedule*")) == in_root_before, "beat wrote into the root"
