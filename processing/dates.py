"""Publication dates: machine-readable and visible, English and Arabic, checked for plausibility.

Accepted forms: ISO 8601 (with or without time and offset), RFC 822 (``Thu, 19 Nov 2026 10:42:00
GMT``), numeric ``2026/11/19`` and ``19/11/2026``, and day-month-year or month-day-year with month
names in English or Arabic: the Egyptian/Gulf names (يناير … ديسمبر), the Levantine ones
(كانون الثاني … كانون الأول, also numbered: تشرين 1, تشرين 2, كانون 1, كانون 2) and the Maghrebi ones
(جانفي، فيفري، أفريل …); two names of one month side by side («24 نيسان / أبريل 2020») read as one.
The shared Levantine names are read with or without the article («تشرين الثاني», «تشرين ثاني»), and
every Arabic name in any spelling of its letters (hamza or none, «ى» for «ي», tatweel: «اوت» is «أوت»,
«الثانى» is «الثاني»), texts and names being compared in :func:`processing.arabic.fold`'s form.
Arabic-Indic (٠١٢…) and Persian (۰۱۲…) digits count as digits. A Hijri date next to the Gregorian one
is ignored. A time may come first, a weekday between it and the date («10:25 ص - الثلاثاء 16 …»).

An offset is kept in every common spelling: ``+04:00``, ``+0400``, ``GMT+4``, ``GMT+0400``,
``UTC+04:00``, ``Z``/``GMT``/``UTC`` alone, unambiguous zone abbreviations (``EST``, ``CEST``…), a
region's zone whose offset that day its rules give (``ET``, ``PT``, ``UK``: :data:`REGION_ZONES`; «بتوقيت
القاهرة» and the Arab capitals with daylight saving: :data:`ARABIC_REGION_ZONES`), and
JavaScript's ``Date.toString()`` form
``Tue Nov 17 2026 00:30:00 GMT+0400 (Gulf Standard Time)``. A time without one stays naive here;
:func:`localize` gives it the outlet's time zone (the registry's ``timezone``).

A date before 1995 or in the future is rejected (None), never stored: the web's news archives start
in the mid-1990s, and a future date is a template's placeholder or a wrong time zone. "Future"
allows a small skew: ten minutes for a time with an offset, one day for a bare date or a time without
one (its time zone is unknown and may be up to 14 hours ahead of UTC).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from processing.arabic import fold

EARLIEST_YEAR = 1995
AWARE_SKEW = timedelta(minutes=10)
NAIVE_SKEW = timedelta(days=1)

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Month names, longest first within a month so that "كانون الثاني" is not read as "كانون".
_MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "يناير", "كانون الثاني", "جانفي", "ينایر"),
    2: ("february", "feb", "فبراير", "شباط", "فيفري", "فبرایر"),
    3: ("march", "mar", "مارس", "آذار", "اذار", "أذار"),
    4: ("april", "apr", "أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل"),
    5: ("may", "مايو", "أيار", "ايار", "ماي"),
    6: ("june", "jun", "يونيو", "يونيه", "حزيران", "جوان"),
    7: ("july", "jul", "يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("august", "aug", "أغسطس", "اغسطس", "آب", "اب", "أوت", "غشت"),
    9: ("september", "sept", "sep", "سبتمبر", "أيلول", "ايلول", "شتنبر"),
    10: ("october", "oct", "أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول", "أكتوبر"),
    11: ("november", "nov", "نوفمبر", "تشرين الثاني", "نونبر"),
    12: ("december", "dec", "ديسمبر", "كانون الأول", "كانون الاول", "دجنبر"),
}
# The Levantine months that share a name, written without the article as many Syrian and Iraqi pages
# print them («١٩ تشرين ثاني ٢٠٢٣», «كانون أول»).
for _month, _name in ((10, "تشرين أول"), (11, "تشرين ثاني"), (12, "كانون أول"), (1, "كانون ثاني")):
    _MONTHS[_month] += (_name,)
# The Levantine months that share a name are also written with a number: تشرين 1 (October),
# تشرين 2 (November), كانون 1 (December), كانون 2 (January); digits are made Western first.
_NUMBERED = {("تشرين", "1"): 10, ("تشرين", "2"): 11, ("كانون", "1"): 12, ("كانون", "2"): 1}
for (_name, _number), _month in _NUMBERED.items():
    _MONTHS[_month] += (f"{_name} {_number}", f"{_name}{_number}")
# Keyed and matched in the folded spelling (processing.arabic.fold: hamza forms, alef maqsura, ta
# marbuta, tatweel and marks unified, both digit sets made ASCII): «اوت» is «أوت», «الثانى» is
# «الثاني», «نوفمـــبر» is «نوفمبر». The texts read here are folded the same way first.
_MONTH_OF = {fold(name): number for number, names in _MONTHS.items() for name in names}
# Every month name this module reads, in every language and family: for other modules that must
# tell a date from a name (processing.bylines trims them off a byline).
MONTH_NAMES: frozenset[str] = frozenset(_MONTH_OF)
_MONTH_ALT = "|".join(sorted((re.escape(n) for n in _MONTH_OF), key=len, reverse=True))
# Letters of either script do not touch a month name (so "mar" is not read inside "market").
_WORD_EDGE_L = r"(?<![A-Za-z\u0621-\u064A])"
_WORD_EDGE_R = r"(?![A-Za-z\u0621-\u064A])"
# A numbered month ("تشرين 2") is not followed by another digit; a second name of the same month
# may follow after a slash («نيسان / أبريل»).
_MONTH = (rf"{_WORD_EDGE_L}(?P<month>{_MONTH_ALT}){_WORD_EDGE_R}(?!(?<=\d)\d)\.?"
          rf"(?:\s*/\s*{_WORD_EDGE_L}(?:{_MONTH_ALT}){_WORD_EDGE_R})?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_CLOCK = (r"(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)"
          r"(?::(?P<second>[0-5]\d))?"
          r"\s*(?P<ampm>a\.?m\.?|p\.?m\.?|صباحاً|صباحا|مساءً|مساء|ص|م)?"
          r"(?:\s*,?\s*(?P<offset>\(?(?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d\d)?\)?|[+-]\d\d:?\d\d|Z(?![A-Za-z])|GMT|UTC"
          r"|\(?(?:EST|EDT|CDT|MST|MDT|PST|PDT|CET|CEST|EET|EEST|BST|GST|UAE|KSA|ET|PT|UK)(?![A-Za-z])\)?"
          r"|\(?Gulf Standard Time\)?|\(?Arabia Standard Time\)?"
          r"|بتوقيت\s+(?:غرينتش|غرينيتش|جرينتش|مكة المكرمة|مكة|الرياض|السعودية|الإمارات|الامارات|أبوظبي|ابوظبي|دبي"
          r"|الدوحة|قطر|الكويت|البحرين|المنامة|مسقط"
          r"|القاهرة|مصر|بيروت|لبنان|دمشق|سوريا|سورية|بغداد|العراق|القدس|فلسطين|الرباط|المغرب|تونس|الجزائر"
          r"|الخرطوم|السودان|طرابلس الغرب|ليبيا|صنعاء|اليمن|الأردن|الاردن|إسطنبول|اسطنبول|أنقرة|انقرة|تركيا))"
          r"(?![\d:]))?")
_TIME = r"(?:[\sT,،\-–|•·]*(?:at\s*|(?:على|في)?\s*الساعة\s*)?" + _CLOCK + ")?"


def _compile(source: str) -> re.Pattern[str]:
    """A date pattern, its Arabic words in the folded spelling the texts are matched in
    (:func:`processing.arabic.fold`), case-blind."""
    return re.compile(fold(source), re.IGNORECASE)


_HIJRI = _compile(r"\d{4}\s*(?:هـ|ه\b|هجري)")
# A weekday between a time and the date after it: "9.38am on Thursday 5 November", «10:25 ص - الثلاثاء 16 …».
_WEEKDAY = (r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*"
            r"|(?:الأحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت)\s*[,،]?\s*)?")

_DAY_MONTH_YEAR = _compile(rf"(?<!\d){_DAY}\s*(?:of\s+)?[\s\-/،,.]*{_MONTH}[\s\-/،,.]*{_YEAR}{_TIME}")
_MONTH_DAY_YEAR = _compile(rf"{_MONTH}\s*{_DAY}\s*[,،]?\s*{_YEAR}{_TIME}")
# The time first, as British tabloids and regional platforms print it: "09:12, 3 Nov 2026",
# "07:42 GMT 8 November 2026", "9.38am on Thursday 5 November 2026", and as US pages do, "5:04 PM
# EST, Tue November 3, 2026"; not the time of a date before it ("12 Nov 2026 10:30 13 Nov …").
_TIME_DAY_MONTH_YEAR = _compile(
    rf"(?<![\d:.])(?<!(?:19|20)\d\d )(?<!(?:19|20)\d\d, ){_CLOCK}[\s,،|•·\-–]*(?:on\s+)?{_WEEKDAY}"
    rf"{_DAY}\s*(?:of\s+)?[\s\-/,،.]*{_MONTH}[\s\-/,،.]*{_YEAR}")
_TIME_MONTH_DAY_YEAR = _compile(
    rf"(?<![\d:.])(?<!(?:19|20)\d\d )(?<!(?:19|20)\d\d, ){_CLOCK}[\s,،|•·\-–]*(?:on\s+)?"
    rf"{_WEEKDAY}{_MONTH}\s*{_DAY}\s*[,،]?\s*{_YEAR}")
# Numeric dates, also spaced («15 - 11 - 2026», as Arabic pages often print them).
# (Case-blind like the other forms: "6:40 PM" after a numeric date kept its hour as 6.)
_YMD = _compile(r"(?<!\d)(?P<year>(?:19|20)\d\d) ?[-/.] ?(?P<month>[01]?\d) ?[-/.] ?(?P<day>[0-3]?\d)(?!\d)" + _TIME)
# (either of the first two numbers may be the day: "11/22/2023" is read month first even where the
# day comes first, as no month 22 exists)
_DMY = _compile(r"(?<!\d)(?P<day>[0-3]?\d) ?[-/.] ?(?P<month>[0-3]?\d) ?[-/.] ?(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME)
_PATTERNS = (_YMD, _TIME_DAY_MONTH_YEAR, _TIME_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _DMY)
_PM = tuple(fold(word) for word in ("pm", "p.m.", "p.m", "م", "مساءً", "مساء"))


def western_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits replaced by ASCII digits."""
    return text.translate(_DIGITS)


