"""processing.heap: the collector set for a long run, and set back."""

from __future__ import annotations

import gc

from processing import heap


def test_settle_freezes_what_survived_and_raises_the_young_threshold_then_restore_undoes_it() -> None:
    thresholds = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    before = heap.settle(young_threshold=12_345)
    try:
        assert gc.get_threshold() == (12_345, *thresholds[1:])
        assert gc.get_freeze_count() > 0  # this process's modules, at least
    finally:
        heap.restore(before)
    assert gc.get_threshold() == thresholds
    assert gc.get_freeze_count() == 0


def test_restore_keeps_objects_the_process_froze_itself() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        heap.restore(heap.settle())
        assert gc.get_freeze_count() >= frozen
    finally:
        gc.unfreeze()
