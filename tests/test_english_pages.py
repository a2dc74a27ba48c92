"""Title, authors and publication day on invented English article pages in common CMS layouts.

The pages (tests/data/english-pages, built by its build.py) model WordPress/Yoast, Arc XP,
Brightspot, Drupal, Gulf English outlets, UK tabloids and broadsheets, US local news and wire pages:
bylines with roles, places, handles, e-mail addresses, read times, dates, desk credits and agencies;
titles with site names and social og:titles; dates beside updates, comments, related stories and
script data (issue #10). Every page goes through the real path, :func:`processing.extract.extract`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from processing import wire
from processing.extract import extract

DATA = Path(__file__).parent / "data" / "english-pages"
NOW = datetime(2026, 12, 1, 18, 0, tzinfo=timezone.utc)
GOLDEN = [json.loads(line) for line in (DATA / "golden.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("item", GOLDEN, ids=[item["file"] for item in GOLDEN])
def test_a_reader_s_title_authors_and_day(item: dict) -> None:
    found = extract((DATA / "pages" / item["file"]).read_bytes(), item["url"], now=NOW)
    assert found.title == item["title"]
    assert found.authors == [name for name in item["authors"] if not wire.from_byline(name)]
    assert (found.published or "")[:10] == item["published"][:10]