def parse_machine(value: str | None, now: datetime | None = None, *, month_first: bool = False) -> str | None:
    """A machine-readable date (ISO 8601, also its basic format "20261119", RFC 822 or Unix time in
    seconds or milliseconds, as in JSON-LD, meta tags and data attributes) as ISO 8601, or None
    when it does not parse or is implausible. Falls back to :func:`parse_text` (with ``month_first``)."""
    if not value:
        return None
    text = _JS_ZONE_NAME.sub("", western_digits(value.strip()))
    moment = _from_iso(text) or _from_epoch(text) or _from_compact(text)
    if moment is None:
        moment = _from_rfc822(text)
    if moment is None:
        return parse_text(text, now, month_first=month_first)
    return plausible(moment, now)


def parse_text(text: str | None, now: datetime | None = None, *, month_first: bool = False) -> str | None:
    """The first plausible date written in ``text`` (e.g. "الاثنين ١٦ تشرين الثاني ٢٠٢٦ - ١٠:٣٠ ص"),
    as ISO 8601 (a date, or a date and time without offset), or None. A numeric date with the year
    last ("11/02/2026") is read month first when ``month_first`` (see :func:`month_first`), else
    day first; when only the other order gives a real date ("13/02/2026", "02/13/2026"), or a
    plausible one (not in the future), that one."""
    if not text:
        return None
    text = _HIJRI.sub(" ", fold(" ".join(text.split())))
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _plausible_reading(match, month_first, now)
            if found is not None:
                return found
    return None


