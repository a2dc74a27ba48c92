"""Clustering stored articles into stories: the code path shared by DedupPipeline (inline, one article
at a time), `wirewatch dedup` and `wirewatch import` (batches).

Each batch: sign the articles (processing.minhash), then in one write transaction look their band keys up
in ``lsh_bands`` and in the copy band keys not merged into it yet (``lsh_pending``, held in memory by
each Clusterer: processing.band_index), compare them with the stored candidates and with the batch's
earlier articles, decide (processing.dedup.decide), and write signatures, band keys, stories, members
and links (storage.dedup). The store is the index: what a Clusterer holds is a copy of ``lsh_pending``,
brought up to date at the start of every batch, so several processes may cluster into one store.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, fields
from itertools import chain
from typing import Callable, Iterator, Mapping, Sequence

import numpy as np
import sqlite_utils

from processing.band_index import BandIndex, expand, first_of_groups, keys_blob, pairs_of_blobs
from processing.dedup import Candidate, DedupOptions, Document, Fingerprint, Signatures, decide, from_blob, to_blob
from processing.minhash import COPY, Signer, distinct
from storage import dedup as store

logger = logging.getLogger(__name__)

# Articles clustered in one write transaction by `wirewatch dedup` (the crawl clusters a few at a time).
# Before copy band keys were appended to ``lsh_pending`` (#15), each batch stored 42 of them per article
# at random places in ``lsh_bands``' B-tree, and 2,000 a batch took 0.61 ms CPU per article at 30k
# stored articles against 0.66 for 1,000 and 0.72 for 500 (benchmarks/dedup_scale.py, 300 a day).
# The write lock is held for one batch: about a second at this size (the store's busy timeout is 30 s).
# The cost is memory: `wirewatch dedup` of 30k articles peaked at 499 MiB against 227 MiB with 500
# (14.4 s against 15.8 s; `dedup --all` 15.5 s against 20.1 s).
BULK_BATCH = 2_000


@dataclass
class ClusterReport:
    articles: int = 0  # clustered (signed and placed in a story)
    new_stories: int = 0
    joined: int = 0  # joined a story that already had a member
    related: int = 0
    translations: int = 0
    skipped_empty: int = 0  # no title and no text: nothing to compare
    compared: int = 0  # candidates whose signatures were compared with the article's

    def add(self, other: "ClusterReport") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def summary(self) -> str:
        return (f"{self.articles} articles clustered: {self.joined} joined a story, {self.new_stories} new stories, "
                f"{self.related} related and {self.translations} translation links, "
                f"{self.skipped_empty} without text")


class Clusterer:
    """Clusters articles of one store; build once, call :meth:`cluster` as often as needed."""

    def __init__(self, db: sqlite_utils.Database, options: DedupOptions = DedupOptions(),
                 batch_size: int = BULK_BATCH, merge_min: int = store.MERGE_MIN) -> None:
        """``merge_min``: pending copy band keys merged into lsh_bands no sooner than this many
        (storage.dedup.merge_due; tests make it small)."""
        self.db = db
        self.options = options
        self.signer = Signer(options)
        self.batch_size = batch_size
        self.merge_min = merge_min
        self._scheme_checked = False
        self._pending = BandIndex()  # lsh_pending as of generation _generation, up to seq _seen
        self._generation: int | None = None
        self._seen = 0
        store.tune(db)

    def cluster(self, ids: Sequence[int] | None = None, *,
                progress: Callable[[int, int], None] | None = None) -> ClusterReport:
        """Cluster the articles that need it (new, changed, or newly translated); only among ``ids``
        when given. Raises SchemeMismatch when the store's signatures were made differently."""
        self.check_scheme()
        return self._run(store.pending_ids(self.db, ids), progress)

    def cluster_each(self, ids: Sequence[int], signed: Mapping[int, Signatures] | None = None
                     ) -> dict[int, ClusterReport]:
        """:meth:`cluster` for ``ids``, reporting each article on its own (articles that did not need
        clustering are left out). ``signed`` gives signatures already made for some of them (the
        crawl's workers sign each page): used when they match the stored title and text (content
        hash) and this clusterer's scheme, recomputed otherwise."""
        self.check_scheme()
        each: dict[int, ClusterReport] = {}
        pending = store.pending_ids(self.db, ids)
        for start in range(0, len(pending), self.batch_size):
            each.update(self._batch(pending[start:start + self.batch_size], signed or {}))
        return each

    def check_scheme(self) -> None:
        """Raise SchemeMismatch when the store's signatures were made with other dedup parameters
        (checked once per Clusterer)."""
        if not self._scheme_checked:
            store.check_scheme(self.db, self.options.scheme)
            self._scheme_checked = True

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> ClusterReport:
        """Forget every story and signature, then cluster every article again, first seen first."""
        store.reset(self.db)
        store.check_scheme(self.db, self.options.scheme)
        self._scheme_checked = True
        return self._run(store.all_ids(self.db), progress)

    def _run(self, ids: list[int], progress: Callable[[int, int], None] | None) -> ClusterReport:
        report = ClusterReport()
        for start in range(0, len(ids), self.batch_size):
            for mine in self._batch(ids[start:start + self.batch_size], {}).values():
                report.add(mine)
            if progress is not None:
                progress(min(start + self.batch_size, len(ids)), len(ids))
        if ids:
            logger.info("dedup: %s", report.summary())
        return report

    def _batch(self, ids: Sequence[int], signed: Mapping[int, Signatures]) -> dict[int, ClusterReport]:
        """Cluster one batch in one write transaction; each article's report by its id."""
        articles = store.load_articles(self.db, ids)
        docs = [Document(a.text or "", a.title, a.language, a.title_en, a.text_en, a.published, a.first_seen)
                for a in articles]
        scheme = self.options.scheme
        known = [(s.copy, s.terms) if (s := signed.get(a.id)) is not None and s.scheme == scheme
                 and s.content_hash == a.content_hash else None for a in articles]
        fps = self.signer.fingerprints(docs, known)
        signed = np.array([i for i, fp in enumerate(fps) if fp is not None], dtype=np.int64)
        keys, key_pos = self.signer.key_arrays([fps[i] for i in signed])  # type: ignore[misc]
        lookups, lookup_pos = self.signer.key_arrays([fps[i] for i in signed], query=True)  # type: ignore[misc]
        key_pos, lookup_pos = signed[key_pos], signed[lookup_pos]  # fingerprint index → batch position
        reports, batch = {a.id: ClusterReport() for a in articles}, store.Batch()
        with store.write_transaction(self.db):
            self._forget_previous([a.id for a in articles])
            stored, hits = self._stored_candidates(lookups, lookup_pos, {a.id for a in articles})
            in_bounds, in_batch = _in_batch_pairs(keys, key_pos, lookups, lookup_pos, self.options.bucket_cap)
            next_story = store.next_story_id(self.db)
            placed: dict[int, Candidate] = {}  # batch position → the article as a candidate for later ones
            for pos, (article, doc, fp) in enumerate(zip(articles, docs, fps)):
                report = reports[article.id]
                if fp is None:
                    batch.signatures.append((article.id, None, None, None, int(doc.is_english), 0,
                                             article.content_hash))
                    report.skipped_empty += 1
                    logger.warning("dedup: article %d has no title or text to compare; not clustered", article.id)
                    continue
                candidates = [stored[a] for a in sorted(hits.get(pos, ())) if a in stored]
                if pos + 1 < len(in_bounds):
                    earlier = in_batch[in_bounds[pos]:in_bounds[pos + 1]].tolist()
                    candidates += [placed[p] for p in earlier if p in placed]
                candidates = representatives(candidates, self.options.bucket_cap)
                decision = decide(article.id, fp, doc.is_english, candidates, self.options)
                report.compared += len(candidates)
                if decision.story_id is None:
                    story = next_story
                    next_story += 1
                    batch.stories.append((story, article.id, article.first_seen, article.wire_agency))
                    report.new_stories += 1
                else:
                    story = decision.story_id
                    batch.grown.add(story)
                    report.joined += 1
                batch.members.append((article.id, story, decision.similarity, decision.matched_article_id))
                for link in decision.links:
                    batch.relations.append((link.article_id, link.other_article_id, link.relation, link.score))
                    report.related += link.relation == "related"
                    report.translations += link.relation == "translation-of"
                english = to_blob(fp.english) if fp.english is not None else (b"" if doc.translation else None)
                batch.signatures.append((article.id, to_blob(fp.copy), to_blob(fp.terms), english,
                                         int(doc.is_english), fp.period, article.content_hash))
                placed[pos] = Candidate(article.id, story, fp, doc.is_english)
                report.articles += 1
                logger.debug("dedup: article %d → story %d (similarity %.2f, %d candidates)", article.id, story,
                             decision.similarity, len(candidates))
            ids_at = np.array([a.id for a in articles], dtype=np.int64)
            owners = ids_at[key_pos]
            copy = _copy_mask(key_pos, self.options.bands)
            order = np.lexsort((owners[~copy], keys[~copy]))
            batch.bands = np.column_stack((keys[~copy][order], owners[~copy][order])).tolist()
            copy_keys, copy_owners = keys[copy], owners[copy]
            per_article = copy_keys.reshape(-1, self.options.bands)
            batch.pending = [(int(o), keys_blob(k)) for o, k in zip(copy_owners[::self.options.bands].tolist(),
                                                                  per_article)]
            # Stories the batch started and then grew are in ``grown`` too: recounted in SQL.
            before = store.pending_seq(self.db)
            store.write(self.db, batch)
            merge = self._note_pending(before, len(batch.pending), copy_keys, copy_owners)
        if merge:
            self.merge()
        return reports

    def _sync_pending(self) -> None:
        """Bring the in-memory copy of lsh_pending up to date (inside the batch's write transaction):
        all of it again after a merge or reset (a new generation), else the rows appended since."""
        generation = store.pending_generation(self.db)
        if generation != self._generation:
            self._pending.clear()
            self._generation, self._seen = generation, 0
        for rows in store.pending_rows(self.db, self._seen):
            keys, owners = pairs_of_blobs([r[1] for r in rows], [r[2] for r in rows])
            self._pending.add(keys, owners)
            self._seen = rows[-1][0]

    def _note_pending(self, before: int, rows: int, keys: np.ndarray, ids: np.ndarray) -> bool:
        """The batch's own lsh_pending ``rows`` (just written, seqs after ``before``; their pairs
        ``keys``, ``ids``) into memory; whether enough keys are pending to merge them into lsh_bands
        (storage.dedup.merge_due)."""
        after = store.pending_seq(self.db)
        if after - before == rows:  # the write lock is ours: no one else appended in between
            self._pending.add(keys, ids)
            self._seen = after
        return store.merge_due(self.db, len(self._pending), self.merge_min)

    def merge(self, chunk_keys: int = store.MERGE_CHUNK_KEYS,
              after_chunk: Callable[[int], None] | None = None) -> int:
        """Move the copy band keys pending in lsh_pending into lsh_bands: all of them sorted, then
        ``chunk_keys`` at a time, each chunk in its own write transaction, so other writers wait for a
        chunk, not for the merge (after a chunk the lock is left free as long as it was held, up to
        0.1 s: SQLite's busy handler retries a waiting writer every 0.1 s at most). The rows go from
        lsh_pending with the last chunk; rows appended meanwhile wait for the next merge, and the keys
        of a row removed meanwhile (its article changed) are not inserted. ``after_chunk`` is called
        with the keys moved so far after each chunk commits. Keys moved (inserted into lsh_bands)."""
        upto = store.pending_seq(self.db)
        rows = [row for part in store.pending_rows(self.db) for row in part if row[0] <= upto]
        keys, owners = pairs_of_blobs([r[1] for r in rows], [r[2] for r in rows])
        order = np.lexsort((owners, keys))
        keys, owners = keys[order], owners[order]
        expected, moved, start = len(rows), 0, 0
        while True:
            with store.write_transaction(self.db):
                held = time.perf_counter()
                if store.pending_count(self.db, upto) != expected:  # rows removed since: not their keys
                    expected, still = store.pending_articles(self.db, upto)
                    keep = np.isin(owners[start:], np.fromiter(still, dtype=np.int64, count=len(still)))
                    keys = np.concatenate((keys[:start], keys[start:][keep]))
                    owners = np.concatenate((owners[:start], owners[start:][keep]))
                stop = min(start + max(1, chunk_keys), len(keys))
                moved += store.insert_bands(self.db, _pairs(keys[start:stop], owners[start:stop]))
                if stop == len(keys):
                    store.finish_merge(self.db, upto, moved)
                held = time.perf_counter() - held
            if after_chunk is not None:
                after_chunk(moved)
            if stop == len(keys):
                break
            start = stop
            time.sleep(min(held, 0.1))  # a writer waiting for the lock gets it
        self._pending.clear()
        self._generation = None  # read lsh_pending again: rows may have been appended during the merge
        return moved

    def _forget_previous(self, ids: list[int]) -> None:
        """Articles signed before (their text changed, or a translation arrived): out of their story first."""
        previous = store.signatures(self.db, ids)
        if not previous:
            return
        band_keys: list[tuple[int, int]] = []
        for sig in previous.values():
            fp = _fingerprint(sig)
            if fp is not None:
                band_keys.extend((k, sig.article_id) for k in self.signer.keys(fp))
        store.remove(self.db, list(previous), band_keys)

    def _stored_candidates(self, lookups: np.ndarray, lookup_pos: np.ndarray, batch_ids: set[int]
                           ) -> tuple[dict[int, Candidate], dict[int, set[int]]]:
        """Stored articles sharing a band key with the batch, as candidates, and for each batch
        position the stored articles it shares a key with: at most ``bucket_cap`` a key (the lowest
        article ids) and, for each position, at most ``bucket_cap`` of one story (DedupOptions.bucket_cap):
        only those are given signatures and compared."""
        cap = self.options.bucket_cap
        wanted = distinct(lookups)
        rows = store.band_matches(self.db, wanted.tolist(), cap)
        found = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=2 * len(rows)).reshape(-1, 2)
        # lsh_pending holds copy keys only: copy keys are looked up there (a terms key equal to a copy
        # key would be a collision of two 64-bit hashes with different band seeds).
        self._sync_pending()
        copy_wanted = distinct(lookups[_copy_mask(lookup_pos, self.options.bands)])
        at, pending_ids = self._pending.lookup(copy_wanted, cap)
        pending = np.column_stack((copy_wanted[at], pending_ids))
        found = np.concatenate((found, pending))
        from_pending = np.arange(len(found)) >= len(found) - len(pending)
        in_batch = np.sort(np.fromiter(batch_ids, dtype=np.int64, count=len(batch_ids)))
        at = np.minimum(np.searchsorted(in_batch, found[:, 1]), max(len(in_batch) - 1, 0))
        if len(in_batch):
            outside = in_batch[at] != found[:, 1]
            found, from_pending = found[outside], from_pending[outside]
        order = np.lexsort((found[:, 1], found[:, 0]))
        found, from_pending = found[order], from_pending[order]
        # A key in both (another process is merging lsh_pending into lsh_bands) counts once.
        first = np.concatenate(([True], (found[1:] != found[:-1]).any(axis=1)))[:len(found)]
        found, from_pending = found[first], from_pending[first]
        first = first_of_groups(found[:, 0], cap)  # lsh_bands' and lsh_pending's, together
        found, from_pending = found[first], from_pending[first]
        # Of each story, the first ``cap`` articles a position shares keys with (representatives()):
        # only those are read and compared.
        all_pos, all_ids = _position_pairs(found, lookups, lookup_pos)
        stories = store.stories_of(self.db, distinct(all_ids).tolist())
        pair_story = np.fromiter((stories.get(i, -1) for i in all_ids.tolist()), dtype=np.int64, count=len(all_ids))
        placed = pair_story >= 0
        pair_pos, pair_ids, pair_story = all_pos[placed], all_ids[placed], pair_story[placed]
        order = np.lexsort((pair_ids, pair_story, pair_pos))
        pair_pos, pair_ids, pair_story = pair_pos[order], pair_ids[order], pair_story[order]
        group = np.cumsum((pair_pos != np.roll(pair_pos, 1)) | (pair_story != np.roll(pair_story, 1)))
        capped = first_of_groups(group, cap)
        kept_ids = distinct(pair_ids[capped])
        stored_sigs = store.signatures(self.db, kept_ids.tolist())
        # A pending key is checked against the article's stored signature (another process may have
        # removed it); keys in lsh_bands are removed in the store.
        kept = np.isin(found[:, 1], kept_ids)
        found, from_pending = found[kept], from_pending[kept]
        valid = ~from_pending
        valid[from_pending] = self._valid_pending(found[from_pending], stored_sigs)
        if capped.all() and kept.all() and valid.all():  # nothing left out (as on normal data): the same pairs
            pair_pos, pair_ids = all_pos, all_ids
        else:
            pair_pos, pair_ids = _position_pairs(found[valid], lookups, lookup_pos)
        hits: dict[int, set[int]] = defaultdict(set)
        for pos, article_id in zip(pair_pos.tolist(), pair_ids.tolist()):
            hits[pos].add(article_id)
        out: dict[int, Candidate] = {}
        for article_id in set(pair_ids.tolist()) & set(stored_sigs):
            sig = stored_sigs[article_id]
            fp = _fingerprint(sig)
            if fp is not None and sig.story_id is not None:
                out[article_id] = Candidate(article_id, sig.story_id, fp, sig.english)
        return out, hits

    def _valid_pending(self, pending: np.ndarray, sigs: Mapping[int, store.StoredSignature]) -> np.ndarray:
        """Which (band_key, article_id) rows of ``pending`` (found in memory) the article's stored
        copy signature still gives (a bool mask): a row another process removed (the article changed)
        is not."""
        copies = [(i, from_blob(sigs[i].signature)) for i in sorted({int(i) for i in pending[:, 1].tolist()} & set(sigs))]
        copies = [(i, c) for i, c in copies if c is not None]
        if not copies:
            return np.zeros(len(pending), dtype=bool)
        ids = np.array([i for i, _ in copies], dtype=np.int64)  # sorted
        keys = self.signer.band_keys(np.stack([c for _, c in copies]), COPY)  # (len(ids), bands)
        row = np.minimum(np.searchsorted(ids, pending[:, 1]), len(ids) - 1)
        return (ids[row] == pending[:, 1]) & (keys[row] == pending[:, :1]).any(axis=1)


