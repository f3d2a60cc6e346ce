"""Demo users for the core; each app adds its own demo data in <app>/demo.py."""

import os
from dataclasses import dataclass

from django.contrib.auth.models import Group

from integration_portal.models import Municipality, User
from integration_portal.roles import Role

DEFAULT_DEMO_PASSWORD = "demo-integration-2026"

# (username, first name, last name, municipality code or None, role)
DEMO_USERS = [
    ("assens-sagsbehandler", "Mette", "Jensen", "420", Role.CASEWORKER),
    ("assens-sagsbehandler2", "Ali", "Hassan", "420", Role.CASEWORKER),
    ("assens-teamleder", "Lars", "Nielsen", "420", Role.TEAM_LEAD),
    ("assens-admin", "Hanne", "Poulsen", "420", Role.MUNICIPAL_ADMIN),
    ("odense-sagsbehandler", "Sara", "Larsen", "461", Role.CASEWORKER),
    ("odense-teamleder", "Peter", "Andersen", "461", Role.TEAM_LEAD),
    ("odense-admin", "Birgitte", "Holm", "461", Role.MUNICIPAL_ADMIN),
    ("uddannelse-admin", "Karin", "Madsen", None, Role.TRAINING_ADMIN),
]


@dataclass
class DemoWorld:
    municipalities: dict
    users: dict


def seed_users():
    """Create or refresh the demo users; returns them by username."""
    password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
    municipalities = {code: Municipality.objects.get(code=code) for code in ("420", "461")}
    users = {}
    for username, first, last, code, role in DEMO_USERS:
        user, _created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first, "last_name": last,
                "email": f"{username}@example.dk",
                "municipality": municipalities[code] if code else None,
                "phone": "64 74 00 00" if code == "420" else "65 51 00 00",
                "reachable": "Mandag-torsdag kl. 9-12",
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        user.groups.set([Group.objects.get(name=role.value)])
        users[username] = user
    return DemoWorld(municipalities=municipalities, users=users)