# Words a line that is nothing but a date may hold besides the date: weekdays, labels, the time of
# day, zones, and the Hijri months of a Hijri date printed beside the Gregorian one.
_LINE_WORDS = frozenset(fold(word).casefold() for word in """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
published updated posted last first modified date on at of am pm a m p gmt utc gst gulf arabia standard time
est edt cdt mst mdt pst pdt cet cest eet eest bst et pt uk
الأحد الاحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت نشر نشرت النشر في بتاريخ تاريخ آخر اخر تحديث التحديث
تم يوم الساعة ص م صباحا صباحاً مساء مساءً ميلادي ميلادية الموافق هـ ه بتوقيت توقيت مكة المكرمة غرينتش
محرم صفر ربيع الأول الآخر الثاني جمادى الأولى الآخرة رجب شعبان رمضان شوال ذو ذي القعدة الحجة
""".split())
_LETTERS = re.compile(r"[^\W\d_]+")
DATE_LINE_CHARS = 90
MAX_LINE_DATES = 2  # "Published: 22 October 2026 4:02 PM | Updated: 22 October 2026 6:15 PM"


def date_line(text: str | None, now: datetime | None = None, *, month_first: bool = False) -> str | None:
    """The date of a line that is nothing but a date ("الثلاثاء 17 نوفمبر 2026", "١٠ تشرين 2 ٢٠٢٦",
    "Published: Mon 16 Nov 2026, 9:41 AM", or published and updated dates side by side): at most
    ``DATE_LINE_CHARS`` characters a date, ``MAX_LINE_DATES`` dates (the first is returned), and every
    word beside the date a weekday, a label, a time of day, a zone or a Hijri month
    (:data:`_LINE_WORDS`). None for a line that says anything else ("March 3, 2024: the company
    is founded"), or whose date is implausible. ``month_first``: as in :func:`parse_text`."""
    line = " ".join((text or "").split())
    if not line or len(line) > DATE_LINE_CHARS * MAX_LINE_DATES:
        return None
    line = _HIJRI.sub(" ", fold(line))
    for pattern in _PATTERNS:
        matches = list(pattern.finditer(line))[:MAX_LINE_DATES + 1]
        if not matches:
            continue
        if len(matches) > MAX_LINE_DATES or len(line) > DATE_LINE_CHARS * len(matches):
            return None
        rest = pattern.sub(" ", line)
        if any(word.casefold() not in _LINE_WORDS for word in _LETTERS.findall(fold(rest))):
            return None
        return _plausible_reading(matches[0], month_first, now)
    return None


