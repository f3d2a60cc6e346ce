from django.core.management import call_command

from reception.models import InterpreterBooking, PlanTask, ReceptionPlan, TaskStatus


def seed(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_the_demo_has_plans_at_different_stages_and_rated_bookings(db, settings):
    seed(settings)
    assert ReceptionPlan.all_objects.filter(household__municipality__code="420").count() >= 3
    assert ReceptionPlan.all_objects.filter(household__municipality__code="461").exists()
    statuses = set(PlanTask.all_objects.values_list("status", flat=True))
    assert {TaskStatus.OPEN, TaskStatus.DONE} <= statuses
    assert InterpreterBooking.all_objects.filter(rating__isnull=False).exists()
    assert InterpreterBooking.all_objects.filter(rating__lte=2).exists()


def test_seeding_twice_changes_nothing(db, settings):
    seed(settings)
    counts = (ReceptionPlan.all_objects.count(), PlanTask.all_objects.count(),
              InterpreterBooking.all_objects.count())
    seed(settings)
    assert (ReceptionPlan.all_objects.count(), PlanTask.all_objects.count(),
            InterpreterBooking.all_objects.count()) == counts
