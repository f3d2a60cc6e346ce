import calendar
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager
from integration_portal.models import Municipality


class HouseholdStatus(models.TextChoices):
    EXPECTED = "expected", _("Forventet")
    ACTIVE = "active", _("Aktiv")
    MOVED = "moved", _("Fraflyttet")
    CLOSED = "closed", _("Afsluttet")


OPEN_STATUSES = [HouseholdStatus.EXPECTED, HouseholdStatus.ACTIVE, HouseholdStatus.MOVED]


def one_month_after(day):
    """The same day next month, or that month's last day (31 Jan -> 28/29 Feb)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Milestone:
    """A legal deadline counted from the takeover of responsibility."""

    key: str
    label: str
    due_on: date
    done_on: date | None

    @property
    def days_left(self):
        return (self.due_on - timezone.localdate()).days

    @property
    def overdue(self):
        return self.done_on is None and self.days_left < 0

    @property
    def days_overdue(self):
        return -self.days_left


class CaseNumberSequence(models.Model):
    """The last case number handed out per municipality and year (locked when used)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="one_sequence_per_year"),
        ]

    def __str__(self):
        return f"{self.municipality_id}/{self.year}: {self.last}"


class Household(models.Model):
    """A family (or a single person) whose integration the municipality is responsible for.

    Every household that is not closed has exactly one coordinator (tovholder), a
    user of the same municipality; the database enforces both. Change the
    coordinator only through ``cases.services.assign_coordinator``.
    """

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT,
        related_name="households",
    )
    case_number = models.CharField(_("sagsnummer"), max_length=30, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=HouseholdStatus.choices,
        default=HouseholdStatus.EXPECTED,
    )
    allocation_decided_on = models.DateField(
        _("visiteringsafgørelse"), null=True, blank=True,
        help_text=_("Datoen for Udlændingestyrelsens afgørelse om boligplacering."),
    )
    takeover_on = models.DateField(
        _("overtagelse af ansvaret"), null=True, blank=True,
        help_text=_("Fra denne dato løber fristerne for kontrakt og tilbud."),
    )
    arrived_on = models.DateField(_("ankomst"), null=True, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    primary_language = models.CharField(
        _("primært sprog"), max_length=60, blank=True, help_text=_("Fx arabisk, dari, ukrainsk."),
    )
    interpreter_needed = models.BooleanField(_("behov for tolk"), default=False)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("tovholder"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="coordinated_households",
    )
    coordinator_is_interim = models.BooleanField(
        _("midlertidig tovholder"), default=False,
        help_text=_("Sagen venter på, at teamlederen tildeler en fast tovholder."),
    )
    contract_signed_on = models.DateField(_("kontrakt indgået"), null=True, blank=True)
    danish_education_offered_on = models.DateField(
        _("danskuddannelse tilbudt"), null=True, blank=True,
    )
    first_company_offer_on = models.DateField(
        _("første virksomhedsrettede tilbud"), null=True, blank=True,
    )
    plan_agreed_on = models.DateField(_("integrationsplan aftalt"), null=True, blank=True)
    plan_next_review_on = models.DateField(_("næste opfølgning"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    all_objects = models.Manager()
    objects = ScopedManager(municipality="municipality", household="pk", part="basic")

    class Meta:
        # case_number carries a trigram index on PostgreSQL for the case search
        # (migration 0006, outside the model state: SQLite has no GIN).
        verbose_name = _("husstand")
        verbose_name_plural = _("husstande")
        ordering = ["-arrived_on", "case_number"]
        permissions = [("assign_coordinator", _("Kan tildele og skifte tovholder"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=HouseholdStatus.CLOSED) | Q(coordinator__isnull=False),
                name="open_household_has_coordinator",
            ),
        ]

    def __str__(self):
        return self.case_number

    def get_absolute_url(self):
        return reverse("cases:household_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status != HouseholdStatus.CLOSED

    def milestones(self):
        """Contract, Danish education and first company-based offer: one month each."""
        if self.takeover_on is None:
            return []
        due = one_month_after(self.takeover_on)
        return [
            Milestone("contract", _("Kontrakt"), due, self.contract_signed_on),
            Milestone("danish", _("Danskuddannelse tilbudt"), due,
                      self.danish_education_offered_on),
            Milestone("company", _("Første virksomhedsrettede tilbud"), due,
                      self.first_company_offer_on),
        ]

    def overdue_milestones(self):
        return [m for m in self.milestones() if m.overdue]
