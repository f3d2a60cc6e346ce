"""Case shares, case transfers and reads from other municipalities."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import selectors as case_selectors
from networks import selectors, services
from networks.forms import (
    AcceptTransferForm,
    EndShareForm,
    RejectTransferForm,
    ShareForm,
    TransferForm,
)
from networks.models import TransferStatus
from networks.models.sharing import OPEN_SHARE_STATUSES


def _errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@permission_required("networks.add_caseshare", raise_exception=True)
def share_create(request, pk):
    household = case_selectors.editable_household(request.user, pk)
    persons = case_selectors.persons_for(request.user).filter(household=household)
    initial = {"expires_on": timezone.localdate() + datetime.timedelta(days=90),
               "parts": ["basic"]}
    form = ShareForm(request.POST or None, user=request.user, persons=persons,
                     initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            share = services.create_share(
                household=household, by=request.user, request=request,
                to_municipality=data["to_municipality"], purpose=data["purpose"],
                legal_basis=data["legal_basis"], parts=data["parts"],
                expires_on=data["expires_on"], consent_given_on=data["consent_given_on"],
                consented_persons=data["consented_persons"],
                consent_text=data["consent_text"], legal_provision=data["legal_provision"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Sagen er delt med %(to)s, som skal acceptere "
                                        "delingen.") % {"to": share.to_municipality})
            return redirect("networks:share_list")
    return render(request, "networks/share_form.html", {"form": form, "household": household})


@permission_required("networks.view_caseshare", raise_exception=True)
def share_list(request):
    user = request.user
    outgoing = selectors.outgoing_shares(user)
    household = request.GET.get("sag", "")
    if household.isdigit():
        outgoing = outgoing.filter(household=int(household))
    return render(request, "networks/share_list.html", {
        "incoming": selectors.incoming_shares(user), "outgoing": outgoing,
        "today": timezone.localdate(), "open_statuses": OPEN_SHARE_STATUSES,
    })


def _share(request, pk):
    return get_object_or_404(selectors.shares_for(request.user), pk=pk)


@require_POST
@permission_required("networks.change_caseshare", raise_exception=True)
def share_answer(request, pk):
    share = _share(request, pk)
    accept = request.POST.get("svar") == "accepter"
    try:
        services.answer_share(share=share, by=request.user, accept=accept, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Delingen er accepteret.") if accept
                         else _("Delingen er afvist."))
    return redirect("networks:share_list")


@permission_required("networks.change_caseshare", raise_exception=True)
def share_end(request, pk):
    share = _share(request, pk)
    if share.from_municipality_id != request.user.municipality_id:
        return redirect("networks:share_list")
    form = EndShareForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_share(share=share, by=request.user, request=request,
                               consent_withdrawn=form.cleaned_data["consent_withdrawn"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Delingen er tilbagekaldt. %(to)s har ikke længere "
                                        "adgang.") % {"to": share.to_municipality})
        return redirect("networks:share_list")
    return render(request, "networks/share_end.html", {"form": form, "share": share})


@permission_required("networks.add_casetransfer", raise_exception=True)
def transfer_create(request, pk):
    household = case_selectors.editable_household(request.user, pk)
    today = timezone.localdate()
    form = TransferForm(request.POST or None, user=request.user, initial={
        "moving_on": today + datetime.timedelta(days=14),
        "sender_access_until": today + datetime.timedelta(days=104),
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_transfer(household=household, by=request.user, request=request,
                                      **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Overdragelsen er foreslået."))
            return redirect("networks:transfer_list")
    return render(request, "networks/transfer_form.html",
                  {"form": form, "household": household})


@permission_required("networks.view_casetransfer", raise_exception=True)
def transfer_list(request):
    transfers = selectors.transfers_for(request.user)
    mine = request.user.municipality_id
    return render(request, "networks/transfer_list.html", {
        "incoming": [t for t in transfers if t.to_municipality_id == mine],
        "outgoing": [t for t in transfers if t.from_municipality_id == mine],
        "proposed": TransferStatus.PROPOSED,
    })


def _transfer(request, pk):
    return get_object_or_404(selectors.transfers_for(request.user), pk=pk)


@permission_required("networks.change_casetransfer", raise_exception=True)
def transfer_accept(request, pk):
    transfer = _transfer(request, pk)
    form = AcceptTransferForm(request.POST or None, user=request.user)
    reject = RejectTransferForm()
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_transfer(transfer=transfer, by=request.user, request=request,
                                     coordinator=form.cleaned_data["coordinator"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Sagen er overtaget."))
            return redirect(reverse("cases:household_detail", args=[transfer.household_id]))
    return render(request, "networks/transfer_accept.html",
                  {"form": form, "reject": reject, "transfer": transfer})


@require_POST
@permission_required("networks.change_casetransfer", raise_exception=True)
def transfer_reject(request, pk):
    transfer = _transfer(request, pk)
    form = RejectTransferForm(request.POST)
    if not form.is_valid():
        return render(request, "networks/transfer_accept.html", {
            "form": AcceptTransferForm(user=request.user), "reject": form,
            "transfer": transfer,
        })
    try:
        services.reject_transfer(transfer=transfer, by=request.user, request=request,
                                 reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Overdragelsen er afvist."))
    return redirect("networks:transfer_list")


@require_POST
@permission_required("networks.add_casetransfer", raise_exception=True)
def transfer_withdraw(request, pk):
    transfer = _transfer(request, pk)
    try:
        services.withdraw_transfer(transfer=transfer, by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Overdragelsen er trukket tilbage."))
    return redirect("networks:transfer_list")


@permission_required("networks.view_foreign_reads", raise_exception=True)
def foreign_reads(request):
    events = Paginator(selectors.foreign_reads(request.user), 50).get_page(
        request.GET.get("side"))
    return render(request, "networks/foreign_reads.html", {"page": events})


