"""Sections that other apps add to the printed integration plan.

The plan PDF belongs to cases, which knows nothing of reception or networks. An app
that has something to print about a household registers a section in its
AppConfig.ready(): ``data(household, person)`` returns JSON-serialisable data (it becomes
part of the plan snapshot and its hash, so a change there makes a new version), or
None to leave the section out; ``template`` renders that data inside the PDF.
``person`` is the adult a personal plan is for, or None for the household's plan.
"""

from integration_portal.slots import Slot

plan_sections = Slot("printed plan")


def register_plan_section(key, *, template, data, order=100):
    plan_sections.register(key, template=template, context=data, order=order)


def plan_section_data(household, person=None):
    """{key: data} of every registered section that has something to print."""
    return {entry.key: data for entry, data in plan_sections.filled(household, person)}
