"""SQL for analysts in Datasette: canned queries, the region facet and filter.

Which canned queries a store gets depends on what it holds (:class:`storage.catalog.Features`):
stories, translations and per-outlet run counts each bring their own queries when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage import records
from storage.catalog import Features

LIMIT = 200


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sql: str

    def metadata(self) -> dict[str, Any]:
        return {"title": self.title, "description": self.description, "sql": self.sql}


def utc_ago(modifier: str) -> str:
    """SQL for the UTC time ``modifier`` ago ('-1 day'), in the store's ISO form, to compare with first_seen."""
    return f"strftime('%Y-%m-%dT%H:%M:%S', 'now', '{modifier}')"


def canned_queries(f: Features) -> list[CannedQuery]:
    title_en = records.expressions(f)["title_en"]
    queries = [
        CannedQuery(
            "latest_articles", "Latest articles by region and language",
            "Newest articles first (by first fetch). Leave a box empty for any region or language; "
            "regions are uk, gulf and other, languages ISO 639-1 codes such as ar or en.",
            f"""SELECT a.id, a.first_seen, a.published, s.region, a.outlet, s.name AS outlet_name, a.language,
       a.title, {title_en} AS title_en
FROM articles a LEFT JOIN sources s ON s.id = a.outlet
WHERE a.extraction_status = 'ok'
  AND (:region = '' OR s.region = :region)
  AND (:language = '' OR a.language = :language)
ORDER BY a.first_seen DESC, a.id DESC
LIMIT {LIMIT}"""),
        CannedQuery(
            "search_original", "Search the original text",
            "Full-text search of headlines and text in their original language (Arabic words find Arabic "
            "articles). Words, \"a phrase\", OR, prefix*.",
            f"""SELECT a.id, a.outlet, a.language, a.published, a.title, {title_en} AS title_en,
       snippet(articles_fts, -1, '[', ']', ' … ', 16) AS snippet
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH {_original_columns(f)}
ORDER BY rank
LIMIT {LIMIT}"""),
        outlet_health(f),
    ]
    if f.english_search:
        queries.append(CannedQuery(
            "search_translated", "Search original and English text",
            "Full-text search across the original and its English translation: an English word finds Arabic "
            "articles whose translation has it. Words, \"a phrase\", OR, prefix*.",
            f"""SELECT a.id, a.outlet, a.language, a.translation_status, a.title, {title_en} AS title_en,
       snippet(articles_fts, -1, '[', ']', ' … ', 16) AS snippet
FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
WHERE articles_fts MATCH :q
ORDER BY rank
LIMIT {LIMIT}"""))
    if f.translated:
        queries.append(CannedQuery(
            "pending_translations", "Translations pending",
            "Articles waiting for an English translation, oldest first, and the ones whose translation failed.",
            f"""SELECT a.id, a.translation_status, a.language, a.outlet, a.first_seen, a.title
FROM articles a
WHERE a.translation_status IN ('pending', 'failed')
ORDER BY a.translation_status DESC, a.first_seen, a.id
LIMIT {LIMIT}"""))
    if f.stories:
        queries.append(top_stories(f, "top_stories_24h", "the last 24 hours", "-1 day"))
        queries.append(top_stories(f, "top_stories_7d", "the last 7 days", "-7 days"))
        queries.append(story_copies(f))
    return queries


def _original_columns(f: Features) -> str:
    """The search term, restricted to the original columns when the index also holds English ones."""
    if f.fts_columns - {"title", "text"}:
        return "'{title text} : (' || :q || ')'"
    return ":q"


