"""Thin views: permission, access policy (through selectors), form, service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import selectors, services
from cases.filters import HouseholdFilter
from cases.forms import (
    ActionForm,
    AssignForm,
    GoalForm,
    HouseholdForm,
    JournalNoteForm,
    NewHouseholdForm,
    PartyForm,
    PersonForm,
    PlanForm,
)
from cases.models import Action, Goal, Household, InvolvedParty, JournalNote, Person
from cases.panels import household_panels
from integration_portal import audit, cpr
from integration_portal.access import get_editable_or_404, get_visible_or_404
from integration_portal.csvexport import streamed_csv
from integration_portal.models import AuditAction

PAGE_SIZE = 25
WAITING_PAGE = 25
EXPORT_CHUNK = 1000


def _form_page(request, form, *, title, household, back=None, intro=""):
    return render(request, "cases/form.html", {
        "form": form, "title": title, "household": household,
        "back": back or household.get_absolute_url(), "intro": intro,
    })


def _save_form(request, form, *, code):
    """Save a validated ModelForm through the service; its errors land on the form."""
    instance = form.save(commit=False)
    try:
        services.save_record(instance=instance, by=request.user, code=code,
                             request=request, save_m2m=form.save_m2m)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


def _filtered(request):
    households = selectors.case_list_households(request.user)
    return HouseholdFilter(request.GET or None, queryset=households, request=request)


def _audit_shared(request, households, code):
    """A row of another municipality's case (seen through a share) is a read that
    municipality must be able to see: one READ event per such household."""
    mine = request.user.municipality_id
    shared = [household for household in households if household.municipality_id != mine]
    audit.record_each(request.user, code, AuditAction.READ, shared, request=request)


def _masked(query):
    """The query string with a CPR number in the search masked: it never goes back
    to the page, its links or the export URL in clear."""
    masked = query.copy()
    if cpr.contains_cpr(masked.get("q", "")):
        masked["q"] = cpr.mask_in_text(masked["q"])
    return masked


@permission_required("cases.view_household", raise_exception=True)
def case_list(request):
    filterset = _filtered(request)
    terms = request.GET.get("q", "").strip()
    if terms and filterset.is_valid():
        audit.record(request.user, "cases.household.searched", AuditAction.SEARCH,
                     owner_municipality_id=request.user.municipality_id,
                     search_terms=terms, request=request)
    # The page's ids first (count and one cheap query), then the columns for those
    # rows only: a deep page costs what page 1 costs.
    page = Paginator(filterset.qs.values_list("pk", flat=True), PAGE_SIZE).get_page(
        request.GET.get("side"))
    page.object_list = selectors.case_list_page(request.user, list(page.object_list))
    _audit_shared(request, page, "cases.household.listed")
    query = _masked(request.GET)
    if filterset.is_bound:
        filterset.form.data = query  # the search box shows a CPR masked, like the log
    query = query.copy()
    query.pop("side", None)
    return render(request, "cases/case_list.html", {
        "filter": filterset, "page": page, "query": query.urlencode(),
        "self_support": selectors.self_support_by_ground(request.user),
    })


@permission_required("cases.view_household", raise_exception=True)
def case_export(request):
    """The filtered case list as CSV: names, never CPR numbers."""
    filterset = _filtered(request)
    terms = " ".join(f"{key}={value}" for key, value in _masked(request.GET).items())
    audit.record(request.user, "cases.household.exported", AuditAction.EXPORT,
                 owner_municipality_id=request.user.municipality_id,
                 search_terms=terms, request=request)
    _audit_shared(request, filterset.qs.exclude(municipality=request.user.municipality_id),
                  "cases.household.exported")
    header = [_("Sagsnummer"), _("Status"), _("Tovholder"), _("Ankomst"), _("Personer"),
              _("Navne"), _("Overskredne handlinger")]
    households = selectors.with_list_columns(request.user, filterset.qs)
    return streamed_csv(header, _export_rows(households), filename="sager.csv")


def _export_rows(households):
    """Households read in chunks (with each chunk's persons): memory stays flat."""
    for household in households.iterator(chunk_size=EXPORT_CHUNK):
        yield [
            household.case_number, household.get_status_display(),
            str(household.coordinator or ""),
            household.arrived_on.isoformat() if household.arrived_on else "",
            household.person_count, ", ".join(str(p) for p in household.persons.all()),
            household.overdue_count,
        ]


@permission_required("cases.add_household", raise_exception=True)
def household_create(request):
    form = NewHouseholdForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "coordinator"}
        household = services.create_household(
            by=request.user, coordinator=form.cleaned_data["coordinator"], request=request,
            **fields,
        )
        messages.success(request, _("Husstanden %(case)s er oprettet.")
                         % {"case": household.case_number})
        return redirect(household)
    return render(request, "cases/form.html", {
        "form": form, "title": _("Ny husstand"), "back": reverse("cases:case_list"),
    })


