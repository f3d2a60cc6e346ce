import pytest

from integration_portal.celery import app


@pytest.fixture
def real_broker(redis_url):
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def test_healthz_is_200_when_database_and_broker_answer(client, db, real_broker):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_broker_is_down(client, db, real_broker):
    original = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    try:
        response = client.get("/healthz")
    finally:
        app.conf.broker_url = original
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"
    assert response.json()["database"] == "ok"
