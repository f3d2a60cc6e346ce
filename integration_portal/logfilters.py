"""Logging filters named in settings.LOGGING."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """Log a 4xx from ``django.request`` as one line, without the exception's traceback.

    Django attaches the exception to every 403 (PermissionDenied) and 404 it logs; a
    refused request is the portal working as intended, and a traceback for each one
    buries the 500s, which keep theirs.
    """

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
