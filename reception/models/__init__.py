"""Reception: allocation and handover, plan templates, plans and tasks,
interpreter bookings, housing and the early 360-degree screening."""

from reception.models.allocation import Allocation
from reception.models.plans import PlanTask, ReceptionPlan, ReminderLog, TaskStatus
from reception.models.services import (
    BookingMode,
    BookingStatus,
    HousingKind,
    HousingPlacement,
    HousingType,
    InterpreterBooking,
    Screening,
)
from reception.models.templates import (
    Anchor,
    AppliesTo,
    DeadlineUnit,
    ReceptionTemplate,
    ResponsibleRole,
    TemplateStep,
    TemplateVersion,
)

__all__ = [
    "Allocation", "Anchor", "AppliesTo", "BookingMode", "BookingStatus", "DeadlineUnit",
    "HousingKind", "HousingPlacement", "HousingType", "InterpreterBooking", "PlanTask",
    "ReceptionPlan", "ReceptionTemplate", "ReminderLog", "ResponsibleRole", "Screening",
    "TaskStatus", "TemplateStep", "TemplateVersion",
]
