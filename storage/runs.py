"""The crawl_runs table: one row a crawl, opened at start and closed with its counts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import sqlite_utils


@dataclass
class RunCounts:
    fetched: int = 0
    stored: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    other: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        return sum(self.failures.values())


def start(db: sqlite_utils.Database, *, sources_file: str) -> int:
    with db.conn:
        return int(db["crawl_runs"].insert({"started": _now(), "status": "running",
                                            "sources_file": sources_file}).last_pk)


ABANDONED_REASON = "the crawl process ended before it recorded its counts (killed, or the machine stopped)"


def close_abandoned(db: sqlite_utils.Database) -> list[int]:
    """Mark the runs still ``running`` as ``abandoned``; call it only while holding the crawl lock,
    when no crawl can be running. Returns their ids."""
    with db.conn:
        ids = [r[0] for r in db.execute("SELECT id FROM crawl_runs WHERE status = 'running' ORDER BY id")]
        if ids:
            db.execute("UPDATE crawl_runs SET status = 'abandoned', finished = ?, finish_reason = ? "
                       "WHERE status = 'running'", [_now(), ABANDONED_REASON])
    return ids


def mark_timed_out(db: sqlite_utils.Database, run_id: int, reason: str) -> bool:
    """Mark run ``run_id`` ``timed_out`` if it is still ``running`` (a crawl past its hard limit);
    True when it was."""
    with db.conn:
        cursor = db.execute("UPDATE crawl_runs SET status = 'timed_out', finished = ?, finish_reason = ? "
                            "WHERE id = ? AND status = 'running'", [_now(), reason, run_id])
    return cursor.rowcount > 0


def finish(db: sqlite_utils.Database, run_id: int, counts: RunCounts, *, status: str, finish_reason: str) -> None:
    with db.conn:
        db["crawl_runs"].update(run_id, {
            "finished": _now(),
            "status": status,
            "finish_reason": finish_reason,
            "fetched": counts.fetched,
            "stored": counts.stored,
            "new": counts.new,
            "updated": counts.updated,
            "unchanged": counts.unchanged,
            "skipped": counts.skipped,
            "failed": counts.failed,
            "failures": json.dumps(counts.failures, sort_keys=True),
            "stats": json.dumps(counts.other, sort_keys=True, default=str),
        })


def get(db: sqlite_utils.Database, run_id: int) -> dict[str, Any]:
    return db["crawl_runs"].get(run_id)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
