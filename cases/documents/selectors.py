"""Reads of printed plans, through the access policy."""

from django.db.models import Count, Q

from cases.models import DocumentStatus, PlanBatch, PlanDocument


def documents_for(user, household):
    """The household's printed plans, newest first, with who asked and for whom."""
    return (PlanDocument.objects.visible_to(user).filter(household=household)
            .select_related("requested_by", "person")
            .defer("plan_data")
            .order_by("-requested_at", "-id"))


def latest_batch(user):
    """The user's most recent batch with its progress counts, or None."""
    ready = Q(documents__status=DocumentStatus.READY)
    failed = Q(documents__status=DocumentStatus.FAILED)
    return (PlanBatch.objects.filter(requested_by=user, municipality=user.municipality_id)
            .annotate(total=Count("documents"), ready=Count("documents", filter=ready),
                      failed=Count("documents", filter=failed))
            .order_by("-requested_at", "-id").first())


def versions(user, household):
    """{"documents": [...], "pending": bool}: what the versions table shows and
    whether the page should keep asking for news."""
    documents = list(documents_for(user, household))
    return {"documents": documents, "pending": any(d.is_pending for d in documents)}


def unsent_count(batch):
    """How many of the batch's documents wait for the broker (their job was not sent)."""
    return batch.documents.filter(status=DocumentStatus.QUEUED, queued_at__isnull=True).count()
