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


@pytest.mark.parametrize("url, expected", [
    # an internationalised host in its ASCII form, as the request goes out and the registry lists it (#10)
    ("http://مثال.test/news/خبر.html", "http://xn--mgbh0fb.test/news/%D8%AE%D8%A8%D8%B1.html"),
    ("http://Bücher.example/a", "http://xn--bcher-kva.example/a"),
    # an Arabic path written raw, percent-encoded or percent-encoded in lower case: one key
    ("http://x.test/akhbar/خبر.html", "http://x.test/akhbar/%D8%AE%D8%A8%D8%B1.html"),
    ("http://x.test/akhbar/%d8%ae%d8%a8%d8%b1.html", "http://x.test/akhbar/%D8%AE%D8%A8%D8%B1.html"),
    # a legacy site's windows-1256 escapes are kept byte for byte: never decoded into U+FFFD
    ("http://x.test/article.php?title=%C7%E1%DA%D1%C8&id=7", "http://x.test/article.php?id=7&title=%C7%E1%DA%D1%C8"),
    ("http://x.test/s?q=خبر&utm_source=rss", "http://x.test/s?q=%D8%AE%D8%A8%D8%B1"),
    ("http://x.test/s?q=a+b&r=a%20b&t=%26", "http://x.test/s?q=a+b&r=a%20b&t=%26"),  # as written
])
def test_canonical_urls_stay_fetchable(url: str, expected: str) -> None:
    assert canonicalize(url) == expected and canonicalize(expected) == expected
