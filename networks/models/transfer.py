from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integration_portal.models import Municipality


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", _("Afventer modtagerkommunen")
    ACCEPTED = "accepted", _("Overtaget")
    REJECTED = "rejected", _("Afvist")
    WITHDRAWN = "withdrawn", _("Trukket tilbage")


class CaseTransferQuerySet(models.QuerySet):
    def involving(self, user):
        if not user.municipality_id:
            return self.none()
        return self.filter(Q(from_municipality=user.municipality_id)
                           | Q(to_municipality=user.municipality_id))


class CaseTransfer(models.Model):
    """A household moving to another municipality: proposed by the sender, accepted
    (with a new tovholder), rejected, or withdrawn. Change it only through
    networks.services, which moves the case in the same transaction."""

    household = models.ForeignKey(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="transfers",
    )
    from_municipality = models.ForeignKey(
        Municipality, verbose_name=_("fraflytningskommune"), on_delete=models.PROTECT,
        related_name="+",
    )
    to_municipality = models.ForeignKey(
        Municipality, verbose_name=_("tilflytningskommune"), on_delete=models.PROTECT,
        related_name="+",
    )
    moving_on = models.DateField(_("flyttedato"))
    sender_access_until = models.DateField(
        _("læseadgang for fraflytningskommunen til"),
        help_text=_("Indtil denne dato kan I fortsat læse sagen efter overdragelsen."),
    )
    note = models.TextField(_("bemærkning"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TransferStatus.choices,
                              default=TransferStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("foreslået af"), on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("foreslået"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("afgjort af"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    decided_at = models.DateTimeField(_("afgjort"), null=True, blank=True)
    new_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ny tovholder"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    decision_note = models.CharField(_("begrundelse"), max_length=500, blank=True)

    objects = CaseTransferQuerySet.as_manager()

    class Meta:
        verbose_name = _("overdragelse af sag")
        verbose_name_plural = _("overdragelser af sager")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(status=TransferStatus.PROPOSED),
                name="one_open_transfer_per_household",
            ),
            models.CheckConstraint(
                condition=~Q(from_municipality=models.F("to_municipality")),
                name="transfer_goes_to_another_municipality",
            ),
            models.CheckConstraint(
                condition=~Q(status=TransferStatus.ACCEPTED)
                | Q(new_coordinator__isnull=False, decided_at__isnull=False),
                name="accepted_transfer_names_coordinator",
            ),
        ]

    def __str__(self):
        return f"{self.household}: {self.from_municipality} → {self.to_municipality}"

    @property
    def audit_owner_id(self):
        return self.from_municipality_id