@permission_required("cases.view_household", raise_exception=True)
def household_detail(request, pk):
    household = selectors.household_for(request.user, pk)
    audit.record(request.user, "cases.household.read", AuditAction.READ, target=household,
                 request=request)
    context = selectors.household_file(request.user, household)
    panels = household_panels.filled(request, household)
    return render(request, "cases/household_detail.html",
                  {"household": household, "panels": panels, **context})


@permission_required("cases.view_household", raise_exception=True)
def journal_list(request, pk):
    """Older journal notes, a page at a time: a page of its own without JavaScript,
    the next notes in place (htmx) on the household page."""
    household = selectors.household_for(request.user, pk)
    before = request.GET.get("foer", "")
    if not before.isdigit():
        return HttpResponseBadRequest(_("Angiv hvilket notat, der skal vises ældre end."))
    before = selectors.journal_note_for(request.user, household, int(before))
    audit.record(request.user, "cases.journal.read", AuditAction.READ, target=household,
                 request=request)
    notes, older = selectors.journal_page(request.user, household, before=before)
    context = {"household": household, "notes": notes, "older_notes": older}
    if request.headers.get("HX-Request"):
        # In place of the link, which disappears: focus moves to the first new note.
        return render(request, "cases/includes/journal_notes.html",
                      {**context, "in_place": True})
    return render(request, "cases/journal.html", context)


@permission_required("cases.change_household", raise_exception=True)
def household_update(request, pk):
    household = get_editable_or_404(Household, request.user, pk=pk)
    form = HouseholdForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.household"):
        return redirect(household)
    return _form_page(request, form, title=_("Ret husstand"), household=household)


@permission_required("cases.change_household", raise_exception=True)
def plan_update(request, pk):
    household = selectors.editable_household(request.user, pk)
    form = PlanForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.plan"):
        return redirect(household)
    return _form_page(request, form, title=_("Integrationsplan og frister"),
                      household=household)


