"""`wirewatch serve` answers over real HTTP with the articles table and full-text search."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterator

import pytest

from tests.conftest import Crawled
from tests.serving import serving


@pytest.fixture(scope="module")
def served(crawled: Crawled) -> Iterator[str]:
    with serving(crawled.db) as url:
        yield url


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_articles_table_is_served(served: str, crawled: Crawled) -> None:
    import sqlite3

    stored = sqlite3.connect(crawled.db).execute("SELECT count(*) FROM articles").fetchone()[0]
    data = get_json(served + "/articles.json?_shape=objects&_size=max")
    assert len(data["rows"]) == stored > 0


def test_full_text_search(served: str) -> None:
    data = get_json(served + "/articles.json?_shape=objects&_search=sanctions")
    assert data["rows"], "search for 'sanctions' found nothing"
    assert all("sanction" in (r["title"] + r["text"]).lower() for r in data["rows"])
    none = get_json(served + "/articles.json?_shape=objects&_search=zebrafishwordnotthere")
    assert none["rows"] == []


def test_arabic_search(served: str) -> None:
    data = get_json(served + "/articles.json?_shape=objects&_search=" + urllib.parse.quote("معرض"))
    assert data["rows"] and all(r["language"] == "ar" for r in data["rows"])


def test_serve_refuses_writes(served: str, crawled: Crawled) -> None:
    import sqlite3

    count = lambda: sqlite3.connect(crawled.db).execute("SELECT count(*) FROM articles").fetchone()[0]  # noqa: E731
    before = count()
    for sql in ("DELETE FROM articles", "UPDATE articles SET title = 'x'"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(served + ".json?sql=" + urllib.parse.quote(sql), timeout=10)
        assert refused.value.code == 400
    assert count() == before > 0
