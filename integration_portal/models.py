"""The cross-cutting core: municipalities, users with roles, and the audit log."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from integration_portal.roles import Role


class Region(models.TextChoices):
    HOVEDSTADEN = "1084", _("Region Hovedstaden")
    SJAELLAND = "1085", _("Region Sjælland")
    SYDDANMARK = "1083", _("Region Syddanmark")
    MIDTJYLLAND = "1082", _("Region Midtjylland")
    NORDJYLLAND = "1081", _("Region Nordjylland")


class Municipality(models.Model):
    """One of the 98 Danish municipalities, loaded by a data migration."""

    code = models.CharField(_("kommunekode"), max_length=3, unique=True)
    name = models.CharField(_("navn"), max_length=100, unique=True)
    region = models.CharField(_("region"), max_length=4, choices=Region.choices)

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} Kommune"


class User(AbstractUser):
    """A portal user: belongs to one municipality, except national training staff."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="users",
    )
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    reachable = models.CharField(
        _("træffetid"), max_length=200, blank=True,
        help_text=_("Hvornår borgeren kan træffe dig, fx »man-tors kl. 9-12«."),
    )

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            # Target of composite foreign keys (coordinator_id, municipality_id), so
            # the database itself refuses a coordinator from another municipality.
            models.UniqueConstraint(fields=["id", "municipality"], name="user_id_municipality_key"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def roles(self):
        """The user's roles, from their groups (cached per instance)."""
        if not hasattr(self, "_roles"):
            names = {g.name for g in self.groups.all()}
            self._roles = [role for role in Role if role.value in names]
        return self._roles

    def has_role(self, role):
        return role in self.roles

    @property
    def primary_role(self):
        return self.roles[0] if self.roles else None


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("Audit events are append-only.")

    def delete(self):
        raise PermissionDenied("Audit events are append-only.")

    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)


class AuditAction(models.TextChoices):
    READ = "read", _("læst")
    SEARCH = "search", _("søgning")
    CREATE = "create", _("oprettet")
    CHANGE = "change", _("ændret")
    EXPORT = "export", _("eksport")
    DOWNLOAD = "download", _("download")
    DELETE = "delete", _("slettet")
    LOGIN = "login", _("login")


class AuditEvent(models.Model):
    """One append-only record of who did what to which personal data, and when.

    Rows are never changed or deleted: the model, its queryset and the admin
    refuse, and on PostgreSQL a trigger refuses UPDATE and DELETE as well.
    """

    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("bruger"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("brugernavn"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=10, choices=AuditAction.choices)
    code = models.CharField(_("hændelse"), max_length=80)
    object_type = models.CharField(_("objekttype"), max_length=80, blank=True)
    object_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    person_id = models.BigIntegerField(_("person"), null=True, blank=True, db_index=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("kommune"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    owner_municipality = models.ForeignKey(
        Municipality, verbose_name=_("ejerkommune"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
        help_text=_("Kommunen der ejer de data, der blev læst eller ændret."),
    )
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    search_terms = models.CharField(_("søgeord"), max_length=500, blank=True)
    detail = models.CharField(_("detaljer"), max_length=500, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("loghændelse")
        verbose_name_plural = _("loghændelser")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner_municipality", "-created_at"]),
            # The audit page of one person, newest first, a page at a time (keyset).
            models.Index(fields=["person_id", "owner_municipality", "-created_at", "-id"],
                         name="audit_person_newest"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.code}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Audit events are append-only.")
