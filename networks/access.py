"""The two doors networks opens in the access policy, both read-only and both
looked up again on every request (integration_portal.access.register_grant):

- an active case share opens its parts to the receiving municipality;
- an accepted transfer keeps the whole file readable for the sending municipality
  until the agreed date.

Expiry and revocation therefore end access on the next request, with no job.
"""

from django.db.models import F, Value
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


def granted_households(user):
    """(household id, parts) for every door open to the user, in one query: the parts
    an active share covers, and every part of a transfer still readable by its sender."""
    if not _signed_in(user):
        return []
    flags = [f"include_{part}" for part in PARTS]
    shares = (CaseShare.objects.active().filter(to_municipality=user.municipality_id)
              .order_by().values_list("household_id", *flags))
    transfers = (sender_transfers(user).order_by()
                 .annotate(**{flag: Value(True) for flag in flags})
                 .values_list("household_id", *flags))
    return [(household_id, [part for part, on in zip(PARTS, covered, strict=True) if on])
            for household_id, *covered in shares.union(transfers, all=True)]


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
