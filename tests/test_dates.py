"""Dates: machine-readable and written, English and Arabic; implausible ones rejected."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from processing.dates import (check_zone, date_line, localize, month_first, offset, parse_machine, parse_text,
                              western_digits)

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
    # a second number above 12 can only be the day: month first whatever the page's convention (#10)
    ("Thu, 11/19/2026 - 13:20", "2026-11-19T13:20:00"),
    ("11/18/2026", "2026-11-18"),
    # Levantine months by number (تشرين 1/2, كانون 1/2), spaced or not, either digit set (#10)
    ("الخميس 5 تشرين 1 2026 - 08:05 م", "2026-10-05T20:05:00"),
    ("السبت ٧ تشرين ٢ ٢٠٢٦", "2026-11-07"),
    ("2 كانون 1 2025", "2025-12-02"),
    ("الأحد 11 كانون2 2026 الساعة 07:40 ص", "2026-01-11T07:40:00"),
    ("١٨ كانون ٢ ٢٠٢٦", "2026-01-18"),
    ("19 تشرين 2026", None),  # a bare تشرين is not a month: it needs its number or its ordinal
    # Two names of one month, with an evening marker
    ("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24T21:22:00"),
    ("الأربعاء ٣ حزيران/يونيو ٢٠٢٦ ١١:١٠ صباحاً", "2026-06-03T11:10:00"),
    # Offsets written after the time are kept
    ("19 November 2026 10:42 GMT+4", "2026-11-19T10:42:00+04:00"),
    ("19 Nov 2026 10:42 (GMT+04:00)", "2026-11-19T10:42:00+04:00"),  # in brackets (#10)
    ("Nov 19, 2026 10:42 UTC+03:00", "2026-11-19T10:42:00+03:00"),
    ("19/11/2026 22:05 +0530", "2026-11-19T22:05:00+05:30"),
    ("Thursday 19 November 2026 10:42 GMT", "2026-11-19T10:42:00+00:00"),
    ("November 19, 2026 at 9:15 p.m. EST", "2026-11-19T21:15:00-05:00"),
    ("19 November 2026, 08:05 CEST", "2026-11-19T08:05:00+02:00"),
    ("Nov 19, 2026 6:40 AM IST", "2026-11-19T06:40:00"),  # India, Ireland or Israel: no offset guessed
    # Maghrebi «على الساعة» (at the hour) before the time
    ("19 نونبر 2026 على الساعة 14:05", "2026-11-19T14:05:00"),
    ("الاثنين 19 جانفي 2026 في الساعة 09:30", "2026-01-19T09:30:00"),
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
    # Offsets in the other spellings pages use (#10)
    ("Tue, 17 Nov 2026 00:30:00 GMT+0400", "2026-11-17T00:30:00+04:00"),
    ("Tue, 17 Nov 2026 00:30:00 GMT-05:00", "2026-11-17T00:30:00-05:00"),
    ("Tue Nov 17 2026 00:30:00 GMT+0400 (Gulf Standard Time)", "2026-11-17T00:30:00+04:00"),
    ("Mon Nov 16 2026 21:30:00 GMT+0300 (Arabian Standard Time)", "2026-11-16T21:30:00+03:00"),
    ("Tue Nov 17 2026 08:15:00 GMT+0000 (Greenwich Mean Time)", "2026-11-17T08:15:00+00:00"),
    # Unix time, in milliseconds or seconds, as JavaScript front ends write it (#10)
    ("1763543700000", "2025-11-19T09:15:00+00:00"),
    ("1763543700", "2025-11-19T09:15:00+00:00"),
    # ISO 8601's basic format
    ("20261119", "2026-11-19"),
    ("20261119T094200Z", "2026-11-19T09:42:00+00:00"),
])
def test_machine_dates(value: str, expected: str) -> None:
    assert parse_machine(value, NOW) == expected


@pytest.mark.parametrize("value", [
    "2027-01-01",  # next year
    "2026-11-21T13:00:00+00:00",  # an hour from now
    "2026-11-23T09:00:00",  # two days ahead, no offset
    "1994-12-31",  # before 1995
    "1970-01-01T00:00:00Z",  # a zero timestamp rendered
    "9999999999",  # ten digits, but in 2286
    "20261340",  # eight digits, but no day
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


@pytest.mark.parametrize("spelling, minutes", [
    ("+04:00", 240), ("+0400", 240), ("GMT+4", 240), ("GMT+0400", 240), ("UTC-05:30", -330), ("Z", 0),
    ("GMT", 0), ("utc", 0), ("GMT+15", None), ("EDT", -240), ("CEST", 120),
    ("IST", None), ("CST", None), ("AST", None),
    # the Gulf's zones as Gulf outlets print them, with or without brackets (#10)
    ("Gulf Standard Time", 240), ("GST", 240), ("(GST)", 240), ("Arabia Standard Time", 180),
])
def test_offset_spellings(spelling: str, minutes: int | None) -> None:
    found = offset(spelling)
    assert (found.utcoffset(None).total_seconds() / 60 if found else None) == minutes


@pytest.mark.parametrize("value, zone, expected", [
    ("2026-11-17T10:30:00", "Asia/Riyadh", "2026-11-17T10:30:00+03:00"),
    ("2026-11-17T10:30:00", "Asia/Dubai", "2026-11-17T10:30:00+04:00"),
    ("2026-07-01T09:00:00", "Europe/London", "2026-07-01T09:00:00+01:00"),  # summer time
    ("2026-12-01T09:00:00", "Europe/London", "2026-12-01T09:00:00+00:00"),
    ("2026-11-17T10:30:00+00:00", "Asia/Dubai", "2026-11-17T10:30:00+00:00"),  # the page's offset wins
    ("2026-11-17", "Asia/Dubai", "2026-11-17"),  # a day has no offset
    ("2026-11-17T10:30:00", None, "2026-11-17T10:30:00"),
])
def test_a_time_without_offset_takes_the_outlets_zone(value: str, zone: str | None, expected: str) -> None:
    assert localize(value, zone) == expected


def test_zone_names_are_checked() -> None:
    assert check_zone("Asia/Qatar") is None
    assert "unknown time zone 'Asia/Doha2'" in check_zone("Asia/Doha2")
    assert "not an IANA time zone name" in check_zone("GMT +4")
    # a name in the wrong case, or misspelt, is named as it is written (#11)
    assert check_zone("europe/london") == "unknown time zone 'europe/london' (did you mean 'Europe/London'?)"
    assert check_zone("Asia/Dubia") == "unknown time zone 'Asia/Dubia' (did you mean 'Asia/Dubai'?)"
    assert check_zone("Mars/Base") == ("unknown time zone 'Mars/Base' (use an IANA name such as Europe/London or "
                                       "Asia/Dubai)")


@pytest.mark.parametrize("line, expected", [
    ("الثلاثاء 17 نوفمبر 2026", "2026-11-17"),
    ("١٠ تشرين 2 ٢٠٢٦", "2026-11-10"),
    ("8 نونبر 2026", "2026-11-08"),
    ("الجمعة 24 نيسان / أبريل 2020 09:22 مساءً", "2020-04-24T21:22:00"),
    ("الأحد 4 جمادى الأولى 1448 هـ - 15 نوفمبر 2026", "2026-11-15"),
    ("Published: Mon 16 Nov 2026, 9:41 AM", "2026-11-16T09:41:00"),
    ("Last updated: November 12, 2026 10:15 PM (GST)", "2026-11-12T22:15:00+04:00"),
    ("12 November 2026 9:00 pm Gulf Standard Time", "2026-11-12T21:00:00+04:00"),
    # a line that says something besides its date is no date line
    ("March 3, 2024: the company is founded", None),
    ("كتب سلطان الفلاسي الخميس 12 نوفمبر 2026", None),
    ("منذ ساعتين", None),
])
def test_a_line_that_is_nothing_but_a_date(line: str, expected: str | None) -> None:
    assert date_line(line, NOW) == expected


@pytest.mark.parametrize("written, expected", [
    # «بتوقيت …» ("… time"): Greenwich and the Gulf's zones, which keep no daylight saving
    ("السبت 14 تشرين الثاني 2026 - 10:30 بتوقيت مكة", "2026-11-14T10:30:00+03:00"),
    ("15 نوفمبر 2026 11:00 ص بتوقيت غرينتش", "2026-11-15T11:00:00+00:00"),
    ("2026 - 11 - 15 الساعة 10:30 بتوقيت أبوظبي", "2026-11-15T10:30:00+04:00"),
    ("10:30 بتوقيت القاهرة 15/11/2026", "2026-11-15"),  # Cairo keeps daylight saving: no fixed offset
    ("15 November 2026 | 10:30 pm UAE", "2026-11-15T22:30:00+04:00"),
    # numeric dates printed with spaces around the separators
    ("15 - 11 - 2026", "2026-11-15"),
    ("النتيجة 2 - 1 للفريق", None),
])
def test_zones_and_spaced_numbers_as_pages_write_them(written: str, expected: str | None) -> None:
    assert parse_text(written, NOW) == expected


@pytest.mark.parametrize("written, expected", [
    # a region's zone takes that day's offset: Eastern time in November and in July, UK time
    ("Nov. 3, 2026 5:04 p.m. ET", "2026-11-03T17:04:00-05:00"),
    ("July 3, 2026 5:04 p.m. ET", "2026-07-03T17:04:00-04:00"),
    ("Tuesday 3 November 2026 13:45, UK", "2026-11-03T13:45:00+00:00"),
    ("Friday 3 July 2026 13:45, UK", "2026-07-03T13:45:00+01:00"),
    # the time first, as UK tabloids and regional platforms print it
    ("09:12, 3 Nov 2026", "2026-11-03T09:12:00"),
    ("Published: 07:42 GMT 8 November 2026", "2026-11-08T07:42:00+00:00"),
    ("9.38am on Thursday 5 November 2026", "2026-11-05T09:38:00"),
    ("12 Nov 2026 10:30 13 Nov 2026", "2026-11-12T10:30:00"),  # a time after a date is that date's
    # a bullet between date and time
    ("30 August 2026 • 4:45pm", "2026-08-30T16:45:00"),
    # the time first, then a US month-first date
    ("Updated 5:04 PM EST, Tue November 3, 2026", "2026-11-03T17:04:00-05:00"),
    ("Published 10:15 AM ET, Thu July 2, 2026", "2026-07-02T10:15:00-04:00"),
])
def test_uk_and_us_spellings_of_date_time_and_zone(written: str, expected: str) -> None:
    assert parse_text(written, NOW) == expected


@pytest.mark.parametrize("line, expected", [
    ("PUBLISHED: October 22, 2026 at 4:02 PM EDT | UPDATED: October 22, 2026 at 6:15 PM EDT",
     "2026-10-22T16:02:00-04:00"),
    ("Published Nov. 9, 2026 5:04 p.m. ET", "2026-11-09T17:04:00-05:00"),
    ("Updated 11:30, 3 Nov 2026", "2026-11-03T11:30:00"),
    ("1 Nov 2026, 2 Nov 2026 and 3 Nov 2026", None),  # three dates: a list, not a date line
    ("October 22, 2026: council votes | October 23, 2026: mayor signs", None),
])
def test_a_date_line_with_its_update_or_a_region_zone(line: str, expected: str | None) -> None:
    assert date_line(line, NOW) == expected


@pytest.mark.parametrize("written, first, expected", [
    # day first (the UK, the Gulf, most of the world) unless the outlet writes month first (the US)
    ("11/02/2026", False, "2026-02-11"), ("11/02/2026", True, "2026-11-02"),
    ("11.02.2026", False, "2026-02-11"), ("11.02.2026", True, "2026-11-02"),
    ("١١/٠٢/٢٠٢٦", False, "2026-02-11"), ("نشر في ٠٣-٠٤-٢٠٢٦", False, "2026-04-03"),
    ("Posted 04/03/2026 9:15 AM", True, "2026-04-03T09:15:00"), ("Posted 04/03/2026 9:15", False, "2026-03-04T09:15:00"),
    ("Published 11/02/2026 6:40 PM", True, "2026-11-02T18:40:00"), ("2026-11-02 6:40 PM", False, "2026-11-02T18:40:00"),
    # only one order is a real date: that one, whatever the convention
    ("13/02/2026", True, "2026-02-13"), ("02/13/2026", False, "2026-02-13"), ("31.10.2026", True, "2026-10-31"),
    # or one order only is not in the future (NOW: 21 November 2026)
    ("12/11/2026", True, "2026-11-12"), ("11/12/2026", False, "2026-11-12"),
    # the year first or a month's name: no convention to apply
    ("2026/02/11", True, "2026-02-11"), ("11 February 2026", True, "2026-02-11"), ("February 11, 2026", False, "2026-02-11"),
])
def test_numeric_dates_follow_the_outlets_order(written: str, first: bool, expected: str) -> None:
    assert parse_text(written, NOW, month_first=first) == expected
    assert date_line(written, NOW, month_first=first) == expected
    assert parse_machine(written, NOW, month_first=first) == expected


@pytest.mark.parametrize("country, locale, expected", [
    ("US", None, True), ("us", "en-GB", True), ("PR", None, True), ("GB", "en-US", False), ("AE", None, False),
    ("SA", "ar", False), (None, "en-US", True), (None, "en_US", True), (None, "en-us", True), (None, "en-GB", False),
    (None, "en", False), (None, "ar-AE", False), (None, "es-US", False), (None, None, False), ("", "en-US", True),
])
def test_one_policy_for_the_order_of_a_numeric_date(country: str | None, locale: str | None, expected: bool) -> None:
    assert month_first(country, locale) is expected


@pytest.mark.parametrize("written, expected", [
    # the shared Levantine names without their article, as Syrian and Iraqi pages print them (#10)
    ("الأحد 19 تشرين ثاني 2023", "2023-11-19"),
    ("٣ تشرين أول ٢٠٢٥", "2025-10-03"),
    ("الخميس 7 كانون أول 2023 - 10:00 ص", "2023-12-07T10:00:00"),
    ("16 كانون ثاني 2024", "2024-01-16"),
    # any spelling of a month's letters: no hamza, «ى» for «ي», tatweel, marks
    ("09 اوت 2023", "2023-08-09"),
    ("12 تشرين الثانى 2023", "2023-11-12"),
    ("١٥ نوفمـــبر ٢٠٢٣", "2023-11-15"),
    ("2 إبريل 2024", "2024-04-02"),
    ("20 اذار 2024", "2024-03-20"),
    # a time first, an Arabic weekday between it and the date
    ("10:25 ص - الثلاثاء 16 كانون ثاني 2024", "2024-01-16T10:25:00"),
    ("08:40 م، الجمعة 3 نوفمبر 2023", "2023-11-03T20:40:00"),
    # «بتوقيت مكة المكرمة» after an evening time; the Hijri date before the Gregorian one is not read
    ("الثلاثاء 14 نوفمبر 2023 - 09:10 مساءً بتوقيت مكة المكرمة", "2023-11-14T21:10:00+03:00"),
    ("الخميس 4 جمادى الأولى 1445هـ - 16 نوفمبر 2023م", "2023-11-16"),
    ("الجمعة 3 جمادى الأولى 1445 هـ", None),
])
def test_levantine_names_without_article_any_spelling_and_time_first(written: str, expected: str | None) -> None:
    assert parse_text(written, NOW) == expected
    if expected:
        assert date_line(written, NOW) == expected


@pytest.mark.parametrize("written, expected", [
    ("11/22/2023 11:15 AM", "2023-11-22T11:15:00"),  # no month 22: month first, where the day comes first (#10)
    ("11/22/2023", "2023-11-22"),
    ("22/11/2023", "2023-11-22"),
    ("31/31/2023", None),
])
def test_a_numeric_date_only_one_order_makes_real(written: str, expected: str | None) -> None:
    assert parse_text(written, NOW) == expected


@pytest.mark.parametrize("written, expected", [
    # «بتوقيت …» for a capital with daylight saving: that day's offset by the IANA zone's rules (#10)
    ("الأحد 12 نوفمبر 2023 - 09:30 م بتوقيت القاهرة", "2023-11-12T21:30:00+02:00"),
    ("12 يوليو 2023 10:00 ص بتوقيت القاهرة", "2023-07-12T10:00:00+03:00"),
    ("5 تموز 2023 08:00 بتوقيت بيروت", "2023-07-05T08:00:00+03:00"),
    ("5 كانون الثاني 2024 08:00 بتوقيت بيروت", "2024-01-05T08:00:00+02:00"),
    ("19 نونبر 2023 14:05 بتوقيت المغرب", "2023-11-19T14:05:00+01:00"),
    ("3 مارس 2024 09:00 بتوقيت الأردن", "2024-03-03T09:00:00+03:00"),
    ("12 نوفمبر 2023 10:00 بتوقيت مكة", "2023-11-12T10:00:00+03:00"),  # fixed offsets as before
])
def test_arab_capitals_zones_with_daylight_saving(written: str, expected: str) -> None:
    assert parse_text(written, NOW) == expected
