"""Deadline arithmetic for reception plans: the takeover rule, months, working days.

Pure functions on dates, no database. Working days are Monday to Friday except the
Danish public holidays (helligdage) of the ``holidays`` package's "public"
category. Christmas Eve (24 December), New Year's Eve and Constitution Day are not
public holidays by law (only by many collective agreements), so they count as
working days here; 25 and 26 December do not.
"""

import calendar
import datetime
from functools import lru_cache

import holidays


class Unit:
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


def last_day_of_month(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day, months):
    """The same day ``months`` later (or earlier), or that month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def takeover_date(*, decided_on, consent_on=None, quota_refugee=False, cpr_registered_on=None):
    """The day the municipality takes over responsibility (integrationsloven).

    * Quota refugees (§ 8): the day they are registered in the CPR register (None
      until that date is known).
    * Otherwise the end of the first full calendar month after the allocation
      decision. Our reading: the first full month is the first calendar month that
      starts *after* the day of the decision. So a decision on 1 March gives April
      (March is not wholly after the decision, which was made during it), and so does
      a decision on 15 or 31 March: the takeover is 30 April. A decision on 31
      January gives February, so 28 February (29 in a leap year).
    * The citizen may consent to an earlier takeover: ``consent_on`` is used when it
      is earlier than the rule's date (never before the decision itself).
    """
    if quota_refugee:
        return cpr_registered_on
    if decided_on is None:
        return None
    following = add_months(decided_on.replace(day=1), 1)
    rule = last_day_of_month(following.year, following.month)
    if consent_on is not None and decided_on <= consent_on < rule:
        return consent_on
    return rule


@lru_cache(maxsize=64)
def _public_holidays(year):
    return frozenset(holidays.country_holidays("DK", years=year, categories=("public",)))


def is_working_day(day):
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(day, count):
    """``count`` working days after ``day`` (before it when negative).

    Zero gives ``day`` itself if it is a working day, else the next working day.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    if remaining == 0:
        while not is_working_day(day):
            day += datetime.timedelta(days=1)
        return day
    while remaining:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def due_date(anchor, offset, unit):
    """The deadline ``offset`` units from the anchor date; None without an anchor."""
    if anchor is None:
        return None
    if unit == Unit.WORKING_DAYS:
        return add_working_days(anchor, offset)
    if unit == Unit.MONTHS:
        return add_months(anchor, offset)
    return anchor + datetime.timedelta(days=offset)
