"""Requests carrying a NUL byte are refused before any view sees them.

PostgreSQL text cannot hold a NUL character (psycopg2 raises ValueError for such a
parameter), so a NUL typed into a search field, a form or a URL would otherwise end
as a 500 wherever the value reaches a query. No legitimate request carries one.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

NUL = "\x00"


def carries_nul(request):
    """True if the path, a parameter, a cookie or an uploaded file's name holds a NUL."""
    texts = [request.path_info]
    for parameters in (request.GET, request.POST):
        for key, values in parameters.lists():
            texts += [key, *values]
    for key, value in request.COOKIES.items():
        texts += [key, value]
    for key, files in request.FILES.lists():
        texts += [key, *(upload.name or "" for upload in files)]
    return any(NUL in text for text in texts)


class RejectNulBytesMiddleware:
    """Answer 400 with a short Danish message to any request carrying a NUL byte."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            message = _("Forespørgslen indeholder et ugyldigt tegn (NUL) og kan ikke behandles.")
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
