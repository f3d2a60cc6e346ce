"""A refused request is one log line; a server error keeps its traceback."""

import io
import logging

import pytest
from django.contrib.auth.decorators import login_not_required
from django.test import Client
from django.urls import path

from integration_portal.urls import urlpatterns as portal_urlpatterns


@login_not_required
def broken_view(request):
    raise RuntimeError("something broke")


urlpatterns = [path("test-500/", broken_view), *portal_urlpatterns]


@pytest.fixture
def console_log():
    """What the portal's configured console handler writes, formatter and filters included."""
    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    previous = handler.setStream(io.StringIO())
    yield handler.stream
    handler.setStream(previous)


def request_lines(log):
    return [line for line in log.getvalue().splitlines() if line.strip()]


@pytest.mark.urls(__name__)
def test_a_403_is_logged_as_one_line_without_traceback(alice, console_log):
    client = Client()
    client.force_login(alice)  # a caseworker may not read the audit log
    assert client.get("/log/person/1/").status_code == 403
    lines = request_lines(console_log)
    assert len(lines) == 1, lines
    assert "WARNING django.request Forbidden (Permission denied): /log/person/1/" in lines[0]
    assert "Traceback" not in console_log.getvalue()


@pytest.mark.urls(__name__)
def test_a_404_is_logged_as_one_line_without_traceback(alice, console_log):
    client = Client()
    client.force_login(alice)
    assert client.get("/sager/999999/").status_code == 404
    lines = request_lines(console_log)
    assert len(lines) == 1 and "Not Found: /sager/999999/" in lines[0], lines


@pytest.mark.urls(__name__)
def test_a_500_keeps_its_traceback(db, console_log):
    client = Client(raise_request_exception=False)
    assert client.get("/test-500/").status_code == 500
    log = console_log.getvalue()
    assert "ERROR django.request Internal Server Error: /test-500/" in log
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: something broke" in log
