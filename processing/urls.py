"""URL canonicalisation: the key an article is stored under."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

# Query parameters that only track the reader, never select content.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|"
    r"ocid|cmpid|ito|at_medium|at_campaign|at_custom\d*|smid|taid|ref|ref_src|src|share|fromamp)$",
    re.IGNORECASE,
)


# What RFC 3986 lets a path or query carry unescaped (unreserved, sub-delims, ":", "@", "/", "?"),
# plus "%" so that escapes already there are kept as written.
_SAFE = "-._~!$&'()*+,;=:@/?%"
_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")


def canonicalize(url: str) -> str:
    """Normalise ``url`` for identity: lower-case scheme and host, an internationalised host in its
    ASCII (IDNA) form, no default port, no fragment, no tracking parameters, remaining parameters
    sorted (by name, then value), an empty path as ``/``, non-ASCII characters percent-encoded as UTF-8 and escapes in
    upper case (RFC 3986 §6.2.2.1). The result is the address fetched, so escapes already in the URL
    are kept byte for byte: a legacy site's ``?title=%C7%E1`` (windows-1256) is never decoded and
    re-encoded into replacement characters, and ``+`` and ``%20`` stay as written.

    Raises ValueError for a URL that cannot be split (an unbalanced ``[``, a port out of range);
    :func:`url_problem` says so without raising."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = ascii_host(parts.hostname or "")
    if ":" in host:  # an IPv6 literal keeps its brackets (RFC 3986, section 3.2.2)
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [_escaped(pair if "=" in pair else pair + "=") for pair in parts.query.split("&")
             if pair and not TRACKING_PARAMS.match(_unescaped(pair.partition("=")[0]))]
    query.sort(key=lambda pair: tuple(_unescaped(side) for side in pair.partition("=")[::2]))
    return urlunsplit((scheme, host, _escaped(parts.path) or "/", "&".join(query), ""))


def ascii_host(host: str) -> str:
    """``host`` in lower case, an internationalised name in its ASCII form (``مثال.test`` →
    ``xn--mgbh0fb.test``, IDNA as Python's codec and HTTP clients write it); a name the codec
    refuses is kept as given."""
    host = host.lower().rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _unescaped(text: str) -> str:
    """A query's name or value as a form decodes it (only to match names and to order pairs)."""
    return unquote(text.replace("+", " "))


def _escaped(text: str) -> str:
    """Non-ASCII characters and spaces percent-encoded (UTF-8), every escape in upper case."""
    return _ESCAPE.sub(lambda m: m.group(0).upper(), quote(text, safe=_SAFE))


def url_problem(url: str) -> str | None:
    """Why ``url`` is not a URL at all (one line), or None. Catches what makes :func:`canonicalize`
    or a request raise: an unbalanced ``[`` in the host, a port out of 0-65535. (Which schemes and
    hosts may be requested is the egress rule's business: crawler.egress.) An empty one is a feed entry or
    sitemap ``<url>`` that gives no address."""
    if not url.strip():
        return "an entry without a link"
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 (raises ValueError when out of range)
        canonicalize(url)
    except ValueError as exc:
        return str(exc)
    return None
