"""The rules the fault crawls exercise, checked directly: egress, IPv6 canonical URLs, DOCTYPE internal subsets."""

from __future__ import annotations

import pytest

from crawler import egress
from crawler.discovery.guards import has_internal_subset, markup_text
from processing.urls import canonicalize, url_problem

DOMAINS = frozenset({"fault.test"})


@pytest.mark.parametrize("url, reason", [
    ("ftp://fault.test/x", "bad_scheme"), ("file:///etc/passwd", "bad_scheme"), ("data:text/plain,x", "bad_scheme"),
    ("http://other.test/x", "off_domain"), ("http://fault.test:99999/", "bad_url"),
    ("http://127.0.0.1/", "off_domain"),
])
def test_refusals(url: str, reason: str) -> None:
    refused = egress.refusal(url, DOMAINS, allow_private=False)
    assert refused is not None and refused.reason == reason


@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "0.0.0.0", "2130706433", "0x7f.1", "169.254.169.254",
                                  "10.1.2.3", "[::ffff:127.0.0.1]", "224.0.0.1"])
def test_private_addresses_in_any_notation_are_refused_unless_allowed(host: str) -> None:
    url = f"http://{host}:8080/"
    refused = egress.refusal(url, None, allow_private=False)
    assert refused is not None and refused.reason == "private_address"
    assert refused.detail.endswith("(-s WIREWATCH_ALLOW_PRIVATE_ADDRESSES=True allows it)")  # says what to set
    assert egress.refusal(url, None, allow_private=True) is None


def test_a_public_address_and_a_subdomain_pass() -> None:
    assert egress.refusal("https://93.184.215.14/", None, allow_private=False) is None
    assert egress.refusal("https://www.fault.test/a", DOMAINS, allow_private=False) is None


def test_a_redirect_elsewhere_names_its_target() -> None:
    refused = egress.refusal("http://169.254.169.254/latest/", DOMAINS, allow_private=True,
                             redirected_from="http://fault.test/a")
    assert refused == egress.Refusal("off_domain_redirect",
                                     "http://fault.test/a redirects to http://169.254.169.254/latest/; not followed")


def test_ipv6_literals_stay_valid_in_canonical_urls() -> None:
    assert canonicalize("http://[::1]:8080/news?id=1&utm_source=x") == "http://[::1]:8080/news?id=1"
    assert canonicalize("HTTP://[2001:DB8::1]:80/") == "http://[2001:db8::1]/"
    assert url_problem("http://[::1]:8080/") is None
    assert url_problem("http://[fault.test/x") == "Invalid IPv6 URL"


@pytest.mark.parametrize("body, bomb", [
    ('<!DOCTYPE r [<!ENTITY a "x">]><r>&a;</r>'.encode("utf-16"), True),
    ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r [<!ENTITY a "x">]><r/>'.encode("utf-16-be"), True),
    (b'<!DOCTYPE r PUBLIC "-//A>B//EN" "x>y.dtd" [<!ENTITY a "x">]><r/>', True),
    (b"<!DOCTYPE r SYSTEM 'a>[b.dtd'><r/>", False),
    (b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "rss-0.91.dtd"><rss/>', False),
])
def test_internal_subsets_are_found_whatever_the_encoding(body: bytes, bomb: bool) -> None:
    assert has_internal_subset(markup_text(body)) is bomb
