"""processing.words gives exactly the regex's words, on ASCII text (its fast path) and on other text."""

import re

from processing.words import word_count, words

_REGEX = re.compile(r"\w+")


def test_every_ascii_character_splits_or_joins_words_as_the_regex_does() -> None:
    ascii_text = "".join(chr(c) for c in range(128))
    samples = [ascii_text, " ".join(ascii_text), "a" + ascii_text + "b", "U.S. officials' 2,500 e-mails_sent", "", " \n\t"]
    for text in samples:
        assert words(text) == _REGEX.findall(text)
        assert word_count(text) == len(_REGEX.findall(text))


def test_other_scripts_go_through_the_regex() -> None:
    for text in ["كتب خالد المنصوري، الرياض", "café au lait", "x² + y²", "a\u00a0b", "日本語 テキスト"]:
        assert words(text) == _REGEX.findall(text)
        assert word_count(text) == len(_REGEX.findall(text))
