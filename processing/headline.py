"""The article's headline: the one on the page, chosen among the page's title sources by agreement.

A page states its headline up to four times: the ``<h1>``, ``og:title`` (or ``twitter:title``), the
JSON-LD ``headline`` and the ``<title>`` element. The last three are often written for search
engines and social media, and the ``<title>`` adds the site's name. :func:`choose`

1. cuts a site's name off a title only at a separator (``|``, ``-``, ``–``, ``—``, ``:``, ``•``, ``·``)
   whose other side really is the site's name: ``og:site_name``, the publisher, the registry's
   outlet name, the host name, or a side that is itself another source's whole headline. "Abu Dhabi
   - Dubai rail link opens" and «الدمام - الخبر: …» stay whole; «… - اليوم السابع» loses the name;
2. takes the ``<h1>`` when the page has a plausible one (a few words, not the site's name, not a
   navigation label): that is what a reader sees as the headline; except when JSON-LD, ``og:title``
   and the ``<title>`` all state one same headline of which the ``<h1>`` is a slightly edited
   display version (a word shortened: "Joburg" for "Johannesburg"), where the stated one wins;
3. otherwise takes the candidate that a heading shown as the headline repeats (when the page has
   no ``<h1>``), else the one the most other sources agree with (the same words once case, quotes
   and punctuation are set aside), ties going to JSON-LD, then ``og:title``, then ``<title>``.

Length never decides. Source of the rule: the headline a person reading the page would write
down (issue #10), and the separators CMSs put between headline and site name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable
from urllib.parse import urlsplit

from processing.arabic import fold

# (also "::", "»", "/", "~" and a tatweel typed for a dash between spaces, as Arabic sites' titles print
# them; a cut is made only where the other side is the site's name or another source's headline, so a
# "/" inside a headline stays)
SEPARATOR = re.compile(r"\s+(?:[|–—•·:\-~/»«\u0640]|::)\s+|\s*[|•·]\s*")
MIN_H1_WORDS = 2
MAX_H1_CHARS = 300
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_HOST_PARTS = frozenset({"www", "m", "amp", "news", "com", "co", "org", "net", "uk", "ae", "sa", "qa", "kw", "bh",
                         "om", "eg", "jo", "lb", "au", "ca", "in", "gov", "ac"})


@dataclass(frozen=True)
class Candidates:
    """The page's title sources, as text (None where the page has none)."""

    h1: tuple[str, ...] = ()
    json_ld: str | None = None
    og: str | None = None
    title: str | None = None
    # Other headings shown as the story's headline on pages without an <h1> (an <h2 class="title">,
    # an old layout's <font><b>): they confirm where a title splits and vote for the source they
    # repeat, never are chosen alone.
    headings: tuple[str, ...] = ()
    # The heading that opens the article's text (running text follows it) on a page with no <h1>,
    # og:title or JSON-LD headline: the headline a reader sees, when the <title> says something else.
    lead: str | None = None
    # The article's section as the page names it (article:section, JSON-LD articleSection, the
    # breadcrumb's last link): cut from a title beside the site's name ("Headline | Education | Site").
    sections: tuple[str, ...] = ()


# squash, _outlet_key and host_names are pure and called many times a page on the same few names (the
# site's names, the page's URL): cached; reading one page's metadata calls them dozens of times.
@lru_cache(maxsize=4096)
def squash(text: str) -> str:
    """Case-folded letters and digits only, Arabic letter variants, marks and tatweel unified
    (:func:`processing.arabic.fold`: «الإمارات» and «الامارات», «عاجـــل» and «عاجل»): what two
    spellings of a title agree on."""
    return _NOT_WORD.sub("", fold(text).casefold())


@lru_cache(maxsize=256)
def host_names(url: str | None) -> tuple[str, ...]:
    """The labels of a host that may name a site ("www.gulf-herald.test" -> ("gulfherald",))."""
    host = (urlsplit(url).hostname or "") if url else ""
    return tuple(squash(part) for part in host.split(".") if part and part not in _HOST_PARTS and len(part) > 2)


def is_site_name(text: str, site_names: Iterable[str], hosts: Iterable[str] = ()) -> bool:
    """Whether ``text`` names the site: equal to one of ``site_names`` (letters and digits only,
    any case, words saying what kind of outlet it is set aside: «صحيفة البيان» is البيان), or its
    letters are a host label ("The Guardian" on theguardian.com)."""
    key = squash(text)
    if not key:
        return False
    names = {squash(name) for name in site_names if name}
    if key in names or _outlet_key(text) in {_outlet_key(name) for name in site_names if name}:
        return True
    if _DOMAIN.match(text.strip()):  # "gulfherald.ae", "GulfHerald.com": the host's name written out
        labels = host_names("http://" + text.strip().lower())
        return bool(labels) and labels[0] in set(hosts)
    return any(key == host or (len(host) >= 5 and key.removeprefix("the") == host.removeprefix("the"))
               for host in hosts)


