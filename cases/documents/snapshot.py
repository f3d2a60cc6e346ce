"""The plan data a PDF is made from: one selector, a fixed number of queries.

The snapshot is plain JSON (codes and ISO dates, no labels) so that its hash is the
same whatever the language, and it is stored with the document as the record of
what was printed. It never holds a CPR number: persons carry their birth date.
"""

import hashlib
import json

from django.db.models import Prefetch, Q

from cases.models import Action, Goal, InvolvedParty, Person
from cases.printing import plan_section_data


def _day(value):
    return value.isoformat() if value else None


def _coordinator(user):
    if user is None:
        return None
    return {"name": user.get_full_name() or user.get_username(), "phone": user.phone,
            "email": user.email, "reachable": user.reachable}


def _party(party):
    return {
        "kind": party.kind, "organisation": party.organisation,
        "contact_name": party.contact_name, "role": party.role, "phone": party.phone,
        "email": party.email, "concerns": [p.first_name for p in party.concerns.all()],
    }


def _goal(goal):
    return {
        "person": str(goal.person), "domain": goal.domain, "description": goal.description,
        "actions": [{
            "description": action.description,
            "responsible": action.responsible_party.organisation
            if action.responsible_party else None,
            "deadline": _day(action.deadline), "status": action.status,
        } for action in goal.actions.all()],
    }


def plan_snapshot(user, household, *, person=None):
    """The plan of ``household`` (or of one adult ``person`` in it) as JSON data.

    ``household`` comes with its coordinator and municipality loaded. Queries: the
    persons, the involved parties, the persons each party concerns, the goals (with
    their persons), their actions (with responsible parties), plus whatever the
    registered plan sections ask for.
    """
    persons = Person.objects.visible_to(user).filter(household=household)
    goals = Goal.objects.visible_to(user).filter(person__household=household)
    parties = InvolvedParty.objects.visible_to(user).filter(household=household)
    if person is not None:
        persons = persons.filter(pk=person.pk)
        goals = goals.filter(person=person)
        # Those who work with this person, and those who work with the whole family.
        parties = parties.filter(Q(concerns=person) | Q(concerns__isnull=True)).distinct()
    actions = Action.objects.visible_to(user).select_related("responsible_party")
    goals = (goals.select_related("person").prefetch_related(Prefetch("actions", actions))
             .order_by("person__birth_date", "person_id", "domain", "id"))
    parties = parties.prefetch_related(
        Prefetch("concerns", Person.objects.visible_to(user).order_by("id"))
    ).order_by("kind", "organisation", "id")
    return {
        "municipality": str(household.municipality),
        "case_number": household.case_number,
        "person": person.pk if person is not None else None,
        "address": household.address,
        "coordinator": _coordinator(household.coordinator),
        "persons": [{"name": str(p), "birth_date": _day(p.birth_date), "relation": p.relation}
                    for p in persons.order_by("birth_date", "id")],
        "goals": [_goal(goal) for goal in goals],
        "milestones": [{"key": m.key, "due_on": _day(m.due_on), "done_on": _day(m.done_on)}
                       for m in household.milestones()],
        "parties": [_party(party) for party in parties],
        "plan_agreed_on": _day(household.plan_agreed_on),
        "next_review_on": _day(household.plan_next_review_on),
        "sections": plan_section_data(household, person),
    }


def plan_hash(snapshot):
    """SHA-256 of the snapshot's canonical JSON: equal plans, equal hashes."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                           default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
