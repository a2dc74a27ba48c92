"""The source registry (sources.toml): outlets to monitor, validated on load.

Every problem is reported as ``<file>: outlet <id>: field '<name>': <why>``. :func:`load` raises
:class:`RegistryError` on the first one (and says how many more there are); :func:`check`
returns them all, for `wirewatch sources check`.
"""

from __future__ import annotations

import difflib
import re
import shlex
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.etree

import settings
from crawler import userfiles
from processing.country_codes import country_problem
from processing.dates import check_zone
from processing.extract import ExtractHints
from processing.language_codes import code_problem
from processing.urls import ascii_host

DEFAULT_REGISTRY = Path(settings.__file__).resolve().parent / "sources.toml"
REGIONS = ("uk", "gulf", "other")
DISCOVERY_KINDS = ("feeds", "sitemaps", "sections")


class RegistryError(Exception):
    """The registry file is missing, unreadable or invalid; the message names file, outlet and field."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    country: str
    region: str
    languages: tuple[str, ...]
    homepage: str
    allowed_domains: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_pattern: str = ""
    boilerplate: tuple[str, ...] = ()
    prune_xpath: tuple[str, ...] = ()
    timezone: str = ""  # IANA name; the zone of a time its pages print without an offset
    enabled: bool = True
    verified: str = "no"

    def is_article_url(self, url: str) -> bool:
        return not self.article_pattern or re.search(self.article_pattern, urlsplit(url).path) is not None

    def in_domain(self, url: str) -> bool:
        return _host_in(urlsplit(url).hostname or "", self.allowed_domains)

    def extract_hints(self) -> ExtractHints:
        return ExtractHints(boilerplate_lines=self.boilerplate, prune_xpath=self.prune_xpath,
                            timezone=self.timezone or None, site_names=(self.name,), country=self.country or None)

    def discovery_urls(self) -> list[tuple[str, str]]:
        """(kind, url) of every feed, sitemap and section page: kind is feed, sitemap or section."""
        return ([("feed", u) for u in self.feeds] + [("sitemap", u) for u in self.sitemaps]
                + [("section", u) for u in self.sections])

    def row(self) -> dict[str, Any]:
        """The columns the store keeps for this outlet."""
        data = asdict(self)
        return {k: data[k] for k in ("id", "name", "country", "region", "languages", "homepage", "enabled")}


# A registry is small (the shipped one, 26 outlets, is 12 kB; 10,000 outlets would be under 10 MB): a
# larger file is the wrong file, not read whole.
MAX_REGISTRY_BYTES = 16 * 1024 * 1024
_REQUIRED = ("id", "name", "country", "region", "languages", "homepage", "allowed_domains")
_LISTS = ("languages", "allowed_domains", "feeds", "sitemaps", "sections", "boilerplate", "prune_xpath")
_STRINGS = ("id", "name", "country", "region", "homepage", "article_pattern", "verified", "timezone")
_KNOWN = tuple(Source.__dataclass_fields__)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
_VERIFIED = re.compile(r"^(no|\d{4}-\d{2}-\d{2}\b.*)$")


def registry_path(configured: str | Path | None) -> Path:
    """``configured`` (the setting or ``--sources``) if given, else sources.toml beside settings.py."""
    return Path(configured) if configured else DEFAULT_REGISTRY


def load(path: str | Path) -> list[Source]:
    """Load and validate the registry at ``path``; raise :class:`RegistryError` if anything is wrong."""
    sources, problems = check(path)
    if problems:
        more = f" (and {len(problems) - 1} more; run `{check_command(path)}`)" if len(problems) > 1 else ""
        raise RegistryError(problems[0] + more, problems)
    return sources


def check_command(path: str | Path) -> str:
    """The `wirewatch sources check` command that lists every problem of the registry at ``path``."""
    given = Path(path)
    same = given.resolve() == DEFAULT_REGISTRY
    return "wirewatch sources check" if same else f"wirewatch sources check --sources {shlex.quote(str(given))}"


def check(path: str | Path) -> tuple[list[Source], list[str]]:
    """The registry's valid outlets and every problem found. A file that cannot be read raises."""
    path = Path(path)
    try:
        # utf-8-sig: a byte-order mark (Windows editors write one) is not TOML, and not worth refusing the file.
        text = userfiles.read_text(path, limit=MAX_REGISTRY_BYTES, encoding="utf-8-sig")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise RegistryError(f"{path}: source registry not found") from None
    except IsADirectoryError:
        raise RegistryError(f"{path}: is a folder, not a source registry (a TOML file)") from None
    except userfiles.UnreadableFile as exc:
        raise RegistryError(f"{path}: cannot use it as the source registry: {exc}") from None
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read source registry: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from None
    return validate(data, str(path), text)


