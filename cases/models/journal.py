from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager


class JournalCategory(models.TextChoices):
    CONVERSATION = "conversation", _("Samtale")
    MEETING = "meeting", _("Møde")
    PHONE = "phone", _("Telefon")
    LETTER = "letter", _("Brev eller e-mail")
    DECISION = "decision", _("Afgørelse")
    OTHER = "other", _("Andet")


class JournalNote(models.Model):
    """A dated note. Notes are never edited or deleted; a correction is a new note."""

    household = models.ForeignKey(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="journal_notes",
    )
    person = models.ForeignKey(
        "cases.Person", verbose_name=_("om person"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="journal_notes",
    )
    category = models.CharField(_("kategori"), max_length=12, choices=JournalCategory.choices)
    occurred_on = models.DateField(_("dato"), default=timezone.localdate)
    text = models.TextField(_("notat"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("forfatter"), on_delete=models.PROTECT,
        related_name="+",
    )
    written_at = models.DateTimeField(_("skrevet"), auto_now_add=True)
    corrects = models.ForeignKey(
        "self", verbose_name=_("retter"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="corrections",
    )

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="journal",
    )

    class Meta:
        verbose_name = _("journalnotat")
        verbose_name_plural = _("journalnotater")
        ordering = ["-occurred_on", "-written_at", "-id"]
        # The household page reads the newest notes first, a page at a time.
        indexes = [models.Index(fields=["household", "-occurred_on", "-written_at", "-id"],
                                name="journal_household_newest")]

    def __str__(self):
        return f"{self.occurred_on} {self.get_category_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Journal notes are never edited; write a correction.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Journal notes are never deleted; write a correction.")

    @property
    def audit_person_id(self):
        return self.person_id
