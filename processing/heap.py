"""The cyclic garbage collector, set for a long run: what start-up made is frozen, young objects wait longer.

A crawl process and its extraction workers import large, long-lived structures before their first
page (Scrapy, lxml, numpy, langdetect's profiles: millions of objects in a worker) and then make
many short-lived containers per page. With CPython's default thresholds (700, 10, 10) the crawl
process ran about 600 young, 55 middle and 5 full collections per 1,000 pages, every full one
walking everything start-up made: 0.47 s of CPU per 600 pages, start-up included (0.29 s once
settled), measured with a gc callback counting thread CPU in benchmarks/crawl_benchmark.py's full
crawl. The workers' collections cost less (about 0.25 s each over a run, mostly while importing);
freezing keeps their full collections off the language profiles.

:func:`settle` collects once, moves every object that survived into the permanent generation
(``gc.freeze``, as long-running servers do after start-up: the collector never walks them again),
and raises the young generation's threshold to :data:`YOUNG_THRESHOLD`. Cyclic garbage is still
collected, less often; memory stays flat (the crawl benchmark prints its peak). :func:`restore`
undoes it for a process that goes on after the crawl (tests run crawls in their own process).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

# Allocations (less deallocations) of container objects before a young collection; CPython's default is 700.
YOUNG_THRESHOLD = 10_000


@dataclass(frozen=True)
class Collector:
    """The collector's state before :func:`settle`, for :func:`restore`."""

    thresholds: tuple[int, int, int]
    frozen: int


def settle(young_threshold: int = YOUNG_THRESHOLD) -> Collector:
    """Collect, freeze what survived, and set the young generation's threshold to
    ``young_threshold`` (the older generations keep theirs). Returns the state before."""
    before = Collector(gc.get_threshold(), gc.get_freeze_count())
    gc.collect()
    gc.freeze()
    _, middle, old = before.thresholds
    gc.set_threshold(young_threshold, middle, old)
    return before


def restore(before: Collector) -> None:
    """Set the thresholds back, and unfreeze what :func:`settle` froze when nothing was frozen
    before it (a process that froze objects itself keeps them frozen)."""
    gc.set_threshold(*before.thresholds)
    if not before.frozen:
        gc.unfreeze()
