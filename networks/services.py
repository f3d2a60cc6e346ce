"""Writes across municipalities: shares, transfers, networks and the catalogue.
Each is one atomic function with its audit event in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import services as case_services
from integration_portal import audit
from integration_portal.access import PARTS
from integration_portal.models import AuditAction
from networks.models import (
    CaseShare,
    CaseTransfer,
    LegalBasis,
    Membership,
    Network,
    Post,
    ShareStatus,
    TransferStatus,
)
from networks.models.sharing import OPEN_SHARE_STATUSES


def _refuse(message, code):
    raise ValidationError(message, code=code)


# --- Case shares --------------------------------------------------------------------


@transaction.atomic
def create_share(*, household, to_municipality, by, purpose, legal_basis, parts, expires_on,
                 consent_given_on=None, consented_persons=(), consent_text="",
                 legal_provision="", request=None):
    """``by``'s municipality offers ``to_municipality`` read access to ``parts`` of
    the household until ``expires_on``. Needs a legal basis: consent (its date, the
    persons of the household who gave it and what it covers) or a named provision.
    The share waits for the receiving municipality to accept it."""
    if household.municipality_id != by.municipality_id:
        _refuse(_("Kun sagens egen kommune kan dele den."), "not_owner")
    share = CaseShare(
        household=household, from_municipality_id=household.municipality_id,
        to_municipality=to_municipality, purpose=purpose, legal_basis=legal_basis,
        expires_on=expires_on, created_by=by,
        consent_given_on=consent_given_on if legal_basis == LegalBasis.CONSENT else None,
        consent_text=consent_text if legal_basis == LegalBasis.CONSENT else "",
        legal_provision=legal_provision if legal_basis == LegalBasis.PROVISION else "",
        **{f"include_{part}": part in parts or part == "basic" for part in PARTS},
    )
    share.full_clean()
    persons = list(consented_persons)
    if legal_basis == LegalBasis.CONSENT:
        if not persons:
            raise ValidationError({"consented_persons": _(
                "Angiv hvem i husstanden der har givet samtykke.")})
        if any(person.household_id != household.pk for person in persons):
            raise ValidationError({"consented_persons": _(
                "Samtykket skal komme fra personer i husstanden.")})
    share.save()
    if legal_basis == LegalBasis.CONSENT:
        share.consented_persons.set(persons)
    audit.record(by, "networks.share.created", AuditAction.CREATE, target=share,
                 request=request, detail=f"{to_municipality}: {', '.join(share.parts)}")
    return share


def _locked_share(share):
    return CaseShare.objects.select_for_update().get(pk=share.pk)


@transaction.atomic
def answer_share(*, share, by, accept, request=None):
    """The receiving municipality accepts or declines a pending share."""
    locked = _locked_share(share)
    if locked.to_municipality_id != by.municipality_id:
        _refuse(_("Kun den modtagende kommune kan svare på delingen."), "not_receiver")
    if locked.status != ShareStatus.PENDING:
        _refuse(_("Delingen er allerede besvaret eller afsluttet."), "not_pending")
    locked.status = ShareStatus.ACCEPTED if accept else ShareStatus.DECLINED
    locked.answered_by, locked.answered_at = by, timezone.now()
    locked.save(update_fields=["status", "answered_by", "answered_at"])
    code = "networks.share.accepted" if accept else "networks.share.declined"
    audit.record(by, code, AuditAction.CHANGE, target=locked, request=request)
    return locked


@transaction.atomic
def end_share(*, share, by, consent_withdrawn=False, request=None):
    """The owning municipality revokes a share, or records that consent was
    withdrawn. Access ends with this commit."""
    locked = _locked_share(share)
    if locked.from_municipality_id != by.municipality_id:
        _refuse(_("Kun den kommune, der har delt sagen, kan tilbagekalde delingen."),
                "not_owner")
    if locked.status not in OPEN_SHARE_STATUSES:
        _refuse(_("Delingen er allerede afsluttet."), "ended")
    locked.status = ShareStatus.CONSENT_WITHDRAWN if consent_withdrawn else ShareStatus.REVOKED
    locked.ended_by, locked.ended_at = by, timezone.now()
    locked.save(update_fields=["status", "ended_by", "ended_at"])
    audit.record(by, f"networks.share.{locked.status}", AuditAction.CHANGE, target=locked,
                 request=request)
    return locked


# --- Case transfers -----------------------------------------------------------------


@transaction.atomic
def propose_transfer(*, household, to_municipality, by, moving_on, sender_access_until,
                     note="", request=None):
    """The sending municipality proposes that ``to_municipality`` takes over the case."""
    if household.municipality_id != by.municipality_id:
        _refuse(_("Kun sagens egen kommune kan foreslå en overdragelse."), "not_owner")
    if to_municipality.pk == household.municipality_id:
        raise ValidationError({"to_municipality": _(
            "Sagen kan kun overdrages til en anden kommune.")})
    if sender_access_until < moving_on:
        raise ValidationError({"sender_access_until": _(
            "Læseadgangen kan ikke slutte før flyttedatoen.")})
    if CaseTransfer.objects.filter(household=household,
                                   status=TransferStatus.PROPOSED).exists():
        _refuse(_("Der er allerede en overdragelse af sagen, som venter på svar."), "open")
    transfer = CaseTransfer.objects.create(
        household=household, from_municipality_id=household.municipality_id,
        to_municipality=to_municipality, moving_on=moving_on,
        sender_access_until=sender_access_until, note=note, proposed_by=by,
    )
    audit.record(by, "networks.transfer.proposed", AuditAction.CREATE, target=transfer,
                 request=request, detail=str(to_municipality))
    return transfer


def _decide(transfer, *, by, status, side):
    """Lock the transfer row; only an open transfer can be decided, once."""
    locked = CaseTransfer.objects.select_for_update().get(pk=transfer.pk)
    municipality = locked.to_municipality_id if side == "to" else locked.from_municipality_id
    if municipality != by.municipality_id:
        _refuse(_("Overdragelsen hører ikke til din kommune."), "not_party")
    if locked.status != TransferStatus.PROPOSED:
        _refuse(_("Overdragelsen er allerede afgjort (%(status)s).")
                % {"status": locked.get_status_display().lower()}, "decided")
    locked.status, locked.decided_by, locked.decided_at = status, by, timezone.now()
    return locked


@transaction.atomic
def accept_transfer(*, transfer, by, coordinator, request=None):
    """The receiving municipality takes over the household with ``coordinator`` as
    its tovholder. The transfer row is locked first, then the household, so a
    concurrent withdrawal or rejection waits and then finds the transfer decided."""
    locked = _decide(transfer, by=by, status=TransferStatus.ACCEPTED, side="to")
    locked.new_coordinator = coordinator
    locked.save(update_fields=["status", "decided_by", "decided_at", "new_coordinator"])
    household = locked.household
    case_services.transfer_household(
        household=household, to_municipality=locked.to_municipality,
        coordinator=coordinator, by=by, request=request,
        reason=_("Sagen er overtaget fra %(from)s") % {"from": locked.from_municipality},
        text=_("Sagen er overtaget fra %(from)s ved flytning %(date)s. Ny tovholder: "
               "%(coordinator)s. %(from)s kan læse sagen til %(until)s.") % {
            "from": locked.from_municipality, "date": date_format(locked.moving_on, "j. F Y"),
            "coordinator": coordinator,
            "until": date_format(locked.sender_access_until, "j. F Y"),
        },
    )
    audit.record(by, "networks.transfer.accepted", AuditAction.CHANGE, target=locked,
                 request=request, detail=str(coordinator))
    return locked


@transaction.atomic
def reject_transfer(*, transfer, by, reason="", request=None):
    locked = _decide(transfer, by=by, status=TransferStatus.REJECTED, side="to")
    locked.decision_note = reason
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    audit.record(by, "networks.transfer.rejected", AuditAction.CHANGE, target=locked,
                 request=request, detail=reason)
    return locked


@transaction.atomic
def withdraw_transfer(*, transfer, by, request=None):
    locked = _decide(transfer, by=by, status=TransferStatus.WITHDRAWN, side="from")
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    audit.record(by, "networks.transfer.withdrawn", AuditAction.CHANGE, target=locked,
                 request=request)
    return locked


# --- Practitioner networks ----------------------------------------------------------


@transaction.atomic
def create_network(*, by, **fields):
    network = Network(created_by=by, **fields)
    network.full_clean()
    network.save()
    Membership.objects.create(network=network, user=by, is_organiser=True)
    return network


def join_network(*, network, user):
    Membership.objects.get_or_create(network=network, user=user)


def leave_network(*, network, user):
    Membership.objects.filter(network=network, user=user, is_organiser=False).delete()


def _saved(instance):
    """Validate (CPR-shaped text is refused by the fields' validators) and save."""
    instance.full_clean()
    instance.save()
    return instance


def add_post(*, network, author, text):
    return _saved(Post(network=network, author=author, text=text))


def save_meeting(*, meeting):
    return _saved(meeting)