_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)+$")


# Words that say what kind of outlet a name is («صحيفة البيان» is البيان, "The Harbour Post newspaper"
# is The Harbour Post): left out when two spellings of a site's name are compared.
_OUTLET_WORDS = frozenset({"صحيفة", "جريدة", "موقع", "بوابة", "مجلة", "قناة", "شبكة", "الإلكترونية", "الالكترونية",
                           "الإلكتروني", "الالكتروني", "the", "newspaper", "online",
                           "magazine", "نت", "net", "com"})  # «العربية.نت», «الجزيرة نت», "Example.com"


@lru_cache(maxsize=4096)
def _outlet_key(name: str) -> str:
    words = [w for w in re.split(r"[\s.]+", name) if w and w.casefold() not in _OUTLET_WORDS]
    return squash(" ".join(words)) or squash(name)


def strip_site(title: str, site_names: Iterable[str], hosts: Iterable[str] = (),
               headlines: Iterable[str] = ()) -> tuple[str, str | None]:
    """``title`` without the site's name, and that name (None when there was none to cut).

    The title is cut at a separator only when the part beyond it is the site's name
    (:func:`is_site_name`), or the part before it is one of ``headlines`` (another source's
    headline), which leaves the rest as the site's name; the part kept is never a site's name."""
    title = " ".join(title.split())
    names, host_keys = tuple(site_names), tuple(hosts)
    wanted = {squash(h) for h in headlines if h}
    cuts = list(SEPARATOR.finditer(title))
    for at, match in reversed(list(enumerate(cuts))):  # "Headline - Site"
        head, tail = title[:match.start()].strip(), title[match.end():].strip()
        if head and not is_site_name(head, names, host_keys) and (
                is_site_name(tail, names, host_keys)
                or (squash(head) in wanted and len(tail) <= 60)):
            # "Headline » Section :: Site": the part another source states as the headline
            shorter = next((title[:c.start()].strip() for c in cuts[:at]
                            if _STRONG.search(c.group()) and _stated(title[:c.start()], wanted)), None)
            return (shorter, tail) if shorter else (head, tail)
    for index, match in enumerate(cuts):  # "Headline - Site - News", "Headline | Site | Latest UAE news"
        head = title[:match.start()].strip()
        following = cuts[index + 1] if index + 1 < len(cuts) else None
        if following is None or not head:
            break
        tagline = title[following.end():].strip()
        if is_site_name(title[match.end():following.start()], names, host_keys) \
                and len(tagline.split()) <= MAX_TAGLINE_WORDS:
            return head, title[match.end():following.start()].strip()
    for at, match in enumerate(cuts):  # "Site | Headline"
        head, tail = title[:match.start()].strip(), title[match.end():].strip()
        if tail and not is_site_name(tail, names, host_keys) and (
                is_site_name(head, names, host_keys) or (squash(tail) in wanted and len(head) <= 60)):
            # "Site :: Section » Headline"
            shorter = next((title[c.end():].strip() for c in cuts[at + 1:]
                            if _STRONG.search(c.group()) and _stated(title[c.end():], wanted)), None)
            return (shorter, head) if shorter else (tail, head)
    # "Headline | Site | Section": the site's name between the headline and a short section name
    for at, match in enumerate(cuts[:-1]):
        head, middle = title[:match.start()].strip(), title[match.end():cuts[at + 1].start()].strip()
        rest = [title[c.end():(cuts[i + 1].start() if i + 1 < len(cuts) else len(title))].strip()
                for i, c in enumerate(cuts) if i > at]
        if head and is_site_name(middle, names, host_keys) and all(len(r.split()) <= MAX_SECTION_WORDS for r in rest):
            return head, middle
    # «عنوان الخبر -الموقع», "Headline- Site": a dash spaced on one side only, cut only before or after
    # the site's name itself (a dash inside words, "Naturkosmetik- doch gesünder?", stays)
    for match in _LOOSE_DASH.finditer(title):
        head, tail = title[:match.start()].strip(), title[match.end():].strip()
        if head and tail and is_site_name(tail, names, host_keys):
            return head, tail
        if head and tail and is_site_name(head, names, host_keys):
            return tail, head
    # "Site: Headline", a colon written straight after the site's name: cut there only when that
    # side is the site's name (a colon inside a headline, "Minister: …", stays).
    match = _SITE_COLON.search(title)
    if match and title[match.end():].strip() and is_site_name(title[:match.start()], names, host_keys):
        return title[match.end():].strip(), title[:match.start()].strip()
    return title, None