def localize(value: str | None, zone: str | None) -> str | None:
    """``value`` (ISO 8601 from this module) with ``zone``'s offset at that moment when it is a time
    without one ("2026-11-17T10:30:00" in Asia/Riyadh -> "2026-11-17T10:30:00+03:00"); a bare date,
    a time that has an offset, or no ``zone`` leave it unchanged. ``zone`` is an IANA name, checked
    when the registry is loaded (:func:`check_zone`)."""
    if not value or not zone or "T" not in value:
        return value
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    if moment.tzinfo is not None:
        return value
    return moment.replace(tzinfo=ZoneInfo(zone)).isoformat()


def check_zone(name: str) -> str | None:
    """Why ``name`` is not an IANA time zone name (None when it is one)."""
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*", name):
        return f"{name!r} is not an IANA time zone name such as Europe/London or Asia/Dubai"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        close = _closest_zone(name)
        hint = f"did you mean {close!r}?" if close else "use an IANA name such as Europe/London or Asia/Dubai"
        return f"unknown time zone {name!r} ({hint})"
    return None


def _closest_zone(name: str) -> str | None:
    """The IANA zone ``name`` most likely meant: the same letters in another case ("europe/london"),
    else the closest spelling (difflib, cutoff 0.8: "Asia/Dubia"); None when none is close."""
    import difflib
    from zoneinfo import available_timezones

    zones = sorted(available_timezones())
    same_case = [zone for zone in zones if zone.casefold() == name.casefold()]
    close = same_case or difflib.get_close_matches(name, zones, n=1, cutoff=0.8)
    return close[0] if close else None


