"""Pinned gate on the labelled pair set (benchmarks/dedup_eval.py prints the full sweep)."""

from __future__ import annotations

import pytest

from benchmarks import dedup_eval, dedup_pairs
from processing.dedup import DedupOptions


@pytest.fixture(scope="module")
def result() -> dict:
    return dedup_eval.evaluate(DedupOptions())


def at(rows: list[dict], threshold: float) -> dict:
    return next(r for r in rows if abs(r["threshold"] - threshold) < 1e-9)


def test_pair_files_are_up_to_date() -> None:
    assert dedup_pairs.main(["--check"]) == 0


def test_copies_join_and_nothing_else_does(result: dict) -> None:
    options = DedupOptions()
    join = at(result["join"], options.join_threshold)
    assert join["tp"] >= 150 and join["precision"] == 1.0 and join["recall"] >= 0.98
    for language in ("en", "ar"):
        assert result["join_by_language"][language]["precision"] == 1.0
        assert result["join_by_language"][language]["recall"] >= 0.97


def test_links_are_precise(result: dict) -> None:
    options = DedupOptions()
    related = at(result["related"], options.related_threshold)
    assert related["precision"] == 1.0 and related["recall"] >= 0.6
    translation = at(result["translation"], options.translation_threshold)
    assert translation["precision"] == 1.0 and translation["recall"] >= 0.75


def test_the_seeds_stay_apart() -> None:
    seeds = dedup_eval.seeds(DedupOptions())
    if seeds is None:
        pytest.skip("../shared/seeds not available")
    assert seeds["joined"] is False and seeds["link"] is None
    assert seeds["shingle_jaccard_5_words"] == pytest.approx(0.011, abs=0.002)
