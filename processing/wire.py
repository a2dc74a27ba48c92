"""Wire attribution: which news agency a story comes from, read from its byline, dateline or credit line.

Only those three places count, never a mention in the body ("told Reuters", "AP Photo"), and photo
credits are ignored: a Reuters picture on a staff story does not make it a Reuters story. Acronyms
(AP, PA, SPA, WAM …) match in capitals only, as whole words; names match in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from processing import dates, stopwords
from processing.arabic import fold
from processing.headline import host_names, is_site_name

_AR = r"\u0621-\u064A"
_LEFT = rf"(?<![A-Za-z{_AR}])"
_RIGHT = rf"(?![A-Za-z{_AR}])"


@dataclass(frozen=True)
class Agency:
    name: str  # what we store
    names: tuple[str, ...]  # full names, any case
    acronyms: tuple[str, ...] = ()  # exact case
    arabic: tuple[str, ...] = ()  # Arabic names and abbreviations
    # Spellings (exact case) that are also people's names ("Petra", «وفا», "SANA" in a byline in
    # capitals): an agency only as a whole part of a byline («رام الله - وفا», "(Petra)"), in a
    # dateline or in a credit line, never inside a name ("By Petra Nowak", «كتبت وفا سليمان»).
    given_names: tuple[str, ...] = ()


# The world's main wire services and the national news agencies of the Arab states, Turkey, Iran and
# Asia's large newsrooms, with the names, abbreviations and Arabic names they are credited by.
AGENCIES: tuple[Agency, ...] = (
    Agency("Reuters", ("reuters", "thomson reuters"), (), ("رويترز",)),
    Agency("AP", ("associated press",), ("AP",), ("أسوشيتد برس", "أسوشييتد برس", "اسوشيتد برس", "أ ب", "أ.ب")),
    Agency("AFP", ("agence france-presse", "agence france presse", "france presse", "france-presse"), ("AFP",),
           ("فرانس برس", "فرانس بريس", "أ ف ب", "أ.ف.ب", "ا ف ب")),
    Agency("PA", ("press association", "pa media", "pa wire"), ("PA",), ()),
    Agency("Bloomberg", ("bloomberg",), (), ("بلومبرغ", "بلومبيرغ", "بلومبرج")),
    Agency("dpa", ("deutsche presse-agentur", "deutsche presse agentur"), ("dpa", "DPA"), ("د ب أ", "د.ب.أ")),
    Agency("WAM", ("emirates news agency",), ("WAM",), ("وام", "وكالة أنباء الإمارات")),
    Agency("SPA", ("saudi press agency",), ("SPA",), ("واس", "وكالة الأنباء السعودية")),
    Agency("KUNA", ("kuwait news agency",), ("KUNA",), ("كونا", "وكالة الأنباء الكويتية")),
    Agency("QNA", ("qatar news agency",), ("QNA",), ("قنا", "وكالة الأنباء القطرية")),
    Agency("BNA", ("bahrain news agency",), ("BNA",), ("بنا", "وكالة أنباء البحرين")),
    Agency("ONA", ("oman news agency",), ("ONA",), ("العمانية", "وكالة الأنباء العمانية")),
    Agency("MENA", ("middle east news agency",), ("MENA",), ("أ ش أ", "أ.ش.أ", "وكالة أنباء الشرق الأوسط")),
    Agency("Anadolu", ("anadolu agency", "anadolu ajansı", "anadolu"), (), ("الأناضول", "وكالة الأناضول")),
    Agency("SUNA", ("sudan news agency",), ("SUNA",), ("سونا", "وكالة السودان للأنباء")),
    Agency("Petra", ("jordan news agency", "petra news agency"), (), ("بترا", "وكالة الأنباء الأردنية"),
           ("Petra", "PETRA")),
    # (not «الوطنية» alone: Tunisia's national television is called so too)
    Agency("NNA", ("national news agency",), ("NNA",), ("الوكالة الوطنية للإعلام", "الوكالة الوطنية للاعلام",
                                                      "الوطنية للإعلام")),
    Agency("SANA", ("syrian arab news agency",), (), ("سانا", "الوكالة العربية السورية للأنباء"), ("SANA",)),
    Agency("INA", ("iraqi news agency",), ("INA",), ("واع", "وكالة الأنباء العراقية")),
    Agency("WAFA", ("wafa news agency", "palestinian news agency"), (), ("وكالة وفا", "وكالة الأنباء والمعلومات الفلسطينية"),
           ("WAFA", "Wafa", "وفا")),
    Agency("Saba", ("saba news agency", "yemen news agency"), (), ("وكالة سبأ", "وكالة الأنباء اليمنية"),
           ("SABA", "Saba", "سبأ")),
    Agency("LANA", ("libya news agency", "libyan news agency"), (), ("وكالة الأنباء الليبية",), ("LANA", "وال")),
    Agency("APS", ("algérie presse service", "algerie presse service", "algeria press service"), ("APS",),
           ("واج", "وكالة الأنباء الجزائرية")),
    Agency("MAP", ("maghreb arabe presse",), ("MAP",), ("و م ع", "و.م.ع", "ومع", "وكالة المغرب العربي للأنباء")),
    Agency("TAP", ("tunis afrique presse", "tunis-afrique presse"), ("TAP",), ("وات", "وكالة تونس أفريقيا للأنباء")),
    Agency("IRNA", ("islamic republic news agency",), ("IRNA",), ("إرنا", "ارنا", "وكالة الجمهورية الإسلامية للأنباء")),
    Agency("Tasnim", ("tasnim news agency",), (), ("وكالة تسنيم",), ("Tasnim", "تسنيم")),
    Agency("Xinhua", ("xinhua", "xinhua news agency"), (), ("شينخوا", "وكالة أنباء الصين الجديدة")),
    Agency("Kyodo", ("kyodo", "kyodo news"), (), ("كيودو",)),
    Agency("Yonhap", ("yonhap", "yonhap news agency"), (), ("يونهاب",)),
    Agency("TASS", ("itar-tass", "tass news agency"), ("TASS",), ("تاس",)),
    Agency("RIA Novosti", ("ria novosti",), (), ("ريا نوفوستي",)),
    Agency("Interfax", ("interfax",), (), ("إنترفاكس", "انترفاكس")),
    Agency("EFE", ("agencia efe",), ("EFE",), ("إفي", "إيفي")),
    Agency("ANSA", ("agenzia ansa",), ("ANSA",), ("أنسا",)),
    Agency("UPI", ("united press international",), ("UPI",), ()),
    Agency("ANI", ("asian news international",), ("ANI",), ()),
    Agency("PTI", ("press trust of india",), ("PTI",), ()),
    Agency("IANS", ("indo-asian news service",), ("IANS",), ()),
    Agency("APP", ("associated press of pakistan",), (), ()),
    Agency("Bernama", ("bernama",), (), ("برناما",)),
    Agency("AAP", ("australian associated press",), ("AAP",), ()),
    Agency("The Canadian Press", ("the canadian press", "canadian press"), (), ()),
)

_PHOTO = re.compile(r"photo|picture|image|getty|file pic|صورة|الصورة|تصوير|صور", re.IGNORECASE)


@lru_cache(maxsize=1)
def _token() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every agency's names, and which agency each spelling belongs to."""
    owner: dict[str, str] = {}
    parts: list[str] = []
    for agency in AGENCIES:
        for name in agency.names:
            owner[name.lower()] = agency.name
            parts.append(f"(?i:{re.escape(name)})")
        for spelling in agency.acronyms + agency.arabic + agency.given_names:
            owner[spelling] = agency.name
            parts.append(re.escape(spelling))
    parts.sort(key=len, reverse=True)
    return re.compile(rf"{_LEFT}(?:{'|'.join(parts)}){_RIGHT}"), owner


