"""The takeover rule and working-day deadlines (pure functions)."""

import datetime

import pytest

from reception.deadlines import (
    Unit,
    add_months,
    add_working_days,
    due_date,
    is_working_day,
    takeover_date,
)

D = datetime.date


@pytest.mark.parametrize(("decided", "takeover"), [
    (D(2026, 3, 15), D(2026, 4, 30)),
    (D(2026, 3, 31), D(2026, 4, 30)),   # last day of a month: the next month is the first full
    (D(2026, 3, 1), D(2026, 4, 30)),    # the day of the decision is inside March: April
    (D(2026, 1, 31), D(2026, 2, 28)),
    (D(2028, 1, 31), D(2028, 2, 29)),   # leap year
    (D(2028, 1, 1), D(2028, 2, 29)),
    (D(2026, 12, 31), D(2027, 1, 31)),  # across the year
    (D(2026, 11, 30), D(2026, 12, 31)),
    (D(2026, 2, 28), D(2026, 3, 31)),
])
def test_takeover_is_the_end_of_the_first_full_month_after_the_decision(decided, takeover):
    assert takeover_date(decided_on=decided) == takeover


def test_an_earlier_takeover_by_consent_wins_but_never_a_later_one():
    decided = D(2026, 3, 10)
    assert takeover_date(decided_on=decided, consent_on=D(2026, 3, 20)) == D(2026, 3, 20)
    assert takeover_date(decided_on=decided, consent_on=D(2026, 5, 20)) == D(2026, 4, 30)
    assert takeover_date(decided_on=decided, consent_on=D(2026, 3, 1)) == D(2026, 4, 30)


def test_quota_refugees_are_taken_over_on_the_cpr_registration_date():
    assert takeover_date(decided_on=D(2026, 3, 10), quota_refugee=True,
                         cpr_registered_on=D(2026, 3, 12)) == D(2026, 3, 12)
    assert takeover_date(decided_on=D(2026, 3, 10), quota_refugee=True) is None


def test_working_days_skip_weekends():
    friday = D(2026, 3, 6)
    assert add_working_days(friday, 1) == D(2026, 3, 9)
    assert add_working_days(D(2026, 3, 9), -1) == friday
    assert add_working_days(D(2026, 3, 7), 0) == D(2026, 3, 9)


def test_working_days_skip_easter():
    # 2026: Maundy Thursday 2 April, Good Friday 3 April, Easter Monday 6 April.
    wednesday = D(2026, 4, 1)
    assert not any(is_working_day(D(2026, 4, day)) for day in (2, 3, 6))
    assert add_working_days(wednesday, 1) == D(2026, 4, 7)
    assert add_working_days(wednesday, 2) == D(2026, 4, 8)
    assert add_working_days(D(2026, 4, 7), -1) == wednesday


def test_working_days_skip_christmas_but_not_christmas_eve():
    # 24 December is no public holiday by law; 25 and 26 December are.
    wednesday = D(2026, 12, 23)
    assert is_working_day(D(2026, 12, 24))
    assert not is_working_day(D(2026, 12, 25))
    assert add_working_days(wednesday, 1) == D(2026, 12, 24)
    assert add_working_days(wednesday, 2) == D(2026, 12, 28)
    # 2027: 25 and 26 December fall on Saturday and Sunday; 27 December is a Monday.
    assert add_working_days(D(2027, 12, 24), 1) == D(2027, 12, 27)
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)  # 1 January, then a weekend


def test_month_deadlines_stop_at_the_month_end():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)


def test_due_dates_by_unit_and_without_an_anchor():
    anchor = D(2026, 4, 1)
    assert due_date(anchor, 10, Unit.CALENDAR_DAYS) == D(2026, 4, 11)
    assert due_date(anchor, 3, Unit.WORKING_DAYS) == D(2026, 4, 9)
    assert due_date(anchor, 3, Unit.MONTHS) == D(2026, 7, 1)
    assert due_date(None, 3, Unit.MONTHS) is None
