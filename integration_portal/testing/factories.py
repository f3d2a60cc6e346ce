"""factory-boy factories for the core; apps keep theirs in <app>/tests/factories.py."""

import factory
from django.contrib.auth.models import Group

from integration_portal.models import Municipality, User
from integration_portal.roles import Role

PASSWORD = "korrekt-hest-batteri-42"


def municipality(code):
    return Municipality.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.dk")
    municipality = factory.LazyFunction(lambda: municipality("420"))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).value))
        if create:
            self.save()
