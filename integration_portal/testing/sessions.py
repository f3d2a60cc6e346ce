"""Turning a test client's session back in time, as if its last renewal were older."""

import time

from django.contrib.sessions.models import Session

from integration_portal.sessions import RENEWED_AT


def renewed_ago(client, seconds, *, expires_at=None):
    """Say the client's session was last renewed ``seconds`` ago (and, if given, that
    it expires at ``expires_at``)."""
    session = client.session
    session[RENEWED_AT] = int(time.time()) - seconds
    session.save()
    if expires_at is not None:
        Session.objects.filter(session_key=session.session_key).update(expire_date=expires_at)


def expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date
