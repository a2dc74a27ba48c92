"""Outlet health: which enabled outlets have gone silent or are failing, from their recent runs."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


@dataclass(frozen=True)
class HealthOptions:
    runs: int = 10  # the window for articles and error rate
    history: int = 200  # runs looked at to learn an outlet's usual interval between new articles
    silent_factor: float = 3.0  # silent after this many usual intervals without a new article
    min_silent_hours: float = 6.0  # ... but never sooner than this
    max_error_rate: float = 0.5  # failing above this share of failed requests over the window
    stale_hours: float = 3.0  # the store is stale when its latest run started longer ago than this
    now: datetime | None = None  # default: the current time


@dataclass
class OutletHealth:
    outlet: str
    name: str
    enabled: bool
    last_success: str | None = None
    runs: int = 0  # runs in the window that included the outlet
    articles: int = 0  # new articles in those runs
    error_rate: float = 0.0
    usual_hours: float | None = None  # median hours between runs that found new articles
    last_new: str | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.enabled and bool(self.flags)


def assess(outlets: list[dict[str, Any]], rows: list[dict[str, Any]], last_success: dict[str, str],
           options: HealthOptions) -> list[OutletHealth]:
    """``outlets`` from the sources table, ``rows`` crawl_run_sources rows with ``started`` (oldest first).

    Only the runs that tried an outlet (:func:`attempted`) count for it."""
    now = options.now or datetime.now(timezone.utc)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if attempted(row):
            by_outlet[row["outlet"]].append(row)
    report = []
    for outlet in outlets:
        health = OutletHealth(outlet["id"], outlet["name"], bool(outlet["enabled"]), last_success.get(outlet["id"]))
        history = by_outlet.get(outlet["id"], [])
        window = history[-options.runs:]
        health.runs = len(window)
        health.articles = sum(r["new_articles"] for r in window)
        failed = sum(r["failed"] for r in window)
        attempts = sum(r["feeds_fetched"] + r["articles_fetched"] for r in window) + failed
        health.error_rate = failed / attempts if attempts else 0.0
        if health.enabled:
            health.flags = _failing(health, window, options) + _silent(health, history, now, options)
        report.append(health)
    return report


def attempted(row: dict[str, Any]) -> bool:
    """Whether a run tried the outlet at all: something read or failed. A cluster worker that was
    handed none of an outlet's requests records a row of zeros for it, which says nothing of the
    outlet's health (``cluster schedule`` gives each document to one worker)."""
    return bool(row["feeds_fetched"] or row["articles_fetched"] or row["failed"])


BAD_RUN_STATUSES = ("timed_out", "abandoned", "failed", "interrupted")


def stale_run(latest: dict[str, Any] | None, options: HealthOptions) -> str | None:
    """Why the store's crawling looks stopped or stuck (one line), or None. ``latest`` is the latest
    crawl_runs row: stale when it started more than ``stale_hours`` ago (cron stopped, or a crawl
    hung holding the lock), or when it ended ``timed_out``, ``abandoned``, ``failed`` or ``interrupted``."""
    if latest is None:
        return None
    now = options.now or datetime.now(timezone.utc)
    age = (now - _time(latest["started"])).total_seconds() / 3600
    if age > options.stale_hours:
        return (f"stale: the latest crawl run ({latest['id']}, {latest['status']}) started {age:.1f} h ago "
                f"(more than {options.stale_hours:g} h)")
    if latest["status"] in BAD_RUN_STATUSES:
        return f"stale: the latest crawl run ({latest['id']}) ended {latest['status']}"
    return None


def _failing(health: OutletHealth, window: list[dict[str, Any]], options: HealthOptions) -> list[str]:
    if not window:
        return ["never crawled"]
    flags = []
    if window[-1]["feeds_fetched"] == 0:
        flags.append("failing: no feed, sitemap or section page could be read in the latest run")
    if health.error_rate > options.max_error_rate:
        flags.append(f"failing: {health.error_rate:.0%} of requests failed over the last {len(window)} runs")
    return flags


def _silent(health: OutletHealth, history: list[dict[str, Any]], now: datetime,
            options: HealthOptions) -> list[str]:
    found = [_time(r["started"]) for r in history if r["new_articles"] > 0]
    if found:
        health.last_new = found[-1].isoformat(timespec="seconds")
    if len(found) >= 3:
        gaps = [(b - a).total_seconds() / 3600 for a, b in zip(found, found[1:])]
        health.usual_hours = statistics.median(gaps)
        limit = max(options.min_silent_hours, options.silent_factor * health.usual_hours)
        quiet = (now - found[-1]).total_seconds() / 3600
        if quiet > limit:
            return [f"silent: no new article for {quiet:.0f} h (usually every {health.usual_hours:.1f} h)"]
        return []
    window = history[-options.runs:]
    if len(window) >= options.runs and not any(r["new_articles"] for r in window):
        return [f"silent: no new article in the last {len(window)} runs"]
    return []


def _time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
