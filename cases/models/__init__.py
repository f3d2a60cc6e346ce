"""The case file: a household, its persons, its tovholder, involved parties,
journal and integration plan."""

from cases.models.coordination import CoordinatorAssignment
from cases.models.document import DocumentStatus, PlanBatch, PlanDocument
from cases.models.household import (
    OPEN_STATUSES,
    CaseNumberSequence,
    Household,
    HouseholdStatus,
    Milestone,
)
from cases.models.journal import JournalCategory, JournalNote
from cases.models.parties import InvolvedParty, PartyKind
from cases.models.person import (
    DanishEducationStatus,
    OccupationStatus,
    Person,
    Relation,
    ResidenceGround,
    Sex,
)
from cases.models.plan import Action, ActionStatus, Goal, GoalDomain

__all__ = [
    "OPEN_STATUSES", "Action", "ActionStatus", "CaseNumberSequence", "CoordinatorAssignment",
    "DanishEducationStatus", "DocumentStatus", "Goal", "GoalDomain", "Household", "HouseholdStatus",
    "InvolvedParty", "JournalCategory", "JournalNote", "Milestone", "OccupationStatus",
    "PartyKind", "Person", "PlanBatch", "PlanDocument", "Relation", "ResidenceGround", "Sex",
]
