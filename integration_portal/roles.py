"""Roles are Django groups; each app declares which of its permissions a role gets.

An app's AppConfig may define ``role_permissions = {Role.X: ["app_label.codename", ...]}``.
After every migrate the groups are brought in line with those declarations, so the
core never needs to know the domain apps.
"""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "sagsbehandler", _("Sagsbehandler")
    TEAM_LEAD = "teamleder", _("Teamleder")
    TRAINING_ADMIN = "uddannelsesadministrator", _("Uddannelsesadministrator")
    MUNICIPAL_ADMIN = "kommunal administrator", _("Kommunal administrator")


def declared_permissions():
    """{role: {"app_label.codename", ...}} gathered from every installed app."""
    wanted = {role: set() for role in Role}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            wanted[Role(role)].update(perms)
    return wanted


def sync_role_groups(app_config=None, **kwargs):
    """Create a group per role holding exactly the declared permissions."""
    from django.contrib.auth.models import Group, Permission

    # post_migrate is sent only for apps with a models module; act on the last one.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not None and app_config != with_models[-1]:
        return

    for role, perms in declared_permissions().items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for label in sorted(perms):
            app_label, codename = label.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                raise LookupError(f"Role {role.value} names unknown permission {label}")
            wanted.append(perm)
        group.permissions.set(wanted)
