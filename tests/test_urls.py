import pytest

from processing.urls import canonicalize


@pytest.mark.parametrize("url, expected", [
    ("HTTP://Example.COM/a/b?utm_source=x&utm_medium=y#frag", "http://example.com/a/b"),
    ("https://example.com:443/a?b=2&a=1&fbclid=zz", "https://example.com/a?a=1&b=2"),
    ("http://127.0.0.1:8080/news/x?id=5&gclid=1", "http://127.0.0.1:8080/news/x?id=5"),
    ("https://example.com", "https://example.com/"),
])
def test_canonicalize(url: str, expected: str) -> None:
    assert canonicalize(url) == expected


def test_canonicalize_is_idempotent() -> None:
    once = canonicalize("https://www.Example.com/path?z=1&a=2&utm_campaign=c#top")
    assert canonicalize(once) == once
