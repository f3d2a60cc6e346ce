"""The case list's filters and search (django-filter)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cases.models import HouseholdStatus, ResidenceGround
from cases.search import search_households
from cases.selectors import coordinators_for, overdue_actions, persons_for

YES_NO = [("", _("Alle")), ("true", _("Ja")), ("false", _("Nej"))]


class HouseholdFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Søg"), method="search", max_length=100,
        help_text=_("Navn, sagsnummer eller CPR-nummer."),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=HouseholdStatus.choices,
                                         empty_label=_("Alle"))
    coordinator = django_filters.ModelChoiceFilter(
        label=_("Tovholder"), queryset=lambda request: coordinators_for(request.user),
        empty_label=_("Alle"),
    )
    residence_ground = django_filters.ChoiceFilter(
        label=_("Opholdsgrundlag"), choices=ResidenceGround.choices, method="by_ground",
        empty_label=_("Alle"),
    )
    arrived_from = django_filters.DateFilter(
        label=_("Ankommet fra"), field_name="arrived_on", lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    arrived_to = django_filters.DateFilter(
        label=_("Ankommet til"), field_name="arrived_on", lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    has_overdue = django_filters.BooleanFilter(
        label=_("Har overskredne handlinger"), method="by_overdue",
        widget=forms.Select(choices=YES_NO),
    )
    no_coordinator = django_filters.BooleanFilter(
        label=_("Uden fast tovholder"), method="by_no_coordinator",
        widget=forms.Select(choices=YES_NO),
    )
    ordering = django_filters.OrderingFilter(
        label=_("Sortér efter"), empty_label=_("Standard"),
        fields=[("case_number", "case_number"), ("arrived_on", "arrived_on"),
                ("status", "status"), ("coordinator__first_name", "coordinator")],
        field_labels={"case_number": _("Sagsnummer"), "arrived_on": _("Ankomst"),
                      "status": _("Status"), "coordinator__first_name": _("Tovholder")},
    )

    def _persons(self):
        return persons_for(self.request.user).filter(household=OuterRef("pk"))

    def search(self, queryset, name, value):
        return search_households(self.request.user, queryset, value)

    def by_ground(self, queryset, name, value):
        return queryset.filter(Exists(self._persons().filter(residence_ground=value)))

    def by_overdue(self, queryset, name, value):
        overdue = Exists(overdue_actions(self.request.user)
                         .filter(goal__person__household=OuterRef("pk")))
        return queryset.filter(overdue if value else ~overdue)

    def by_no_coordinator(self, queryset, name, value):
        waiting = Q(coordinator__isnull=True) | Q(coordinator_is_interim=True)
        return queryset.filter(waiting if value else ~waiting)


