"""The two doors networks opens in the access policy, both read-only and both
evaluated on every query (integration_portal.access.register_grant):

- an active case share opens its parts to the receiving municipality;
- an accepted transfer keeps the whole file readable for the sending municipality
  until the agreed date.

Expiry and revocation therefore end access on the next request, with no job.
"""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from integration_portal.access import PARTS
from networks.models import CaseShare, CaseTransfer, TransferStatus


def _signed_in(user):
    return bool(user and user.is_authenticated and user.is_active and user.municipality_id)


def active_shares_to(user, part, on=None):
    """Accepted, unexpired shares to the user's municipality covering ``part``."""
    if part not in PARTS:
        return CaseShare.objects.none()
    return CaseShare.objects.active(on).filter(
        to_municipality=user.municipality_id, **{f"include_{part}": True}
    )


def sender_transfers(user, on=None):
    """Accepted transfers away from the user's municipality, still readable."""
    on = on or timezone.localdate()
    return CaseTransfer.objects.filter(
        status=TransferStatus.ACCEPTED, from_municipality=user.municipality_id,
        sender_access_until__gte=on, household__municipality=F("to_municipality"),
    )


def share_grant(user, household_path, part):
    if not _signed_in(user):
        return None
    households = active_shares_to(user, part).values("household_id")
    return Q(**{f"{household_path}__in": households})


def transfer_grant(user, household_path, part):
    if not _signed_in(user):
        return None
    households = sender_transfers(user).values("household_id")
    return Q(**{f"{household_path}__in": households})


def explain_share(user, household):
    if not _signed_in(user) or getattr(household, "pk", None) is None:
        return None
    share = (active_shares_to(user, "basic").filter(household=household.pk)
             .select_related("from_municipality").order_by("-expires_on").first())
    if share is None:
        return None
    return _("Sagen tilhører %(owner)s og er delt med jer til %(date)s.") % {
        "owner": share.from_municipality, "date": date_format(share.expires_on, "j. F Y"),
    }


def explain_transfer(user, household):
    if not _signed_in(user) or getattr(household, "pk", None) is None:
        return None
    transfer = (sender_transfers(user).filter(household=household.pk)
                .select_related("to_municipality").order_by("-sender_access_until").first())
    if transfer is None:
        return None
    return _("Sagen er overdraget til %(owner)s. I kan læse den til %(date)s.") % {
        "owner": transfer.to_municipality,
        "date": date_format(transfer.sender_access_until, "j. F Y"),
    }
