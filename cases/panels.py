"""Panels other apps add to the household page (reception plan, shares, ...).

``context(request, household)`` returns the panel's template context, or None to
leave it out; it must go through the access policy like every other read.
"""

from integration_portal.slots import Slot

household_panels = Slot("household page")


def register_household_panel(key, *, template, context, order=100):
    household_panels.register(key, template=template, context=context, order=order)
