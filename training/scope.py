"""Who may see which practitioners, enrolments and certificates: the one place.

National training administrators (no municipality) see the whole programme;
municipal administrators (and a training administrator tied to a municipality) see
their own municipality's staff; everyone else sees nothing. A query through
``objects`` without ``visible_to(user)`` raises, so a view that forgets the scope
fails instead of listing every municipality's staff.
"""

from django.db import models
from django.db.models import Q

from integration_portal.access import ScopeMissing
from integration_portal.roles import Role


def is_national_admin(user):
    return bool(
        user and user.is_authenticated and user.is_active
        and user.municipality_id is None and user.has_role(Role.TRAINING_ADMIN)
    )


def training_scope_q(user, municipality_path):
    """The rows ``user`` may see and manage, as a Q on ``municipality_path``."""
    if not (user and user.is_authenticated and user.is_active):
        return Q(pk__in=[])
    if is_national_admin(user):
        return Q()
    managing = user.has_role(Role.TRAINING_ADMIN) or user.has_role(Role.MUNICIPAL_ADMIN)
    if managing and user.municipality_id:
        return Q(**{municipality_path: user.municipality_id})
    return Q(pk__in=[])


class TrainingScopedManager(models.Manager):
    """``Model.objects`` for staff data: needs ``visible_to(user)`` before querying."""

    def __init__(self, *, municipality):
        super().__init__()
        self.municipality_path = municipality

    def get_queryset(self):
        raise ScopeMissing(f"{self.model.__name__}.objects needs .visible_to(user)")

    def visible_to(self, user):
        queryset = models.QuerySet(self.model, using=self._db)
        return queryset.filter(training_scope_q(user, self.municipality_path))
