"""Translation: English title and text on articles, language shares, provenance, sentence cache,
and full-text search over the translation as well as the original."""

import sqlite_utils

FTS_COLUMNS = ["title", "text", "title_en", "text_en"]


def apply(db: sqlite_utils.Database) -> None:
    articles = db["articles"]
    for column in ("title_en", "text_en", "translation_status", "language_shares"):
        if column not in articles.columns_dict:
            articles.add_column(column, str)
    # original: nothing to translate (already English, or no language found); pending: waiting for a model.
    db.execute("UPDATE articles SET translation_status = CASE WHEN coalesce(language, 'und') IN ('en', 'und') "
               "THEN 'original' ELSE 'pending' END WHERE translation_status IS NULL")
    articles.create_index(["translation_status"], if_not_exists=True)
    db["translations"].create(
        {
            "article_id": int,
            "engine": str,
            "model_package": str,  # e.g. translate-ar_en, or translate-fa_en+translate-en_de through English
            "model_version": str,
            "source_lang": str,
            "target_lang": str,
            "translated_at": str,
        },
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
        if_not_exists=True,
    )
    db["translation_cache"].create(
        {
            "key": str,
            "source_lang": str,
            "target_lang": str,
            "model_version": str,  # package@version of the model that made it
            "source_hash": str,  # sha256 of the normalised source sentence
            "translated": str,
            "created": str,
        },
        pk="key",
        if_not_exists=True,
    )
    articles.disable_fts()
    articles.enable_fts(FTS_COLUMNS, create_triggers=True, tokenize="unicode61 remove_diacritics 2")
