from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integration_portal import cpr
from integration_portal.access import ScopedManager


class Sex(models.TextChoices):
    FEMALE = "female", _("Kvinde")
    MALE = "male", _("Mand")
    OTHER = "other", _("Andet")


class Relation(models.TextChoices):
    MAIN = "main", _("Hovedperson")
    SPOUSE = "spouse", _("Ægtefælle eller samlever")
    CHILD = "child", _("Barn")
    OTHER = "other", _("Anden")


class ResidenceGround(models.TextChoices):
    """Opholdsgrundlag under udlændingeloven and the special acts."""

    S7_1 = "7-1", _("§ 7, stk. 1 (konventionsstatus)")
    S7_2 = "7-2", _("§ 7, stk. 2 (beskyttelsesstatus)")
    S7_3 = "7-3", _("§ 7, stk. 3 (midlertidig beskyttelsesstatus)")
    S8 = "8", _("§ 8 (kvoteflygtning)")
    S9_REFUGEE = "9-refugee", _("§ 9, familiesammenført til flygtning")
    S9_OTHER = "9-other", _("§ 9, øvrige familiesammenførte")
    S9B = "9b", _("§ 9 b (humanitær opholdstilladelse)")
    S9C_1 = "9c-1", _("§ 9 c, stk. 1")
    S9C_2 = "9c-2", _("§ 9 c, stk. 2")
    S9C_3 = "9c-3", _("§ 9 c, stk. 3 (uledsaget mindreårig)")
    UKRAINE = "ukraine", _("Særlov for fordrevne fra Ukraine")
    AFGHANISTAN = "afghanistan", _("Særlov for afghanske medarbejdere")


class DanishEducationStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Ikke startet")
    OFFERED = "offered", _("Tilbudt")
    ACTIVE = "active", _("I gang")
    PAUSED = "paused", _("Pause")
    COMPLETED = "completed", _("Afsluttet")
    EXEMPT = "exempt", _("Fritaget")


class OccupationStatus(models.TextChoices):
    PROGRAMME = "programme", _("I program")
    JOB = "job", _("I job")
    EDUCATION = "education", _("I uddannelse")
    SELF_SUPPORTING = "self_supporting", _("Selvforsørgende")
    OTHER = "other", _("Andet")


def years_between(born, on):
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Person(models.Model):
    """A member of a household. The CPR number is shown whole only on the person page."""

    household = models.ForeignKey(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="persons",
    )
    first_name = models.CharField(_("fornavn"), max_length=100)
    last_name = models.CharField(_("efternavn"), max_length=100)
    cpr = models.CharField(
        _("CPR-nummer"), max_length=11, null=True, blank=True, unique=True,
        help_text=_("Udfyldes når personen har fået et CPR-nummer, fx 010190-1234."),
    )
    birth_date = models.DateField(_("fødselsdato"), null=True, blank=True)
    sex = models.CharField(_("køn"), max_length=10, choices=Sex.choices, blank=True)
    relation = models.CharField(
        _("relation i husstanden"), max_length=10, choices=Relation.choices,
        default=Relation.MAIN,
    )
    residence_ground = models.CharField(
        _("opholdsgrundlag"), max_length=12, choices=ResidenceGround.choices, blank=True,
    )
    country_of_origin = models.CharField(_("oprindelsesland"), max_length=60, blank=True)
    languages = models.CharField(
        _("sprog"), max_length=200, blank=True, help_text=_("Adskil flere sprog med komma."),
    )
    danish_education_status = models.CharField(
        _("danskuddannelse"), max_length=12, choices=DanishEducationStatus.choices,
        default=DanishEducationStatus.NOT_STARTED,
    )
    danish_module = models.PositiveSmallIntegerField(
        _("modul"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 7)],
    )
    occupation_status = models.CharField(
        _("beskæftigelsesstatus"), max_length=16, choices=OccupationStatus.choices,
        default=OccupationStatus.PROGRAMME,
    )
    occupation_since = models.DateField(_("status siden"), null=True, blank=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="persons",
    )

    class Meta:
        # first_name and last_name carry trigram indexes on PostgreSQL for the case
        # search (migration 0006, outside the model state: SQLite has no GIN).
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["birth_date", "first_name", "id"]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def save(self, *args, **kwargs):
        self.cpr = self.cpr or None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:person_detail", args=[self.pk])

    @property
    def audit_person_id(self):
        return self.pk

    @property
    def masked_cpr(self):
        return cpr.mask(self.cpr)

    def age(self, on=None):
        if self.birth_date is None:
            return None
        return years_between(self.birth_date, on or timezone.localdate())

    def is_adult(self, at=None):
        """18 or older at ``at`` (default: the household's takeover, else today)."""
        if at is None:
            at = self.household.takeover_on or timezone.localdate()
        age = self.age(at)
        return age is not None and age >= 18

    def clean(self):
        errors = {}
        if self.cpr:
            try:
                self.cpr = cpr.normalise(self.cpr)
            except ValidationError as exc:
                errors["cpr"] = exc.messages
        self.cpr = self.cpr or None
        if self.birth_date and self.birth_date > timezone.localdate():
            errors["birth_date"] = [_("Fødselsdatoen kan ikke ligge i fremtiden.")]
        if self.cpr and "cpr" not in errors:
            born = cpr.birth_date(self.cpr)
            if self.birth_date is None:
                self.birth_date = born
            elif self.birth_date != born:
                errors["birth_date"] = [_("Fødselsdatoen passer ikke med CPR-nummeret.")]
        if errors:
            raise ValidationError(errors)


