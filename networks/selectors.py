"""Reads for networks: share and transfer lists, reads from other municipalities,
networks and the catalogue search."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from integration_portal.models import AuditAction, AuditEvent, Municipality
from networks.models import (
    CaseShare,
    CaseTransfer,
    Network,
    ShareStatus,
    Solution,
    TransferStatus,
)

# --- Shares and transfers -----------------------------------------------------------


def shares_for(user):
    return (CaseShare.objects.involving(user)
            .select_related("household", "from_municipality", "to_municipality",
                            "created_by"))


def outgoing_shares(user):
    return shares_for(user).filter(from_municipality=user.municipality_id)


def incoming_shares(user):
    return shares_for(user).filter(to_municipality=user.municipality_id)


def transfers_for(user):
    return (CaseTransfer.objects.involving(user)
            .select_related("household", "from_municipality", "to_municipality",
                            "proposed_by", "new_coordinator"))


def foreign_reads(user):
    """Reads of the user's municipality's data by users of other municipalities."""
    if not user.municipality_id:
        return AuditEvent.objects.none()
    return (AuditEvent.objects
            .filter(owner_municipality=user.municipality_id, action=AuditAction.READ)
            .exclude(municipality=user.municipality_id)
            .exclude(municipality__isnull=True)
            .select_related("municipality"))


def household_panel(request, household):
    """Sharing and transfer links for the owner; nothing for anyone else (no queries)."""
    user = request.user
    if not user.municipality_id or user.municipality_id != household.municipality_id:
        return None
    return {
        "share_url": reverse("networks:share_create", args=[household.pk]),
        "transfer_url": reverse("networks:transfer_create", args=[household.pk]),
        "list_url": reverse("networks:share_list") + f"?sag={household.pk}",
        "can_share": user.has_perm("networks.add_caseshare"),
        "can_transfer": user.has_perm("networks.add_casetransfer"),
    }


def _count(queryset):
    counted = queryset.order_by().values("to_municipality").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def networks_card(request):
    """Shares and transfers waiting for the user's municipality: one query."""
    user = request.user
    if not user.municipality_id:
        return {"pending_shares": 0, "pending_transfers": 0, "active_shares": 0}
    mine = Q(to_municipality=OuterRef("pk"))
    shares = CaseShare.objects.filter(mine)
    return Municipality.objects.filter(pk=user.municipality_id).values(
        pending_shares=_count(shares.filter(status=ShareStatus.PENDING)),
        active_shares=_count(shares.active()),
        pending_transfers=_count(CaseTransfer.objects.filter(
            mine, status=TransferStatus.PROPOSED)),
    ).get()


# --- Networks -----------------------------------------------------------------------


def networks_with_counts():
    return Network.objects.annotate(member_count=Count("memberships", distinct=True),
                                    meeting_count=Count("meetings", distinct=True))


def members_of(network):
    return (network.memberships.select_related("user", "user__municipality")
            .order_by("-is_organiser", "user__first_name", "user__last_name"))


# --- The method catalogue -----------------------------------------------------------


def search_solutions(*, text="", theme="", region="", target_group=""):
    """Catalogue entries matching the filters; with text, ranked by Danish full-text
    relevance on PostgreSQL (stemmed, so "flygtningefamilier" finds
    "flygtningefamilie"), by plain substring match elsewhere."""
    solutions = Solution.objects.select_related("municipality")
    if theme:
        solutions = solutions.filter(theme=theme)
    if region:
        solutions = solutions.filter(municipality__region=region)
    if target_group:
        solutions = solutions.filter(target_group=target_group)
    text = text.strip()
    if not text:
        return solutions.order_by("title", "id")
    if connection.vendor != "postgresql":
        for word in text.split():
            solutions = solutions.filter(Q(title__icontains=word)
                                         | Q(description__icontains=word)
                                         | Q(results__icontains=word))
        return solutions.order_by("title", "id")
    query = SearchQuery(text, config="danish", search_type="websearch")
    return (solutions.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "title", "id"))
