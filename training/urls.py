from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("hold/nyt/", views.session_create, name="session_create"),
    path("hold/<int:pk>/", views.session_detail, name="session_detail"),
    path("hold/<int:pk>/status/", views.session_status, name="session_status"),
    path("hold/<int:pk>/tilmeld/", views.session_enrol, name="session_enrol"),
    path("hold/<int:pk>/deltagerliste.csv", views.roster_csv, name="roster_csv"),
    path("hold/<int:pk>/fremmoede/<int:day_pk>/", views.attendance, name="attendance"),
    path("tilmeldinger/<int:pk>/afmeld/", views.enrolment_cancel, name="enrolment_cancel"),
    path("tilmeldinger/<int:pk>/flyt/", views.enrolment_move, name="enrolment_move"),
    path("kursusbeviser/<int:pk>/", views.certificate_download, name="certificate_download"),
    path("kursusbeviser/<int:pk>/status/", views.certificate_status, name="certificate_status"),
    path("praktikere/", views.practitioner_list, name="practitioner_list"),
    path("praktikere/ny/", views.practitioner_create, name="practitioner_create"),
    path("praktikere/import/", views.practitioner_import, name="practitioner_import"),
    path("praktikere/<int:pk>/", views.practitioner_detail, name="practitioner_detail"),
    path("fremdrift/", views.progress, name="progress"),
    path("fremdrift/tal.csv", views.progress_csv, name="progress_csv"),
]
