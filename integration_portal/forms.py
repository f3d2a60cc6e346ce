"""The login forms: Django's own, with the length of both credentials checked.

Django's AuthenticationForm sets the username field's ``max_length`` after the field
is built, so no length validator ever runs: a 5,000-character username went on to
``authenticate()``, and django-axes stored it in its 255-character column when it
recorded the failed attempt (a DataError, so a 500). With a validator on each field,
an over-long credential is a form error and ``authenticate()`` is never called.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Far above any real password; keeps hashing cost and request size bounded.
PASSWORD_MAX_LENGTH = 4096


class BoundedCredentialsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit("username", self.username_field.max_length, _("Brugernavnet er for langt."))
        self._limit("password", PASSWORD_MAX_LENGTH, _("Adgangskoden er for lang."))

    def _limit(self, name, limit, message):
        field = self.fields[name]
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit, message=message))


class LoginForm(BoundedCredentialsMixin, AuthenticationForm):
    pass


class AdminLoginForm(BoundedCredentialsMixin, AdminAuthenticationForm):
    pass
