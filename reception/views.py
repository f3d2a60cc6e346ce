"""Thin views: permission, access policy (selectors), form, service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import selectors as case_selectors
from integration_portal import audit
from integration_portal.access import get_editable_or_404
from integration_portal.models import AuditAction
from reception import selectors, services
from reception.forms import (
    AllocationForm,
    AllocationUpdateForm,
    BookingForm,
    CoordinatorFilterForm,
    HousingForm,
    ScreeningForm,
    StepForm,
    StepFormSet,
    TaskForm,
)
from reception.models import HousingPlacement, InterpreterBooking, Screening

TASK_PAGE = 50


def _plan_url(household_id):
    return reverse("reception:plan_detail", args=[household_id])


def _form_page(request, form, *, title, household, intro=""):
    return render(request, "cases/form.html", {
        "form": form, "title": title, "household": household,
        "back": _plan_url(household.pk), "intro": intro,
    })


def _saved(request, form, callback):
    """Run the service; its validation errors land on the form."""
    try:
        callback()
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    messages.success(request, _("Gemt."))
    return True


@permission_required("reception.view_plantask", raise_exception=True)
def task_list(request):
    """Overdue and due-this-week tasks, mine or the whole municipality's, a page at a
    time (the most overdue first)."""
    form = CoordinatorFilterForm(request.GET or None, user=request.user)
    coordinator = form.cleaned_data.get("tovholder") if form.is_valid() else None
    municipality = request.GET.get("vis") == "kommune" or coordinator is not None
    tasks = selectors.due_within_a_week(request.user, mine=not municipality,
                                        coordinator=coordinator)
    page = Paginator(tasks, TASK_PAGE).get_page(request.GET.get("side"))
    overdue, this_week = selectors.split_overdue(page)
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "reception/task_list.html", {
        "overdue": overdue, "this_week": this_week, "municipality": municipality,
        "coordinator": coordinator, "filter_form": form, "page": page,
        "query": query.urlencode(),
    })


@permission_required("reception.add_allocation", raise_exception=True)
def allocation_create(request):
    form = AllocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allocation = form.save(commit=False)
        result = {}

        def register():
            result["plan"] = services.register_allocation(
                by=request.user, allocation=allocation, request=request,
                primary_language=form.cleaned_data["primary_language"])

        if _saved(request, form, register):
            return redirect(_plan_url(result["plan"].household_id))
    return render(request, "cases/form.html", {
        "form": form, "title": _("Ny visitering"), "back": reverse("reception:task_list"),
        "intro": _("Når visiteringen gemmes, oprettes den forventede husstand og dens "
                   "modtageplan ud fra kommunens skabelon."),
    })


@permission_required("reception.view_receptionplan", raise_exception=True)
def plan_detail(request, pk):
    household = selectors.household_for(request.user, pk)
    audit.record(request.user, "reception.plan.read", AuditAction.READ, target=household,
                 request=request)
    plan = selectors.plan_for(request.user, household)
    tasks = list(selectors.plan_tasks(request.user, household)) if plan else []
    housing = list(selectors.housing_for(request.user, household))
    return render(request, "reception/plan_detail.html", {
        "household": household, "plan": plan, "tasks": tasks,
        "progress": selectors.progress(tasks),
        "allocation": selectors.allocation_for(request.user, household),
        "bookings": selectors.bookings_for(request.user, household),
        "housing": housing,
        "days_to_permanent": selectors.days_to_permanent_housing(household, housing),
        "persons": selectors.persons_of(request.user, household).select_related("screening"),
    })


@permission_required("reception.change_allocation", raise_exception=True)
def allocation_update(request, pk):
    household = selectors.household_for(request.user, pk, editable=True)
    allocation = selectors.allocation_for(request.user, household, editable=True)
    if allocation is None:
        messages.info(request, _("Husstanden er ikke registreret med en visitering."))
        return redirect(_plan_url(household.pk))
    form = AllocationUpdateForm(request.POST or None, instance=allocation,
                                initial={"arrived_on": household.arrived_on})
    if request.method == "POST" and form.is_valid() and _saved(
            request, form, lambda: services.update_allocation(
                allocation=form.save(commit=False), by=request.user, request=request,
                arrived_on=form.cleaned_data["arrived_on"])):
        return redirect(_plan_url(household.pk))
    return _form_page(request, form, title=_("Visitering og overdragelse"), household=household,
                      intro=_("Ændres en ankerdato, flyttes fristerne for de åbne opgaver."))


@permission_required("reception.change_plantask", raise_exception=True)
def task_update(request, pk):
    task = selectors.task_for(request.user, pk, editable=True)
    form = TaskForm(request.POST or None, instance=task, user=request.user)
    if request.method == "POST" and form.is_valid() and _saved(
            request, form, lambda: services.update_task(
                task=form.save(commit=False), by=request.user, request=request)):
        return redirect(_plan_url(task.household_id))
    title = f"{task.title} ({task.person_name})" if task.person_name else task.title
    return _form_page(request, form, title=title, household=task.household,
                      intro=task.description)


@permission_required("reception.add_interpreterbooking", raise_exception=True)
def booking_create(request, pk):
    household = selectors.household_for(request.user, pk, editable=True)
    form = BookingForm(request.POST or None, user=request.user, household=household,
                       initial={"language": household.primary_language})
    return _booking_form(request, form, household, _("Bestil tolk"))


@permission_required("reception.change_interpreterbooking", raise_exception=True)
def booking_update(request, pk):
    booking = get_editable_or_404(InterpreterBooking, request.user, pk=pk)
    form = BookingForm(request.POST or None, instance=booking, user=request.user,
                       household=booking.household)
    return _booking_form(request, form, booking.household,
                         _("Tolkebestilling og vurdering af kvaliteten"))


def _booking_form(request, form, household, title):
    if request.method == "POST" and form.is_valid():
        booking = form.save(commit=False)
        if booking.pk is None:
            booking.booked_by = request.user
        if _saved(request, form, lambda: services.save_record(
                instance=booking, by=request.user, code="reception.booking", request=request)):
            return redirect(_plan_url(household.pk))
    return _form_page(request, form, title=title, household=household)


@permission_required("reception.add_housingplacement", raise_exception=True)
def housing_create(request, pk):
    household = selectors.household_for(request.user, pk, editable=True)
    return _housing_form(request, HousingForm(request.POST or None), household)


@permission_required("reception.change_housingplacement", raise_exception=True)
def housing_update(request, pk):
    placement = get_editable_or_404(HousingPlacement, request.user, pk=pk)
    return _housing_form(request, HousingForm(request.POST or None, instance=placement),
                         placement.household)


def _housing_form(request, form, household):
    form.instance.household = household
    if request.method == "POST" and form.is_valid() and _saved(
            request, form, lambda: services.save_record(
                instance=form.save(commit=False), by=request.user, code="reception.housing",
                request=request)):
        return redirect(_plan_url(household.pk))
    return _form_page(request, form, title=_("Boligplacering"), household=household)


@permission_required("reception.change_screening", raise_exception=True)
def screening_edit(request, pk):
    person = case_selectors.person_for(request.user, pk, editable=True)
    screening = Screening.objects.editable_by(request.user).filter(person=person).first()
    if screening is not None and request.method == "GET":
        audit.record(request.user, "reception.screening.read", AuditAction.READ,
                     target=screening, request=request)
    form = ScreeningForm(request.POST or None,
                         instance=screening or Screening(person=person,
                                                         screened_by=request.user))
    if request.method == "POST" and form.is_valid() and _saved(
            request, form, lambda: services.save_record(
                instance=form.save(commit=False), by=request.user,
                code="reception.screening", request=request)):
        return redirect(_plan_url(person.household_id))
    return _form_page(request, form, household=person.household,
                      title=_("360-graders afklaring: %(name)s") % {"name": person})


@permission_required("reception.view_interpreter_report", raise_exception=True)
def interpreter_report(request):
    return render(request, "reception/interpreter_report.html",
                  selectors.interpreter_report(request.user))


@permission_required("reception.view_reception_figures", raise_exception=True)
def figures(request):
    return render(request, "reception/figures.html", selectors.reception_figures(request.user))


@permission_required("reception.change_receptiontemplate", raise_exception=True)
def template_list(request):
    services.template_for(municipality=request.user.municipality, by=request.user)
    templates = selectors.templates_for(request.user).prefetch_related("versions")
    return render(request, "reception/template_list.html", {"templates": templates})


@permission_required("reception.change_receptiontemplate", raise_exception=True)
def template_edit(request, pk):
    template = selectors.template_for(request.user, pk)
    version = template.latest_version()
    initial = list(version.steps.values(*StepForm.Meta.fields)) if version else []
    formset = StepFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        steps = [form.cleaned_data for form in formset
                 if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        try:
            services.save_template_version(template=template, steps=steps, by=request.user,
                                           request=request)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, _("Skabelonen er gemt som en ny version."))
            return redirect("reception:template_list")
    return render(request, "reception/template_edit.html",
                  {"template": template, "version": version, "formset": formset})
