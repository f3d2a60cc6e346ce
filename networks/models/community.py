from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from integration_portal.cpr import contains_cpr
from integration_portal.models import Region


def reject_cpr(value):
    """Networks hold no personal case data: text shaped like a CPR number is refused."""
    if contains_cpr(value):
        raise ValidationError(
            _("Teksten indeholder noget, der ligner et CPR-nummer. Skriv aldrig "
              "personoplysninger fra sager i et netværk."),
            code="cpr",
        )


class Network(models.Model):
    """A practitioners' network across municipalities (regional, reception, ...)."""

    name = models.CharField(_("navn"), max_length=150, unique=True, validators=[reject_cpr])
    description = models.TextField(_("beskrivelse"), max_length=4000, blank=True,
                                   validators=[reject_cpr])
    region = models.CharField(_("region"), max_length=4, choices=Region.choices, blank=True,
                              help_text=_("Tom for landsdækkende netværk."))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership",
                                     verbose_name=_("medlemmer"), related_name="networks")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("oprettet af"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("netværk")
        verbose_name_plural = _("netværk")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="network_memberships")
    is_organiser = models.BooleanField(_("tovholder for netværket"), default=False)
    joined_at = models.DateTimeField(_("medlem siden"), auto_now_add=True)

    class Meta:
        verbose_name = _("medlemskab")
        verbose_name_plural = _("medlemskaber")
        constraints = [models.UniqueConstraint(fields=["network", "user"],
                                               name="one_membership_per_user")]

    def __str__(self):
        return f"{self.user} i {self.network}"


class Meeting(models.Model):
    network = models.ForeignKey(Network, verbose_name=_("netværk"), on_delete=models.CASCADE,
                                related_name="meetings")
    held_on = models.DateField(_("dato"))
    place = models.CharField(_("sted"), max_length=200, validators=[reject_cpr])
    agenda = models.TextField(_("dagsorden"), max_length=5000, validators=[reject_cpr])
    minutes = models.TextField(_("referat"), max_length=20000, blank=True,
                               validators=[reject_cpr])

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.network} {self.held_on}"


class Post(models.Model):
    network = models.ForeignKey(Network, verbose_name=_("netværk"), on_delete=models.CASCADE,
                                related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("forfatter"),
                               on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("indlæg"), max_length=5000, validators=[reject_cpr])
    created_at = models.DateTimeField(_("skrevet"), auto_now_add=True)

    class Meta:
        verbose_name = _("indlæg")
        verbose_name_plural = _("indlæg")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.text[:60]
