"""Dates: machine-readable and written, English and Arabic; implausible ones rejected."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from processing.dates import parse_machine, parse_text, western_digits

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("written, expected", [
    # Egyptian / Gulf month names
    ("الأربعاء 18 نوفمبر 2026 - 09:15 ص", "2026-11-18T09:15:00"),
    ("الثلاثاء 17 نوفمبر 2026 02:15 م", "2026-11-17T14:15:00"),
    ("3 يناير 2025", "2025-01-03"),
    ("12 أغسطس 2024", "2024-08-12"),
    ("5 يونيه 2023", "2023-06-05"),
    # Levantine month names
    ("الاثنين 16 تشرين الثاني 2026", "2026-11-16"),
    ("1 كانون الثاني 2026", "2026-01-01"),
    ("27 شباط 1996", "1996-02-27"),
    ("9 آب 2025", "2025-08-09"),
    ("30 أيلول 2025", "2025-09-30"),
    ("5 كانون الأول 2025", "2025-12-05"),
    # Maghrebi month names
    ("14 جويلية 2025", "2025-07-14"),
    # Arabic-Indic and Persian digits
    ("١٧ تشرين الثاني ٢٠٢٦ - ٠٤:٢٠ م", "2026-11-17T16:20:00"),
    ("١٥ نوفمبر ٢٠٢٦", "2026-11-15"),
    ("۱۵ نوفمبر ۲۰۲۶", "2026-11-15"),
    ("٢٠٢٦/١١/١٥", "2026-11-15"),
    # A Hijri date beside the Gregorian one is skipped
    ("الأحد 15 جمادى الأولى 1448 هـ - 16 نوفمبر 2026 م", "2026-11-16"),
    # English
    ("Thursday 19 November 2026, 10:42am", "2026-11-19T10:42:00"),
    ("November 19, 2026", "2026-11-19"),
    ("19th Nov 2026", "2026-11-19"),
    ("Published 2026-11-19 08:30", "2026-11-19T08:30:00"),
    ("15/11/2026", "2026-11-15"),
])
def test_written_dates(written: str, expected: str) -> None:
    assert parse_text(written, NOW) == expected


@pytest.mark.parametrize("value, expected", [
    ("2026-11-19T10:42:00+00:00", "2026-11-19T10:42:00+00:00"),
    ("2026-11-19T10:42:00Z", "2026-11-19T10:42:00+00:00"),
    ("2026-11-17T21:31:05+0300", "2026-11-17T21:31:05+03:00"),
    ("2026-11-19T10:42:00.000+04:00", "2026-11-19T10:42:00+04:00"),
    ("2026-11-19", "2026-11-19"),
    ("Thu, 19 Nov 2026 10:42:00 GMT", "2026-11-19T10:42:00+00:00"),
    ("٢٠٢٦-١١-١٩T١٠:٤٢:٠٠+٠٣:٠٠", "2026-11-19T10:42:00+03:00"),
    ("19 نوفمبر 2026", "2026-11-19"),  # not ISO: read as written text
])
def test_machine_dates(value: str, expected: str) -> None:
    assert parse_machine(value, NOW) == expected


@pytest.mark.parametrize("value", [
    "2027-01-01",  # next year
    "2026-11-21T13:00:00+00:00",  # an hour from now
    "2026-11-23T09:00:00",  # two days ahead, no offset
    "1994-12-31",  # before 1995
    "1970-01-01T00:00:00Z",  # a zero timestamp rendered
    "0001-01-01",
    "not a date",
    "",
])
def test_implausible_or_unreadable_dates_are_rejected(value: str) -> None:
    assert parse_machine(value, NOW) is None


@pytest.mark.parametrize("written", [
    "3 أيلول 2031", "12 mars 1994", "الساعة 10:30", "Updated 11:58am", "Room 12, May Street", "السوق 2026",
])
def test_no_date_in_text(written: str) -> None:
    assert parse_text(written, NOW) is None


def test_a_skew_of_minutes_is_tolerated() -> None:
    assert parse_machine("2026-11-21T12:05:00+00:00", NOW) == "2026-11-21T12:05:00+00:00"
    assert parse_machine("2026-11-22", NOW) == "2026-11-22"  # a day ahead: an unknown time zone


def test_western_digits() -> None:
    assert western_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹") == "0123456789 0123456789"
