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


def test_the_crawl_settles_once_at_the_reactors_first_turn_and_restores_once() -> None:
    """HeapSettling settles while the spider is being opened (a reactor call scheduled when the
    extension is built), not in the timed run after ``spider_opened``; the signal, and a second
    settle, then do nothing, and the collector is set back once."""
    from scrapy.utils.reactor import install_reactor
    from scrapy.utils.test import get_crawler

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")  # Scrapy's; none if one is installed
    from twisted.internet import reactor

    from crawler.extensions.heap import HeapSettling

    thresholds = gc.get_threshold()
    extension = HeapSettling.from_crawler(get_crawler())
    scheduled = [call for call in reactor.getDelayedCalls() if call.func == extension.settle]
    assert len(scheduled) == 1 and scheduled[0].getTime() <= reactor.seconds()
    scheduled[0].cancel()
    try:
        extension.settle()  # what the reactor's first turn runs
        before = extension.before
        assert before is not None and gc.get_freeze_count() > 0 and gc.get_threshold()[0] == heap.YOUNG_THRESHOLD
        extension.spider_opened()
        extension.settle()
        # Not settled again: a second settle records a new state to restore. (The frozen count itself is no
        # measure: a frozen object freed by its reference count leaves the permanent generation.)
        assert extension.before is before
    finally:
        extension.restore()
        extension.restore()  # spider_closed, then engine_stopped
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0
