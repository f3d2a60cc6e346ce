from django.urls import path

from cases import views
from cases.documents import urls as document_urls

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("eksport.csv", views.case_export, name="case_export"),
    path("ny/", views.household_create, name="household_create"),
    path("mine/", views.my_families, name="my_families"),
    path("tildeling/", views.assignment_board, name="assignment_board"),
    path("<int:pk>/", views.household_detail, name="household_detail"),
    path("<int:pk>/rediger/", views.household_update, name="household_update"),
    path("<int:pk>/plan/", views.plan_update, name="plan_update"),
    path("<int:pk>/tovholder/", views.assign, name="assign"),
    path("<int:pk>/personer/ny/", views.person_create, name="person_create"),
    path("<int:pk>/aktoerer/ny/", views.party_create, name="party_create"),
    path("<int:pk>/journal/", views.journal_list, name="journal_list"),
    path("<int:pk>/journal/ny/", views.journal_create, name="journal_create"),
    path("personer/<int:pk>/", views.person_detail, name="person_detail"),
    path("personer/<int:pk>/rediger/", views.person_update, name="person_update"),
    path("personer/<int:pk>/maal/ny/", views.goal_create, name="goal_create"),
    path("aktoerer/<int:pk>/rediger/", views.party_update, name="party_update"),
    path("maal/<int:pk>/handlinger/ny/", views.action_create, name="action_create"),
    path("handlinger/<int:pk>/rediger/", views.action_update, name="action_update"),
]

urlpatterns += document_urls.urlpatterns
