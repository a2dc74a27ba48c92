"""Our sentence splitter (argostranslate's own downloads a model on first use)."""

from __future__ import annotations

import pytest

from processing.sentences import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Mr. Smith arrived at 3.5 p.m. on Monday. He left! Did he? Yes.",
     ["Mr. Smith arrived at 3.5 p.m. on Monday.", "He left!", "Did he?", "Yes."]),
    ("The U.S. and the U.K. agreed. J. Smith said so.", ["The U.S. and the U.K. agreed.", "J. Smith said so."]),
    ("See No. 5 on p. 12. The answer was no. Then it ended.",
     ["See No. 5 on p. 12.", "The answer was no.", "Then it ended."]),
    ('He said "Stop." Then he left...', ['He said "Stop."', "Then he left..."]),
    ("Prices rose, e.g. in Dubai. Next.", ["Prices rose, e.g. in Dubai.", "Next."]),
    ("قال د. محمد إن المشروع سيكتمل في 2026م. وأضاف: «نحن مستعدون». هل هذا صحيح؟ نعم.",
     ["قال د. محمد إن المشروع سيكتمل في 2026م.", "وأضاف: «نحن مستعدون».", "هل هذا صحيح؟", "نعم."]),
    ("یہ بات درست ہے۔ دوسری بات۔", ["یہ بات درست ہے۔", "دوسری بات۔"]),
    ("No terminal punctuation here", ["No terminal punctuation here"]),
    ("", []),
])
def test_splits(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_long_sentences_are_cut_at_clauses_and_keep_every_word() -> None:
    text = "، ".join(f"البند رقم {i} من الاتفاق" for i in range(80)) + "."
    pieces = split_sentences(text, max_chars=200)
    assert len(pieces) > 1 and all(len(p) <= 200 for p in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
