"""The method catalogue (løsningsmodeller): every user reads, authors edit their own."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from networks import selectors
from networks.forms import AttachmentForm, CatalogueSearchForm, SolutionForm
from networks.models import Solution, SolutionAttachment


@permission_required("networks.view_solution", raise_exception=True)
def solution_list(request):
    form = CatalogueSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    solutions = selectors.search_solutions(
        text=filters.get("q", ""), theme=filters.get("theme", ""),
        region=filters.get("region", ""), target_group=filters.get("target_group", ""),
    )
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "networks/solution_list.html", {
        "form": form, "page": Paginator(solutions, 20).get_page(request.GET.get("side")),
        "query": query.urlencode(),
    })


@permission_required("networks.view_solution", raise_exception=True)
def solution_detail(request, pk):
    solution = get_object_or_404(Solution.objects.select_related("municipality", "author"),
                                 pk=pk)
    return render(request, "networks/solution_detail.html", {
        "solution": solution, "attachments": solution.attachments.all(),
        "can_edit": solution.author_id == request.user.pk,
    })


def _own_solution(request, pk):
    solution = get_object_or_404(Solution, pk=pk)
    if solution.author_id != request.user.pk:
        raise Http404
    return solution


@permission_required("networks.add_solution", raise_exception=True)
def solution_create(request):
    return _solution_form(request, Solution(author=request.user), _("Ny løsningsmodel"))


@permission_required("networks.change_solution", raise_exception=True)
def solution_update(request, pk):
    return _solution_form(request, _own_solution(request, pk), _("Ret løsningsmodel"))


def _solution_form(request, solution, title):
    form = SolutionForm(request.POST or None, instance=solution, user=request.user)
    if request.method == "POST" and form.is_valid():
        solution = form.save()
        return redirect(solution)
    return render(request, "networks/form.html", {"form": form, "title": title,
                                                  "back": solution if solution.pk else None})


@permission_required("networks.change_solution", raise_exception=True)
def attachment_create(request, pk):
    solution = _own_solution(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        attachment = form.save(commit=False)
        attachment.solution = solution
        attachment.save()
        return redirect(solution)
    return render(request, "networks/form.html", {"form": form, "title": _("Tilføj bilag"),
                                                  "back": solution, "multipart": True})


@permission_required("networks.view_solution", raise_exception=True)
def attachment_download(request, pk):
    attachment = get_object_or_404(SolutionAttachment, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True,
                        filename=attachment.file.name.rsplit("/", 1)[-1])