MAX_TAGLINE_WORDS = 6  # words after the site's name in a <title>: "- News", "| Latest UAE news and updates"
_SITE_COLON = re.compile(r"(?<=\S)[:：]\s+")
_LOOSE_DASH = re.compile(r"\s+[-–—](?=[^\s\d\-–—])|(?<=[^\s\-–—])[-–—]\s+")
# Separators between a section and the headline (not a dash or a colon, which headlines hold themselves).
_STRONG = re.compile(r"[|»«/~•·]|::")


def _stated(part: str, wanted: set[str]) -> bool:
    """Whether ``part`` of a title is one of the ``wanted`` headlines (squashed), of two words or more."""
    return len(part.split()) >= MIN_H1_WORDS and squash(part) in wanted
MAX_SECTION_WORDS = 3  # a section's name after the site's in a <title> ("… | Site | Local News")


MAX_KICKER_WORDS = 2
MAX_LABEL_WORDS = 5  # a label closed by a separator may be longer: "Letters to the Editor |"


def _without_kicker(h1: str, cleaned: dict[str, str]) -> tuple[str, str] | None:
    """(source, headline) when the ``h1`` is another source's headline with a label of at most
    ``MAX_KICKER_WORDS`` words in front («عاجل», «بالفيديو..», "EXCLUSIVE:"), or of at most
    ``MAX_LABEL_WORDS`` closed by a separator ("Letters to the Editor |"): the label is the page's
    flag, not the headline's words."""
    words = h1.split()
    for source, text in cleaned.items():
        key = squash(text)
        for cut in range(1, MAX_LABEL_WORDS + 1):
            kicker = " ".join(words[:cut])
            if len(words) > cut and key and squash(" ".join(words[cut:])) == key \
                    and (_KICKER_END.search(kicker) or cut <= MAX_KICKER_WORDS and squash(kicker) in _KICKERS):
                return source, text
    return None


_KICKER_END = re.compile(r"[:：|.…\-–—]\s*$")  # "EXCLUSIVE:", «بالفيديو..», "Live |"
# Labels pages set before a headline without punctuation (issue #10's pages: «عاجل», «بالصور» …).
_KICKERS = frozenset(squash(w) for w in ("عاجل", "خاص", "حصري", "فيديو", "بالفيديو", "بالصور", "شاهد", "مباشر",
                                          "breaking", "exclusive", "watch", "video", "live", "updated"))


def strip_section(title: str, sections: Iterable[str]) -> str:
    """``title`` (already without the site's name) without a section name at either end, cut at a
    separator ("Schools may raise fees | Education" -> "Schools may raise fees", «محليات - …»)."""
    keys = {squash(section) for section in sections if section and squash(section)}
    cuts = list(SEPARATOR.finditer(title))
    if cuts:
        last, first = cuts[-1], cuts[0]
        if squash(title[last.end():]) in keys and title[:last.start()].strip():
            return title[:last.start()].strip()
        if squash(title[:first.start()]) in keys and title[first.end():].strip():
            return title[first.end():].strip()
    return title


VARIANT_SHARE = 0.8  # share of the words two spellings of one headline have in common


def is_variant(one: str, other: str) -> bool:
    """Whether two headlines are one headline edited (a word or two shortened or swapped: "Joburg" for
    "Johannesburg"): at least ``VARIANT_SHARE`` of the longer one's words are in the other, and
    they are not the same words."""
    a, b = [squash(w) for w in one.split()], [squash(w) for w in other.split()]
    if not a or not b or a == b:
        return False
    shared = sum(1 for w in a if w in set(b))
    return shared >= VARIANT_SHARE * max(len(a), len(b))


MIN_TRUNCATED_CHARS = 60  # a shorter headline that begins another is a headline of its own, not a cut one
# Without an ellipsis, a headline is taken for one cut short only this close to JSON-LD's limit of 110
# characters (Google's article guidelines): "Headline" beside "Headline - National" is the headline, the
# other a <title> with its section left on.
MIN_CUT_CHARS = 100
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")


