"""The idle timeout: every request renews the session, except a page's own polling.

With SESSION_SAVE_EVERY_REQUEST a session ends SESSION_COOKIE_AGE after the last
request. A status fragment that the page asks for every few seconds is not the user
doing something, so views marked with ``does_not_extend_session`` leave the session's
expiry where it was (unless the view changed the session).
"""

from functools import wraps

from django.contrib.sessions.middleware import SessionMiddleware
from django.utils.cache import patch_vary_headers


def does_not_extend_session(view):
    """Mark a polled view: answering it does not count as activity."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.extends_session = False
        return view(request, *args, **kwargs)
    return wrapped


class IdleSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is None or getattr(request, "extends_session", True) or session.modified:
            return super().process_response(request, response)
        if session.accessed:
            patch_vary_headers(response, ("Cookie",))
        return response
