"""What travels on the articles stream: one JSON document per entry, with its type.

Types: ``article`` (an article's store columns, its translation provenance and new sentence-cache
rows), ``aliases`` (URL -> canonical URL pairs), ``run`` (a worker's run started or finished, with
its Scrapy stats). Entries are XADDed by workers and read by the ingester's consumer group.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import redis

from crawler.cluster import keys

ARTICLE, ALIASES, RUN = "article", "aliases", "run"


@dataclass(frozen=True)
class Message:
    id: str  # the stream entry id
    type: str
    data: Any


def article(row: dict[str, Any], *, run: str, translation: dict[str, Any] | None,
            cache_entries: list[dict[str, Any]]) -> dict[str, str]:
    return _entry(ARTICLE, {"row": row, "run": run, "translation": translation, "cache_entries": cache_entries})


def aliases(pairs: list[tuple[str, str]]) -> dict[str, str]:
    return _entry(ALIASES, [list(p) for p in pairs])


def run_event(data: dict[str, Any]) -> dict[str, str]:
    return _entry(RUN, data)


def publish(client: redis.Redis, entry: dict[str, str]) -> str:
    """XADD ``entry`` to the articles stream; returns its id."""
    entry_id = client.xadd(keys.STREAM, entry)
    return entry_id.decode() if isinstance(entry_id, bytes) else str(entry_id)


def decode(entry_id: bytes | str, fields: dict[bytes, bytes]) -> Message:
    """A stream entry as a Message; raises ValueError on an entry that is not ours."""
    entry_id = entry_id.decode() if isinstance(entry_id, bytes) else entry_id
    try:
        kind = fields[b"type"].decode()
        data = json.loads(fields[b"data"])
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"stream entry {entry_id} is not a Wirewatch message ({exc})") from None
    if kind not in (ARTICLE, ALIASES, RUN):
        raise ValueError(f"stream entry {entry_id} has unknown type {kind!r}")
    return Message(entry_id, kind, data)


def _entry(kind: str, data: Any) -> dict[str, str]:
    return {"type": kind, "data": json.dumps(data, ensure_ascii=False, default=str)}
