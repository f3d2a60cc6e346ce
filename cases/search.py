"""The case search: a CPR number, or words matched against names and case numbers.

A CPR number is an exact match on the person's unique (indexed) CPR column. Each
word must match a case number or the first or last name of one of the household's
persons, as a substring; PostgreSQL answers these from trigram indexes (migration
0006), SQLite (``make run``) scans its few rows. Persons are read through the access
policy, so a name finds only households whose persons the user may read, and the
households themselves come from the caller's scoped queryset.
"""

import re

from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When

from cases.selectors import persons_for
from integration_portal import cpr

EXACT, PREFIX, PARTIAL = 0, 1, 2
CASE_NUMBER_PART = re.compile(r"[\d-]+")


def search_households(user, households, text):
    """``households`` narrowed to those matching ``text``, best matches first: every
    word exact, then every word a prefix, then the rest (each in the given order)."""
    text = text.strip()
    if not text:
        return households
    if cpr.contains_cpr(text):
        return _by_cpr(user, households, text)
    words = text.split()
    for word in words:
        households = households.filter(_word_matches(user, word, "icontains"))
    rank = Case(
        When(_all_match(user, words, "iexact"), then=Value(EXACT)),
        When(_all_match(user, words, "istartswith"), then=Value(PREFIX)),
        default=Value(PARTIAL), output_field=IntegerField(),
    )
    ordering = households.query.order_by or households.model._meta.ordering
    return households.annotate(search_rank=rank).order_by("search_rank", *ordering)


def _by_cpr(user, households, text):
    try:
        number = cpr.normalise(text)
    except ValidationError:
        return households.none()
    persons = persons_for(user).filter(cpr=number).values("household_id")
    return households.filter(pk__in=persons)


def _word_matches(user, word, lookup):
    """The household's case number, or a name of one of its persons, matches ``word``.
    The persons' household ids are one uncorrelated subquery (hashed once). A word of
    digits and dashes is part of a case number, never of a name: the case number
    alone is asked, which its trigram index answers."""
    by_case_number = Q(**{f"case_number__{lookup}": word})
    if CASE_NUMBER_PART.fullmatch(word):
        return by_case_number
    names = Q(**{f"first_name__{lookup}": word}) | Q(**{f"last_name__{lookup}": word})
    persons = persons_for(user).filter(names).values("household_id")
    return by_case_number | Q(pk__in=persons)


def _all_match(user, words, lookup):
    condition = Q()
    for word in words:
        condition &= _word_matches(user, word, lookup)
    return condition
