"""`wirewatch translate`: translate stored articles that are waiting for a model (cron-safe backfill)."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from pathlib import Path

import click

import settings
import storage
from crawler import logs
from crawler.cli.common import BadValue, CountRange, db_option, language_code, user_errors, verbose_option
from processing.models import install_hint, installed
from storage import translations

logger = logging.getLogger(__name__)


@click.command("translate")
@db_option
@click.option("--target", default=settings.WIREWATCH_TRANSLATION_TARGET, show_default=True,
              callback=language_code,
              help="Language to translate into (ISO 639-1). Another than the default only with a model into it. "
                   "Without it, the store keeps the target of its latest translation.")
@click.option("--retranslate", is_flag=True,
              help="Also redo translations made by another model version (or into another language).")
@click.option("--limit", type=CountRange(min=1), help="Translate at most this many articles.")
@verbose_option
@user_errors
def translate(db: Path, target: str, retranslate: bool, limit: int | None, verbose: bool) -> None:
    """Translate pending (and failed) articles with the installed models; with --retranslate, also
    those translated by an older model. Safe to run from cron: it does what is waiting and exits 0."""
    from crawler.translation import TranslationService, choose_target
    from processing.translate import ArgosTranslator

    logs.configure(verbose)
    explicit = click.get_current_context().get_parameter_source("target") != click.core.ParameterSource.DEFAULT
    if explicit:
        check_target(target)
    database = storage.open_db(db, create=False)
    try:
        target, note = choose_target(translations.latest_target(database), target, explicit)
        if note:
            click.echo(f"wirewatch: {note}", err=True)
        service = TranslationService(database, ArgosTranslator(), target)
        translations.reconcile(database, target)
        rows = [r for r in translations.candidates(database, include_done=retranslate, limit=limit)
                if r["translation_status"] != "done" or not service.is_current(r)]
        with click.progressbar(rows, label=f"Translating into {target}", file=sys.stderr, show_pos=True,
                               hidden=not sys.stderr.isatty()) as bar:  # no bar in cron's mail
            for row in bar:
                outcome = service.process(row["title"], row["text"], row["language"])
                if outcome.status == "pending" and row["translation_status"] == "done":
                    continue  # no model for it any more: keep the translation it has
                if outcome.status == "failed":
                    logger.warning("translation_failed: %s (%s)", row["canonical_url"], outcome.detail)
                service.save(row["id"], outcome)
        no_model = sorted(service.tally.pending)
        # Pending: every article still waiting in the store, not only those this run looked at (--limit).
        service.tally.pending = Counter(translations.pending_by_language(database))
        stats = service.articles.stats if service.articles else None
        sentences = f"; {stats.sentences} sentences, {stats.cached} from the cache" if stats and stats.sentences else ""
        click.echo(f"wirewatch: {service.tally.line()}{sentences}")
        for language in no_model:
            click.echo(f"no model for {language}→{target}: install one with `{install_hint(language, target)}`")
    finally:
        database.close()


def check_target(target: str) -> None:
    """A target other than the configured one (``WIREWATCH_TRANSLATION_TARGET``, ``en`` by default) only
    when an installed model translates into it: switching target makes every article in the old target
    `pending` and drops the pending ones' translation slot, which is no use with no model to fill it.
    Raises :class:`BadValue` (exit 2), naming the targets the installed models translate into."""
    if target == settings.WIREWATCH_TRANSLATION_TARGET:
        return
    targets = sorted({m.target for m in installed()})
    if target not in targets:
        raise BadValue(f"no installed model translates into {target!r} (installed models translate into: "
                       f"{', '.join(targets) or 'nothing yet'}); the store's target is "
                       f"{settings.WIREWATCH_TRANSLATION_TARGET!r}", "--target")