def _owner(spelling: str) -> str | None:
    owner = _token()[1]
    return owner.get(spelling) or owner.get(spelling.lower())


_GIVEN_NAMES = frozenset(spelling for agency in AGENCIES for spelling in agency.given_names)
# What separates the parts of a byline: a dateline's dash, a colon, brackets, commas, a bar.
_BYLINE_PART = re.compile(r"\s*[-–—:：|,،;()/]+\s*")


def _agencies_in(text: str) -> list[str]:
    """The agencies ``text`` names, in order; a spelling that is also a person's name
    (``Agency.given_names``) counts only as a whole part of ``text``."""
    found = []
    whole_parts: set[str] | None = None
    for match in _token()[0].finditer(text):
        if match.group(0) in _GIVEN_NAMES:
            if whole_parts is None:
                whole_parts = {part.strip() for part in _BYLINE_PART.split(text)}
            if match.group(0) not in whole_parts:
                continue
        name = _owner(match.group(0))
        if name and name not in found:
            found.append(name)
    return found


def _agency_alt() -> str:
    return _token()[0].pattern


def from_byline(byline: str) -> str | None:
    """The agency named in a byline ("By Hannah Reeve, PA Political Correspondent", "كتب: … - واس")."""
    if not byline or len(byline) > 200 or _PHOTO.search(byline):
        return None
    found = _agencies_in(byline)
    return found[0] if found else None


