import pytest

from integration_portal.tasks import ping


@pytest.mark.worker
def test_a_real_worker_runs_a_task_through_redis(celery_worker_process):
    result = ping.delay()
    assert result.get(timeout=60) == {"pong": True, "database": "postgresql", "select": 1}
