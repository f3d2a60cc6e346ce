"""Across municipalities: case shares, case transfers, practitioner networks and
the method catalogue."""

from networks.models.catalogue import Solution, SolutionAttachment, TargetGroup, Theme
from networks.models.community import Meeting, Membership, Network, Post, reject_cpr
from networks.models.sharing import CaseShare, LegalBasis, SharePurpose, ShareStatus
from networks.models.transfer import CaseTransfer, TransferStatus

__all__ = [
    "CaseShare", "CaseTransfer", "LegalBasis", "Meeting", "Membership", "Network", "Post",
    "SharePurpose", "ShareStatus", "Solution", "SolutionAttachment", "TargetGroup", "Theme",
    "TransferStatus", "reject_cpr",
]