def plausible(moment: datetime | date, now: datetime | None = None) -> str | None:
    """``moment`` as ISO 8601 if it is neither before 1995 nor in the future, else None."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    if moment.year < EARLIEST_YEAR:
        return None
    if isinstance(moment, datetime):
        if moment.tzinfo is not None:
            if moment > now + AWARE_SKEW:
                return None
        elif moment > now.replace(tzinfo=None) + NAIVE_SKEW:
            return None
        return moment.isoformat()
    if moment > (now + NAIVE_SKEW).date():
        return None
    return moment.isoformat()


# JavaScript's Date.toString() ends with the zone's name in brackets: "GMT+0400 (Gulf Standard Time)".
_JS_ZONE_NAME = re.compile(r"\s*\([A-Za-z][A-Za-z .'-]*\)\s*$")
_OFFSET = re.compile(r"^(?:(?P<name>Z|GMT|UTC)|(?:GMT|UTC)?\s*(?P<sign>[+\-−])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d\d))?)$",
                     re.IGNORECASE)


# Zone abbreviations with one meaning in news pages (North American and European zones). Ambiguous
# ones ("CST": US Central or China; "IST": India, Ireland or Israel; "AST": Arabia or Atlantic) are
# not read; "ET" has no fixed offset and is read by :data:`REGION_ZONES`.
ZONE_ABBREVIATIONS = {"EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360,
                      "PST": -480, "PDT": -420, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "BST": 60,
                      # Gulf pages' own zones, as English-language Gulf outlets print them ("10:15 PM (GST)")
                      "GST": 240, "GULF STANDARD TIME": 240, "ARABIA STANDARD TIME": 180, "UAE": 240, "KSA": 180}
# Zones named by their region, whose offset depends on the date (daylight saving): "5:04 p.m. ET",
# "13:45, UK". Read with the IANA zone's rules for that day.
REGION_ZONES = {"ET": "America/New_York", "PT": "America/Los_Angeles", "UK": "Europe/London"}
# «بتوقيت …» ("… time") as Arabic pages write a zone: Greenwich, and the Gulf's capitals and countries,
# whose offsets have no daylight saving (Cairo, Beirut and «عمان», Amman or Oman, are left out).
ARABIC_ZONES = {fold(name): minutes for names, minutes in (
    (("غرينتش", "غرينيتش", "جرينتش"), 0),
    (("مكة المكرمة", "مكة", "الرياض", "السعودية", "الدوحة", "قطر", "الكويت", "البحرين", "المنامة"), 180),
    (("الإمارات", "أبوظبي", "دبي", "مسقط"), 240)) for name in names}
# «بتوقيت القاهرة» and the region's other capitals and countries whose offset depends on the date (daylight
# saving, or a change of rule): read with the IANA zone's rules for that day, as :data:`REGION_ZONES`.
ARABIC_REGION_ZONES = {fold(name): zone for names, zone in (
    (("القاهرة", "مصر"), "Africa/Cairo"), (("بيروت", "لبنان"), "Asia/Beirut"),
    (("دمشق", "سوريا", "سورية"), "Asia/Damascus"), (("بغداد", "العراق"), "Asia/Baghdad"),
    (("القدس", "فلسطين"), "Asia/Hebron"), (("الرباط", "المغرب"), "Africa/Casablanca"), (("تونس",), "Africa/Tunis"),
    (("الجزائر",), "Africa/Algiers"), (("الخرطوم", "السودان"), "Africa/Khartoum"),
    (("طرابلس الغرب", "ليبيا"), "Africa/Tripoli"), (("صنعاء", "اليمن"), "Asia/Aden"),
    (("الأردن", "الاردن"), "Asia/Amman"), (("إسطنبول", "اسطنبول", "أنقرة", "انقرة", "تركيا"), "Europe/Istanbul"))
    for name in names}


def _region_zone(spelled: str | None) -> str | None:
    """The IANA zone a region's name as an offset spelling names ("ET", «بتوقيت القاهرة»), or None."""
    text = " ".join((spelled or "").strip("() ").split())
    if text.upper() in REGION_ZONES:
        return REGION_ZONES[text.upper()]
    if text.startswith("بتوقيت"):
        return ARABIC_REGION_ZONES.get(fold(text.removeprefix("بتوقيت").strip()))
    return None


def offset(text: str | None) -> timezone | None:
    """The fixed offset an offset spelling names: "+04:00", "+0400", "GMT+4", "GMT+0400",
    "UTC-05:30", "Z", "GMT", "UTC", or one of :data:`ZONE_ABBREVIATIONS` ("EST", "CEST", …); None
    for anything else (or an offset beyond ±14 hours)."""
    spelled = (text or "").strip().strip("()")
    abbreviation = ZONE_ABBREVIATIONS.get(spelled.upper())
    if abbreviation is None and spelled.startswith("بتوقيت"):
        abbreviation = ARABIC_ZONES.get(fold(" ".join(spelled.split()[1:])))
    if abbreviation is not None:
        return timezone(timedelta(minutes=abbreviation))
    match = _OFFSET.match(spelled.strip())  # "(GMT+04:00)" as "GMT+04:00"
    if not match:
        return None
    if match.group("name"):
        return timezone.utc
    minutes = int(match.group("hours")) * 60 + int(match.group("minutes") or 0)
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if match.group("sign") in "-−" else minutes))


def _from_iso(text: str) -> datetime | date | None:
    candidate = text.replace("Z", "+00:00").replace("z", "+00:00")
    candidate = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", candidate)  # +0300 -> +03:00
    if re.fullmatch(r"\d{4}-\d\d-\d\d", candidate):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            return None
    if not re.match(r"\d{4}-\d\d-\d\d[T ]\d", candidate):
        return None
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


_COMPACT = re.compile(r"((?:19|20)\d\d)(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?(Z)?)?")


