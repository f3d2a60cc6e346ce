"""Interpreters, housing and the early screening."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager

POOR_RATING = 2  # ratings at or below this count as poor


class BookingMode(models.TextChoices):
    IN_PERSON = "in_person", _("Fremmødetolkning")
    PHONE = "phone", _("Telefontolkning")
    VIDEO = "video", _("Videotolkning")


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Bestilt")
    HELD = "held", _("Gennemført")
    CANCELLED = "cancelled", _("Aflyst")
    NO_SHOW = "no_show", _("Tolken mødte ikke op")


class InterpreterBooking(models.Model):
    household = models.ForeignKey("cases.Household", verbose_name=_("husstand"),
                                  on_delete=models.CASCADE, related_name="interpreter_bookings")
    person = models.ForeignKey(
        "cases.Person", verbose_name=_("husstandsmedlem"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="interpreter_bookings",
    )
    language = models.CharField(_("sprog"), max_length=60)
    dialect = models.CharField(_("dialekt"), max_length=60, blank=True)
    starts_at = models.DateTimeField(_("tidspunkt"))
    duration_minutes = models.PositiveSmallIntegerField(_("varighed i minutter"), default=60)
    mode = models.CharField(_("form"), max_length=10, choices=BookingMode.choices,
                            default=BookingMode.IN_PERSON)
    purpose = models.CharField(_("formål"), max_length=200)
    agency = models.CharField(_("tolkebureau"), max_length=100)
    interpreter_name = models.CharField(_("tolk"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices,
                              default=BookingStatus.BOOKED)
    rating = models.PositiveSmallIntegerField(
        _("kvalitet"), null=True, blank=True,
        choices=[(1, _("1 - meget dårlig")), (2, _("2 - dårlig")), (3, _("3 - acceptabel")),
                 (4, _("4 - god")), (5, _("5 - meget god"))],
    )
    rating_comment = models.TextField(_("kommentar til kvaliteten"), blank=True)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="reception",
    )

    class Meta:
        verbose_name = _("tolkebestilling")
        verbose_name_plural = _("tolkebestillinger")
        ordering = ["-starts_at", "id"]
        permissions = [("view_interpreter_report", _("Kan se rapporten om tolkning"))]
        constraints = [
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__range=(1, 5)),
                                   name="rating_one_to_five"),
        ]

    def __str__(self):
        return f"{self.language} {self.starts_at:%d.%m.%Y %H:%M}"

    def clean(self):
        errors = {}
        if self.person_id and self.household_id and self.person.household_id != self.household_id:
            errors["person"] = _("Personen hører ikke til husstanden.")
        if self.rating and self.status in (BookingStatus.BOOKED, BookingStatus.CANCELLED):
            errors["rating"] = _("Kvaliteten kan først vurderes, når tolkningen er gennemført.")
        if errors:
            raise ValidationError(errors)


class HousingKind(models.TextChoices):
    TEMPORARY = "temporary", _("Midlertidig bolig")
    PERMANENT = "permanent", _("Permanent bolig")


class HousingType(models.TextChoices):
    APARTMENT = "apartment", _("Lejlighed")
    HOUSE = "house", _("Hus")
    ROOM = "room", _("Værelse")
    SHARED = "shared", _("Delebolig")
    CENTRE = "centre", _("Midlertidigt opholdssted")
    OTHER = "other", _("Andet")


class HousingPlacement(models.Model):
    household = models.ForeignKey("cases.Household", verbose_name=_("husstand"),
                                  on_delete=models.CASCADE, related_name="housing")
    kind = models.CharField(_("art"), max_length=10, choices=HousingKind.choices)
    address = models.CharField(_("adresse"), max_length=200)
    housing_type = models.CharField(_("boligtype"), max_length=10, choices=HousingType.choices)
    moved_in_on = models.DateField(_("indflytning"))
    moved_out_on = models.DateField(_("fraflytning"), null=True, blank=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="reception",
    )

    class Meta:
        verbose_name = _("boligplacering")
        verbose_name_plural = _("boligplaceringer")
        ordering = ["moved_in_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(moved_out_on__isnull=True) | Q(moved_out_on__gte=F("moved_in_on")),
                name="housing_out_after_in",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.address}"

    def clean(self):
        if self.moved_out_on and self.moved_in_on and self.moved_out_on < self.moved_in_on:
            raise ValidationError(
                {"moved_out_on": _("Fraflytning kan ikke ligge før indflytning.")})


class Screening(models.Model):
    """The early 360-degree screening of one adult's resources."""

    person = models.OneToOneField("cases.Person", verbose_name=_("person"),
                                  on_delete=models.CASCADE, related_name="screening")
    done_on = models.DateField(_("gennemført den"))
    education = models.TextField(_("uddannelse"), blank=True)
    work_experience = models.TextField(_("erhvervserfaring"), blank=True)
    languages = models.TextField(_("sprog"), blank=True)
    health_consent = models.BooleanField(
        _("samtykke til helbredsoplysninger"), default=False,
        help_text=_("Helbred må kun noteres, når borgeren har givet samtykke."),
    )
    health = models.TextField(_("helbred"), blank=True)
    childcare_needs = models.TextField(_("behov for pasning"), blank=True)
    resources = models.TextField(_("ressourcer"), blank=True)
    barriers = models.TextField(_("barrierer"), blank=True)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="person__household__municipality", household="person__household",
        part="reception",
    )

    class Meta:
        verbose_name = _("360-graders afklaring")
        verbose_name_plural = _("360-graders afklaringer")
        ordering = ["-done_on"]

    def __str__(self):
        return f"{self.person} {self.done_on:%d.%m.%Y}"

    @property
    def audit_person_id(self):
        return self.person_id

    def clean(self):
        errors = {}
        if self.health and not self.health_consent:
            errors["health"] = _("Helbred kan kun noteres med borgerens samtykke.")
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = _("Datoen kan ikke ligge i fremtiden.")
        age = self.person.age(self.done_on) if self.person_id else None
        if age is not None and age < 18:
            errors[NON_FIELD_ERRORS] = _("Afklaringen gælder voksne.")
        if errors:
            raise ValidationError(errors)
