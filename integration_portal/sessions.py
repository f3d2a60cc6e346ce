"""The idle timeout, with at most one session write a minute.

A session ends SESSION_COOKIE_AGE after it was last saved. Rather than saving it on
every request (SESSION_SAVE_EVERY_REQUEST), a request renews it only when the last
renewal is more than SESSION_REFRESH_SECONDS old, so a session ends between
SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the user's
last request. The time of the renewal is kept in the session itself.

A status fragment that the page asks for every few seconds is not the user doing
something, so views marked with ``does_not_extend_session`` never renew it (unless
the view changed the session).
"""

import time
from functools import wraps

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware

RENEWED_AT = "_renewed_at"


def does_not_extend_session(view):
    """Mark a polled view: answering it does not count as activity."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.extends_session = False
        return view(request, *args, **kwargs)
    return wrapped


def mark_renewed(session):
    session[RENEWED_AT] = int(time.time())


def renewal_due(session):
    renewed_at = session.get(RENEWED_AT, 0)
    return time.time() - renewed_at >= settings.SESSION_REFRESH_SECONDS


def renewed_at_login(sender, request, user, **kwargs):
    """``user_logged_in`` receiver."""
    # Logging in saves the session anyway: that counts as its renewal.
    if getattr(request, "session", None) is not None:
        mark_renewed(request.session)


class IdleSessionMiddleware(SessionMiddleware):
    """Saves the session when a view changed it, or to renew it when renewal is due."""

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and self.renews(request, session):
            mark_renewed(session)  # so the session is saved and its expiry moves on
        return super().process_response(request, response)

    def renews(self, request, session):
        if session.is_empty():  # no session, or one just ended (log-out)
            return False
        if session.modified:  # saved anyway: count it as the renewal
            return True
        return (getattr(request, "extends_session", True) and renewal_due(session)
                and session.session_key is not None)  # (None: it had already expired)
