"""Every job goes to the broker through integration_portal.queueing.enqueue, which
answers False instead of raising when the broker is away."""

import ast
import logging
import uuid
from pathlib import Path

from integration_portal.celery import app
from integration_portal.queueing import enqueue, enqueue_each
from integration_portal.tasks import ping
from integration_portal.testing.broker import broker_away

ROOT = Path(__file__).resolve().parents[2]
QUEUEING = ROOT / "integration_portal" / "queueing.py"
SENDS = {"delay", "apply_async"}


def direct_sends(path):
    """Lines in ``path`` that call ``.delay(...)`` or ``.apply_async(...)``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in SENDS]


def project_modules():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0].startswith(".") or "tests" in parts or parts[0] == "bench":
            continue
        if path != QUEUEING and parts[-1] != "conftest.py":
            yield path


def test_no_module_but_queueing_hands_a_job_to_the_broker():
    offenders = {str(p.relative_to(ROOT)): lines
                 for p in project_modules() if (lines := direct_sends(p))}
    assert offenders == {}


def test_the_check_catches_a_direct_send(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("def f(task):\n    task.delay(1)\n    task.apply_async((1,))\n")
    assert direct_sends(module) == [2, 3]


def test_enqueue_with_the_broker_away_answers_false_and_warns(caplog):
    with broker_away(), caplog.at_level(logging.WARNING, logger="integration_portal.queueing"):
        assert enqueue(ping) is False
    assert "integration_portal.tasks.ping not queued" in caplog.text


def waiting(queue):
    with app.connection_for_write() as conn:
        return conn.default_channel.queue_declare(queue=queue, passive=False).message_count


def test_enqueue_with_the_broker_there_sends_the_job(redis_url):
    app.conf.task_always_eager = False
    queue = f"test-{uuid.uuid4().hex[:8]}"
    try:
        assert enqueue(ping.s().set(queue=queue)) is True
        assert waiting(queue) == 1
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)


@app.task(name="integration_portal.tests.echo")
def echo(value):
    """A job with one argument, as the sweeps send; never run in these tests."""
    return value


def test_enqueue_each_stops_at_the_first_refusal(caplog):
    with broker_away(), caplog.at_level(logging.WARNING, logger="integration_portal.queueing"):
        assert enqueue_each(echo, [1, 2, 3]) == 0
    assert caplog.text.count("not queued") == 1  # the rest are not tried


def test_enqueue_each_sends_one_job_per_id(redis_url):
    app.conf.task_always_eager = False
    queue = f"test-{uuid.uuid4().hex[:8]}"
    try:
        assert enqueue_each(echo.s().set(queue=queue), [1, 2, 3]) == 3
        assert waiting(queue) == 3
    finally:
        with app.connection_for_write() as conn:
            conn.default_channel.queue_purge(queue)
