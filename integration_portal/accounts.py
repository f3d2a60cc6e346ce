"""Creating the first administrators of a deployment (``manage.py create_first_admin``)."""

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from integration_portal import audit
from integration_portal.models import AuditAction, User
from integration_portal.roles import Role

ADMIN_ROLES = (Role.MUNICIPAL_ADMIN, Role.TRAINING_ADMIN)


class AdministratorExists(Exception):
    """The username is taken by a user who is not this administrator."""


def is_same_administrator(user, *, role, municipality):
    return user.municipality_id == getattr(municipality, "pk", None) and user.has_role(role)


@transaction.atomic
def create_administrator(*, username, email, password, role, municipality=None):
    """Create an administrator holding ``role``; returns (user, created).

    Idempotent: an existing user with the same role and municipality is returned
    unchanged (password included), any other user of that name raises
    AdministratorExists. A password the validators refuse raises ValidationError.
    """
    role = Role(role)
    if role not in ADMIN_ROLES:
        raise ValueError(f"not an administrator role: {role.value}")
    existing = User.objects.select_for_update().filter(username=username).first()
    if existing is not None:
        if is_same_administrator(existing, role=role, municipality=municipality):
            return existing, False
        raise AdministratorExists(username)
    user = User(username=username, email=email, municipality=municipality)
    validate_password(password, user=user)
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get(name=role.value)])
    audit.record(None, "integration_portal.user.created", AuditAction.CREATE, target=user,
                 detail=f"{role.value}, manage.py create_first_admin")
    return user, True
