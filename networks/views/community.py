"""Practitioner networks: members, meetings with agenda and minutes, posts."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from networks import selectors, services
from networks.forms import MeetingForm, NetworkForm, PostForm
from networks.models import Meeting, Membership, Network


def _membership(network, user):
    return Membership.objects.filter(network=network, user=user).first()


@permission_required("networks.view_network", raise_exception=True)
def network_list(request):
    return render(request, "networks/network_list.html", {
        "networks": selectors.networks_with_counts(),
        "mine": set(request.user.network_memberships.values_list("network_id", flat=True)),
    })


@permission_required("networks.add_network", raise_exception=True)
def network_create(request):
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = services.create_network(by=request.user, **form.cleaned_data)
        return redirect("networks:network_detail", network.pk)
    return render(request, "networks/form.html", {"form": form, "title": _("Nyt netværk")})


@permission_required("networks.view_network", raise_exception=True)
def network_detail(request, pk):
    network = get_object_or_404(Network, pk=pk)
    membership = _membership(network, request.user)
    form = PostForm(request.POST or None)
    if request.method == "POST":
        if membership is None:
            raise Http404
        if form.is_valid():
            try:
                services.add_post(network=network, author=request.user,
                                  text=form.cleaned_data["text"])
            except ValidationError as exc:
                form.add_error("text", exc.message_dict.get("text", exc.messages))
            else:
                return redirect("networks:network_detail", network.pk)
    return render(request, "networks/network_detail.html", {
        "network": network, "membership": membership, "form": form,
        "meetings": network.meetings.all(),
        "posts": network.posts.select_related("author", "author__municipality")[:50],
    })


@permission_required("networks.view_network", raise_exception=True)
def network_members(request, pk):
    network = get_object_or_404(Network, pk=pk)
    return render(request, "networks/network_members.html", {
        "network": network, "members": selectors.members_of(network),
    })


@require_POST
@permission_required("networks.view_network", raise_exception=True)
def network_join(request, pk):
    network = get_object_or_404(Network, pk=pk)
    if request.POST.get("handling") == "forlad":
        services.leave_network(network=network, user=request.user)
        messages.success(request, _("Du er meldt ud af netværket."))
    else:
        services.join_network(network=network, user=request.user)
        messages.success(request, _("Du er nu medlem af netværket."))
    return redirect("networks:network_detail", network.pk)


def _organiser_network(request, pk):
    network = get_object_or_404(Network, pk=pk)
    membership = _membership(network, request.user)
    if membership is None or not membership.is_organiser:
        raise Http404
    return network


@permission_required("networks.view_network", raise_exception=True)
def meeting_edit(request, pk, meeting_pk=None):
    """Organisers plan a meeting and later write its minutes."""
    network = _organiser_network(request, pk)
    meeting = (get_object_or_404(Meeting, network=network, pk=meeting_pk) if meeting_pk
               else Meeting(network=network))
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.save_meeting(meeting=form.save(commit=False))
        return redirect("networks:network_detail", network.pk)
    title = _("Ret møde") if meeting.pk else _("Nyt møde")
    return render(request, "networks/form.html", {"form": form, "title": title,
                                                  "back": network})
