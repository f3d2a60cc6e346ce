from django.urls import path

from cases.documents import views

# Part of the cases namespace (included from cases/urls.py).
urlpatterns = [
    path("<int:pk>/plan-pdf/", views.request_document, name="plan_document_request"),
    path("<int:pk>/plan-pdf/status/", views.document_status, name="plan_document_status"),
    path("plan-pdf/<int:pk>/hent/", views.download, name="plan_document_download"),
    path("plan-pdf/samlet/", views.batch, name="plan_batch"),
    path("plan-pdf/samlet/status/", views.batch_progress, name="plan_batch_progress"),
]
