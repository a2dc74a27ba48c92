"""URL canonicalisation: the key an article is stored under."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the reader, never select content.
TRACKING_PARAMS = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|"
    r"ocid|cmpid|ito|at_medium|at_campaign|at_custom\d*|smid|taid|ref|ref_src|src|share|fromamp)$",
    re.IGNORECASE,
)


def canonicalize(url: str) -> str:
    """Normalise ``url`` for identity: lower-case scheme and host, no default port, no fragment,
    no tracking parameters, remaining parameters sorted, an empty path as ``/``.

    Raises ValueError for a URL that cannot be split (an unbalanced ``[``, a port out of range);
    :func:`url_problem` says so without raising."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets (RFC 3986, section 3.2.2)
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


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