def _from_compact(text: str) -> datetime | date | None:
    """ISO 8601's basic format, as some meta tags write it: "20261119", "20261119T0942Z"."""
    match = _COMPACT.fullmatch(text)
    if not match:
        return None
    year, month, day, hour, minute, second, utc = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        return datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                        tzinfo=timezone.utc if utc else None)
    except ValueError:
        return None


_EPOCH = re.compile(r"\d{10}(?:\d{3})?")


def _from_epoch(text: str) -> datetime | None:
    """Unix time in seconds (10 digits) or milliseconds (13), as JavaScript front ends write a date
    ("1764611100000"), in UTC; the plausibility check that follows rejects an identifier that only
    looks like one."""
    if not _EPOCH.fullmatch(text):
        return None
    seconds = int(text) / (1000 if len(text) == 13 else 1)
    return datetime.fromtimestamp(seconds, timezone.utc).replace(microsecond=0)


def _from_rfc822(text: str) -> datetime | None:
    if not re.match(r"([A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    # "… 00:30:00 GMT+0400": email.utils takes the GMT and drops the rest; read the offset ourselves.
    zone = re.search(r"\s((?:GMT|UTC)\s*[+\-−]\s*\d{1,2}(?::?\d\d)?)$", text, re.IGNORECASE)
    try:
        moment = parsedate_to_datetime(text[:zone.start()] if zone else text)
    except (TypeError, ValueError, IndexError):
        return None
    fixed = offset(zone.group(1)) if zone else None
    return moment.replace(tzinfo=fixed) if fixed is not None else moment


# Countries whose pages write a numeric date month first ("3/11/2026" is March 11): the United
# States and its inhabited territories. Elsewhere (the UK, the Gulf, the Arab world, most of the
# world) the day comes first.
MONTH_FIRST_COUNTRIES = frozenset({"US", "PR", "GU", "VI", "AS", "MP"})
_LOCALE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?\b")


def month_first(country: str | None = None, locale: str | None = None) -> bool:
    """Whether a page writes a numeric date month first: the one policy for "11/02/2026". The
    outlet's ``country`` (ISO 3166 code, from the registry) decides when known; else the page's
    declared ``locale`` ("en-US", "en_US": month first; "en-GB", "ar-AE", "en", none: day first)."""
    if country and country.strip():
        return country.strip().upper() in MONTH_FIRST_COUNTRIES
    match = _LOCALE.match(locale or "")
    return bool(match and match.group(1).lower() == "en" and (match.group(2) or "").upper() in MONTH_FIRST_COUNTRIES)


def _plausible_reading(match: re.Match[str], month_first: bool, now: datetime | None) -> str | None:
    """The first plausible reading of a date ``match`` (:func:`plausible`), as ISO 8601: a numeric
    date with the year last is read in the order ``month_first`` prefers, then in the other."""
    groups = match.groupdict()
    month_text = groups["month"]
    month = int(month_text) if month_text.isdigit() else _MONTH_OF.get(fold(month_text).lower().rstrip("."))
    if month is None:
        return None
    orders = [(int(groups["day"]), month)]
    if match.re is _DMY:  # all digits, the year last: which of the first two is the month is a convention
        orders = [(month, orders[0][0]), orders[0]] if month_first else [orders[0], (month, orders[0][0])]
    for day_number, month_number in dict.fromkeys(orders):
        moment = _from_match(groups, day_number, month_number)
        found = plausible(moment, now) if moment is not None else None
        if found is not None:
            return found
    return None


def _from_match(groups: dict[str, str | None], day_number: int, month_number: int) -> datetime | date | None:
    """The date (and time, with its offset when written) of a match's ``groups``, on the day and
    month given; None when that is no real day."""
    try:
        day = date(int(groups["year"] or 0), month_number, day_number)
    except ValueError:
        return None
    if groups.get("hour") is None:
        return day
    hour, minute = int(groups["hour"] or 0), int(groups["minute"] or 0)
    ampm = (groups.get("ampm") or "").lower()
    if ampm in _PM and hour < 12:
        hour += 12
    elif ampm and ampm not in _PM and hour == 12:
        hour = 0
    region = _region_zone(groups.get("offset"))
    zone = ZoneInfo(region) if region else offset(groups.get("offset")) if groups.get("offset") else None
    try:
        moment = datetime(day.year, day.month, day.day, hour, minute, int(groups.get("second") or 0), tzinfo=zone)
    except ValueError:
        return day
    # A region's zone becomes the fixed offset it had that day ("-05:00" for ET in November).
    return moment.astimezone(timezone(moment.utcoffset())) if region else moment
