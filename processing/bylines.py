"""Person names out of a byline: what a reader would write down as the story's authors.

A byline as pages print it carries much besides names: "By", «بقلم», «كتب», «كتبت:»; a date and
time ("30 August 2023 • 4:45pm"); a reading time ("5 Min Read"); a role ("Political Editor"); a
social handle or an e-mail address; a dateline («فلان - القاهرة», «الرياض - واس»,
«(أبوظبي - البيان)»); an agency; the outlet's own name; a photo credit. :func:`names` keeps the
person names, split ("A, B and C", «أ و ب», «أ، ب»), and drops the rest.

It is deliberately conservative: a part that does not look like a person's name is dropped, since
a wrong name is worse than none (on the project owners' held-back Arabic and Gulf pages, extra
author logic that guessed did worse than none: issue #10).
"""

from __future__ import annotations

import re
from typing import Iterable

from processing import dates, stopwords, wire
from processing.arabic import fold
from processing.headline import host_names, is_site_name

MAX_WORDS = 5
MAX_CHARS = 60

_PREFIX = re.compile(
    r"^\s*(?:(?:words|story|text|reporting|reported|written|posted|published|compiled|edited|interview|analysis|opinion|"
    r"commentary|review|column|(?:more\s+)?(?:stories|articles|posts))\s+by|more\s+from|follow|by|from|"
    r"von|par|por|بقلم|كتبت|كتب|إعداد|اعداد|تقرير|بواسطة|حرره|تحرير|متابعة|حوار|تحقيق"
    # a writer's label before the name («الكاتب أحمد علي», «الكاتبة الصحفية منى علي»); after a name it
    # is a family name («أحمد الكاتب»)
    r"|ال(?:كاتبة?|صحفية?|صحافية?|إعلامية?|اعلامية?)(?:\s+ال(?:صحفية?|صحافية?|إعلامية?|اعلامية?))?(?![\u0600-\u06FF]))"
    r"\s*[:：/]?\s*", re.IGNORECASE)
# "and others" after the names («أحمد علي وآخرون», "Jane Doe et al."): nobody to name.
_AND_OTHERS = re.compile(r"\s*(?:,|،)?\s*(?:(?:و\s*)?(?:آخرون|آخرين|اخرون|اخرين)|(?:and|&)\s+others|et\s+al\.?)\s*$",
                         re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|//|www\.)\S+")
_HANDLE = re.compile(r"@\w+")  # e-mail addresses are gone first: "Jane Doe@janedoe" is a name and a handle
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
# Tatweel (U+0640) standing alone between words is a dash as Arabic pages type it («كتب ـ فلان»).
_LONE_TATWEEL = re.compile(r"(?<!\S)\u0640+(?!\S)")
_READ_TIME = re.compile(r"\b(?:min(?:ute)?s?\.?\s+read|read(?:ing)?\s+time)\b.*$|دقائق?\s+(?:للقراءة|قراءة).*$",
                        re.IGNORECASE)
_DATE_WORD = re.compile(
    r"\b(?:updated|published|posted|last\s+updated|modified|on|at|ago|today|yesterday|"
    r"publiziert|veröffentlicht|aktualisiert|publié|publicado|actualizado|pubblicato|"
    r"mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december|am|pm|gmt|bst|utc|est|edt|pst)\b\.?$", re.IGNORECASE)
_SPLIT = re.compile(r"\s*[;|,،•·/]\s*|\s+(?:and|&|و)\s+", re.IGNORECASE)
_DASH = re.compile(r"\s[-–—]\s|\s*[•|·]\s*|\s*[:：]\s+")  # also «دبي: فلان», "Dubai: Jane Doe"
_ROLE = re.compile(
    r"\b(?:staff|correspondent|editor|reporter|writer|columnist|contributor|desk|bureau|journalist|"
    r"reporting|report|agencies|agency|team|newsroom|admin|administrator|producer|presenter|analyst|"
    r"chief|senior|deputy|political|business|sports?|health|science|technology|diplomatic|"
    r"contributing|special|guest|opinion|news|online|web|digital|photographer|photos?|pictures?|"
    r"images?|getty|shutterstock|credit|video|media|press|published|updated|report|"
    # the beat before a role noun: "Local Democracy Reporter", "Home Affairs Editor", "Royal Correspondent"
    r"local|democracy|community|education|transport|(?<!-)home|affairs|economics|economy|environment(?:al)?|crime|"
    r"courts|politics|foreign|defen[cs]e|security|consumer|property|entertainment|showbiz|travel|fashion|"
    r"culture|arts|motoring|royal|investigations|investigative|data|trainee|assistant|executive|managing|"
    r"acting|associate|regional|national|international|global|legal|social|energy|climate|weather|"
    r"newsletter|features?|books|film|television|tv|markets?|finance|audience|engagement|"
    r"multimedia|visuals?|audio|podcast|breaking|weekend|homepage|graphics|interactive|"
    # the labels of buttons and links beside a byline, and an affiliation's institution
    r"share|copy|link|print|subscribe|comments?|account|board|bio|menu|login|stories|articles|posts|"
    r"university|universität|université|universidad|universidade|institute|institut)s?\b"
    # whole words (with «ال», «و» and a role's plural or feminine ending): «القسمي», «الخاصكي» are family names
    r"|(?<![\u0600-\u06FF])(?:و?ال|و)?(?:مراسل|محرر|مندوب)(?:ة|ه|ين|ون|و|نا)?(?![\u0600-\u06FF])"
    r"|(?<![\u0600-\u06FF])(?:و?ال|و)?(?:وكالات|فريق|قسم|تصوير|صورة|عدسة|متابعات|موقع|مكتب)(?![\u0600-\u06FF])"
    r"|(?<![\u0600-\u06FF])خاص(?![\u0600-\u06FF])"
    # whole words only: «الكاتب» is also a family name
    r"|(?<![\u0600-\u06FF])و?(?:كاتبة?|صحفية?|صحافية?|إعلامية?|اعلامية?|باحثة?|أكاديمية?|اكاديمية?|أستاذة?|استاذة?"
    r"|محللة?|خبيرة?|هيئة|التحرير|المصدر|المصادر"
    # words that name an outlet, not a person («صحيفة الخليج», «بوابة الأهرام»)
    r"|صحيفة|جريدة|بوابة|مجلة|قناة|شبكة|وكالة|إذاعة|اذاعة|تلفزيون)(?![\u0600-\u06FF])|\bsources?\b",
    re.IGNORECASE)
# Lower-case words that belong inside a name.
_PARTICLES = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von",
                        "der", "den", "ter", "al", "el", "bin", "ibn", "bint", "abu", "y", "e", "st", "mac"})
