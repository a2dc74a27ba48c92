"""An in-memory index of (band key, article id) pairs: what a clustering process holds of the band keys
not yet merged into the store's sorted ``lsh_bands`` table (storage.dedup's ``lsh_pending``, #15).

Pure numpy. Pairs are kept in a few sorted runs whose sizes at least double from one run to the
next (a small log-structured merge): adding n pairs sorts n pairs and merges runs of similar size,
so each pair is merged O(log n) times over the index's life, and a lookup searches every run
(``np.searchsorted``: no hashing, no Python loop per key).
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

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every stored pair whose key is one of ``keys``: (positions in ``keys``, article ids), int64
        arrays of equal length, in no particular order."""
        positions, found = [], []
        for run_keys, run_ids in self._runs:
            left = np.searchsorted(run_keys, keys, side="left")
            right = np.searchsorted(run_keys, keys, side="right")
            matched = np.flatnonzero(right > left)
            if not len(matched):
                continue
            counts = (right - left)[matched]
            within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
            positions.append(np.repeat(matched, counts))
            found.append(run_ids[np.repeat(left[matched], counts) + within])
        if not positions:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(positions).astype(np.int64), np.concatenate(found)
