from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from integration_portal import views
from integration_portal.forms import LoginForm

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # Answered by middleware.HealthCheckMiddleware before host checks and sessions.
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("medarbejdere/", views.staff_list, name="staff_list"),
    path("medarbejdere/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("log/person/", views.audit_lookup, name="audit_lookup"),
    path("log/person/<int:person_id>/", views.audit_person, name="audit_person"),
    path("log/person/<int:person_id>/csv/", views.audit_person_csv, name="audit_person_csv"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("adgangskode/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("adgangskode/skiftet/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("sager/", include("cases.urls")),
    path("modtagelse/", include("reception.urls")),
    path("efteruddannelse/", include("training.urls")),
    path("samarbejde/", include("networks.urls")),
    path("admin/", admin.site.urls),
]
