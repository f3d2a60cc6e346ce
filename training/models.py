"""The continuing-education programme: modules, sessions, practitioners, enrolment."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from integration_portal.models import Municipality, Region
from training.scope import TrainingScopedManager


class Programme(models.Model):
    name = models.CharField(_("navn"), max_length=200, unique=True)
    period_start = models.DateField(_("periode fra"))
    period_end = models.DateField(_("periode til"))
    participant_target = models.PositiveIntegerField(_("mål for deltagere"), default=800)
    budget_dkk = models.DecimalField(_("budget (kr.)"), max_digits=12, decimal_places=2)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("uddannelsesprogram")
        verbose_name_plural = _("uddannelsesprogrammer")
        ordering = ["-period_start"]
        permissions = [("view_progress", _("Kan se fremdrift for programmet"))]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gt=models.F("period_start")),
                                   name="programme_period_ends_after_start"),
        ]

    def __str__(self):
        return self.name


class ModuleKind(models.TextChoices):
    MANDATORY = "mandatory", _("Obligatorisk")
    ELECTIVE = "elective", _("Valgfrit")


class Module(models.Model):
    programme = models.ForeignKey(Programme, verbose_name=_("program"), on_delete=models.PROTECT,
                                  related_name="modules")
    kind = models.CharField(_("type"), max_length=10, choices=ModuleKind.choices)
    name = models.CharField(_("navn"), max_length=200)
    days = models.PositiveSmallIntegerField(_("antal dage"), default=2)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("modul")
        verbose_name_plural = _("moduler")
        ordering = ["programme", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="one_module_per_kind"),
            models.CheckConstraint(condition=Q(days__gte=1), name="module_has_days"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_elective(self):
        return self.kind == ModuleKind.ELECTIVE


class Theme(models.Model):
    """One of the elective module's themes."""

    module = models.ForeignKey(Module, verbose_name=_("modul"), on_delete=models.PROTECT,
                               related_name="themes")
    code = models.SlugField(_("kode"), max_length=40)
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["module", "name"]
        constraints = [
            models.UniqueConstraint(fields=["module", "code"], name="theme_code_per_module"),
        ]

    def __str__(self):
        return self.name


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    OPEN = "open", _("Åben for tilmelding")
    FULL = "full", _("Fuldt booket")
    HELD = "held", _("Afholdt")
    CANCELLED = "cancelled", _("Aflyst")


class Session(models.Model):
    """A hold: one run of a module (and theme) on given days at a venue."""

    module = models.ForeignKey(Module, verbose_name=_("modul"), on_delete=models.PROTECT,
                               related_name="sessions")
    theme = models.ForeignKey(Theme, verbose_name=_("tema"), on_delete=models.PROTECT,
                              null=True, blank=True, related_name="sessions")
    venue = models.CharField(_("sted"), max_length=200)
    city = models.CharField(_("by"), max_length=100)
    region = models.CharField(_("region"), max_length=4, choices=Region.choices)
    capacity = models.PositiveSmallIntegerField(_("antal pladser"))
    instructors = models.CharField(_("undervisere"), max_length=300, blank=True)
    enrolment_deadline = models.DateField(_("tilmeldingsfrist"))
    status = models.CharField(_("status"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.PLANNED)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("hold")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_has_seats"),
        ]

    def __str__(self):
        subject = self.theme or self.module
        return f"{subject}, {self.city}"

    def clean(self):
        if self.module_id is None:
            return
        if self.module.is_elective and self.theme_id is None:
            raise ValidationError({"theme": _("Vælg et tema til valgmodulet.")})
        if not self.module.is_elective and self.theme_id is not None:
            raise ValidationError({"theme": _("Det obligatoriske modul har ikke temaer.")})
        if self.theme_id is not None and self.theme.module_id != self.module_id:
            raise ValidationError({"theme": _("Temaet hører ikke til modulet.")})


class SessionDay(models.Model):
    session = models.ForeignKey(Session, verbose_name=_("hold"), on_delete=models.CASCADE,
                                related_name="days")
    date = models.DateField(_("dato"))

    class Meta:
        verbose_name = _("holddag")
        verbose_name_plural = _("holddage")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="one_day_per_date"),
        ]

    def __str__(self):
        return f"{self.session}: {self.date:%d.%m.%Y}"


class JobFunction(models.TextChoices):
    CASEWORKER = "caseworker", _("Sagsbehandler")
    JOB_CONSULTANT = "job_consultant", _("Jobkonsulent")
    TEACHER = "teacher", _("Lærer")
    HEALTH_VISITOR = "health_visitor", _("Sundhedsplejerske")
    FAMILY_CONSULTANT = "family_consultant", _("Familiekonsulent")
    MANAGER = "manager", _("Leder")
    OTHER = "other", _("Andet")


