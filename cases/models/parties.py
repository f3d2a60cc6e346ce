from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager


class PartyKind(models.TextChoices):
    JOBCENTER = "jobcenter", _("Jobcenter")
    SCHOOL = "school", _("Skole")
    DAYCARE = "daycare", _("Dagtilbud")
    HEALTH_VISITOR = "health_visitor", _("Sundhedsplejerske")
    GP = "gp", _("Praktiserende læge")
    PSYCHIATRY = "psychiatry", _("Psykiatri")
    FAMILY_CONSULTANT = "family_consultant", _("Familiekonsulent")
    HOUSING = "housing", _("Boligafdeling")
    LANGUAGE_SCHOOL = "language_school", _("Sprogskole")
    VOLUNTEER = "volunteer", _("Frivillig eller værtsfamilie")
    INTERPRETER = "interpreter", _("Tolkeservice")
    ASYLUM_CENTRE = "asylum_centre", _("Asylcenter")
    OTHER_MUNICIPALITY = "other_municipality", _("Anden kommune")
    OTHER = "other", _("Andet")


class InvolvedParty(models.Model):
    """An authority or professional involved with a household, around the tovholder."""

    household = models.ForeignKey(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="parties",
    )
    kind = models.CharField(_("type"), max_length=20, choices=PartyKind.choices)
    organisation = models.CharField(_("organisation"), max_length=150)
    contact_name = models.CharField(_("kontaktperson"), max_length=150, blank=True)
    role = models.CharField(_("rolle"), max_length=150, blank=True,
                            help_text=_("Fx klasselærer, mentor, virksomhedskonsulent."))
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    active_from = models.DateField(_("aktiv fra"), null=True, blank=True)
    active_to = models.DateField(_("aktiv til"), null=True, blank=True)
    concerns = models.ManyToManyField(
        "cases.Person", verbose_name=_("vedrører"), blank=True, related_name="parties",
        help_text=_("De medlemmer af husstanden, aktøren arbejder med."),
    )

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="parties",
    )

    class Meta:
        verbose_name = _("involveret aktør")
        verbose_name_plural = _("involverede aktører")
        ordering = ["kind", "organisation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True) | Q(active_from__isnull=True)
                | Q(active_to__gte=F("active_from")),
                name="party_active_to_after_from",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_kind_display()})"