@lru_cache(maxsize=1)
def _dateline_patterns() -> tuple[re.Pattern[str], ...]:
    agency = _agency_alt()
    dash = r"[-–—:]"
    return (
        # LONDON (Reuters) - … / DUBAI, Nov 17 (Reuters) - … / الرياض (واس) - …
        re.compile(rf"^[^()\n]{{0,80}}?\(\s*(?P<agency>{agency})\s*\)\s*{dash}"),
        # الرياض - واس: … / القاهرة - أ ش أ - … / RIYADH — SPA: …, or the dateline alone on its line
        # («دبي - وام», as many Arabic pages print it above the story)
        re.compile(rf"^[^\s()][^()\n:]{{0,40}}?\s{dash}+\s*(?P<agency>{agency})\s*(?:{dash}|$)"),
        # (أبوظبي - وام) … / (Dubai - WAM)
        re.compile(rf"^\(\s*[^()\n:]{{1,40}}?\s{dash}+\s*(?P<agency>{agency})\s*\)"),
    )


def from_dateline(paragraph: str) -> str | None:
    """The agency of a dateline at the start of a story's first paragraph."""
    head = (paragraph or "")[:160]
    for pattern in _dateline_patterns():
        match = pattern.match(head)
        if match:
            return _owner(match.group("agency"))
    return None


@lru_cache(maxsize=1)
def _whole_dateline_patterns() -> tuple[re.Pattern[str], ...]:
    agency = _agency_alt()
    place = r"[^()\n:\d]{1,40}?"
    return (
        # "LONDON, 12 March (Reuters)", «الرياض (واس)», "NEW DELHI, March 12 (PTI)"
        re.compile(rf"(?P<head>[^()\n]{{1,80}}?)\(\s*(?:{agency})\s*\)"),
        # «الرياض - واس», "RIYADH — SPA", «القاهرة - أ ش أ»
        re.compile(rf"(?P<head>[^\s()]{place})\s[-–—ـ]+\s*(?:{agency})"),
        # «(أبوظبي - وام)», «(أبوظبي - البيان)»: a place and an agency or the site's name in brackets
        re.compile(rf"\(\s*(?P<head>{place})\s[-–—ـ]+\s*[^()\n]{{1,30}}\)"),
        # "— AFP", "(WAM)", «- كونا»: the agency's credit alone
        re.compile(rf"[\-–—(]*\s*(?:{agency})\s*\)?"),
        # «وام/ س ر/ ع ا»: the agency's sign-off with its editors' initials (one to three letters each)
        re.compile(rf"(?:{agency})\s*/\s*[\u0621-\u064A]{{1,3}}(?:[\s/]+[\u0621-\u064A]{{1,3}}){{0,8}}"),
    )


