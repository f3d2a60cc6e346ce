from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integration_portal.models import Municipality


class Theme(models.TextChoices):
    RECEPTION = "reception", _("Modtagelse")
    HOUSING = "housing", _("Bolig")
    EMPLOYMENT = "employment", _("Beskæftigelse")
    EDUCATION = "education", _("Uddannelse")
    HEALTH = "health", _("Sundhed")
    CHILDREN_FAMILIES = "children", _("Børn og familier")
    VOLUNTEERS = "volunteers", _("Frivillige")
    UNACCOMPANIED = "unaccompanied", _("Uledsagede mindreårige")
    INTERPRETING = "interpreting", _("Tolkning")


class TargetGroup(models.TextChoices):
    ALL_NEWCOMERS = "all", _("Alle nyankomne")
    ADULT_REFUGEES = "adults", _("Voksne flygtninge")
    FAMILIES = "families", _("Flygtningefamilier")
    CHILDREN = "children", _("Børn")
    YOUNG = "young", _("Unge")
    UNACCOMPANIED = "unaccompanied", _("Uledsagede mindreårige")
    FAMILY_REUNIFIED = "reunified", _("Familiesammenførte")
    ASYLUM_SEEKERS = "asylum", _("Asylansøgere")


# Weights: the title counts most, then description, then results and target group.
SEARCH_VECTOR = (
    SearchVector("title", weight="A", config="danish")
    + SearchVector("description", weight="B", config="danish")
    + SearchVector("results", "target_group_text", weight="C", config="danish")
)


class Solution(models.Model):
    """A local solution that worked (løsningsmodel), for other municipalities to learn from."""

    title = models.CharField(_("titel"), max_length=200)
    municipality = models.ForeignKey(Municipality, verbose_name=_("kommune"),
                                     on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(_("tema"), max_length=16, choices=Theme.choices)
    target_group = models.CharField(_("målgruppe"), max_length=16, choices=TargetGroup.choices)
    target_group_text = models.CharField(
        _("målgruppe i øvrigt"), max_length=200, blank=True,
        help_text=_("Fx »unge flygtninge mellem 16 og 25 år«."),
    )
    description = models.TextField(_("beskrivelse"), max_length=10000)
    results = models.TextField(_("resultater"), max_length=5000, blank=True)
    contact = models.CharField(_("kontakt"), max_length=200, blank=True,
                               help_text=_("Navn, e-mail eller telefon på en kontaktperson."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("forfatter"),
                               on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("løsningsmodel")
        verbose_name_plural = _("løsningsmodeller")
        ordering = ["title", "id"]
        indexes = [GinIndex(fields=["search_vector"], name="solution_search_gin")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_search_vectors(Solution.objects.filter(pk=self.pk))

    def get_absolute_url(self):
        return reverse("networks:solution_detail", args=[self.pk])


def refresh_search_vectors(queryset):
    """Recompute the Danish full-text vectors (after save or a bulk insert/update).

    Only PostgreSQL has them; elsewhere search falls back to icontains.
    """
    if connection.vendor == "postgresql":
        queryset.update(search_vector=SEARCH_VECTOR)


class SolutionAttachment(models.Model):
    solution = models.ForeignKey(Solution, verbose_name=_("løsningsmodel"),
                                 on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to="katalog/%Y/")
    uploaded_at = models.DateTimeField(_("uploadet"), auto_now_add=True)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["title", "id"]

    def __str__(self):
        return self.title
