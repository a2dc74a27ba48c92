"""An in-memory index of (band key, article id) pairs: what a clustering process holds of the band keys
not yet merged into the store's sorted ``lsh_bands`` table (storage.dedup's ``lsh_pending``, #15).

Pure numpy. Pairs are kept in a few sorted runs whose sizes at least double from one run to the
next (a small log-structured merge): adding n pairs sorts n pairs and merges runs of similar size,
so each pair is merged O(log n) times over the index's life, and a lookup searches every run
(``np.searchsorted``: no hashing, no Python loop per key).

A lookup may be capped: at most ``limit`` articles a key, the earliest added. A band key shared by
thousands of articles (one story's copies arriving at once) then costs a lookup ``limit`` pairs, not
thousands (#15); see ``DedupOptions.bucket_cap`` for why joining a story needs no more.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np


def keys_blob(keys: np.ndarray) -> bytes:
    """Band keys (int64) as stored in one blob: little-endian int64."""
    return np.asarray(keys, dtype="<i8").tobytes()


def pairs_of_blobs(ids: Sequence[int], blobs: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The (band key, article id) pairs of many articles' blobs (:func:`keys_blob`), as two int64 arrays."""
    keys = np.frombuffer(b"".join(blobs), dtype="<i8").astype(np.int64)
    owners = np.repeat(np.asarray(ids, dtype=np.int64), [len(b) // 8 for b in blobs])
    return keys, owners


def expand(left: np.ndarray, right: np.ndarray, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The indexes of ranges ``[left[i], right[i])``, each range's first ``limit`` only (all when None):
    (range number i, index), two int64 arrays of equal length, range by range, indexes ascending."""
    counts = right - left
    if limit is not None:
        counts = np.minimum(counts, limit)
    matched = np.flatnonzero(counts > 0)
    counts = counts[matched]
    within = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(matched, counts).astype(np.int64), np.repeat(left[matched], counts).astype(np.int64) + within


def first_of_groups(groups: np.ndarray, limit: int) -> np.ndarray:
    """Which elements of ``groups`` (sorted, equal values together) are among the first ``limit`` of
    their group: a bool mask."""
    if not len(groups):
        return np.ones(0, dtype=bool)
    starts = np.flatnonzero(np.concatenate(([True], groups[1:] != groups[:-1])))
    sizes = np.diff(np.append(starts, len(groups)))
    rank = np.arange(len(groups)) - np.repeat(starts, sizes)
    return rank < limit


class BandIndex:
    """(band key, article id) pairs, int64 each, looked up by key."""

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (keys, ids) sorted by key; largest first

    def __len__(self) -> int:
        return sum(len(keys) for keys, _ in self._runs)

    def clear(self) -> None:
        self._runs = []

    def add(self, keys: np.ndarray, ids: np.ndarray) -> None:
        """Add pairs (``keys`` and ``ids``: equal-length int64 arrays)."""
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        run = (np.asarray(keys, dtype=np.int64)[order], np.asarray(ids, dtype=np.int64)[order])
        # Merge with the runs no more than twice as large: sizes keep at least doubling down the list.
        while self._runs and len(self._runs[-1][0]) <= 2 * len(run[0]):
            last = self._runs.pop()
            merged_keys = np.concatenate((last[0], run[0]))
            order = np.argsort(merged_keys, kind="stable")  # two sorted runs: timsort merges them in O(n)
            run = (merged_keys[order], np.concatenate((last[1], run[1]))[order])
        self._runs.append(run)

    def lookup(self, keys: np.ndarray, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Every stored pair whose key is one of ``keys``: (positions in ``keys``, article ids), int64
        arrays of equal length, in no particular order. With ``limit``, at most that many pairs a key
        position: the ones added first."""
        positions, found = [], []
        for run_keys, run_ids in self._runs:  # oldest first: runs are merged into the ones before them
            left = np.searchsorted(run_keys, keys, side="left")
            right = np.searchsorted(run_keys, keys, side="right")
            at, index = expand(left, right, limit)
            if len(at):
                positions.append(at)
                found.append(run_ids[index])
        if not positions:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        at, ids = np.concatenate(positions), np.concatenate(found)
        if limit is not None and len(positions) > 1:
            order = np.argsort(at, kind="stable")  # within a key position: oldest run first
            at, ids = at[order], ids[order]
            keep = first_of_groups(at, limit)
            at, ids = at[keep], ids[keep]
        return at, ids
