"""The access policy: the one place that decides whose personal data a user sees.

Every model holding personal data declares ``objects = ScopedManager(...)``. That
manager refuses to query at all until it is told for whom: ``visible_to(user)``
(read) or ``editable_by(user)`` (write). A view that forgets the scope raises
instead of leaking another municipality's rows.

A user sees their own municipality's records. Other apps may open further,
read-only doors by registering a *grant* (``register_grant``): the networks app
does so for active case shares and transfers. Each grant is a function
``grant(user) -> iterable of (household_id, parts)``.

The scope is a filter the planner can serve from an index on the household:
``municipality_id = X``, or ``municipality_id = X OR id IN (<the granted ids>)``
when a grant opens other households (a row elsewhere in the file joins those by its
household column; see ``visible_q``). The granted ids are looked up first, at most
once per request (``GrantCacheMiddleware``), and again on every request, so an
expired or revoked share stops giving access on the next one.
Outside a request (tasks, commands, tests calling selectors) they are looked up for
each queryset, never kept.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

_grants = []
_explainers = []
# The granted household ids of this request: {(user, municipality, day): {part: ids}}.
# None outside a request: nothing is kept.
_granted = ContextVar("granted_households", default=None)

# The parts of a case file a share can cover (see networks.CaseShare.scope).
PARTS = ("basic", "persons", "parties", "plan", "reception", "journal")


class ScopeMissing(RuntimeError):
    """A query of personal data was made without saying for which user."""


def register_grant(grant):
    if grant not in _grants:
        _grants.append(grant)


def register_explainer(explain):
    """``explain(user, household) -> str | None``: why a user sees another's case.

    Pages of a household show every non-empty answer as a banner, so a reader
    from another municipality always sees whose case it is and until when.
    """
    if explain not in _explainers:
        _explainers.append(explain)


def access_notes(user, household):
    if user.municipality_id and user.municipality_id == household.municipality_id:
        return []
    return [note for explain in _explainers if (note := explain(user, household))]


def _nothing():
    return Q(pk__in=[])


def own_q(user, municipality_path):
    if not (user and user.is_authenticated and user.is_active and user.municipality_id):
        return _nothing()
    return Q(**{municipality_path: user.municipality_id})


@contextmanager
def grant_cache():
    """Look the grants up once per user inside this block (a request, or a job made
    of many queries); an inner block shares the outer one's."""
    if _granted.get() is not None:
        yield
        return
    token = _granted.set({})
    try:
        yield
    finally:
        _granted.reset(token)


def forget_grants(**_signal):
    """A share or transfer changed: the next query looks the grants up again (also a
    signal receiver, hence the keyword arguments it ignores)."""
    cache = _granted.get()
    if cache is not None:
        cache.clear()


class GrantCacheMiddleware:
    """Keeps the granted household ids for the length of one request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with grant_cache():
            return self.get_response(request)


def _lookup_grants(user):
    granted = {part: set() for part in PARTS}
    for grant in _grants:
        for household_id, parts in grant(user):
            for part in parts:
                granted[part].add(household_id)
    return {part: sorted(ids) for part, ids in granted.items()}


def granted_households(user, part):
    """Ids of other municipalities' households whose ``part`` the user may read."""
    if part not in PARTS:
        raise ValueError(f"unknown part of a case file: {part!r}")
    if not (user and user.is_authenticated and user.is_active and user.municipality_id):
        return []
    cache = _granted.get()
    key = (user.pk, user.municipality_id, timezone.localdate())
    if cache is None:
        return _lookup_grants(user)[part]
    if key not in cache:
        cache[key] = _lookup_grants(user)
    return cache[key][part]


def _household_model(model, household_path):
    for name in household_path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def visible_q(model, user, *, municipality_path, household_path, part):
    """Rows of the user's municipality, plus the households a grant opens.

    Both conditions stay on the household's own row, where its indexes serve them:
    ``municipality_id = X OR id IN (<granted>)``. A row elsewhere in the file (a
    person, a note) is matched to those households by its indexed household column,
    never by an OR across two tables, which the planner cannot serve from an index.
    """
    own = own_q(user, municipality_path)
    granted = granted_households(user, part)
    if not granted:
        return own
    if household_path == "pk":
        return own | Q(pk__in=granted)
    households = _household_model(model, household_path)._base_manager.filter(
        own_q(user, "municipality") | Q(pk__in=granted))
    return Q(**{f"{household_path}__in": households.values("pk")})


class ScopedManager(models.Manager):
    """Manager for personal data: querying needs ``visible_to`` or ``editable_by``."""

    def __init__(self, *, municipality, household, part):
        super().__init__()
        self.municipality_path = municipality
        self.household_path = household
        self.part = part

    def get_queryset(self):
        raise ScopeMissing(
            f"{self.model.__name__}.objects needs .visible_to(user) or .editable_by(user)"
        )

    def _unscoped(self):
        return models.QuerySet(self.model, using=self._db)

    def visible_to(self, user, part=None):
        """What the user may read: own municipality and active grants."""
        return self._unscoped().filter(
            visible_q(
                self.model, user,
                municipality_path=self.municipality_path,
                household_path=self.household_path,
                part=part or self.part,
            )
        )

    def editable_by(self, user):
        """What the user may change: their own municipality's rows only."""
        return self._unscoped().filter(own_q(user, self.municipality_path))


def owner_municipality_id(obj):
    """The id of the municipality owning ``obj``.

    ``audit_owner_id`` where a model defines it, else the path its ScopedManager
    scopes it by, else its own ``municipality_id``.
    """
    owner = getattr(obj, "audit_owner_id", None)
    manager = getattr(type(obj), "objects", None)
    if owner is None and isinstance(manager, ScopedManager):
        *hops, last = manager.municipality_path.split("__")
        target = obj
        for hop in hops:
            target = getattr(target, hop)
        owner = getattr(target, f"{last}_id")
    return owner if owner is not None else getattr(obj, "municipality_id", None)


def get_visible_or_404(model, user, *, part=None, queryset=None, **lookup):
    """One object the user may read; 404 alike for 'not yours' and 'not there'."""
    qs = queryset if queryset is not None else model.objects.visible_to(user, part=part)
    try:
        return qs.get(**lookup)
    except model.DoesNotExist:
        raise Http404 from None


def get_editable_or_404(model, user, *, queryset=None, **lookup):
    qs = queryset if queryset is not None else model.objects.editable_by(user)
    try:
        return qs.get(**lookup)
    except model.DoesNotExist:
        raise Http404 from None
