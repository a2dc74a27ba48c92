"""Wirewatch's Datasette plugin: right-to-left text, the article page, and the region facet and filter.

Registered by `wirewatch serve` through Datasette's plugin manager (``pm.register``); it uses
only Datasette's plugin hooks, and reads nothing but what the page asks for:

- ``render_cell``: cells with Arabic (or other right-to-left) text get ``dir="rtl"`` when the
  row's language is right-to-left, ``dir="auto"`` otherwise, so they read right-to-left; the
  articles table shows the opening of the long text columns only.
- ``extra_template_vars``: on an article's row page, the record the export would give (original,
  English, translation provenance, story) for ``templates/row.html`` to show side by side.
- ``register_facet_classes`` and ``filters_from_request``: a ``region`` facet on articles (the
  outlet's region) and the ``?_region=`` filter its links use.
- ``extra_css_urls``: the small stylesheet in ``static/``.
- ``asgi_wrapper``: a watch feed address naming no watch is 400 or 404, not datasette-atom's 500
  (:mod:`crawler.datasette.feeds`).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Awaitable, Callable

import markupsafe
import sqlite_utils
from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args, tilde_decode, urlsafe_components

from storage import analyst_queries, catalog, records

logger = logging.getLogger(__name__)

STATIC_MOUNT = "wirewatch-static"
RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "yi", "ckb", "dv", "sd", "ug"})
# Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and the Arabic presentation forms.
RTL_CHARACTER = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# Columns holding text in the article's original language.
ORIGINAL_TEXT = frozenset({"title", "text", "snippet", "opening", "description", "section", "site_name"})
# Long text columns of the articles table show their opening only (the article page shows it all).
PREVIEWED = frozenset({"text", "text_en"})
PREVIEW_CHARS = 280


def direction(language: str | None) -> str:
    """The ``dir`` attribute for text in ``language``: rtl, ltr, or auto when unknown."""
    if not language or language == "und":
        return "auto"
    return "rtl" if language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def has_rtl(text: str) -> bool:
    return bool(RTL_CHARACTER.search(text))


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if not isinstance(value, str):
        return None
    preview = table == "articles" and column in PREVIEWED
    if not preview and not has_rtl(value):
        return None
    language = _language_of(row) if column in ORIGINAL_TEXT else "en" if column in PREVIEWED else None
    dir_ = direction(language)
    if dir_ == "auto" or has_rtl(value) != (dir_ == "rtl"):  # unknown language, or text not in it
        dir_, language = "auto", None
    lang = f' lang="{markupsafe.escape(language)}"' if language else ""
    limit = PREVIEW_CHARS if preview else datasette.setting("truncate_cells_html")
    shown = value if not limit or len(value) <= limit else value[:limit].rstrip() + "\u2026"
    return markupsafe.Markup(f'<div class="wirewatch-text" dir="{dir_}"{lang}>{markupsafe.escape(shown)}</div>')


def _language_of(row: Any) -> str | None:
    try:
        language = row["language"]
    except (IndexError, KeyError):
        return None
    return language if isinstance(language, str) else None


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    from crawler.datasette import feeds

    return lambda app: feeds.wrap(datasette, app)


@hookimpl
def extra_css_urls(datasette: Any) -> list[str]:
    return [datasette.urls.path(f"/{STATIC_MOUNT}/wirewatch.css")]


@hookimpl
def extra_template_vars(view_name: str, table: str | None, database: str | None, request: Any,
                        datasette: Any) -> Callable[[], Awaitable[dict[str, Any]]] | dict[str, Any]:
    if view_name != "row" or table != "articles" or request is None or database is None:
        return {}

    async def article_vars() -> dict[str, Any]:
        db = datasette.get_database(database)
        features = await db.execute_fn(lambda conn: catalog.features(sqlite_utils.Database(conn)))
        pk = urlsafe_components(request.url_vars["pks"])
        if len(pk) != 1 or not features.column("outlet"):
            return {}
        result = await db.execute(records.article_sql(features), {"id": tilde_decode(pk[0])})
        row = result.first()
        if row is None:
            return {}
        return {"wirewatch_article": article_view(dict(row), features, story_url=_story_url(datasette, database))}

    return article_vars


def _story_url(datasette: Any, database: str) -> str:
    return datasette.urls.database(database) + "/story_copies?story_id="


def article_view(record: dict[str, Any], features: catalog.Features, *, story_url: str = "") -> dict[str, Any]:
    """What the article page shows: the original, the English version and where that came from."""
    language = record["language"]
    status = record["translation_status"]
    english_original = status == "original" or language == "en"
    if english_original:
        note = "The original is in English."
    elif not features.translated:
        note = "No English translation: this store does not translate yet."
    elif status == "done" and record["translation_engine"]:
        note = (f"Machine translation by {record['translation_engine']} "
                f"({record['translation_model_package'] or 'model'} {record['translation_model_version'] or ''}".rstrip()
                + f"), {record['translation_source_lang']} → {record['translation_target_lang']}, "
                f"{record['translated_at']}.")
    elif status == "done":
        note = "Machine translation (no provenance recorded)."
    elif status == "failed":
        note = "Translation failed; it will be tried again."
    else:
        note = "Translation pending."
    return {
        "id": record["id"], "url": record["url"], "outlet": record["outlet"],
        "outlet_name": record["outlet_name"] or record["outlet"], "region": record["region"],
        "published": record["published"], "fetched": record["fetched"], "first_seen": record["first_seen"],
        "wire_agency": record["wire_agency"], "story_id": record["story_id"],
        "story_url": f"{story_url}{record['story_id']}" if record["story_id"] is not None and features.stories else "",
        "language": language, "dir": direction(language), "title": record["title"],
        "paragraphs": paragraphs(record["text"]),
        "english_original": english_original,
        "title_en": None if english_original else record["title_en"],
        "paragraphs_en": [] if english_original else paragraphs(record["text_en"]),
        "translation_status": status, "provenance": note,
    }


class RegionFacet(Facet):
    """Articles counted by their outlet's region (shown as "region (outlet)"); values link to ``?_region=``.

    Configured in metadata as ``{"outlet": "region"}``: a facet of type ``outlet`` on the region column.
    """

    type = "outlet"

    async def suggest(self) -> list[dict[str, Any]]:
        return []

    async def facet_results(self) -> tuple[list[dict[str, Any]], list[str]]:
        if self.table != "articles" or not any(c["config"].get("simple") == "region" for c in self.get_configs()):
            return [], []
        size = self.get_facet_size()
        try:
            rows = await self.ds.execute(self.database, analyst_queries.region_facet_sql(self.sql, size + 1),
                                         self.params, truncate=False,
                                         custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        except QueryInterrupted:
            logger.warning("region facet timed out on %s", self.database)
            return [], ["region"]
        chosen = self.request.args.getlist("_region")
        values = []
        for row in rows.rows[:size]:
            value, selected = row["value"], row["value"] in chosen
            path = (path_with_removed_args(self.request, {"_region": value}) if selected
                    else path_with_added_args(self.request, {"_region": value}))
            values.append({"value": value, "label": value, "count": row["count"], "selected": selected,
                           "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path))})
        return [{"name": "region", "type": self.type, "hideable": False, "results": values,
                 "toggle_url": self.ds.urls.path(self.request.path), "truncated": len(rows) > size}], []


@hookimpl
def register_facet_classes() -> list[type[Facet]]:
    return [RegionFacet]


@hookimpl
def filters_from_request(request: Any, table: str, database: str, datasette: Any) -> FilterArguments | None:
    regions = [r for r in request.args.getlist("_region") if r]
    if table != "articles" or not regions:
        return None
    clause, params = analyst_queries.region_filter(regions)
    return FilterArguments([clause], params, [f"outlet region is {' or '.join(regions)}"])