def representatives(candidates: Sequence[Candidate], cap: int) -> list[Candidate]:
    """The first ``cap`` candidates of each story, in the order given (stored ones by id, then the
    batch's by position: the earliest members): joining any member joins the story, so an article
    arriving among thousands of copies of one story is compared with ``cap`` of them
    (DedupOptions.bucket_cap), and links, which go to other stories, lose nothing while a story
    holds fewer members than that."""
    taken: dict[int, int] = defaultdict(int)
    kept = []
    for candidate in candidates:
        if taken[candidate.story_id] < cap:
            taken[candidate.story_id] += 1
            kept.append(candidate)
    return kept


def _pairs(keys: np.ndarray, ids: np.ndarray, chunk: int = 100_000) -> Iterator[tuple[int, int]]:
    """(key, id) tuples, converted ``chunk`` at a time (not millions of Python ints at once)."""
    for start in range(0, len(keys), chunk):
        yield from zip(keys[start:start + chunk].tolist(), ids[start:start + chunk].tolist())


def _position_pairs(found: np.ndarray, lookups: np.ndarray, lookup_pos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (batch position, stored article) pairs of ``found`` (band_key, article_id) rows,
    sorted by key, and the batch's looked-up keys ``lookups`` of positions ``lookup_pos``: two int64
    arrays, by position then article. Each key's rows are found[left:right] (sorted keys: no hashing,
    no isin); the pairs are made in numpy."""
    keys = np.ascontiguousarray(found[:, 0])
    left, right = np.searchsorted(keys, lookups, side="left"), np.searchsorted(keys, lookups, side="right")
    lookup_at, index = expand(left, right)
    pairs = distinct((lookup_pos[lookup_at].astype(np.uint64) << np.uint64(40)) | found[index, 1].astype(np.uint64))
    return (pairs >> np.uint64(40)).astype(np.int64), (pairs & np.uint64(2**40 - 1)).astype(np.int64)


def _copy_mask(owners: np.ndarray, bands: int) -> np.ndarray:
    """Which of :meth:`Signer.key_arrays`' keys (grouped by ``owners``, each group starting with its
    ``bands`` copy keys) are copy keys."""
    starts = np.searchsorted(owners, owners, side="left")
    return np.arange(len(owners)) - starts < bands


def _in_batch_pairs(keys: np.ndarray, key_pos: np.ndarray, lookups: np.ndarray, lookup_pos: np.ndarray,
                    cap: int, chunk: int = 1 << 20) -> tuple[np.ndarray, np.ndarray]:
    """For each batch position, the earlier positions stored under a key it looks up: of each key's
    positions, the first ``cap`` only (DedupOptions.bucket_cap), so a position gets at most ``cap``
    a key it looks up however many of the batch share the key. ``key_pos`` and ``lookup_pos``
    ascending. As (bounds, earlier): position p's are ``earlier[bounds[p]:bounds[p + 1]]``, ascending
    (8 bytes a pair, not a Python set). Pairs are made in numpy, about ``chunk`` at a time."""
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_pos = keys[order], key_pos[order]  # within a key, positions ascending
    left = np.searchsorted(sorted_keys, lookups, side="left")
    right = np.minimum(np.searchsorted(sorted_keys, lookups, side="right"), left + cap)
    # Most looked-up keys are found once, as the article's own key, or not at all: only the rest matter.
    own = (right - left == 1) & (sorted_pos[np.minimum(left, len(sorted_pos) - 1)] == lookup_pos)
    wanted = np.flatnonzero((right > left) & ~own)
    wanted_pos = lookup_pos[wanted]
    ends = np.cumsum(right[wanted] - left[wanted])
    parts: list[np.ndarray] = []
    start = 0
    while start < len(wanted):
        stop = max(start + 1, int(np.searchsorted(ends, (ends[start - 1] if start else 0) + chunk, side="right")))
        stop = int(np.searchsorted(wanted_pos, wanted_pos[stop - 1], side="right"))  # a position in one part
        part = wanted[start:stop]
        at, index = expand(left[part], right[part])
        pos, earlier = lookup_pos[part][at], sorted_pos[index]
        keep = earlier < pos
        parts.append(distinct((pos[keep].astype(np.uint64) << np.uint64(32)) | earlier[keep].astype(np.uint64)))
        start = stop
    packed = np.concatenate(parts) if parts else np.empty(0, dtype=np.uint64)
    positions = (packed >> np.uint64(32)).astype(np.int64)
    bounds = np.searchsorted(positions, np.arange(int(key_pos.max(initial=-1)) + 2))
    return bounds, (packed & np.uint64(2**32 - 1)).astype(np.int64)


def _fingerprint(sig: store.StoredSignature) -> Fingerprint | None:
    copy, terms = from_blob(sig.signature), from_blob(sig.terms_signature)
    if copy is None or terms is None:
        return None
    english = from_blob(sig.english_signature)
    return Fingerprint(copy, terms, english if english is not None and len(english) else None, sig.period)
