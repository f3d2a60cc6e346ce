import posixpath
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integration_portal.access import ScopedManager


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Laves")
    READY = "ready", _("Klar")
    FAILED = "failed", _("Fejlede")


PENDING_STATUSES = [DocumentStatus.QUEUED, DocumentStatus.RUNNING]


def private_plan_path(document, filename):
    """Under ``plans/`` in the default storage: a random name, never a public URL."""
    return posixpath.join("plans", str(document.household_id), f"{uuid.uuid4().hex}.pdf")


class PlanDocument(models.Model):
    """One printed version of a household's (or one adult's) integration plan.

    The plan data it is made from is stored as a snapshot with its hash, so the
    same plan in the same language is printed once (``revision`` 0); the
    caseworker may still ask for a new print, which gets the next revision.
    Change it only through ``cases.documents.services``.
    """

    household = models.ForeignKey(
        "cases.Household", verbose_name=_("husstand"), on_delete=models.CASCADE,
        related_name="plan_documents",
    )
    person = models.ForeignKey(
        "cases.Person", verbose_name=_("person"), on_delete=models.CASCADE, null=True,
        blank=True, related_name="plan_documents",
        help_text=_("Tom betyder hele husstandens plan."),
    )
    language = models.CharField(_("sprog"), max_length=5, choices=settings.LANGUAGES,
                                default="da")
    plan_hash = models.CharField(_("planens fingeraftryk"), max_length=64)
    plan_data = models.JSONField(_("plandata"))
    revision = models.PositiveSmallIntegerField(_("genudskrivning"), default=0)
    status = models.CharField(_("status"), max_length=8, choices=DocumentStatus.choices,
                              default=DocumentStatus.QUEUED)
    file = models.FileField(_("fil"), upload_to=private_plan_path, blank=True)
    sha256 = models.CharField(_("SHA-256 af PDF'en"), max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bestilt af"), on_delete=models.SET_NULL,
        null=True, related_name="+",
    )
    requested_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    # When its job was last handed to the broker; empty while the broker was away
    # (the sweep in cases.documents.services sends it then).
    queued_at = models.DateTimeField(_("sendt til kø"), null=True, blank=True)
    started_at = models.DateTimeField(_("påbegyndt"), null=True, blank=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    error = models.TextField(_("fejl"), blank=True)

    all_objects = models.Manager()
    objects = ScopedManager(
        municipality="household__municipality", household="household", part="plan",
    )

    class Meta:
        verbose_name = _("udskrevet integrationsplan")
        verbose_name_plural = _("udskrevne integrationsplaner")
        ordering = ["-requested_at", "-id"]
        indexes = [
            # The sweep reads the few pending documents, not every version ever printed.
            models.Index(fields=["id"], condition=Q(status__in=PENDING_STATUSES),
                         name="plandocument_pending"),
        ]
        constraints = [
            # Pressing "Lav PDF" twice for the same plan gives one document.
            models.UniqueConstraint(
                fields=["household", "language", "plan_hash", "revision"],
                condition=Q(person__isnull=True), name="one_household_plan_print",
            ),
            models.UniqueConstraint(
                fields=["household", "person", "language", "plan_hash", "revision"],
                condition=Q(person__isnull=False), name="one_person_plan_print",
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.READY) | (~Q(file="") & ~Q(sha256="")),
                name="ready_plan_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.household_id} {self.language} {self.plan_hash[:8]}"

    @property
    def audit_person_id(self):
        return self.person_id

    @property
    def is_pending(self):
        return self.status in PENDING_STATUSES

    @property
    def waits_for_broker(self):
        """Queued, but its job could not be handed to the broker (yet)."""
        return self.status == DocumentStatus.QUEUED and self.queued_at is None


class PlanBatch(models.Model):
    """Plans queued together by a coordinator or team lead, for a progress count."""

    municipality = models.ForeignKey(
        "integration_portal.Municipality", verbose_name=_("kommune"), on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("bestilt af"), on_delete=models.CASCADE,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    documents = models.ManyToManyField(PlanDocument, verbose_name=_("planer"),
                                       related_name="batches")

    class Meta:
        verbose_name = _("samlet bestilling af planer")
        verbose_name_plural = _("samlede bestillinger af planer")
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.requested_by} {self.requested_at:%Y-%m-%d %H:%M}"
