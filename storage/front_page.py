"""What the front page of `wirewatch serve` shows: the latest stories carried by more than one
outlet and the latest articles; and, on an article's page, the other copies of its story."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from storage import analyst_queries, catalog

FRONT_ROWS = 10


def latest(db: sqlite_utils.Database, *, rows: int = FRONT_ROWS) -> dict[str, list[dict[str, Any]]]:
    """``{"stories": [...], "articles": [...]}``: up to ``rows`` of each, newest first. Stories
    come from :func:`storage.analyst_queries.latest_stories` (empty when the store has none)."""
    f = catalog.features(db)
    stories: list[dict[str, Any]] = []
    if f.stories and {"outlets_count", "last_seen"} <= f.columns.get("stories", frozenset()):
        stories = [dict(r) for r in db.query(analyst_queries.latest_stories(f, limit=rows).sql)]
    title_en = "a.title_en" if f.translated else "NULL"
    articles = [dict(r) for r in db.query(
        f"SELECT a.id, a.outlet, a.language, a.published, a.title, {title_en} AS title_en "
        f"FROM articles a WHERE a.extraction_status = 'ok' ORDER BY a.first_seen DESC, a.id DESC LIMIT {int(rows)}")]
    return {"stories": stories, "articles": articles}


def other_copies(db: sqlite_utils.Database, article_id: Any) -> list[dict[str, Any]]:
    """The other articles of ``article_id``'s story (outlet, language, headline), canonical first."""
    f = catalog.features(db)
    if not f.stories:
        return []
    return [dict(r) for r in db.query(
        "SELECT a.id, a.outlet, a.language, a.published, a.title, a.id = st.canonical_article_id AS canonical "
        "FROM story_members me JOIN story_members m ON m.story_id = me.story_id "
        "JOIN stories st ON st.id = m.story_id JOIN articles a ON a.id = m.article_id "
        "WHERE me.article_id = :id AND a.id != me.article_id ORDER BY canonical DESC, a.published, a.id",
        {"id": article_id})]