def _complete_truncated(cleaned: dict[str, str]) -> None:
    """Replace in ``cleaned`` a headline cut short (JSON-LD ``headline`` is limited to 110
    characters; "… across Engl", "… across E...") by the whole one another source gives: its
    letters, once an ellipsis is set aside, begin the other's and number ``MIN_TRUNCATED_CHARS``
    or more, and it ends in an ellipsis or is ``MIN_CUT_CHARS`` characters long or more."""
    for source, text in list(cleaned.items()):
        key = squash(_ELLIPSIS.sub("", text))
        if len(key) < MIN_TRUNCATED_CHARS or (len(text) < MIN_CUT_CHARS and not _ELLIPSIS.search(text)):
            continue
        for other, whole in cleaned.items():
            if other != source and len(squash(whole)) > len(key) and squash(whole).startswith(key):
                cleaned[source] = whole
                break


def plausible_h1(text: str, site_names: Iterable[str], hosts: Iterable[str]) -> bool:
    words = text.split()
    return (MIN_H1_WORDS <= len(words) and len(text) <= MAX_H1_CHARS
            and not is_site_name(text, site_names, hosts))


def choose(candidates: Candidates, site_names: Iterable[str] = (), url: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(headline, where it came from, the site's name as a title carried it) for one page.

    ``where`` is one of "h1", "json-ld", "meta", "title"."""
    names, hosts = tuple(n for n in site_names if n), host_names(url)
    h1s = [" ".join(h.split()) for h in candidates.h1 if h and h.strip()]
    raw = {"json-ld": candidates.json_ld, "meta": candidates.og, "title": candidates.title}
    others = [v for v in raw.values() if v] + h1s + [" ".join(h.split()) for h in candidates.headings if h]
    cleaned: dict[str, str] = {}
    # A side cut off because it is a known site name beats one cut off only because the rest is
    # another source's headline (in og:title "Headline | Jane Doe" that side is the columnist's
    # name), and among those, the <title>'s.
    confirmed: str | None = None
    inferred: str | None = None
    for source, value in raw.items():
        if not value:
            continue
        text, site = strip_site(value, names, hosts, [o for o in others if o != value])
        if site is not None and candidates.sections:
            text = strip_section(text, candidates.sections)
        if text:
            cleaned[source] = text
            if site and is_site_name(site, names, hosts):
                confirmed = confirmed or site
            elif site and (inferred is None or source == "title"):  # the <title> is where sites sign
                inferred = site
    site_found = confirmed or inferred
    _complete_truncated(cleaned)
    keys = {source: squash(text) for source, text in cleaned.items()}
    # (the name the <title> carries beside the headline is the site's too: an <h1> that says it is the
    # site's logo in a page header)
    plausible = [h for h in h1s if plausible_h1(h, names + ((site_found,) if site_found else ()), hosts)]
    if plausible:
        # Several h1 (a site logo, a sidebar's heading): the one another source agrees with, else the first.
        agreed = [h for h in plausible if squash(h) in keys.values()]
        if not agreed and len(keys) == 3 and len(set(keys.values())) == 1 \
                and is_variant(plausible[0], cleaned["json-ld"]):
            return cleaned["json-ld"], "json-ld", site_found  # the h1 is a display edit of the stated headline
        if not agreed:
            kicked = next(filter(None, (_without_kicker(h, cleaned) for h in plausible)), None)
            if kicked:
                return kicked[1], kicked[0], site_found
        return (agreed or plausible)[0], "h1", site_found
    lead = " ".join((candidates.lead or "").split())
    if lead and set(cleaned) <= {"title"} and plausible_h1(lead, names, hosts) \
            and squash(lead) not in keys.values():
        # An old layout: the <title> is the site's name alone, or another text; the page's own
        # heading above the text is what a reader writes down.
        return lead, "heading", site_found
    if not cleaned:
        return None, None, site_found
    # A heading on the page (an <h2 class="title">, a styled headline <div>) that says the same wins:
    # the social og:title, even with the JSON-LD headline beside it, loses to the <title> the page's
    # own heading repeats; then the sources' agreement decides.
    shown = {squash(h) for h in candidates.headings if h}
    votes = {source: sum(1 for other, key in keys.items() if other != source and key == keys[source])
             for source in cleaned}
    # (dict order breaks ties: json-ld, meta, title)
    best = max(cleaned, key=lambda source: (keys[source] in shown, votes[source]))
    # Of the sources that state that headline in spellings equal once folded («الامارات» and «الإمارات»),
    # the one more of them write exactly so.
    exact = {source: _NOT_WORD.sub("", text.casefold()) for source, text in cleaned.items()}
    same = [source for source in cleaned if keys[source] == keys[best]]
    best = max(same, key=lambda source: sum(1 for other in same if other != source and exact[other] == exact[source]))
    return cleaned[best], best, site_found
