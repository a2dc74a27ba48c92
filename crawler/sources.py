"""The source registry (sources.toml): outlets to monitor, validated on load."""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import settings
from processing.extract import ExtractHints

DEFAULT_REGISTRY = Path(settings.__file__).resolve().parent / "sources.toml"
REGIONS = ("uk", "gulf", "other")


class RegistryError(Exception):
    """The registry file is missing, unreadable or invalid; the message names file, outlet and field."""


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
    enabled: bool = True
    verified: str = ""

    def is_article_url(self, url: str) -> bool:
        return not self.article_pattern or re.search(self.article_pattern, urlsplit(url).path) is not None

    def in_domain(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == d or host.endswith("." + d) for d in self.allowed_domains)

    def extract_hints(self) -> ExtractHints:
        return ExtractHints(boilerplate_lines=self.boilerplate, prune_xpath=self.prune_xpath)

    def row(self) -> dict[str, Any]:
        """The columns the store keeps for this outlet."""
        data = asdict(self)
        return {k: data[k] for k in ("id", "name", "country", "region", "languages", "homepage", "enabled")}


_REQUIRED = ("id", "name", "country", "region", "languages", "homepage", "allowed_domains")
_LISTS = ("languages", "allowed_domains", "feeds", "sitemaps", "sections", "boilerplate", "prune_xpath")
_URL_LISTS = ("feeds", "sitemaps", "sections")
_KNOWN = set(Source.__dataclass_fields__)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def registry_path(configured: str | Path | None) -> Path:
    """``configured`` (the setting or ``--sources``) if given, else sources.toml beside settings.py."""
    return Path(configured) if configured else DEFAULT_REGISTRY


def load(path: str | Path) -> list[Source]:
    """Load and validate the registry at ``path``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: source registry not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RegistryError(f"{path}: cannot read source registry: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from None
    return parse(data, str(path))


def parse(data: dict[str, Any], origin: str) -> list[Source]:
    outlets = data.get("outlet")
    if not isinstance(outlets, list) or not outlets:
        raise RegistryError(f"{origin}: no [[outlet]] tables")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, raw in enumerate(outlets, start=1):
        label = f"outlet {raw.get('id') or '#' + str(index)}"
        source = _validate(raw, f"{origin}: {label}")
        if source.id in seen:
            raise RegistryError(f"{origin}: {label}: field 'id': duplicate id")
        seen.add(source.id)
        sources.append(source)
    return sources


def _validate(raw: dict[str, Any], where: str) -> Source:
    def fail(fieldname: str, why: str) -> RegistryError:
        return RegistryError(f"{where}: field '{fieldname}': {why}")

    for name in _REQUIRED:
        if raw.get(name) in (None, "", []):
            raise fail(name, "missing")
    unknown = set(raw) - _KNOWN
    if unknown:
        raise fail(sorted(unknown)[0], "unknown field")
    for name in _LISTS:
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(name, "must be a list of strings")
    if not _ID.match(str(raw["id"])):
        raise fail("id", "use lower-case letters, digits and hyphens")
    if raw["region"] not in REGIONS:
        raise fail("region", f"must be one of {', '.join(REGIONS)}")
    if not re.fullmatch(r"[A-Z]{2}", str(raw["country"])):
        raise fail("country", "must be an ISO 3166-1 alpha-2 code such as GB or AE")
    for lang in raw["languages"]:
        if not re.fullmatch(r"[a-z]{2}", lang):
            raise fail("languages", f"{lang!r} is not an ISO 639-1 code")
    for name in ("homepage",):
        if not _is_http_url(raw[name]):
            raise fail(name, f"not an http(s) URL: {raw[name]!r}")
    for name in _URL_LISTS:
        for url in raw.get(name, []):
            if not _is_http_url(url):
                raise fail(name, f"not an http(s) URL: {url!r}")
    pattern = raw.get("article_pattern", "")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise fail("article_pattern", f"not a regular expression: {exc}") from None
    if not isinstance(raw.get("enabled", True), bool):
        raise fail("enabled", "must be true or false")
    values = {k: tuple(v) if k in _LISTS else v for k, v in raw.items()}
    return Source(**values)


def _is_http_url(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