_DATELINE_END = " \t-–—ـ:：.,،"
_PLACE_AND_SITE = re.compile(r"(?P<head>[^\s()][^()\n:\d]{0,40}?)\s[-–—ـ]+\s*(?P<site>[^()\n]{1,40})")
# A place as a dateline writes it: one to four words of Latin capitals, or Title Case, or Arabic.
_CAPITALS_PLACE = re.compile(r"[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3}")
_TITLE_PLACE = re.compile(r"[A-Z][a-z.'’-]+(?:\s+(?:[A-Z][a-z.'’-]+|al|el|de|bin)){0,2}")
_ARABIC_PLACE = re.compile(r"[\u0621-\u064A]+(?:\s+[\u0621-\u064A]+){0,2}")
_PLACE_AND_DATE = re.compile(r"(?P<place>[^,،\d()]{2,40}?)\s*[,،]\s*(?P<date>[^()]{6,60})")
# Labels that open a story's text like a dateline ("Update:", «تنويه:»), not places.
_LABELS = frozenset({
    "update", "updated", "note", "editor's note", "editors note", "correction", "clarification", "background",
    "context", "summary", "analysis", "opinion", "comment", "watch", "listen", "video", "live", "breaking",
    "exclusive", "warning", "advertisement", "sponsored", "key points", "in brief", "highlights", "read more",
    "more", "explainer", "fact check", "review", "interview", "tldr", "q&a", "photos", "gallery",
    "تنويه", "ملخص", "تحديث", "عاجل", "المصدر", "خاص", "شاهد", "فيديو", "اقرأ", "تابع", "ملاحظة", "تصحيح",
    "مقدمة", "خلاصة", "حصري", "رأي", "تحليل", "صور", "بالصور", "بالفيديو", "متابعة", "تقرير", "حوار"})


def is_dateline_line(line: str, first: bool = False, site_names: Iterable[str] = (), url: str | None = None) -> bool:
    """Whether ``line`` is nothing but a dateline or an agency's credit, printed as a paragraph of
    its own above (or below) the story: "LONDON, 12 March (Reuters) -", «الرياض - واس»,
    «(أبوظبي - البيان)», "— AFP", «وام/ س ر» (a sign-off with editors' initials), "WASHINGTON —", "ABU DHABI, March 12, 2026 —" (a place, then
    nothing but a date: :func:`processing.dates.date_line`). A place alone in Title Case or Arabic
    before a colon or a dash ("Dubai:", «القاهرة -») counts only as the ``first`` paragraph of the
    text and when it is not a label ("Update:", «تنويه:»). A place and the site's own name
    («أبوظبي - البيان», "Dubai - Gulf Ledger": one of ``site_names``, or the host of ``url``) is
    a dateline too, as the site's name in brackets is. A dateline that opens the story's first
    sentence ("LONDON (Reuters) - The Bank of England said …") is never one: the whole line must
    be the dateline."""
    text = " ".join((line or "").split())
    if not text or len(text) > 100:
        return False
    bare = text.rstrip(_DATELINE_END)
    for pattern in _whole_dateline_patterns():
        match = pattern.fullmatch(bare)
        if match and (match.groupdict().get("head") is None or _is_dateline_head(match.group("head"))):
            return True
    sited = _PLACE_AND_SITE.fullmatch(bare)
    if sited and _is_dateline_head(sited.group("head")) and \
            is_site_name(sited.group("site"), tuple(site_names), host_names(url)):
        return True
    if bare == text:  # no dash or colon after it: a heading, a name, a word
        return False
    if _CAPITALS_PLACE.fullmatch(bare) and len(bare) >= 3:
        return True  # "WASHINGTON —", "ABU DHABI:"
    dated = _PLACE_AND_DATE.fullmatch(bare)
    if dated and dates.date_line(dated.group("date")) is not None and (
            _CAPITALS_PLACE.fullmatch(dated.group("place")) or _TITLE_PLACE.fullmatch(dated.group("place"))
            or _ARABIC_PLACE.fullmatch(dated.group("place"))):
        return True  # "Abu Dhabi, March 12 —", «الرياض، 12 مارس 2026 -»
    words = bare.split()
    return first and bool(_TITLE_PLACE.fullmatch(bare) or _ARABIC_PLACE.fullmatch(bare)) \
        and bare.casefold() not in _LABELS and not any(w.casefold() in _LABELS for w in words) \
        and not any(fold(w).casefold() in stopwords.ALL for w in words) \
        and not (_ARABIC_PLACE.fullmatch(bare) and _CONJOINED_VERB.match(words[0]))


