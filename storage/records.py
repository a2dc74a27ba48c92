"""The article record: one versioned shape for exports and for Datasette's article page.

Every field is always present. Fields whose columns or tables a store does not have yet (English
translation, provenance, story, wire agency) are null there; the SQL is built once per query from
:func:`storage.catalog.features`, so a store on any schema version gives the same record shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.catalog import Features

SCHEMA_VERSION = 2  # 2: `authors` (#10)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str


FIELDS: tuple[Field, ...] = (
    Field("schema_version", "integer", f"Version of this record schema ({SCHEMA_VERSION})."),
    Field("id", "integer", "Article id in the store. Ids only grow: the cursor of article exports."),
    Field("url", "string", "URL the page was fetched from."),
    Field("canonical_url", "string", "Normalised URL the article is stored under (one record per canonical URL)."),
    Field("outlet", "string", "Outlet id from the source registry."),
    Field("outlet_name", "string or null", "Outlet name from the registry."),
    Field("region", "string or null", "Outlet region: `uk`, `gulf` or `other`."),
    Field("country", "string or null", "Outlet country (ISO 3166-1 alpha-2)."),
    Field("language", "string", "Primary language of the original (ISO 639-1; `und` when unknown)."),
    Field("language_confidence", "number or null", "Share of the text in the primary language (0-1)."),
    Field("title", "string", "Headline in the original language."),
    Field("text", "string", "Cleaned article text in the original language, paragraphs separated by a blank line."),
    Field("title_en", "string or null",
          "English headline: the translation, or the original when the article is in English; null when untranslated."),
    Field("text_en", "string or null", "English text, on the same terms as `title_en`."),
    Field("translation_status", "string or null",
          "`original` (already English), `pending`, `done` or `failed`; null when the store does not translate."),
    Field("translation_engine", "string or null", "Provenance of the translation: engine (e.g. argostranslate)."),
    Field("translation_model_package", "string or null", "Provenance: translation model package."),
    Field("translation_model_version", "string or null", "Provenance: version of that model package."),
    Field("translation_source_lang", "string or null", "Provenance: language translated from."),
    Field("translation_target_lang", "string or null", "Provenance: language translated to (`en`)."),
    Field("translated_at", "string or null", "Provenance: when the translation was made (UTC, ISO 8601)."),
    Field("published", "string or null", "Publication time as the page gives it (ISO 8601)."),
    Field("fetched", "string", "Time of the latest fetch (UTC, ISO 8601)."),
    Field("first_seen", "string", "Time of the first fetch (UTC, ISO 8601); `--since` compares with it."),
    Field("content_hash", "string", "SHA-256 of the normalised title and text; changes when the article does."),
    Field("story_id", "integer or null", "Story the article belongs to (near-identical copies share one)."),
    Field("wire_agency", "string or null", "News agency the article credits (e.g. Reuters, AFP, SPA, WAM)."),
    Field("authors", "list of strings", "Names of the people the article credits (bylines; agencies are "
                                        "`wire_agency`); empty when it names nobody. Since schema 2."),
    Field("story_outlets", "list of strings or null",
          "`--stories-only`: ids of the outlets carrying the story; null in article exports."),
    Field("story_articles", "integer or null", "`--stories-only`: copies of the story in the store; null otherwise."),
)

NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
LIST_FIELDS = frozenset({"story_outlets", "authors"})

_TRANSLATION_PROVENANCE = {
    "translation_engine": "engine", "translation_model_package": "model_package",
    "translation_model_version": "model_version", "translation_source_lang": "source_lang",
    "translation_target_lang": "target_lang", "translated_at": "translated_at",
}


def expressions(f: Features, *, stories: bool = False) -> dict[str, str]:
    """SQL expression of each field over ``articles a``, ``sources s`` (and ``translations t``,
    ``stories st`` where the query joins them; see :func:`from_clause`)."""
    english = f.translated
    exprs: dict[str, str] = {
        "schema_version": str(SCHEMA_VERSION),
        "id": "a.id", "url": "a.url", "canonical_url": "a.canonical_url", "outlet": "a.outlet",
        "outlet_name": "s.name", "region": "s.region", "country": "s.country",
        "language": "coalesce(a.language, 'und')", "language_confidence": "a.language_confidence",
        "title": "a.title", "text": "a.text",
        "title_en": ("coalesce(a.title_en, CASE WHEN a.language = 'en' THEN a.title END)" if english
                     else "CASE WHEN a.language = 'en' THEN a.title END"),
        "text_en": ("coalesce(a.text_en, CASE WHEN a.language = 'en' THEN a.text END)" if english
                    else "CASE WHEN a.language = 'en' THEN a.text END"),
        "translation_status": ("coalesce(a.translation_status, CASE WHEN a.language = 'en' THEN 'original' END)"
                               if english else "CASE WHEN a.language = 'en' THEN 'original' END"),
        "published": "a.published", "fetched": "a.fetched", "first_seen": "a.first_seen",
        "content_hash": "a.content_hash",
        "wire_agency": "a.wire_agency" if f.column("wire_agency") else "NULL",
        "authors": "coalesce(a.authors, '[]')" if f.column("authors") else "'[]'",
    }
    for name, column in _TRANSLATION_PROVENANCE.items():
        exprs[name] = f"t.{column}" if f.provenance else "NULL"
    if stories:
        exprs["story_id"] = "st.id"
        exprs["story_outlets"] = (
            "(SELECT json_group_array(outlet) FROM (SELECT DISTINCT m_a.outlet FROM story_members m "
            "JOIN articles m_a ON m_a.id = m.article_id WHERE m.story_id = st.id ORDER BY m_a.outlet))")
        exprs["story_articles"] = "(SELECT count(*) FROM story_members m WHERE m.story_id = st.id)"
    else:
        exprs["story_id"] = ("a.story_id" if f.column("story_id") else
                             "(SELECT m.story_id FROM story_members m WHERE m.article_id = a.id)" if f.stories
                             else "NULL")
        exprs["story_outlets"] = "NULL"
        exprs["story_articles"] = "NULL"
    return exprs


def select_clause(f: Features, *, stories: bool = False) -> str:
    exprs = expressions(f, stories=stories)
    return "SELECT " + ", ".join(f"{exprs[name]} AS {name}" for name in NAMES)


def from_clause(f: Features, *, stories: bool = False) -> str:
    base = "FROM stories st JOIN articles a ON a.id = st.canonical_article_id" if stories else "FROM articles a"
    joins = [base, "LEFT JOIN sources s ON s.id = a.outlet"]
    if f.provenance:
        joins.append("LEFT JOIN translations t ON t.article_id = a.id")
    return " ".join(joins)


def article_sql(f: Features) -> str:
    """One article's record, by ``:id``."""
    return f"{select_clause(f)} {from_clause(f)} WHERE a.id = :id"
