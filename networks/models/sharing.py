from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integration_portal.access import PARTS
from integration_portal.models import Municipality


class SharePurpose(models.TextChoices):
    CONSULTATION = "consultation", _("Sparring om sagen")
    MOVE = "move", _("Forestående flytning")
    JOINT = "joint", _("Fælles indsats")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Borgerens samtykke")
    PROVISION = "provision", _("Hjemmel i lov")


class ShareStatus(models.TextChoices):
    PENDING = "pending", _("Afventer svar")
    ACCEPTED = "accepted", _("Accepteret")
    DECLINED = "declined", _("Afvist")
    REVOKED = "revoked", _("Tilbagekaldt")
    CONSENT_WITHDRAWN = "withdrawn", _("Samtykke trukket tilbage")


OPEN_SHARE_STATUSES = [ShareStatus.PENDING, ShareStatus.ACCEPTED]

PART_LABELS = {
    "basic": _("Grunddata"),
    "persons": _("Personer"),
    "parties": _("Involverede aktører"),
    "plan": _("Integrationsplan"),
    "reception": _("Modtageplan"),
    "journal": _("Journal"),
}


class CaseShareQuerySet(models.QuerySet):
    def involving(self, user):
        """Shares the user's municipality made or received."""
        if not user.municipality_id:
            return self.none()
        return self.filter(Q(from_municipality=user.municipality_id)
                           | Q(to_municipality=user.municipality_id))

    def active(self, on=None):
        """Accepted, not expired, and still from the household's owner."""
        on = on or timezone.localdate()
        return self.filter(status=ShareStatus.ACCEPTED, starts_on__lte=on, expires_on__gte=on,
                           household__municipality=models.F("from_municipality"))


class CaseShare(models.Model):
    """One municipality lets another read parts of a case file, for a purpose, on a
    legal basis, until a date. Access follows from the row on every query (see
    networks.access), so revocation or expiry ends it at once."""

    household = models.ForeignKey(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="shares",
    )
    from_municipality = models.ForeignKey(
        Municipality, verbose_name=_("delt af"), on_delete=models.PROTECT, related_name="+",
    )
    to_municipality = models.ForeignKey(
        Municipality, verbose_name=_("delt med"), on_delete=models.PROTECT, related_name="+",
    )
    purpose = models.CharField(_("formål"), max_length=20, choices=SharePurpose.choices)
    legal_basis = models.CharField(_("grundlag"), max_length=10, choices=LegalBasis.choices)
    consent_given_on = models.DateField(_("samtykke givet"), null=True, blank=True)
    consented_persons = models.ManyToManyField(
        "cases.Person", verbose_name=_("samtykke fra"), blank=True, related_name="+",
        help_text=_("De personer i husstanden, der har givet samtykke."),
    )
    consent_text = models.TextField(
        _("samtykket omfatter"), max_length=2000, blank=True,
        help_text=_("Hvad borgerne konkret har givet samtykke til."),
    )
    legal_provision = models.CharField(
        _("lovbestemmelse"), max_length=200, blank=True,
        help_text=_("Fx »forvaltningslovens § 28, stk. 2, nr. 1«."),
    )
    include_basic = models.BooleanField(_("grunddata"), default=True)
    include_persons = models.BooleanField(_("personer"), default=False)
    include_parties = models.BooleanField(_("involverede aktører"), default=False)
    include_plan = models.BooleanField(_("integrationsplan"), default=False)
    include_reception = models.BooleanField(_("modtageplan"), default=False)
    include_journal = models.BooleanField(_("journal"), default=False)
    starts_on = models.DateField(_("fra"), default=timezone.localdate)
    expires_on = models.DateField(_("udløber"))
    status = models.CharField(_("status"), max_length=10, choices=ShareStatus.choices,
                              default=ShareStatus.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oprettet af"), on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besvaret af"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    answered_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("afsluttet af"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    ended_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    objects = CaseShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("deling af sag")
        verbose_name_plural = _("delinger af sager")
        ordering = ["-created_at", "-id"]
        permissions = [("view_foreign_reads", _("Kan se opslag fra andre kommuner"))]
        constraints = [
            models.CheckConstraint(
                condition=(Q(legal_basis=LegalBasis.CONSENT, consent_given_on__isnull=False)
                           & ~Q(consent_text=""))
                | (Q(legal_basis=LegalBasis.PROVISION) & ~Q(legal_provision="")),
                name="share_has_legal_basis",
            ),
            models.CheckConstraint(
                condition=~Q(from_municipality=models.F("to_municipality")),
                name="share_goes_to_another_municipality",
            ),
            models.CheckConstraint(condition=Q(include_basic=True), name="share_includes_basic"),
            models.CheckConstraint(condition=Q(expires_on__gte=models.F("starts_on")),
                                   name="share_expires_after_it_starts"),
        ]

    def __str__(self):
        return f"{self.household} → {self.to_municipality}"

    @property
    def audit_owner_id(self):
        return self.from_municipality_id

    @property
    def parts(self):
        return [part for part in PARTS if getattr(self, f"include_{part}")]

    @property
    def part_labels(self):
        return [PART_LABELS[part] for part in self.parts]

    @property
    def is_active(self):
        today = timezone.localdate()
        return (self.status == ShareStatus.ACCEPTED and self.starts_on <= today
                <= self.expires_on)

    def clean(self):
        errors = {}
        if self.legal_basis == LegalBasis.CONSENT:
            if not self.consent_given_on:
                errors["consent_given_on"] = _("Angiv hvornår samtykket blev givet.")
            elif self.consent_given_on > timezone.localdate():
                errors["consent_given_on"] = _("Samtykket kan ikke være givet i fremtiden.")
            if not self.consent_text.strip():
                errors["consent_text"] = _("Beskriv hvad borgerne har givet samtykke til.")
        elif self.legal_basis == LegalBasis.PROVISION and not self.legal_provision.strip():
            errors["legal_provision"] = _("Angiv den lovbestemmelse, delingen sker efter.")
        if self.from_municipality_id and self.from_municipality_id == self.to_municipality_id:
            errors["to_municipality"] = _("Sagen kan kun deles med en anden kommune.")
        if self.expires_on and self.pk is None and self.expires_on < timezone.localdate():
            errors["expires_on"] = _("Udløbsdatoen kan ikke ligge i fortiden.")
        if errors:
            raise ValidationError(errors)
