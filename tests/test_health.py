"""`wirewatch health`: silent and failing outlets flagged from their runs; --check for monitoring."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import storage
from crawler.health import HealthOptions, assess
from storage import run_sources, runs, sources
from storage import health as store_health
from tests.conftest import Crawled, invoke_cli

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def history(db_path: Path, per_run: list[dict[str, run_sources.SourceCounts]], every_hours: float = 1.0) -> None:
    """Runs every ``every_hours`` ending at NOW, each with the given per-outlet counts."""
    db = storage.open_db(db_path)
    outlets = sorted({o for run in per_run for o in run})
    sources.sync(db, [{"id": o, "name": o.title(), "country": "GB", "region": "uk", "languages": ["en"],
                       "homepage": f"https://{o}.example/", "enabled": True} for o in outlets])
    for i, counts in enumerate(per_run):
        run_id = runs.start(db, sources_file="test")
        started = NOW - timedelta(hours=every_hours * (len(per_run) - 1 - i))
        db["crawl_runs"].update(run_id, {"started": started.isoformat(timespec="seconds"), "status": "completed"})
        run_sources.record(db, run_id, list(counts.values()))
    db.close()


def counts(outlet: str, new: int = 0, feeds: int = 1, articles: int | None = None,
           failures: dict[str, int] | None = None) -> run_sources.SourceCounts:
    return run_sources.SourceCounts(outlet, feeds_fetched=feeds, articles_fetched=new if articles is None else articles,
                                    new_articles=new, failures=failures or {})


def report(db_path: Path, **options: object) -> dict[str, object]:
    db = storage.open_readonly(db_path)
    found = assess(store_health.outlets(db), store_health.run_sources(db, 200), store_health.last_success(db),
                   HealthOptions(now=NOW, **options))  # type: ignore[arg-type]
    return {h.outlet: h for h in found}


def test_steady_outlet_is_healthy_and_a_quiet_one_is_silent(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    # 30 hourly runs; "steady" finds news every 2 h; "quiet" did too, until 20 h ago.
    history(db, [{"steady": counts("steady", new=2 if i % 2 == 0 else 0),
                  "quiet": counts("quiet", new=1 if i % 2 == 0 and i < 10 else 0)} for i in range(30)])
    found = report(db)
    assert found["steady"].flags == [] and found["steady"].usual_hours == 2.0
    assert found["quiet"].flags == ["silent: no new article for 21 h (usually every 2.0 h)"]
    assert found["steady"].articles == 10  # new articles over the last 10 runs


def test_failing_outlet_latest_run_and_error_rate(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    runs_ = [{"down": counts("down", new=1), "flaky": counts("flaky", new=1, articles=1,
                                                                   failures={"http_503": 3})} for _ in range(4)]
    runs_.append({"down": counts("down", feeds=0, failures={"unreachable": 2}),
                  "flaky": counts("flaky", new=1, articles=1, failures={"http_503": 3})})
    history(db, runs_)
    found = report(db)
    assert found["down"].flags == ["failing: no feed, sitemap or section page could be read in the latest run"]
    assert found["down"].last_success == (NOW - timedelta(hours=1)).isoformat(timespec="seconds")
    assert found["flaky"].error_rate == 0.6
    assert found["flaky"].flags == ["failing: 60% of requests failed over the last 5 runs"]


def test_new_outlet_with_no_history_is_not_flagged_until_the_window_is_full(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    history(db, [{"fresh": counts("fresh")} for _ in range(3)])
    assert report(db)["fresh"].flags == []
    assert report(db, runs=3)["fresh"].flags == ["silent: no new article in the last 3 runs"]


def test_health_check_exit_status(tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    history(db, [{"down": counts("down", feeds=0, failures={"unreachable": 1}), "fine": counts("fine", new=1)}],
            every_hours=0)
    result = invoke_cli("health", "--db", db, "--check")
    assert result.code == 3, result.stderr
    assert re.search(r"^down\s+yes\s+never\s+1\s+0\s+100%\s+-\s+failing: no feed", result.stdout, re.M)
    assert re.search(r"^fine\s+yes\s+\S+\s+1\s+1\s+0%\s+-\s+ok$", result.stdout, re.M)
    assert "1 of 2 enabled outlets flagged: down" in result.stdout
    assert invoke_cli("health", "--db", db).code == 0  # without --check it only reports


def test_health_check_on_a_store_never_crawled_only_imported_exits_3(tmp_path: Path) -> None:
    """README: `health --check` exits 3 when nothing was ever crawled, articles imported or not (#12)."""
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps({"url": "https://wire-en.example/a", "outlet": "wire-en", "title": "A title",
                                 "text": "Some words of an article body. " * 20, "language": "en",
                                 "published": "2026-11-16T10:00:00Z"}) + "\n")
    db = tmp_path / "imported.db"
    assert invoke_cli("import", lines, "--db", db).code == 0
    result = invoke_cli("health", "--db", db, "--check")
    assert result.code == 3, result.stdout + result.stderr
    assert "No crawl runs yet.\nFLAG nothing was ever crawled" in result.stdout
    assert invoke_cli("health", "--db", db).code == 0


def test_health_on_the_crawled_sample_web(crawled: Crawled) -> None:
    result = invoke_cli("health", "--db", crawled.db, "--check")
    assert result.code == 0, result.stdout + result.stderr
    assert "0 of 4 enabled outlets flagged." in result.stdout
    assert re.search(r"^gulf-mirror\s+yes\s+\S+\s+2\s+2\s+33%", result.stdout, re.M)


def test_health_on_a_missing_database_is_a_one_line_error(tmp_path: Path) -> None:
    result = invoke_cli("health", "--db", tmp_path / "none.db")
    assert result.code == 1 and result.stderr.startswith("Error: no database")


def test_a_run_that_never_tried_an_outlet_says_nothing_of_it(tmp_path: Path) -> None:
    """Cluster mode: two workers, each a crawl run; the one handed none of an outlet's requests
    records zeros for it, and must not flag it as failing."""
    db = tmp_path / "h.db"
    tried = [{"busy": counts("busy", new=2)} for _ in range(3)]
    idle = {"busy": counts("busy", feeds=0, articles=0)}
    history(db, [*tried, idle])
    found = report(db)
    assert found["busy"].flags == [] and found["busy"].runs == 3
    history(tmp_path / "down.db", [*tried, {"busy": counts("busy", feeds=0, failures={"unreachable": 1})}])
    assert report(tmp_path / "down.db")["busy"].flags == [
        "failing: no feed, sitemap or section page could be read in the latest run"]
