"""Reception-plan templates: municipal configuration, not personal data.

A template's steps live in immutable versions. Editing a template makes a new
version; a plan keeps pointing at the version it was made from.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reception.deadlines import Unit


class ResponsibleRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Tovholder")
    JOBCENTER = "jobcenter", _("Jobcenter")
    HOUSING = "housing", _("Boligafdeling")
    HEALTH = "health", _("Sundhed")
    SCHOOL = "school", _("Skole og dagtilbud")
    LANGUAGE_SCHOOL = "language_school", _("Sprogcenter")
    CITIZEN_SERVICE = "citizen_service", _("Borgerservice")
    VOLUNTEER = "volunteer", _("Frivilligkoordinator")
    INTERPRETER = "interpreter", _("Tolkeservice")


class Anchor(models.TextChoices):
    ALLOCATION = "allocation", _("Visiteringsafgørelse")
    ARRIVAL = "arrival", _("Ankomst")
    TAKEOVER = "takeover", _("Overtagelse af ansvaret")


class DeadlineUnit(models.TextChoices):
    CALENDAR_DAYS = Unit.CALENDAR_DAYS, _("kalenderdage")
    WORKING_DAYS = Unit.WORKING_DAYS, _("arbejdsdage")
    MONTHS = Unit.MONTHS, _("måneder")


class AppliesTo(models.TextChoices):
    HOUSEHOLD = "household", _("Husstanden")
    ADULTS = "adults", _("Voksne")
    CHILDREN = "children", _("Børn")


class ReceptionTemplate(models.Model):
    """A municipality's reception-plan template; without municipality, the portal's default."""

    municipality = models.ForeignKey(
        "integration_portal.Municipality", verbose_name=_("kommune"), on_delete=models.CASCADE,
        null=True, blank=True, related_name="reception_templates",
    )
    name = models.CharField(_("navn"), max_length=150)
    is_default = models.BooleanField(
        _("bruges til nye planer"), default=True,
        help_text=_("Kommunens skabelon, som nye modtageplaner laves ud fra."),
    )

    class Meta:
        verbose_name = _("skabelon for modtageplan")
        verbose_name_plural = _("skabeloner for modtageplaner")
        ordering = ["name", "id"]
        permissions = [("view_reception_figures", _("Kan se nøgletal for modtagelsen"))]

    def __str__(self):
        return self.name

    def latest_version(self):
        return self.versions.order_by("-number").first()


class TemplateVersion(models.Model):
    """One immutable version of a template's steps."""

    template = models.ForeignKey(ReceptionTemplate, on_delete=models.CASCADE,
                                 related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("skabelonversion")
        verbose_name_plural = _("skabelonversioner")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="one_version_number"),
        ]

    def __str__(self):
        return f"{self.template} v{self.number}"


class TemplateStep(models.Model):
    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE,
                                related_name="steps")
    position = models.PositiveSmallIntegerField(_("rækkefølge"))
    key = models.SlugField(
        _("nøgle"), max_length=40, blank=True,
        help_text=_("Kobler trinnet til et nøgletal, fx contract eller company_offer."),
    )
    title = models.CharField(_("opgave"), max_length=150)
    description = models.TextField(_("beskrivelse"), blank=True)
    responsible_role = models.CharField(_("ansvarlig"), max_length=20,
                                        choices=ResponsibleRole.choices)
    anchor = models.CharField(_("regnes fra"), max_length=12, choices=Anchor.choices)
    offset = models.SmallIntegerField(
        _("frist"), help_text=_("Antal dage eller måneder fra ankerdatoen; negativ er før."),
    )
    unit = models.CharField(_("enhed"), max_length=14, choices=DeadlineUnit.choices)
    applies_to = models.CharField(_("gælder"), max_length=10, choices=AppliesTo.choices,
                                  default=AppliesTo.HOUSEHOLD)

    class Meta:
        verbose_name = _("trin")
        verbose_name_plural = _("trin")
        ordering = ["version", "position", "id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Template steps are immutable: edit the template into a new version.")
        super().save(*args, **kwargs)
