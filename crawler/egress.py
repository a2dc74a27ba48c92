"""The egress rule: which addresses the crawler may request, decided in one place.

Every request the crawler makes (discovery documents, sitemap-index children, articles,
redirects and ``<meta http-equiv="refresh">`` targets, robots.txt) passes
:class:`crawler.middlewares.egress.EgressPolicy`, which applies :func:`refusal` to the URL and
:func:`address_refusal` to the address its host resolves to. The rule (the usual SSRF defence,
OWASP "Server-Side Request Forgery Prevention Cheat Sheet"):

- the scheme is ``http`` or ``https`` (``bad_scheme`` otherwise: no file, ftp, s3 or data);
- the host is within the outlet's ``allowed_domains`` (or the host of one of its registry
  addresses); a redirect elsewhere is ``off_domain_redirect``, any other request ``off_domain``;
- the address is not loopback, private, link-local, multicast, reserved or unspecified
  (``private_address``), unless ``WIREWATCH_ALLOW_PRIVATE_ADDRESSES`` is on (tests and the demo,
  whose sample web runs on 127.0.0.1). Numeric host forms (``2130706433``, ``0x7f.1``) are read
  the way the C resolver reads them, so they cannot hide an address.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

SCHEMES = ("http", "https")
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]+|[0-9]+)(\.(0x[0-9a-f]+|[0-9]+)){0,3}$", re.IGNORECASE)


@dataclass(frozen=True)
class Refusal:
    """Why a request is not made: ``reason`` is the failure counter's name, ``detail`` one line."""

    reason: str
    detail: str


def host_allowed(host: str, domains: frozenset[str]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one (case-insensitive)."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def literal_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a host written as a number stands for (``::1``, ``127.0.0.1``,
    ``2130706433``, ``0x7f.1``), or None for a host name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def address_refusal(address: ipaddress.IPv4Address | ipaddress.IPv6Address, host: str) -> Refusal | None:
    """``private_address`` when ``address`` is loopback, private, link-local, multicast, reserved or
    unspecified (IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if (address.is_loopback or address.is_private or address.is_link_local or address.is_multicast
            or address.is_reserved or address.is_unspecified):
        shown = "" if host.strip("[]") == str(address) else f" ({host})"
        return Refusal("private_address", f"{address}{shown} is not a public address "
                                          "(-s WIREWATCH_ALLOW_PRIVATE_ADDRESSES=True allows it)")
    return None


def refusal(url: str, domains: frozenset[str] | None, *, allow_private: bool,
            redirected_from: str | None = None) -> Refusal | None:
    """The reason ``url`` must not be requested, or None. ``domains`` None skips the domain rule
    (a request made for no outlet); ``redirected_from`` names the URL that redirected here."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError on a port out of range)
    except ValueError as exc:
        return Refusal("bad_url", f"{url[:200]!r}: {exc}")
    if parts.scheme.lower() not in SCHEMES:
        return Refusal("bad_scheme", f"scheme {parts.scheme or '(none)'!r} is not http or https")
    if not host:
        return Refusal("bad_url", f"{url[:200]!r}: no host")
    if domains is not None and not host_allowed(host, domains):
        if redirected_from is not None:
            return Refusal("off_domain_redirect", f"{redirected_from} redirects to {url}; not followed")
        return Refusal("off_domain", f"{host} is not among the outlet's allowed_domains")
    address = literal_address(host)
    if address is not None and not allow_private:
        return address_refusal(address, host)
    return None
