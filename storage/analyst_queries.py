"""SQL for analysts in Datasette: canned queries, the region facet and filter.

Which canned queries a store gets depends on what it holds (:class:`storage.catalog.Features`):
stories, translations and per-outlet run counts each bring their own queries when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage import records, search, watches
from storage.catalog import Features

LIMIT = 200


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    sql: str

    def metadata(self) -> dict[str, Any]:
        """Datasette's canned query entry; the SQL is hidden behind "Show SQL" (``hide_sql``)."""
        return {"title": self.title, "description": self.description, "sql": self.sql, "hide_sql": True}


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
        search_original(f),
        outlet_health(f),
    ]
    if f.english_search:
        queries.append(search_translated(f))
    if f.translated:
        queries.append(CannedQuery(
            "pending_translations", "Articles still waiting for an English translation",
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
        queries.append(latest_stories(f))
    if f.has("watches", "watch_hits"):
        queries.append(CannedQuery(
            "watch_feed", "A watch's new articles, as a feed",
            "The articles a watch (give its name) matched, newest first. Add .atom to this page's address for "
            "an Atom feed your feed reader can follow: watch_feed.atom?watch=NAME.",
            watches.feed_sql(english=f.translated)))
    return queries


SEARCH_HELP = ("Type words as you would say them: every word must appear; \"a phrase\" in double quotes "
               "finds the words in that order; a trailing * finds words starting so (negotiat*). Arabic "
               "is matched with or without vowel marks and across alef, ya, ta marbuta and kaf spellings.")
# snippet() markers around each hit; the Datasette plugin shows them as <mark>.
HIT_START, HIT_END = "\u27e6", "\u27e7"


def _snippet() -> str:
    return f"snippet({search.FTS_TABLE}, -1, '{HIT_START}', '{HIT_END}', ' … ', 16)"


# Searches list the newest matches first: FTS5 walks its doclists by rowid from the end and the
# LIMIT stops it, so snippets are made for the rows shown only, whatever the number of matches;
# ranking by bm25 would score every match first, seconds for a common word on a large store (#15).


def search_original(f: Features) -> CannedQuery:
    title_en = records.expressions(f)["title_en"]
    columns = ", 'title text'" if f.fts_columns - {"title", "text"} else ""
    return CannedQuery(
        "search_original", "Search articles in their own language",
        "Finds words in the headline and text as the outlet wrote them (Arabic words find Arabic articles), "
        "newest first. "
        + SEARCH_HELP,
        f"""SELECT a.id, a.outlet, a.language, a.published, a.title, {title_en} AS title_en,
       {_snippet()} AS snippet
FROM {search.FTS_TABLE} JOIN articles a ON a.id = {search.FTS_TABLE}.rowid
WHERE {search.FTS_TABLE} MATCH wirewatch_fts_query(:q{columns})
ORDER BY {search.FTS_TABLE}.rowid DESC
LIMIT {LIMIT}""")


def search_translated(f: Features) -> CannedQuery:
    title_en = records.expressions(f)["title_en"]
    return CannedQuery(
        "search_translated", "Search articles in any language, English included",
        "Finds words in the original and in its English translation: an English word finds Arabic articles "
        "whose translation has it. Newest first; the matched column says where the words were found. "
        + SEARCH_HELP,
        f"""SELECT a.id, a.outlet, a.language, a.published, a.title, {title_en} AS title_en,
       CASE WHEN instr(highlight({search.FTS_TABLE}, 0, '{HIT_START}', '') || highlight({search.FTS_TABLE}, 1,
                       '{HIT_START}', ''), '{HIT_START}') THEN 'original' ELSE 'translation' END AS matched,
       {_snippet()} AS snippet
FROM {search.FTS_TABLE} JOIN articles a ON a.id = {search.FTS_TABLE}.rowid
WHERE {search.FTS_TABLE} MATCH wirewatch_fts_query(:q)
ORDER BY {search.FTS_TABLE}.rowid DESC
LIMIT {LIMIT}""")


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
        "outlet_health", "Outlet health: is every outlet still being collected?",
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
        f"Stories carried by two outlets or more, with copies first seen in {window}, by how many outlets carried "
        "them, with the outlet list (a story of one copy is in Latest articles). "
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
HAVING count(DISTINCT a.outlet) > 1
ORDER BY outlets DESC, copies DESC, latest_copy DESC
LIMIT {LIMIT}""")


def latest_stories(f: Features, *, limit: int = LIMIT) -> CannedQuery:
    """Stories carried by more than one outlet, latest copy first, with outlets, regions and languages."""
    canonical_title = "coalesce(c.title_en, c.title)" if f.translated else "c.title"
    members = "FROM story_members m JOIN articles ma ON ma.id = m.article_id"
    return CannedQuery(
        "latest_stories", "Latest stories carried by more than one outlet",
        "The newest stories that two or more outlets carried, with the outlets, their regions and the "
        "languages of the copies. Open story_copies with a story_id to read the copies side by side.",
        f"""SELECT st.id AS story_id,
       (SELECT {canonical_title} FROM articles c WHERE c.id = st.canonical_article_id) AS title,
       st.outlets_count AS outlets, st.articles_count AS copies,
       (SELECT group_concat(DISTINCT ma.outlet) {members} WHERE m.story_id = st.id) AS outlet_list,
       (SELECT group_concat(DISTINCT s.region) {members} JOIN sources s ON s.id = ma.outlet
         WHERE m.story_id = st.id) AS regions,
       (SELECT group_concat(DISTINCT ma.language) {members} WHERE m.story_id = st.id) AS languages,
       st.last_seen AS latest_copy
FROM stories st
WHERE st.outlets_count > 1
ORDER BY st.last_seen DESC, st.id DESC
LIMIT {limit}""")


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
