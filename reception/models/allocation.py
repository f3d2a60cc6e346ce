from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager
from reception.deadlines import takeover_date


class Allocation(models.Model):
    """The Immigration Service's allocation (visitering) of a household, and the
    handover form from the asylum operator."""

    household = models.OneToOneField(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="allocation",
    )
    decided_on = models.DateField(
        _("visiteringsafgørelse"),
        help_text=_("Datoen for Udlændingestyrelsens afgørelse om boligplacering."),
    )
    asylum_centre = models.CharField(_("asylcenter"), max_length=150, blank=True)
    expected_arrival_on = models.DateField(_("forventet ankomst"), null=True, blank=True)
    household_size = models.PositiveSmallIntegerField(_("antal personer"), default=1)
    special_needs = models.TextField(
        _("særlige behov"), blank=True,
        help_text=_("Fx handicap, behov for stueetage, sygdom der kræver hurtig opfølgning."),
    )
    quota_refugee = models.BooleanField(
        _("kvoteflygtning (§ 8)"), default=False,
        help_text=_("For kvoteflygtninge overtager kommunen ansvaret ved CPR-registreringen."),
    )
    cpr_registered_on = models.DateField(_("registreret i CPR"), null=True, blank=True)
    consent_takeover_on = models.DateField(
        _("tidligere overtagelse efter samtykke"), null=True, blank=True,
        help_text=_("Udfyld kun hvis borgeren har givet samtykke til en tidligere overtagelse."),
    )
    handover_received_on = models.DateField(
        _("overdragelsesskema modtaget"), null=True, blank=True,
    )
    handover_education = models.TextField(_("uddannelse"), blank=True)
    handover_work_experience = models.TextField(_("erhvervserfaring"), blank=True)
    handover_family = models.TextField(_("familie"), blank=True)
    handover_network = models.TextField(_("netværk"), blank=True)
    health_consent = models.BooleanField(
        _("samtykke til helbredsoplysninger"), default=False,
        help_text=_("Helbredsbehov må kun noteres, når borgeren har givet samtykke."),
    )
    handover_health_needs = models.TextField(_("helbredsbehov"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oprettet af"), on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="reception",
    )

    class Meta:
        verbose_name = _("visitering")
        verbose_name_plural = _("visiteringer")
        ordering = ["-decided_on", "id"]

    def __str__(self):
        return f"{self.household} ({self.decided_on:%d.%m.%Y})"

    def computed_takeover_on(self):
        return takeover_date(
            decided_on=self.decided_on, consent_on=self.consent_takeover_on,
            quota_refugee=self.quota_refugee, cpr_registered_on=self.cpr_registered_on,
        )

    def clean(self):
        errors = {}
        if self.handover_health_needs and not self.health_consent:
            errors["handover_health_needs"] = _(
                "Helbredsbehov kan kun noteres med borgerens samtykke.")
        if self.consent_takeover_on and self.decided_on and \
                self.consent_takeover_on < self.decided_on:
            errors["consent_takeover_on"] = _(
                "Overtagelsen kan ikke ligge før visiteringsafgørelsen.")
        if self.expected_arrival_on and self.decided_on and \
                self.expected_arrival_on < self.decided_on:
            errors["expected_arrival_on"] = _(
                "Ankomsten kan ikke ligge før visiteringsafgørelsen.")
        if errors:
            raise ValidationError(errors)