def parse(data: dict[str, Any], origin: str) -> list[Source]:
    """Validate already-parsed TOML; raise on the first problem."""
    sources, problems = validate(data, origin)
    if problems:
        raise RegistryError(problems[0], problems)
    return sources


def validate(data: dict[str, Any], origin: str, text: str | None = None) -> tuple[list[Source], list[str]]:
    """The valid outlets of parsed TOML ``data`` and every problem (``ORIGIN[:LINE]: outlet ID: field 'F':
    why``). With the file's ``text``, each outlet problem names the line of the field (or of the outlet's
    ``[[outlet]]`` header when the field is missing), as compilers do, so an editor can jump to it."""
    lines = _field_lines(text) if text is not None else []
    problems = [f"{origin}: unknown top-level key {key!r} (outlets are [[outlet]] tables)"
                for key in data if key != "outlet"]
    outlets = data.get("outlet")
    if not isinstance(outlets, list) or not outlets or not all(isinstance(o, dict) for o in outlets):
        return [], problems + [f"{origin}: no [[outlet]] tables"]
    sources: list[Source] = []
    ids: set[str] = set()
    addresses: dict[str, str] = {}  # discovery URL -> the outlet that lists it
    for index, raw in enumerate(outlets, start=1):
        name = raw.get("id") if isinstance(raw.get("id"), str) and raw.get("id") else f"#{index}"
        found = _problems(raw)
        # An id is taken by the first outlet that gives it, valid or not: a duplicate is a problem of its
        # own, listed beside the other outlets' problems (not only when it is the registry's sole problem).
        valid = not found
        if name == raw.get("id"):
            if name in ids:
                found.append(("id", "duplicate id"))
            ids.add(name)
        if valid:
            for kind in DISCOVERY_KINDS:
                found.extend((kind, f"{url!r} is also listed by outlet {addresses[url]}")
                             for url in raw.get(kind, []) if url in addresses)
        where = lines[index - 1] if len(lines) >= index else {}
        problems.extend(f"{origin}{_at(where, field)}: outlet {name}: field '{field}': {why}" for field, why in found)
        if not found:
            addresses.update({url: raw["id"] for kind in DISCOVERY_KINDS for url in raw.get(kind, [])})
            outlet = {k: tuple(v) if k in _LISTS else v for k, v in raw.items()}
            # An internationalised domain may be written as people read it: kept in the ASCII form requests carry.
            outlet["allowed_domains"] = tuple(ascii_host(d) for d in outlet["allowed_domains"])
            sources.append(Source(**outlet))
    return sources, problems


_HEADER = re.compile(r"^\s*\[\[\s*outlet\s*\]\]")
_TABLE = re.compile(r"^\s*\[")
_KEY = re.compile(r"^\s*[\"']?([A-Za-z0-9_-]+)[\"']?\s*=")


def _field_lines(text: str) -> list[dict[str, int]]:
    """Per ``[[outlet]]`` table of the TOML ``text``, in order: field name -> 1-based line, and ``""`` -> the
    header's line. Outlets written another way (an inline array) give no lines: problems then name no line."""
    outlets: list[dict[str, int]] = []
    current: dict[str, int] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if _HEADER.match(line):
            current = {"": number}
            outlets.append(current)
        elif _TABLE.match(line):
            current = None
        elif current is not None and (key := _KEY.match(line)):
            current.setdefault(key.group(1), number)
    return outlets


def _at(lines: dict[str, int], field: str) -> str:
    """``:LINE`` of ``field`` in its outlet's table (its header's when the field is not there), or ``""``."""
    line = lines.get(field, lines.get(""))
    return f":{line}" if line else ""


