from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager


class CoordinatorAssignment(models.Model):
    """One period in which a user was a household's tovholder.

    The open period (``ended_at`` empty) is the current one; there is at most one
    per household, and each period ends exactly when the next begins.
    """

    household = models.ForeignKey(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="assignments",
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tovholder"), on_delete=models.PROTECT,
        related_name="coordinator_assignments",
    )
    started_at = models.DateTimeField(_("fra"))
    ended_at = models.DateTimeField(_("til"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tildelt af"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    reason = models.CharField(_("begrundelse"), max_length=500, blank=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="basic",
    )

    class Meta:
        verbose_name = _("tovholderperiode")
        verbose_name_plural = _("tovholderperioder")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(ended_at__isnull=True),
                name="one_open_assignment_per_household",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="assignment_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.household} · {self.coordinator}"
