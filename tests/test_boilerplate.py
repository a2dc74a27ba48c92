"""Every boilerplate rule removes its `drop` examples and leaves its `keep` examples alone."""

from __future__ import annotations

import pytest

from processing import boilerplate

RULES = boilerplate.default_rules()
CASES_DROP = [(r.id, text) for r in RULES for text in r.drop]
CASES_KEEP = [(r.id, text) for r in RULES for text in r.keep]


def test_every_rule_has_examples() -> None:
    assert RULES
    for rule in RULES:
        assert rule.drop and rule.keep, f"rule {rule.id} needs drop and keep examples"


@pytest.mark.parametrize("rule_id, text", CASES_DROP)
def test_rule_drops(rule_id: str, text: str) -> None:
    result = boilerplate.clean(["A real paragraph of the story.", text])
    assert result.paragraphs == ["A real paragraph of the story."]
    assert result.removed == {rule_id: 1}


@pytest.mark.parametrize("rule_id, text", CASES_KEEP)
def test_rule_keeps_real_text(rule_id: str, text: str) -> None:
    assert boilerplate.clean([text]).paragraphs == [text]


def test_outlet_lines_extend_the_rules() -> None:
    extra = boilerplate.line_rules(["Download our app"])
    result = boilerplate.clean(["Story.", "Download our app", "– Advertisement –"], RULES + extra)
    assert result.paragraphs == ["Story."]
    assert result.removed_count == 2