@permission_required("cases.assign_coordinator", raise_exception=True)
def assign(request, pk):
    household = selectors.editable_household(request.user, pk)
    form = AssignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_coordinator(household=household, by=request.user,
                                        request=request, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("coordinator", exc)
        else:
            messages.success(request, _("%(name)s er nu tovholder for %(case)s.") % {
                "name": household.coordinator, "case": household.case_number})
            if request.POST.get("next") == "board":
                return redirect("cases:assignment_board")
            return redirect(household)
    history = selectors.assignment_history(request.user, household)
    return render(request, "cases/assign.html", {
        "form": form, "household": household, "history": history,
    })


@permission_required("cases.assign_coordinator", raise_exception=True)
def assignment_board(request):
    """Waiting families a page at a time, each with its own assign form. The list of
    coordinators in those forms is rendered once and reused in every row."""
    caseloads = list(selectors.caseloads(request.user))
    waiting = Paginator(selectors.waiting_households(request.user), WAITING_PAGE).get_page(
        request.GET.get("side"))
    options = render_to_string("cases/includes/coordinator_options.html",
                               {"coordinators": caseloads})
    return render(request, "cases/assignment_board.html", {
        "waiting": waiting, "caseloads": caseloads, "coordinator_options": options,
        "recent": selectors.recent_assignments(request.user),
    })


@permission_required("cases.view_household", raise_exception=True)
def my_families(request):
    households = list(selectors.my_households(request.user))
    return render(request, "cases/my_families.html", {
        "households": households, "due": list(selectors.due_this_week(request.user)),
        "today": timezone.localdate(),
    })


@permission_required("cases.add_person", raise_exception=True)
def person_create(request, pk):
    household = selectors.editable_household(request.user, pk)
    form = PersonForm(request.POST or None, instance=Person(household=household))
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.person"):
        return redirect(household)
    return _form_page(request, form, title=_("Tilføj person"), household=household)


@permission_required("cases.view_person", raise_exception=True)
def person_detail(request, pk):
    person = selectors.person_for(request.user, pk)
    audit.record(request.user, "cases.person.read", AuditAction.READ, target=person,
                 request=request)
    actions = Action.objects.visible_to(request.user).select_related("responsible_party")
    goals = (Goal.objects.visible_to(request.user).filter(person=person)
             .prefetch_related(Prefetch("actions", queryset=actions)))
    parties = InvolvedParty.objects.visible_to(request.user).filter(concerns=person)
    return render(request, "cases/person_detail.html", {
        "person": person, "household": person.household, "goals": goals, "parties": parties,
    })


@permission_required("cases.change_person", raise_exception=True)
def person_update(request, pk):
    person = get_editable_or_404(Person, request.user, pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.person"):
        return redirect(person)
    return _form_page(request, form, title=_("Ret person"), household=person.household,
                      back=person.get_absolute_url())


@permission_required("cases.add_involvedparty", raise_exception=True)
def party_create(request, pk):
    household = selectors.editable_household(request.user, pk)
    form = PartyForm(request.POST or None, instance=InvolvedParty(household=household),
                     persons=selectors.persons_for(request.user).filter(household=household))
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.party"):
        return redirect(household.get_absolute_url() + "#aktoerer")
    return _form_page(request, form, title=_("Tilføj aktør"), household=household)


@permission_required("cases.change_involvedparty", raise_exception=True)
def party_update(request, pk):
    party = get_editable_or_404(InvolvedParty, request.user, pk=pk)
    household = party.household
    form = PartyForm(request.POST or None, instance=party,
                     persons=selectors.persons_for(request.user).filter(household=household))
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.party"):
        return redirect(household.get_absolute_url() + "#aktoerer")
    return _form_page(request, form, title=_("Ret aktør"), household=household)


@permission_required("cases.add_journalnote", raise_exception=True)
def journal_create(request, pk):
    household = selectors.editable_household(request.user, pk)
    corrects = None
    corrects_id = request.GET.get("retter", "")
    if corrects_id:
        if not corrects_id.isdigit():
            raise Http404
        corrects = get_visible_or_404(JournalNote, request.user, household=household,
                                      pk=int(corrects_id))
    persons = selectors.persons_for(request.user).filter(household=household)
    initial = {"occurred_on": timezone.localdate()}
    if corrects:
        initial.update(category=corrects.category, person=corrects.person_id,
                       text=corrects.text)
    form = JournalNoteForm(request.POST or None, persons=persons, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.add_journal_note(household=household, author=request.user,
                                  corrects=corrects, request=request, **form.cleaned_data)
        return redirect(household.get_absolute_url() + "#journal")
    title = _("Ret journalnotat") if corrects else _("Nyt journalnotat")
    intro = _("Det oprindelige notat bevares; rettelsen gemmes som et nyt notat, "
              "der henviser til det.") if corrects else ""
    return _form_page(request, form, title=title, household=household, intro=intro)


@permission_required("cases.add_goal", raise_exception=True)
def goal_create(request, pk):
    person = selectors.person_for(request.user, pk, editable=True)
    form = GoalForm(request.POST or None, instance=Goal(person=person))
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.goal"):
        return redirect(person.household.get_absolute_url() + "#plan")
    return _form_page(request, form, household=person.household,
                      title=_("Nyt mål for %(name)s") % {"name": person})


def _action_form(request, action):
    household = action.goal.person.household
    parties = InvolvedParty.objects.visible_to(request.user).filter(household=household)
    return ActionForm(request.POST or None, instance=action, parties=parties)


@permission_required("cases.add_action", raise_exception=True)
def action_create(request, pk):
    goal = get_editable_or_404(
        Goal, request.user, pk=pk,
        queryset=Goal.objects.editable_by(request.user).select_related("person__household"),
    )
    form = _action_form(request, Action(goal=goal))
    household = goal.person.household
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.action"):
        return redirect(household.get_absolute_url() + "#plan")
    return _form_page(request, form, household=household,
                      title=_("Ny handling under målet »%(goal)s«") % {"goal": goal})


@permission_required("cases.change_action", raise_exception=True)
def action_update(request, pk):
    action = get_editable_or_404(
        Action, request.user, pk=pk,
        queryset=Action.objects.editable_by(request.user)
        .select_related("goal__person__household"),
    )
    form = _action_form(request, action)
    household = action.goal.person.household
    if request.method == "POST" and form.is_valid() and _save_form(
            request, form, code="cases.action"):
        return redirect(household.get_absolute_url() + "#plan")
    return _form_page(request, form, household=household, title=_("Ret handling"))