def outlet_health(f: Features) -> CannedQuery:
    if f.run_sources:
        failures = """(SELECT r.failed FROM crawl_run_sources r WHERE r.outlet = s.id ORDER BY r.run_id DESC LIMIT 1)
         AS failed_last_run,
       (SELECT r.failures FROM crawl_run_sources r WHERE r.outlet = s.id ORDER BY r.run_id DESC LIMIT 1)
         AS failures_last_run,
       (SELECT sum(r.failed) FROM crawl_run_sources r JOIN crawl_runs c ON c.id = r.run_id
         WHERE r.outlet = s.id AND c.started >= {week}) AS failed_7d""".format(week=utc_ago("-7 days"))
        note = "failures of this outlet in the latest run and over 7 days"
    else:
        failures = """(SELECT c.failed FROM crawl_runs c ORDER BY c.id DESC LIMIT 1) AS failed_last_run_all_outlets,
       (SELECT c.failures FROM crawl_runs c ORDER BY c.id DESC LIMIT 1) AS failures_last_run_all_outlets"""
        note = "failures of the latest run, all outlets together (per-outlet counts come with crawl_run_sources)"
    return CannedQuery(
        "outlet_health", "Outlet health",
        "Per outlet: the latest successful article fetch, new articles in the last 24 hours, articles a day over "
        f"the last 7 days, stored articles whose extraction failed, and {note}. An enabled outlet with no "
        "success for a day deserves a look.",
        f"""SELECT s.id AS outlet, s.name, s.region, s.enabled,
       (SELECT max(a.fetched) FROM articles a WHERE a.outlet = s.id AND a.extraction_status = 'ok')
         AS last_success,
       (SELECT count(*) FROM articles a WHERE a.outlet = s.id AND a.first_seen >= {utc_ago('-1 day')}) AS new_24h,
       round((SELECT count(*) FROM articles a WHERE a.outlet = s.id AND a.first_seen >= {utc_ago('-7 days')})
         / 7.0, 1) AS per_day_7d,
       (SELECT count(*) FROM articles a WHERE a.outlet = s.id) AS articles,
       (SELECT count(*) FROM articles a WHERE a.outlet = s.id AND a.extraction_status != 'ok')
         AS extraction_failed,
       {failures}
FROM sources s
ORDER BY s.enabled DESC, last_success IS NOT NULL, last_success, s.id""")


def top_stories(f: Features, name: str, window: str, modifier: str) -> CannedQuery:
    canonical_title = "coalesce(c.title_en, c.title)" if f.translated else "c.title"
    return CannedQuery(
        name, f"Stories carried by the most outlets in {window}",
        f"Stories with copies first seen in {window}, by how many outlets carried them, with the outlet list. "
        "Open story_copies with a story_id to read the copies side by side.",
        f"""SELECT st.id AS story_id, count(DISTINCT a.outlet) AS outlets, count(*) AS copies,
       group_concat(DISTINCT a.outlet) AS outlet_list,
       (SELECT {canonical_title} FROM articles c WHERE c.id = st.canonical_article_id) AS title,
       st.wire_agency, min(a.first_seen) AS first_copy, max(a.first_seen) AS latest_copy
FROM stories st
JOIN story_members m ON m.story_id = st.id
JOIN articles a ON a.id = m.article_id
WHERE a.first_seen >= {utc_ago(modifier)}
GROUP BY st.id
ORDER BY outlets DESC, copies DESC, latest_copy DESC
LIMIT {LIMIT}""")


def story_copies(f: Features) -> CannedQuery:
    title_en = records.expressions(f)["title_en"]
    return CannedQuery(
        "story_copies", "One story's copies side by side",
        "Every copy of a story (give its story_id): outlet, language, similarity to the story, headline in the "
        "original and in English, and the opening of the text. The canonical copy comes first.",
        f"""SELECT a.id, a.outlet, s.name AS outlet_name, a.language, m.similarity,
       a.id = st.canonical_article_id AS canonical, a.published, a.title, {title_en} AS title_en,
       substr(a.text, 1, 400) AS opening
FROM story_members m
JOIN stories st ON st.id = m.story_id
JOIN articles a ON a.id = m.article_id
LEFT JOIN sources s ON s.id = a.outlet
WHERE m.story_id = :story_id
ORDER BY canonical DESC, a.published, a.id""")


def region_facet_sql(inner_sql: str, limit: int) -> str:
    """Counts by outlet region over the rows of ``inner_sql`` (a query of articles with an outlet column)."""
    return (f"SELECT s.region AS value, count(*) AS count FROM ({inner_sql}) r "
            f"JOIN sources s ON s.id = r.outlet WHERE s.region IS NOT NULL "
            f"GROUP BY s.region ORDER BY count DESC, value LIMIT {int(limit)}")


def region_filter(regions: list[str]) -> tuple[str, dict[str, str]]:
    """A where clause on ``articles`` keeping the outlets of these regions, and its parameters."""
    names = [f"wirewatch_region_{i}" for i in range(len(regions))]
    clause = f"outlet IN (SELECT id FROM sources WHERE region IN ({', '.join(':' + n for n in names)}))"
    return clause, dict(zip(names, regions))