_LATIN = re.compile(r"[A-Za-zÀ-ɏ]")
_TANWEEN = re.compile("[\u064B-\u064D]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


# A desk credited as an author: "Metro Desk", "KTN Staff", "Travel Team" (Latin script, capitalised).
_DESK_CREDIT = re.compile(r"^(?:[A-Z][\w.'&-]*\s+){1,3}(?:Staff|Team|Desk)$")


# What separates a place from an agency in a dateline («الرياض - واس», "Riyadh: SPA").
_DATELINE_SEPARATOR = re.compile(r"\s[-–—]\s|[:：]")
# After the names, the buttons of an author box ("Jane Doe Follow", "Jane Doe Twitter LinkedIn") or the
# agencies that added to the story ("Jane Doe with agencies", "… and wires").
_TAIL = re.compile(r"(?:\s+(?:follow|twitter|linkedin|facebook|instagram|threads|bluesky|e-?mail|bio|profile|rss))+\s*$"
                   r"|\s+(?:with|and|&)\s+(?:news\s+)?(?:agencies|agency\s+reports|wires|wire\s+services)\s*$", re.IGNORECASE)


def names(byline: str | None, site_names: Iterable[str] = (), url: str | None = None, *,
          declared: bool = False) -> list[str]:
    """The person names in one byline text, in order, without repeats; [] when it names nobody.

    A byline whose parts include an agency or the site's name next to a place («الرياض - واس»,
    «(أبوظبي - البيان)») is a dateline and names nobody; an agency alone goes to wire_agency
    (:mod:`processing.wire`), never to the authors. ``declared``: the publisher's structured data
    states this credit as a person (JSON-LD ``Person``); a desk credit there ("Metro Desk",
    "KTN Staff", "Travel Team": one to three capitalised words, then Staff, Team or Desk) is the
    author a reader sees credited and is kept as written, unless it is an agency's or the site's."""
    text = " ".join(_LONE_TATWEEL.sub("-", byline or "").split())
    if not text:
        return []
    if declared and _DESK_CREDIT.match(text):
        sites = tuple(s for s in site_names if s)
        if not _is_other(text, sites, host_names(url)) and not wire.from_byline(text.rsplit(" ", 1)[0]):
            return [text]
    sites, hosts = tuple(s for s in site_names if s), host_names(url)
    text = _URL.sub(" ", _EMAIL.sub(" ", text))
    text = " ".join(_HANDLE.sub(" ", text).split())
    text = _OTHER_CREDIT.sub("", _twice_said_once(text))
    if text.strip().startswith("(") and text.strip().endswith(")"):
        return []  # «(أبوظبي - البيان)», "(Dubai - Gulf Herald)": a dateline
    text = _TAIL.sub("", _AND_OTHERS.sub("", _READ_TIME.sub("", text)))
    had_prefix = bool(_PREFIX.match(text))
    text = _PREFIX.sub("", text)
    digit = _DIGIT.search(text)
    if digit:  # names carry no digits: what follows is a date, a time or a reading time
        text = text[:digit.start()]
    text = _PLACE_IN_BRACKETS.sub("", text)  # «خالد المنصوري (دبي)»: the name, then the city
    segments = [s.strip(" -–—:()[]\"'«»") for s in _DASH.split(text)]
    if len(segments) > 1:
        others = [s for s in segments if _is_other(s, sites, hosts)]
        if not had_prefix and others:
            # «الرياض - واس», "Riyadh - SPA": place and agency (or site), a dateline; but «الموقع -
            # فلان الفلاني»: the site's name, then a person's name
            rest = [s for s in segments if s not in others and s]
            # (a pipe or a bullet is no dateline's: "Jane Doe | Reuters" is a name and an agency)
            if not rest or any(wire.from_byline(s) and not _named_beside_agency(rest)
                               and not _latin_name_beside_agency(rest) for s in others) \
                    and _DATELINE_SEPARATOR.search(text) \
                    or any(not looks_like_name(s) or is_place(s) for s in rest):
                return []
            segments = rest
        # «فلان - القاهرة», "Jane Doe - Political Editor": the name comes first; «دبي - فلان»: a
        # one-word place first, then the name.
        if not looks_like_name(segments[0]) and len(segments[0].split()) == 1 and _ROLE.search(segments[0]):
            return []  # "Photo: Jane Doe", «تصوير: فلان»: a credit, not a byline
        text = segments[0] if (looks_like_name(segments[0]) and not is_place(segments[0])) \
            or (len(segments[0].split()) != 1 and not is_place(segments[0])) else \
            next((s for s in segments[1:] if looks_like_name(s) and not is_place(s)), segments[0])
    text = _SUFFIX_AFTER_COMMA.sub(r" \1.", text)  # "Martin Luther King, Jr.": one name, not two parts
    text = _PLACE_BEFORE_NEXT.sub("", text)  # "Jane Doe in Kyiv and John Roe in London"
    text = _AFFILIATION.sub("", text)  # "… for The Harbour Post", "… in Dubai"
    role = _JOINED_ROLE.search(text)  # "Jane Doe Crime and Courts Reporter": not two names
    if role and (text[:role.start()].rstrip().endswith((",", ";", "|")) or
                 looks_like_name(text[:role.start()]) and not _SPLIT.search(text[:role.start()])):
        text = text[:role.start()].rstrip(" ,;|")
    found: list[str] = []
    for part in (piece for chunk in _SPLIT.split(text) for piece in _split_attached_and(chunk)):
        part = _PREFIX.sub("", _LEADING_AND.sub("", part.strip(" -–—:()[]\"'«»")))
        if is_site_name(part, sites, hosts):
            continue  # before its date words go: "Gulf Finance Today" is the site, not "Gulf Finance"
        part = _trim_date_words(part)
        if part and wire.from_byline(part):
            part = _before_agency(part)
        if part and not _is_other(part, sites, hosts):
            part = _before_role(part)
        if not part or _is_other(part, sites, hosts) or _ROLE.search(part) or not looks_like_name(part) \
                or is_place(part):
            continue
        part = _SUFFIX_END.sub(r"\1.", _capitalised(part))  # "John Roe Jr" (its period trimmed) -> "John Roe Jr."
        if part not in found:
            found.append(part)
    return found


# "Jane Doe in Dubai", "Jane Doe for The Harbour Post", "Jane Doe at the Gulf Ledger", «هند السويدي من
# دبي»: what follows the names is where they are or whom they write for.
_AFFILIATION = re.compile(r"\s+(?i:in|for|at|from|with|reporting\s+from)\s+(?:the\s+)?[A-Z][\w.'-]*(?:\s+\S+)*$"
                          r"|\s+(?:من|في|لـ|ل)\s+[\u0600-\u06FF]+(?:\s+[\u0600-\u06FF]+)?$")
# Where one of several authors is, before the next name: "Jane Doe in Kyiv and John Roe in London".
_PLACE_BEFORE_NEXT = re.compile(r"\s+(?:in|at|from)\s+[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)?(?=\s*(?:,|\band\b|&)\s*[A-Z])")
# A role of two beats joined by "and" after the name, with no comma: "Crime and Courts Reporter",
# "Health and Social Care Editor", "Science & Environment Correspondent".
_JOINED_ROLE = re.compile(r"\s*(?<![\w-])[A-Z][\w-]*\s+(?:and|&)\s+(?:[A-Z][\w-]*\s+){0,2}"
                          r"(?:reporter|editor|correspondent|writer|producer|analyst|columnist)s?\s*$", re.IGNORECASE)
# The credit of another contributor after the byline: "By Jane Doe. Photographs by John Roe",
# "Jane Doe; video: John Roe".
_OTHER_CREDIT = re.compile(r"\s*[.;,|•]?\s+(?:additional\s+)?(?:photo(?:graph)?s?|pictures?|images?|video|graphics?|"
                           r"illustrations?|additional\s+reporting)\s*(?:by\b|:).*$"
                           # an editor's or a reviewer's credit after the writer's: "…, Edited by John Roe"
                           r"|\s*[.;,|•·]\s*(?:(?:medically\s+|expert\s+)?reviewed|edited|fact[-\s]?checked|verified|"
                           r"translated)\s+by\b.*$", re.IGNORECASE)


# A generational suffix after the name: "Martin Luther King, Jr.", "John Roe Sr".
_SUFFIX_AFTER_COMMA = re.compile(r",\s*(Jr|Sr|JR|SR)\b\.?(?=\s*(?:$|[,;|&]|and\b))")
_SUFFIX_END = re.compile(r"(?<=\s)(Jr|Sr)$")


def _twice_said_once(text: str) -> str:
    """"Jane Doe Jane Doe" -> "Jane Doe": a page that prints the byline twice (one for small
    screens, one for large) reads as the name said twice once its elements are joined."""
    words = text.split()
    half = len(words) // 2
    if half and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return text


_LEADING_AND = re.compile(r"^(?:and|&)\s+", re.IGNORECASE)  # "A, Role, and B": the part after the comma
_PLACE_IN_BRACKETS = re.compile(r"\s*\([^()]{1,30}\)\s*$")


# Places of two words or more that a byline prints before or after the name («المدينة المنورة - فلان»,
# "Abu Dhabi: Jane Doe") and that look like a name themselves: the region's cities and emirates, and
# the world's capitals that datelines name most. A one-word place never looks like a name.
PLACES = frozenset(" ".join(fold(place).casefold().split()) for place in (
    "المدينة المنورة", "مكة المكرمة", "رأس الخيمة", "راس الخيمة", "أم القيوين", "ام القيوين", "خور فكان", "دبا الفجيرة",
    "شرم الشيخ", "الدار البيضاء", "خميس مشيط", "حفر الباطن", "الجبيل الصناعية", "ينبع الصناعية", "المنطقة الشرقية",
    "مدينة الكويت", "كفر الشيخ", "بني سويف", "مرسى مطروح", "جنوب سيناء", "شمال سيناء", "البحر الأحمر", "رام الله",
    "الضفة الغربية", "قطاع غزة", "دير الزور", "سيدي بوزيد", "سيدي بلعباس", "برج العرب", "نيويورك", "واشنطن",
    "Abu Dhabi", "Ras Al Khaimah", "Umm Al Quwain", "Al Ain", "Khor Fakkan", "Kuwait City", "Sharm El Sheikh",
    "Al Khobar", "Al Madinah", "New York", "New Delhi", "Hong Kong", "Los Angeles", "San Francisco", "Tel Aviv",
    "Addis Ababa", "Buenos Aires", "Cape Town", "Kuala Lumpur", "West Bank", "Gaza City", "Saudi Arabia",
    "United Arab Emirates", "Abu Dhabi City", "Dubai Marina", "Sao Paulo", "Rio de Janeiro", "Mexico City",
    "أبو ظبي", "ابو ظبي", "القاهرة الجديدة", "مدينة نصر", "السادس من أكتوبر", "الدار البيضاء"))


# First words of Arab place names that look like a person's name otherwise («مدينة نصر», «بني سويف», «كفر
# الزيات», «بيت لحم», «رأس الخيمة», «شمال سيناء»): a place before an agency, never a name.
_PLACE_WORDS = frozenset(fold(w) for w in (
    "مدينة", "محافظة", "ولاية", "منطقة", "جزيرة", "شمال", "جنوب", "شرق", "غرب", "وسط", "كفر", "بني", "دير", "بئر",
    "رأس", "راس", "خور", "بيت", "جبل", "وادي", "سيدي", "عين", "تل", "شرم", "مرسى", "برج", "ميت", "نجع", "العاصمة", "أم",
    "ام", "دار"))


def _named_beside_agency(rest: list[str]) -> bool:
    """«مصطفى محمد - وكالة الأناضول»: the part beside an agency is a person's name written in Arabic
    (two words or more, the first neither with the article «ال», as a place's is, «الإسماعيلية
    الجديدة», nor a word that opens a place's name, :data:`_PLACE_WORDS`), not a dateline's place."""
    return len(rest) == 1 and bool(_ARABIC.search(rest[0])) and not _LATIN.search(rest[0]) \
        and len(rest[0].split()) >= 2 and not fold(rest[0]).startswith("ال") \
        and fold(rest[0].split()[0]) not in _PLACE_WORDS and not is_place(rest[0]) and looks_like_name(rest[0])


def _latin_name_beside_agency(rest: list[str]) -> bool:
    """"Jane Doe - AFP", "Jane Doe — Bloomberg": the part beside an agency is a person's name in Latin
    script (two words or more, not a place of :data:`PLACES`, not in capitals as datelines print
    their place: "SANTO DOMINGO - AFP")."""
    return len(rest) == 1 and bool(_LATIN.search(rest[0])) and not rest[0].isupper() \
        and len(rest[0].split()) >= 2 and not is_place(rest[0]) and looks_like_name(rest[0])


# One-word cities correspondents file from, in Arabic and English (PLACES holds names of two words or
# more): «فلان - القاهرة», "Jane Doe - London" is a name and then the city the story was written in.
# Words that are also common nouns («المدينة», «العين») are left out.
CITIES = frozenset(" ".join(fold(city).casefold().split()) for city in (
    "القاهرة", "الإسكندرية", "الجيزة", "الأقصر", "أسوان", "الرياض", "جدة", "الدمام", "مكة", "الطائف", "تبوك", "أبها",
    "دبي", "الشارقة", "عجمان", "الفجيرة", "أبوظبي", "الدوحة", "الكويت", "المنامة", "مسقط", "صلالة", "عمان", "عمّان",
    "بيروت", "دمشق", "حلب", "بغداد", "البصرة", "أربيل", "الموصل", "القدس", "غزة", "الخرطوم", "طرابلس", "بنغازي",
    "تونس", "الجزائر", "الرباط", "نواكشوط", "صنعاء", "عدن", "أنقرة", "إسطنبول", "طهران", "لندن", "باريس", "برلين",
    "موسكو", "بكين", "طوكيو", "جنيف", "بروكسل", "روما", "مدريد", "أثينا", "إسلام آباد", "كراتشي", "نيودلهي", "كابول",
    "Cairo", "Alexandria", "Luxor", "Riyadh", "Jeddah", "Dammam", "Mecca", "Makkah", "Medina", "Taif", "Tabuk",
    "Dubai", "Sharjah", "Ajman", "Fujairah", "Doha", "Kuwait", "Manama", "Muscat", "Salalah", "Amman", "Beirut",
    "Damascus", "Aleppo", "Baghdad", "Basra", "Erbil", "Mosul", "Jerusalem", "Gaza", "Ramallah", "Khartoum",
    "Tripoli", "Benghazi", "Tunis", "Algiers", "Rabat", "Casablanca", "Sanaa", "Aden", "Ankara", "Istanbul",
    "Tehran", "London", "Paris", "Berlin", "Moscow", "Beijing", "Tokyo", "Geneva", "Brussels", "Rome", "Madrid",
    "Athens", "Washington", "Manchester", "Birmingham", "Glasgow", "Edinburgh", "Belfast", "Cardiff", "Liverpool",
    "Leeds", "Islamabad", "Karachi", "Lahore", "Delhi", "Mumbai", "Dhaka", "Kabul", "Nicosia"))
_SPACED_DASH = re.compile(r"\s+[-–—]\s+")


def is_city(text: str) -> bool:
    """Whether ``text`` is one of :data:`CITIES` or :data:`PLACES` (any case, Arabic letter variants folded)."""
    key = " ".join(fold(text).casefold().split())
    return key in CITIES or key in PLACES


def name_before_city(line: str) -> str | None:
    """The name of a line that is a person's name, a spaced dash and a city (:func:`is_city`) and nothing
    else: «محمد علي - القاهرة», "Jane Doe - London" (the issue's «فلان - القاهرة»); None otherwise (a
    place or an outlet first, more parts, no dash)."""
    parts = _SPACED_DASH.split(" ".join((line or "").split()))
    if len(parts) != 2 or not is_city(parts[1]):
        return None
    name = parts[0].strip(" ،,:")
    words = name.split()
    if not 2 <= len(words) <= 4 or words[0].casefold() == "the" or words[0].startswith("ال") \
            or any(fold(w).casefold() in _BODIES for w in words):
        return None  # «الأمم المتحدة - نيويورك», «وزارة الصحة - القاهرة», "The Council - London": no person
    return name if looks_like_name(name) and not is_city(name) and not wire.from_byline(name) else None


# Words that name a body, not a person, in the first part of «… - القاهرة» (a given name never is one of them).
_BODIES = frozenset(fold(word).casefold() for word in (
    "وزارة", "هيئة", "مجلس", "جامعة", "شركة", "مؤسسة", "بنك", "مصرف", "نادي", "منظمة", "اتحاد", "محكمة", "سفارة",
    "مكتب", "مركز", "حكومة", "بلدية", "Ministry", "Council", "University", "Police", "Court", "Embassy", "Office",
    "Department", "Bank", "Club", "Company", "Government", "Agency", "Bureau", "Desk", "Team", "Staff"))


def is_place(text: str) -> bool:
    """Whether ``text`` is one of :data:`PLACES` (any case, Arabic letter variants folded)."""
    return " ".join(fold(text).casefold().split()) in PLACES


# Given names that begin with «و» (so «وليد» is never read as «و» + «ليد»).
_WAW_NAMES = frozenset(fold(n) for n in (
    "وليد", "وائل", "وفاء", "وداد", "وسام", "وعد", "وجدي", "وحيد", "ولاء", "وهبة", "وفيق", "وصفي", "وضاح", "وديع",
    "ورد", "وردة", "وهيب", "وصال", "وجيه", "وئام", "وجدان", "ودود", "وسيم", "وسيمة", "وحيدة", "وجد", "وهاد",
    "وصفية", "ولي", "وافي", "وفيقة", "وطفاء", "واصل", "وهيبة", "وليدة", "ورود"))


def _split_attached_and(part: str) -> list[str]:
    """«عبدالله المري ومحمد الكواري» -> the two names: Arabic writes «و» (and) joined to the next
    word. Split only where both sides are names of two words or more and the word is not a given
    name that itself begins with «و» (:data:`_WAW_NAMES`)."""
    words = part.split()
    if len(words) < 4 or not _ARABIC.search(part):
        return [part]
    for index in range(2, len(words) - 1):
        word = words[index]
        if len(word) > 2 and word.startswith("و") and fold(word) not in _WAW_NAMES:
            left, right = " ".join(words[:index]), " ".join([word[1:], *words[index + 1:]])
            if looks_like_name(left) and looks_like_name(right):
                return [left, *_split_attached_and(right)]
    return [part]


def _before_agency(part: str) -> str:
    """"JO KIM Associated Press", "Ellie Ng PA" -> the name: an agency written straight after the
    last name of a list, with no comma; the part is left whole when no name stands before it."""
    words = part.split()
    for cut in range(len(words) - 1, 1, -1):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if wire.from_byline(tail) and not wire.from_byline(head):
            return head if looks_like_name(head) else part
    return part


def _before_role(part: str) -> str:
    """"Jane Doe Senior Reporter" -> "Jane Doe": a role written straight after the name, with no
    comma; the part is left whole when no name stands before the role."""
    match = _ROLE.search(part)
    if match is None or match.start() == 0 or _DESK_END.search(part):
        return part  # "Gulf Today Report", "Harbour Post Staff": a desk's credit, not a name and a role
    head = part[:match.start()].strip(" ,-–—|")
    return head if looks_like_name(head) and not _has_function_word(head) else part


# The last word of a desk's credit ("Gulf Today Report", "Metro Staff", "Web Desk", "City Newsroom"):
# what stands before it is the outlet or its desk, never a person.
_DESK_END = re.compile(r"\s(?:report|staff|desk|team|newsroom|bureau|board)s?\s*$", re.IGNORECASE)


def _capitalised(name: str) -> str:
    """A Latin-script name printed in capitals ("JANE DOE") as a reader writes it ("Jane Doe")."""
    if not _LATIN.search(name) or not name.isupper():
        return name
    return " ".join(w.lower() if w.lower() in _PARTICLES else _LETTER_RUN.sub(lambda m: m.group(0).capitalize(), w)
                    for w in name.split())


_LETTER_RUN = re.compile(r"[^\W\d_]+")  # "O'NEIL" -> "O'Neil", "MARY-JANE" -> "Mary-Jane"


def names_only(line: str | None, site_names: Iterable[str] = (), url: str | None = None) -> list[str]:
    """The names of a line that is nothing but person names ("Jane Doe/John Roe", «سلمى الحربي و
    خالد المنصوري»), as some pages print their byline without any "By"; [] when any part of it is
    not a person's name (a subheading, a label, a sentence, a date), the site's name or an agency."""
    text = " ".join((line or "").split())
    if not text or _DIGIT.search(text) or _PREFIX.match(text) or len(text) > MAX_CHARS * 2:
        return []
    if _LABEL_PUNCTUATION.search(text):
        return []  # "Read also:", «اقرأ أيضا:», "Why it matters?": a label or a sentence
    sites, hosts = tuple(s for s in site_names if s), host_names(url)
    parts = [part.strip() for part in _SPLIT.split(text)]
    if not parts or any(not part or _is_other(part, sites, hosts) or _ROLE.search(part) or not looks_like_name(part)
                        or _has_function_word(part) for part in parts):
        return []
    return list(dict.fromkeys(parts))


_LABEL_PUNCTUATION = re.compile(r"[:：?؟!.…\"“”«»]\s*$|[:：]")
# Words that open or join a heading or a sentence, never a name: a title-case subheading such as
# "The Road Ahead" or "What Happens Next" is not a byline (jusText's stoplists, processing.stopwords,
# and the labels news pages put above a story).
_LABELS = frozenset({"key", "read", "watch", "live", "update", "updates", "points", "news", "breaking",
                     "اقرا", "شاهد", "تابع", "عاجل", "اخبار", "خبر"})


def _has_function_word(part: str) -> bool:
    return any(_is_function_word(word) for word in part.split()) or \
        bool({fold(word).casefold() for word in part.split()} & _LABELS)


# Function words whose folded spelling is also a common given name: «على» (on) folds to «علي» (Ali),
# so these count as function words only as written, never in their folded form.
_NAME_SPELLINGS = frozenset({"علي"})
_FUNCTION_WORDS = (stopwords.ALL - _NAME_SPELLINGS)


def _is_function_word(word: str) -> bool:
    """Whether ``word`` is a function word (processing.stopwords): «في», «من», "the" …; «على» is one,
    the name «علي» (Ali) is not."""
    folded = fold(word).casefold()
    return folded in _FUNCTION_WORDS or (folded in _NAME_SPELLINGS and word != folded)


def is_byline_of(line: str | None, authors: Iterable[str]) -> bool:
    """Whether ``line`` is a byline crediting some of ``authors`` and saying nothing else: it opens
    with a byline word ("By", «كتبت», «تقرير:» …) and :func:`names` finds only those authors in it,
    or it is one author's name alone ("كتبت سارة عبد الله", "By Jane Doe and John Roe"), or it
    names the authors and then only up to ``MAX_TRAILING_WORDS`` words: after "By", any
    ("By Jane DoeHarbour Desk", glued from two elements); without it, a role ("Jane Doe Political
    Editor")."""
    text = " ".join((line or "").split())
    wanted = set(authors)
    if not text or not wanted or len(text) > MAX_CHARS * 2:
        return False
    if text.strip(" .:-–—") in wanted or name_before_city(text) in wanted:
        return True
    found = names(text) if _PREFIX.match(text) else []
    if found and set(found) <= wanted:
        return True
    # "By Jane Doe & John RoeHarbour Desk", "Jane Doe Political Editor": the authors, glued to or
    # followed by a few words (a desk, a role, an outlet) that the page set in another element.
    rest = _PREFIX.sub("", text, count=1)
    starts = rest != text or any(rest.startswith(name) for name in wanted)
    for name in sorted(wanted, key=len, reverse=True):
        rest = rest.replace(name, " ")
    rest = " ".join(w for w in _SPLIT.sub(" ", rest).split() if w.strip(",;&|•·-–—:"))
    if not starts or rest == " ".join(_PREFIX.sub("", text, count=1).split()):
        return False  # no author named
    return len(rest.split()) <= MAX_TRAILING_WORDS and not _SENTENCE_END.search(rest) \
        and (text != _PREFIX.sub("", text, count=1) or not rest or bool(_ROLE.search(rest)))


MAX_TRAILING_WORDS = 4
_SENTENCE_END = re.compile(r"[.?!؟]\s*$|[.?!؟]\s+\w")


def from_bylines(bylines: Iterable[str], site_names: Iterable[str] = (), url: str | None = None) -> list[str]:
    """The names of the first byline text that names anybody."""
    for byline in bylines:
        found = names(byline, site_names, url)
        if found:
            return found
    return []


# Words that join the parts of an Arab name (son of, daughter of, family of, servant of, father of):
# not counted against MAX_WORDS.
_LINEAGE = frozenset({"بن", "ابن", "بنت", "آل", "ال", "عبد", "أبو", "ابو", "أم", "ام", "bin", "bint", "ibn", "al",
                      "el", "abdul", "abu", "umm"})


def looks_like_name(text: str) -> bool:
    """Whether ``text`` can be a person's name: one to five words (two or more in Latin or Arabic
    script: a single word is a brand, a desk or a first name alone; the links of a lineage, «بن»,
    «آل», «عبد», "bin", "Al" …, are not counted: «محمد بن عبدالله بن سالم الشحي»), no digits, and in
    Latin script each word capitalised except name particles (de, van, al, bin …)."""
    words = text.split()
    counted = [w for w in words if w.casefold() not in _LINEAGE]
    if not words or len(counted) > MAX_WORDS or len(text) > MAX_CHARS or _DIGIT.search(text):
        return False
    if _LATIN.search(text):
        if len(words) < 2 or _ARABIC.search(text) or _NOT_IN_NAME.search(text):
            return False
        return all(w[0].isupper() or w.lower() in _PARTICLES or not w[0].isalpha() for w in words) and \
            sum(w[0].isupper() for w in words) >= 2 and all(len(w.strip(".")) <= 20 for w in words)
    if _ARABIC.search(text):
        # No function word («في», «من», «عن», «التي» …): «صادر عن البنك الدولي» is a phrase, not a name;
        # no tanween (U+064B–U+064D): «فصلاً جديداً» is a phrase's, no name carries one.
        return len(words) >= 2 and all(any(ch.isalpha() for ch in w) for w in words) and \
            not any(_is_function_word(w) for w in words if _ARABIC.search(w)) and not _TANWEEN.search(text)
    return any(ch.isalpha() for ch in text)


_NOT_IN_NAME = re.compile(r"[!?@#→←»«<>=+*/\\]")  # "Copy Link URLCopied!", "More from Jane →"


def _is_other(part: str, sites: tuple[str, ...], hosts: tuple[str, ...]) -> bool:
    """An agency or the site's own name rather than a person."""
    return bool(wire.from_byline(part)) or is_site_name(part, sites, hosts)


# Arabic words that end a name where a date begins: weekdays, «في» (on), «يوم», «الساعة», «منذ», «نشر»,
# «تحديث», and every Arabic month name processing.dates reads («نيسان», «تشرين», «نوفمبر» …).
_ARABIC_DATE_WORDS = frozenset(fold(w) for w in (
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "في", "يوم", "الساعة",
    "منذ", "نشر", "نُشر", "تحديث", "آخر", "بتاريخ", "تاريخ", "صباحا", "صباحاً", "مساء", "مساءً", "ص", "م"))
# (of a name of two words, «تشرين الثاني», «كانون ثاني», the first: «الثاني», «ثاني», «أول» end names too)
_ARABIC_MONTH_WORDS = frozenset(fold(name.split()[0]) for name in dates.MONTH_NAMES if _ARABIC.search(name))


def _trim_date_words(part: str) -> str:
    """"Jane Doe Updated", "Jane Doe August", «خالد المنصوري الثلاثاء», «سلمى الحربي في» (the
    date's digits are gone already) -> the name alone."""
    previous = None
    while previous != part:
        previous = part
        part = _DATE_WORD.sub("", part).strip(" ,.-–—:•|،")
        words = part.split()
        if len(words) > 1 and fold(words[-1]) in _ARABIC_DATE_WORDS | _ARABIC_MONTH_WORDS:
            part = " ".join(words[:-1]).strip(" ,.-–—:•|،")
    return part
