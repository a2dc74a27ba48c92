"""Synthetic news articles for the dedup scale benchmarks (deterministic: a seed gives the same corpus).

English-like and Arabic-like text: function words (the ones dedup leaves out of terms) mixed with
content words, in sentences and paragraphs. Content words come from a Zipf distribution over a
made-up vocabulary and, for a quarter of them, from the article's topic (one of ``topics`` word lists),
so that two unrelated articles share about as many terms as real ones do (median terms Jaccard about
0.03, more within a topic).
A share of the articles are republished copies of a recent one (new headline, boilerplate added, last
paragraph cut, a few words changed), so the store has stories to find. Publication dates advance by
``per_day`` articles a day: 300 by default, a real feed's pace (an archive like SaudiNewsNet, some 30k
Arabic articles, spans months), not all of them within a few weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterator

import numpy as np

from processing.stopwords import ARABIC as ARABIC_FUNCTION, ENGLISH as ENGLISH_FUNCTION

LATIN_SYLLABLES = [c + v for c in "bcdfghjklmnprstvwz" for v in "aeiou"] + ["an", "er", "in", "on", "st", "th"]
ARABIC_SYLLABLES = [c + v for c in "بتثجحخدذرزسشصضطظعغفقكلمنهوي" for v in ("ا", "و", "ي", "")]
BOILERPLATE = {
    "en": "sign up for our newsletter and follow us for the latest news all rights reserved",
    "ar": "اشترك في النشرة البريدية وتابعونا لمعرفة آخر الأخبار جميع الحقوق محفوظة",
}


@dataclass
class Corpus:
    seed: int = 42
    vocabulary: int = 100_000
    zipf: float = 0.78
    topics: int = 300
    topic_words: int = 150
    topical: float = 0.25
    copies: float = 0.15  # share of articles that republish a recent one
    arabic: float = 0.25
    per_day: int = 300
    start: date = date(2025, 1, 1)

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng(self.seed)
        self.words = {"en": self._vocabulary(LATIN_SYLLABLES), "ar": self._vocabulary(ARABIC_SYLLABLES)}
        self.function = {"en": np.array(sorted(ENGLISH_FUNCTION)), "ar": np.array(sorted(ARABIC_FUNCTION))}
        ranks = np.arange(1, self.vocabulary + 1, dtype=np.float64)
        weights = ranks ** -self.zipf
        self.cdf = np.cumsum(weights / weights.sum())
        self.topic_lists = self.rng.integers(0, self.vocabulary, (self.topics, self.topic_words))

    def _vocabulary(self, syllables: list[str]) -> np.ndarray:
        rng = np.random.default_rng(self.seed + len(syllables))
        found: dict[str, None] = {}
        pool = np.array(syllables)
        while len(found) < self.vocabulary:
            parts = pool[rng.integers(0, len(pool), (20_000, 4))]
            lengths = rng.integers(2, 5, 20_000)
            found.update(dict.fromkeys("".join(p[:k]) for p, k in zip(parts.tolist(), lengths.tolist())))
        return np.array(list(found)[:self.vocabulary])

    def _text(self, lang: str, n_words: int) -> list[str]:
        """Paragraphs of sentences: about two content words to one function word."""
        index = np.searchsorted(self.cdf, self.rng.random(n_words))
        topical = self.rng.random(n_words) < self.topical
        topic = self.topic_lists[int(self.rng.integers(0, self.topics))]
        index[topical] = topic[self.rng.integers(0, self.topic_words, int(topical.sum()))]
        content = self.words[lang][index]
        function = self.function[lang][self.rng.integers(0, len(self.function[lang]), n_words)]
        mask = self.rng.random(n_words) < 0.35
        tokens = np.where(mask, function, content).tolist()
        paragraphs, i = [], 0
        while i < len(tokens):
            size = int(self.rng.integers(35, 70))
            sentence_ends = set(range(i + 12, i + size, 14))
            words = [w + ("." if j in sentence_ends else "") for j, w in enumerate(tokens[i:i + size], start=i)]
            paragraphs.append(" ".join(words).capitalize() + ".")
            i += size
        return paragraphs

    def articles(self, count: int) -> Iterator[dict]:
        recent: list[dict] = []
        for i in range(count):
            published = (self.start + timedelta(days=i // self.per_day)).isoformat() + "T08:00:00Z"
            if recent and self.rng.random() < self.copies:
                original = recent[int(self.rng.integers(0, len(recent)))]
                article = self._copy(original, i, published)
            else:
                lang = "ar" if self.rng.random() < self.arabic else "en"
                paragraphs = self._text(lang, int(self.rng.integers(200, 450)))
                article = {"url": f"https://outlet-{i % 97}.example/news/{i}", "outlet": f"outlet-{i % 97}",
                           "title": " ".join(self._text(lang, 9)[0].split()[:9]), "text": "\n\n".join(paragraphs),
                           "published": published, "language": lang}
            recent.append(article)
            if len(recent) > 3 * self.per_day:
                recent.pop(0)
            yield article

    def _copy(self, original: dict, i: int, published: str) -> dict:
        lang = original["language"]
        paragraphs = original["text"].split("\n\n")
        if len(paragraphs) > 3 and self.rng.random() < 0.5:
            paragraphs = paragraphs[:-1]
        if self.rng.random() < 0.5:
            paragraphs = paragraphs + [BOILERPLATE[lang]]
        words = " ".join(paragraphs).split(" ")
        for j in self.rng.integers(0, len(words), max(1, len(words) // 40)):
            words[j] = str(self.words[lang][int(self.rng.integers(0, self.vocabulary))])
        return {**original, "url": f"https://outlet-{i % 97}.example/news/{i}", "outlet": f"outlet-{i % 97}",
                "title": " ".join(self._text(lang, 9)[0].split()[:9]), "text": " ".join(words),
                "published": published, "copy_of": original["url"]}

