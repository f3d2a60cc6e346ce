"""Sections that other apps add to the printed integration plan.

The plan PDF belongs to cases, which knows nothing of reception or networks. An app
that has something to print about a household registers a section in its
AppConfig.ready(): ``data(household)`` returns JSON-serialisable data (it becomes
part of the plan snapshot and its hash, so a change there makes a new version), or
None to leave the section out; ``template`` renders that data inside the PDF.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanSection:
    key: str
    template: str
    data: Callable
    order: int = 100


_sections = {}


def register_plan_section(key, *, template, data, order=100):
    _sections[key] = PlanSection(key, template, data, order)


def plan_sections(household):
    """{key: data} of every registered section that has something to print."""
    found = {}
    for section in sorted(_sections.values(), key=lambda s: s.order):
        data = section.data(household)
        if data is not None:
            found[section.key] = data
    return found


def section_template(key):
    return _sections[key].template
