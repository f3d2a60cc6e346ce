"""Factories for the training app; the real programme comes from the data migration."""

from datetime import timedelta

import factory
from django.utils import timezone

from integration_portal.models import Region
from integration_portal.testing.factories import municipality
from training import services
from training.models import JobFunction, Module, Practitioner, SessionStatus, Theme


class PractitionerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practitioner

    name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"praktiker{n}@example.dk")
    municipality = factory.LazyFunction(lambda: municipality("420"))
    job_function = JobFunction.CASEWORKER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.all_objects.create(*args, **kwargs)


def module(kind="mandatory"):
    return Module.objects.get(kind=kind)


def make_session(*, kind="mandatory", theme="beskaeftigelse", capacity=20, start_in=30,
                 status=SessionStatus.OPEN, city="Odense", region=Region.SYDDANMARK):
    start = timezone.localdate() + timedelta(days=start_in)
    chosen = module(kind)
    return services.create_session(
        by=None, module=chosen,
        theme=Theme.objects.get(module=chosen, code=theme) if kind == "elective" else None,
        dates=[start, start + timedelta(days=1)], venue="Rådhuset", city=city, region=region,
        capacity=capacity, instructors="Mette Blauenfeldt",
        enrolment_deadline=start - timedelta(days=7), status=status)


def complete(enrolment, by):
    """Register every day attended."""
    for day in enrolment.session.days.all():
        services.record_attendance(enrolment=enrolment, day=day, present=True, by=by)
    enrolment.refresh_from_db()
    return enrolment
