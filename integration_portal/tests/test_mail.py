"""Every mail goes through integration_portal.mail: after commit, by a task, with retries."""

import ast
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail as outbox
from django.db import transaction

from integration_portal import mail
from integration_portal.testing.smtp import (
    LocalSMTPServer,
    body_of,
    free_port,
    send_through_smtp_at,
)

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "integration_portal" / "mail.py"
SENDERS = {"send_mail", "send_mass_mail", "mail_admins", "mail_managers", "EmailMessage",
           "EmailMultiAlternatives", "get_connection"}


def project_modules():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0].startswith(".") or parts[0] in ("media", "staticfiles", "node_modules"):
            continue
        yield path


def direct_mail_sending(path):
    """Names of django.core.mail's senders a module imports or calls as ``mail.X``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "django.core.mail":
            found += [alias.name for alias in node.names if alias.name in SENDERS | {"*"}]
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name == "django.core.mail"]
        elif isinstance(node, ast.Attribute) and node.attr in SENDERS:
            found.append(ast.unparse(node))
    return found


def test_no_module_but_the_core_mail_module_sends_mail_itself():
    offenders = {str(path.relative_to(ROOT)): names for path in project_modules()
                 if path != CORE and (names := direct_mail_sending(path))}
    assert offenders == {}


def test_the_check_would_see_a_direct_send(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from django.core import mail\n"
                      "from django.core.mail import send_mail as s\n"
                      "mail.EmailMessage('a', 'b', None, ['c']).send()\n")
    assert direct_mail_sending(module) == ["send_mail", "mail.EmailMessage"]


def test_the_mail_leaves_only_when_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            mail.send_after_commit(subject="Rullet tilbage", body="-", to=["a@example.dk"])
            raise RuntimeError
        mail.send_after_commit(subject="Gemt", body="Hej", to=["b@example.dk"])
        assert outbox.outbox == []
    assert [(m.subject, m.to) for m in outbox.outbox] == [("Gemt", ["b@example.dk"])]


def test_the_retry_delay_doubles_up_to_the_cap_and_below_the_visibility_timeout(settings):
    settings.EMAIL_RETRY_DELAY, settings.EMAIL_RETRY_MAX_DELAY = 60, 600
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
    assert [mail.retry_delay(n) for n in range(6)] == [60, 120, 240, 480, 600, 600]
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 500}
    assert mail.retry_delay(5) == 250


@pytest.fixture
def smtp_settings(settings):
    """Django's SMTP backend, aimed at a port where nothing listens yet."""
    return send_through_smtp_at(settings, free_port())


def test_a_task_sends_through_a_real_smtp_server(smtp_settings):
    from integration_portal.tasks import send_email

    server = LocalSMTPServer(port=smtp_settings.EMAIL_PORT).start()
    try:
        assert send_email.delay(subject="Æble", body="Grød på øen", to=["a@example.dk"]).get()
        (message,) = server.wait_for(1)
    finally:
        server.stop()
    assert (message["Subject"], message["To"]) == ("Æble", "a@example.dk")
    assert body_of(message).strip() == "Grød på øen"


def test_without_a_broker_an_smtp_outage_is_logged_without_the_body(smtp_settings, caplog):
    from integration_portal.tasks import send_email

    with caplog.at_level(logging.ERROR, logger="integration_portal.mail"):
        result = send_email.delay(subject="Emne", body="Hemmelig 140388-1234",
                                  to=["a@example.dk"])
    assert result.get() is False
    (record,) = [r for r in caplog.records if r.name == "integration_portal.mail"]
    assert "not sent after 1 attempt(s)" in record.getMessage()
    assert "ConnectionRefusedError" in record.getMessage()
    assert "Hemmelig" not in caplog.text and "140388" not in caplog.text


def shell(code, **env):
    """Run ``code`` in a fresh ``manage.py shell`` process configured by ``env``."""
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "REDIS_URL", "DEBUG", "PORTAL_BASE_URL")}
    clean.update(env)
    return subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
                          cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60)


def production_setting(name, **env):
    """A setting's value as a production process (DEBUG off) would read it."""
    code = f"from django.conf import settings; print(settings.{name})"
    return shell(code, DEBUG="false", SECRET_KEY="x" * 50, **env)


def test_with_the_broker_away_the_mail_is_sent_in_process_rather_than_lost():
    server = LocalSMTPServer().start()
    try:
        result = shell("from integration_portal import mail; "
                       "mail.send_after_commit(subject='Hej', body='Grød', to=['a@example.dk'])",
                       DEBUG="true", REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
                       CELERY_TASK_ALWAYS_EAGER="false",
                       EMAIL_URL=f"smtp://127.0.0.1:{server.port}")
        assert result.returncode == 0, result.stderr
        (message,) = server.wait_for(1)
    finally:
        server.stop()
    assert (message["Subject"], body_of(message).strip()) == ("Hej", "Grød")
    assert "integration_portal.tasks.send_email not queued" in result.stderr


def test_links_in_production_go_to_https_and_the_first_allowed_host():
    result = production_setting("PORTAL_BASE_URL", ALLOWED_HOSTS="integration.example.dk,x.dk")
    assert result.stdout.strip() == "https://integration.example.dk", result.stderr


def test_an_explicit_portal_base_url_wins_without_its_trailing_slash():
    result = production_setting("PORTAL_BASE_URL", ALLOWED_HOSTS="*",
                                PORTAL_BASE_URL="https://portal.kommune.dk/")
    assert result.stdout.strip() == "https://portal.kommune.dk", result.stderr


def test_production_refuses_to_guess_the_base_url_from_a_wildcard_host():
    result = production_setting("PORTAL_BASE_URL", ALLOWED_HOSTS=".example.dk")
    assert result.returncode != 0
    assert "PORTAL_BASE_URL must be set" in result.stderr


def test_the_default_retries_cover_the_outage_the_readme_states():
    """The README's figure is what the default settings give, with the default
    visibility timeout's cap (half of it) applied."""
    from django.conf import settings

    stated = re.search(r"an outage of up to (\d+) minutes only delays the mail",
                       " ".join((ROOT / "README.md").read_text().split()))
    total = sum(mail.retry_delay(n) for n in range(settings.EMAIL_MAX_RETRIES))
    assert stated and total == int(stated.group(1)) * 60
