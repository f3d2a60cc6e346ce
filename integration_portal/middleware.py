from django.urls import resolve

HEALTH_PATHS = frozenset({"/healthz", "/readyz"})


class HealthCheckMiddleware:
    """Answers the health paths before any other middleware runs.

    A container health check calls http://127.0.0.1:8000/healthz: a host that is not
    in ALLOWED_HOSTS, over plain HTTP. Host validation, the HTTPS redirect and the
    session (which writes to the database on every request) come after this, so the
    health views answer with the database down and for any caller.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in HEALTH_PATHS:
            return resolve(request.path_info).func(request)
        return self.get_response(request)
