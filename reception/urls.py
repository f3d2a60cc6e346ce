from django.urls import path

from reception import views

app_name = "reception"

urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("visitering/ny/", views.allocation_create, name="allocation_create"),
    path("husstand/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("husstand/<int:pk>/visitering/", views.allocation_update, name="allocation_update"),
    path("husstand/<int:pk>/tolk/ny/", views.booking_create, name="booking_create"),
    path("husstand/<int:pk>/bolig/ny/", views.housing_create, name="housing_create"),
    path("opgaver/<int:pk>/", views.task_update, name="task_update"),
    path("tolk/<int:pk>/", views.booking_update, name="booking_update"),
    path("bolig/<int:pk>/", views.housing_update, name="housing_update"),
    path("personer/<int:pk>/afklaring/", views.screening_edit, name="screening_edit"),
    path("tolkning/", views.interpreter_report, name="interpreter_report"),
    path("noegletal/", views.figures, name="figures"),
    path("skabeloner/", views.template_list, name="template_list"),
    path("skabeloner/<int:pk>/", views.template_edit, name="template_edit"),
]