def _problems(raw: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, why) for everything wrong with one [[outlet]] table."""
    found: list[tuple[str, str]] = []
    for name in sorted(set(raw) - set(_KNOWN)):
        close = difflib.get_close_matches(name, _KNOWN, n=1)
        found.append((name, "unknown field" + (f" (did you mean '{close[0]}'?)" if close else "")))
    for name in _REQUIRED:
        if raw.get(name) in (None, "", []):
            found.append((name, "missing"))
    for name in _STRINGS:
        if name in raw and not isinstance(raw[name], str):
            found.append((name, "must be a string"))
    for name in _LISTS:
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            found.append((name, "must be a list of strings"))
    if "enabled" in raw and not isinstance(raw["enabled"], bool):
        found.append(("enabled", "must be true or false"))
    # A check runs only when the fields it reads are present and of the right type.
    broken = {name for name, _ in found}
    checks: tuple[tuple[str, Callable[[dict[str, Any]], str | None]], ...] = (
        ("id", lambda r: None if _ID.match(r["id"]) else "use lower-case letters, digits and hyphens"),
        ("region", lambda r: None if r["region"] in REGIONS else f"must be one of {', '.join(REGIONS)}"),
        ("country", lambda r: country_problem(r["country"])),
        ("languages", lambda r: next((code_problem(v) for v in r["languages"] if code_problem(v)), None)),
        ("allowed_domains", lambda r: next((f"{v!r} is not a host name (no scheme, no path)"
                                            for v in r["allowed_domains"] if not _HOST.match(ascii_host(v))), None)),
        ("homepage", lambda r: _url_problem(r["homepage"], _domains(r))),
        ("feeds", lambda r: _first(_url_problem(u) for u in r.get("feeds", []))),
        ("sitemaps", lambda r: _first(_url_problem(u) for u in r.get("sitemaps", []))),
        ("sections", lambda r: _first(_url_problem(u, _domains(r)) for u in r.get("sections", []))),
        ("article_pattern", _pattern_problem),
        ("prune_xpath", lambda r: _first(_xpath_problem(x) for x in r.get("prune_xpath", []))),
        ("timezone", lambda r: check_zone(r["timezone"]) if "timezone" in r else None),
        ("verified", lambda r: None if _VERIFIED.match(r.get("verified", "no"))
         else "use \"no\", or the date it was last checked online (YYYY-MM-DD, then an optional note)"),
        ("feeds", _discovery_problem),
    )
    for name, test in checks:
        # The reads of "feeds" are those of its last check (an enabled outlet's discovery documents) only: a
        # malformed `enabled` must not hide a malformed feed URL.
        reads = _READS.get(name, set()) if name != "feeds" or test is _discovery_problem else set()
        if broken & ({name} | reads):
            continue
        why = test(raw)
        if why:
            found.append((name, why))
    return found


# Fields a check reads besides its own (see _problems).
_READS: dict[str, set[str]] = {
    "article_pattern": {"sections"},
    "feeds": {"enabled", "sitemaps", "sections"},
}


def _domains(raw: dict[str, Any]) -> list[str] | None:
    """``allowed_domains`` when it is a non-empty list of strings; else None, and the homepage and section
    URLs are checked for their form only (the missing or malformed field is reported on its own)."""
    value = raw.get("allowed_domains")
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


def _first(items: Any) -> str | None:
    return next((item for item in items if item), None)


def _url_problem(url: str, domains: list[str] | None = None) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url:
        return f"not an http(s) URL: {url!r}"
    if domains is not None and not _host_in(parts.hostname, domains):
        return f"{url!r} is outside allowed_domains"
    return None


def _discovery_problem(raw: dict[str, Any]) -> str | None:
    if not raw.get("enabled", True) or any(raw.get(k) for k in DISCOVERY_KINDS):
        return None
    if set(raw) - set(_KNOWN):
        return None  # a misspelt key (e.g. `feed`) is reported as unknown; saying "no feeds" too is noise
    return "an enabled outlet needs at least one feed, sitemap or section page"


def _pattern_problem(raw: dict[str, Any]) -> str | None:
    pattern = raw.get("article_pattern", "")
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"not a regular expression: {exc}"
    if raw.get("sections") and not pattern:
        return "needed when the outlet has section pages (which links are articles?)"
    return None


def _xpath_problem(expression: str) -> str | None:
    try:
        lxml.etree.XPath(expression)
    except lxml.etree.XPathSyntaxError as exc:
        return f"not an XPath expression: {expression!r} ({exc})"
    return None


def _host_in(host: str, domains: tuple[str, ...] | list[str]) -> bool:
    host = ascii_host(host)  # an internationalised host, in a link or the registry, compared in its ASCII form
    return any(host == d or host.endswith("." + d) for d in map(ascii_host, domains))
