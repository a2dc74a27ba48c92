"""Fixtures of the fault suite: the fault server, and crawls through it by the real CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.conftest import LOCAL, Result, run_cli
from tests.faults.faultweb import FaultWeb

# Tests crawl 127.0.0.1 (the fault server), so private addresses are allowed unless a test says otherwise.
FAST = [*LOCAL, "-s", "WIREWATCH_ALLOW_PRIVATE_ADDRESSES=True", "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=3"]

OUTLET = """[[outlet]]
id = "{id}"
name = "{id}"
country = "GB"
region = "uk"
languages = ["en"]
homepage = "http://{host}/"
allowed_domains = [{domains}]
{lists}
"""


def registry(path: Path, *outlets: dict[str, object]) -> Path:
    """A source registry of ``outlets`` (id, host, domains, and feeds/sitemaps lists)."""
    text = ""
    for o in outlets:
        lists = "\n".join(f"{k} = [{', '.join(repr(str(u)).replace(chr(39), chr(34)) for u in o[k])}]"  # type: ignore[attr-defined]
                          for k in ("feeds", "sitemaps") if k in o)
        if "article_pattern" in o:
            lists += f'\narticle_pattern = "{o["article_pattern"]}"'
        domains = ", ".join(f'"{d}"' for d in o.get("domains", [o["host"]]))  # type: ignore[union-attr]
        text += OUTLET.format(id=o["id"], host=o["host"], domains=domains, lists=lists)
    path.write_text(text, encoding="utf-8")
    return path


def crawl(web: FaultWeb, sources: Path, db: Path, *settings: str, timeout: float = 120) -> Result:
    return run_cli("crawl", "--sources", sources, "--db", db, "--log-file", db.with_suffix(".log"), *FAST, *settings,
                   env=web.environment(), timeout=timeout)


@pytest.fixture(scope="module")
def web() -> Iterator[FaultWeb]:
    with FaultWeb() as started:
        yield started