class Practitioner(models.Model):
    """A member of municipal staff taking part, with or without a portal login."""

    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"))
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommune"),
                                     on_delete=models.PROTECT, related_name="practitioners")
    job_function = models.CharField(_("jobfunktion"), max_length=20, choices=JobFunction.choices)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("bruger"),
                                on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="practitioner")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    all_objects = models.Manager()
    objects = TrainingScopedManager(municipality="municipality")

    class Meta:
        verbose_name = _("praktiker")
        verbose_name_plural = _("praktikere")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="practitioner_email_unique",
                                    violation_error_message=_("Der findes allerede en "
                                                              "praktiker med denne e-mail.")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class EnrolmentStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bekræftet")
    WAITLISTED = "waitlisted", _("På venteliste")
    CANCELLED = "cancelled", _("Afmeldt")
    MOVED = "moved", _("Flyttet")
    COMPLETED = "completed", _("Gennemført")
    NO_SHOW = "no_show", _("Udeblevet")


# Holding one of these, a practitioner may not enrol in the module again.
ACTIVE_STATUSES = [EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED,
                   EnrolmentStatus.COMPLETED]
# These take one of the session's seats.
SEATED_STATUSES = [EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED,
                   EnrolmentStatus.NO_SHOW]


class Enrolment(models.Model):
    """A practitioner's place on a session; created and changed only in services."""

    session = models.ForeignKey(Session, verbose_name=_("hold"), on_delete=models.PROTECT,
                                related_name="enrolments")
    # The session's module, kept here so the database can refuse a second active one.
    module = models.ForeignKey(Module, verbose_name=_("modul"), on_delete=models.PROTECT,
                               related_name="+")
    practitioner = models.ForeignKey(Practitioner, verbose_name=_("praktiker"),
                                     on_delete=models.PROTECT, related_name="enrolments")
    status = models.CharField(_("status"), max_length=12, choices=EnrolmentStatus.choices)
    waitlist_position = models.PositiveIntegerField(_("plads på ventelisten"), null=True,
                                                    blank=True)
    moved_to = models.OneToOneField("self", verbose_name=_("flyttet til"), null=True,
                                    blank=True, on_delete=models.SET_NULL,
                                    related_name="moved_from")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tilmeldt af"),
                                   on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("tilmeldt"), auto_now_add=True)

    all_objects = models.Manager()
    objects = TrainingScopedManager(municipality="practitioner__municipality")

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["session", "status", "waitlist_position", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "module"], condition=Q(status__in=ACTIVE_STATUSES),
                name="one_active_enrolment_per_module",
            ),
            models.UniqueConstraint(
                fields=["session", "waitlist_position"],
                condition=Q(waitlist_position__isnull=False), name="unique_waitlist_position",
            ),
            models.CheckConstraint(
                condition=Q(status=EnrolmentStatus.WAITLISTED, waitlist_position__isnull=False)
                | (~Q(status=EnrolmentStatus.WAITLISTED) & Q(waitlist_position__isnull=True)),
                name="waitlisted_have_a_position",
            ),
        ]

    def __str__(self):
        return f"{self.practitioner} – {self.session}"

    @property
    def audit_owner_id(self):
        return self.practitioner.municipality_id


class Attendance(models.Model):
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("tilmelding"),
                                  on_delete=models.CASCADE, related_name="attendances")
    day = models.ForeignKey(SessionDay, verbose_name=_("dag"), on_delete=models.CASCADE,
                            related_name="attendances")
    present = models.BooleanField(_("til stede"))
    recorded_at = models.DateTimeField(_("registreret"), auto_now=True)

    all_objects = models.Manager()
    objects = TrainingScopedManager(municipality="enrolment__practitioner__municipality")

    class Meta:
        verbose_name = _("fremmøde")
        verbose_name_plural = _("fremmøde")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="one_attendance_per_day"),
        ]

    def __str__(self):
        return f"{self.enrolment} {self.day.date:%d.%m.%Y}: {self.present}"


def certificate_path(certificate, filename):
    return f"certificates/{filename}"


class Certificate(models.Model):
    """The PDF course certificate for one completed enrolment; private storage."""

    enrolment = models.OneToOneField(Enrolment, verbose_name=_("tilmelding"),
                                     on_delete=models.CASCADE, related_name="certificate")
    file = models.FileField(_("fil"), upload_to=certificate_path, max_length=300)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("udstedt"), auto_now=True)

    all_objects = models.Manager()
    objects = TrainingScopedManager(municipality="enrolment__practitioner__municipality")

    class Meta:
        verbose_name = _("kursusbevis")
        verbose_name_plural = _("kursusbeviser")

    def __str__(self):
        return str(self.enrolment)

    @property
    def audit_owner_id(self):
        return self.enrolment.practitioner.municipality_id
