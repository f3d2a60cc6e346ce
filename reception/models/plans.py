from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager
from reception.models.templates import Anchor, AppliesTo, DeadlineUnit, ResponsibleRole


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    DONE = "done", _("Udført")
    NOT_RELEVANT = "not_relevant", _("Ikke relevant")


class ReceptionPlan(models.Model):
    """A household's reception plan (modtageplan), made from one template version."""

    household = models.OneToOneField(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="reception_plan",
    )
    version = models.ForeignKey(
        "reception.TemplateVersion", verbose_name=_("skabelonversion"),
        on_delete=models.PROTECT, related_name="plans",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="reception",
    )

    class Meta:
        verbose_name = _("modtageplan")
        verbose_name_plural = _("modtageplaner")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.household)



class PlanTask(models.Model):
    """One task of a plan: copied from a template step, dated from an anchor; for one
    adult or child of the household when the step applies to adults or children."""

    plan = models.ForeignKey(ReceptionPlan, on_delete=models.CASCADE, related_name="tasks")
    household = models.ForeignKey("cases.Household", on_delete=models.CASCADE,
                                  related_name="reception_tasks")
    position = models.PositiveSmallIntegerField(_("rækkefølge"))
    key = models.SlugField(max_length=40, blank=True)
    title = models.CharField(_("opgave"), max_length=150)
    description = models.TextField(_("beskrivelse"), blank=True)
    responsible_role = models.CharField(_("ansvarlig funktion"), max_length=20,
                                        choices=ResponsibleRole.choices)
    anchor = models.CharField(_("regnes fra"), max_length=12, choices=Anchor.choices)
    offset = models.SmallIntegerField(_("frist"))
    unit = models.CharField(_("enhed"), max_length=14, choices=DeadlineUnit.choices)
    applies_to = models.CharField(_("gælder"), max_length=10, choices=AppliesTo.choices,
                                  default=AppliesTo.HOUSEHOLD)
    person = models.ForeignKey(
        "cases.Person", verbose_name=_("husstandsmedlem"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="reception_tasks",
        help_text=_("Tom betyder hele husstanden."),
    )
    due_on = models.DateField(_("frist"), null=True, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ansvarlig medarbejder"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="reception_tasks",
        help_text=_("Tom betyder husstandens tovholder."),
    )
    responsible_party = models.ForeignKey(
        "cases.InvolvedParty", verbose_name=_("ansvarlig aktør"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="reception_tasks",
    )
    status = models.CharField(_("status"), max_length=14, choices=TaskStatus.choices,
                              default=TaskStatus.OPEN)
    not_relevant_reason = models.CharField(_("begrundelse"), max_length=300, blank=True)
    completed_on = models.DateField(_("udført den"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="reception",
    )

    class Meta:
        verbose_name = _("opgave i modtageplan")
        verbose_name_plural = _("opgaver i modtageplaner")
        ordering = ["due_on", "position", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_relevant") | ~Q(not_relevant_reason=""),
                name="not_relevant_needs_reason",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def audit_person_id(self):
        return self.person_id

    @property
    def is_open(self):
        return self.status == TaskStatus.OPEN

    @property
    def overdue(self):
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()

    def clean(self):
        errors = {}
        if self.status == TaskStatus.NOT_RELEVANT and not self.not_relevant_reason.strip():
            errors["not_relevant_reason"] = _("Skriv hvorfor opgaven ikke er relevant.")
        if self.status == TaskStatus.DONE and self.completed_on is None:
            self.completed_on = timezone.localdate()
        if self.status == TaskStatus.OPEN:
            self.completed_on = None
        if self.completed_on and self.completed_on > timezone.localdate():
            errors["completed_on"] = _("Datoen kan ikke ligge i fremtiden.")
        if (self.responsible_user_id and self.household_id
                and self.responsible_user.municipality_id != self.household.municipality_id):
            errors["responsible_user"] = _("Den ansvarlige skal arbejde i husstandens kommune.")
        if self.responsible_party_id and self.responsible_party.household_id != self.household_id:
            errors["responsible_party"] = _("Aktøren hører ikke til husstanden.")
        if self.person_id and self.person.household_id != self.household_id:
            errors["person"] = _("Personen hører ikke til husstanden.")
        if errors:
            raise ValidationError(errors)


class ReminderLog(models.Model):
    """One reminder mail per person per day, whatever how often the job runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    sent_on = models.DateField()
    task_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_reminder_a_day"),
        ]

    def __str__(self):
        return f"{self.user_id} {self.sent_on}"