DATELINE_HEAD_WORDS = 7
_HEAD_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _is_dateline_head(head: str) -> bool:
    """What stands before the agency in a dateline: a place and maybe a date ("LONDON, 12 March",
    "NEW DELHI [India], March 12", "PARIS, 12 mars", «عمّان 12 آذار»), not a sentence ("The
    minister said the talks would resume (AFP)"): at most ``DATELINE_HEAD_WORDS`` words, no Arabic
    function word, and in Latin script every word capitalised but a month's name and one short
    word ("mars", "mar")."""
    words = _HEAD_WORD.findall(fold(head))
    if len(head.split()) > DATELINE_HEAD_WORDS:
        return False
    if any(w in stopwords.ALL for w in words if not w.isascii()):  # «قال الوزير إن …»
        return False
    lower = [w for w in words if w[0].islower() and w.isascii() and w.lower().rstrip(".") not in dates.MONTH_NAMES]
    return len(lower) <= 1 and all(len(w) <= 4 for w in lower)


# «وقال:», «فأضاف:»: a verb joined to «و»/«ف» that introduces a quote, not a place («واشنطن», «وهران»).
_CONJOINED_VERB = re.compile(r"[وف](?:قال|أضاف|اضاف|أكد|اكد|أوضح|اوضح|تابع|ختم|أشار|اشار|بين|كتب|تقول|يقول)")


@lru_cache(maxsize=1)
def _credit_patterns() -> tuple[re.Pattern[str], ...]:
    agency = _agency_alt()
    return (
        # — SPA / (AFP) / - كونا / Reuters
        re.compile(rf"^[\s\-–—(]*(?P<agency>{agency})[\s)]*\.?$"),
        # Source: WAM / المصدر: واس / With AFP / Copyright 2026 The Associated Press …
        re.compile(rf"^(?:source|sources|with|via|credit|المصدر|المصادر|نقلا عن|عن)\s*[:：]?\s*(?P<agency>{agency})\b",
                   re.IGNORECASE),
        re.compile(rf"^(?:copyright|©)\s*(?:\d{{4}}\s*)?(?:the\s+)?(?P<agency>{agency})", re.IGNORECASE),
        # … the minister said. — AFP  /  … (Reuters)
        re.compile(rf"(?:\s[-–—]+\s*|\(\s*)(?P<agency>{agency})\s*\)?\.?$"),
    )


_REUTERS_CREDIT = re.compile(r"^\(?\s*(?:reporting|writing|additional reporting)\s+by\b.*\b(?:editing by)\b",
                             re.IGNORECASE)


def from_credit(paragraph: str) -> str | None:
    """The agency of a story's credit line ("— SPA", "Source: WAM", "(Reporting by …; Editing by …)")."""
    text = " ".join((paragraph or "").split())
    if not text or len(text) > 600 or _PHOTO.search(text[-80:]):
        return None
    if _REUTERS_CREDIT.match(text):
        return "Reuters"
    *whole_line, trailing = _credit_patterns()
    match = None
    if len(text) <= 160:
        match = next((m for m in (p.match(text) for p in whole_line) if m), None)
    match = match or trailing.search(text)
    return _owner(match.group("agency")) if match else None


def find(bylines: Iterable[str] = (), paragraphs: list[str] | None = None) -> str | None:
    """The story's wire agency: from its bylines first, then the dateline of its first paragraph,
    then a credit line among its last three paragraphs. None for a staff story."""
    for byline in bylines:
        found = from_byline(byline)
        if found:
            return found
    paragraphs = paragraphs or []
    for paragraph in paragraphs[:2]:
        found = from_dateline(paragraph)
        if found:
            return found
    for paragraph in reversed(paragraphs[-3:]):
        found = from_credit(paragraph)
        if found:
            return found
    return None
