"""The `wirewatch` command line. One module per command (group); errors become one line here."""

from __future__ import annotations

import click

from crawler.cli.cluster import cluster_group
from crawler.cli.crawl import crawl
from crawler.cli.dedup import dedup
from crawler.cli.demo import demo
from crawler.cli.export import export_command
from crawler.cli.extract import extract_command
from crawler.cli.health import health
from crawler.cli.ingest import ingest
from crawler.cli.models import models
from crawler.cli.import_cmd import import_command
from crawler.cli.serve import serve
from crawler.cli.settings_cmd import settings_command
from crawler.cli.sources_cmd import sources_group
from crawler.cli.stats import stats
from crawler.cli.translate_cmd import translate
from crawler.cli.worker import worker

COMMANDS = (crawl, demo, serve, stats, settings_command, sources_group, health, export_command, extract_command,
            models, translate, dedup, import_command, cluster_group, worker, ingest)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wirewatch")
def main() -> None:
    """Wirewatch: monitor UK, Gulf and other news outlets in English and Arabic."""


for _command in COMMANDS:
    main.add_command(_command)
