from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager


class GoalDomain(models.TextChoices):
    EMPLOYMENT = "employment", _("Beskæftigelse")
    EDUCATION = "education", _("Uddannelse")
    DANISH = "danish", _("Dansk")
    HEALTH = "health", _("Sundhed")
    FAMILY = "family", _("Børn og familie")
    HOUSING = "housing", _("Bolig")
    NETWORK = "network", _("Netværk og fritid")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planlagt")
    IN_PROGRESS = "in_progress", _("I gang")
    DONE = "done", _("Gennemført")
    CANCELLED = "cancelled", _("Opgivet")


OPEN_ACTION_STATUSES = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS]


class Goal(models.Model):
    """A goal in one person's integration plan, in one domain."""

    person = models.ForeignKey(
        "cases.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="goals",
    )
    domain = models.CharField(_("område"), max_length=12, choices=GoalDomain.choices)
    description = models.CharField(_("mål"), max_length=500)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="person__household__municipality", household="person__household",
        part="plan",
    )

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["person", "domain", "id"]

    def __str__(self):
        return self.description

    @property
    def audit_person_id(self):
        return self.person_id


class Action(models.Model):
    """An agreed action under a goal: who does what by when, and how it went."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("mål"), on_delete=models.CASCADE, related_name="actions",
    )
    description = models.CharField(_("handling"), max_length=500)
    responsible_party = models.ForeignKey(
        "cases.InvolvedParty", verbose_name=_("ansvarlig"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="actions",
        help_text=_("Tom betyder, at tovholderen selv er ansvarlig."),
    )
    deadline = models.DateField(_("frist"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED,
    )
    outcome = models.TextField(_("resultat"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="goal__person__household__municipality",
        household="goal__person__household", part="plan",
    )

    class Meta:
        verbose_name = _("handling")
        verbose_name_plural = _("handlinger")
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.description

    @property
    def audit_person_id(self):
        return self.goal.person_id

    @property
    def is_overdue(self):
        return self.status in OPEN_ACTION_STATUSES and self.deadline < timezone.localdate()

    def clean(self):
        if self.deadline and self.goal_id:
            created = timezone.localtime(self.goal.created_at).date()
            if self.deadline < created:
                raise ValidationError({"deadline": _(
                    "Fristen kan ikke ligge før målet blev oprettet (%(date)s)."
                ) % {"date": created.strftime("%d.%m.%Y")}})
