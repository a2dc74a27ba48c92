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


CASES_LIST = [(r.id, example) for r in RULES for example in r.drop_list]


@pytest.mark.parametrize("rule_id, example", CASES_LIST)
def test_list_heading_drops_its_list(rule_id: str, example: str) -> None:
    lines = example.split("\n")
    result = boilerplate.clean(lines)
    assert result.paragraphs == lines[-1:]
    assert result.removed == {rule_id: len(lines) - 1}


def test_list_rules_have_list_examples() -> None:
    assert CASES_LIST
    assert all(r.drop_list for r in RULES if r.then == "list")


def test_a_list_ends_at_the_first_real_paragraph() -> None:
    text = ["Story.", "Related", "- Another story", "A long paragraph of the article, which goes on.", "Short line"]
    assert boilerplate.clean(text).paragraphs == ["Story.", "A long paragraph of the article, which goes on.",
                                                  "Short line"]


def test_long_paragraphs_are_never_boilerplate() -> None:
    long = "Advertisement " * 60
    assert boilerplate.clean([long]).paragraphs == [long]


def test_required_words_never_change_what_a_rule_matches() -> None:
    # `requires` only spares trying a pattern: on every example, long or short, dressed or marked,
    # the rule with it matches exactly what the bare pattern matches.
    examples = [text for rule in RULES for text in rule.drop + rule.keep]
    examples += [f"«{text}»" for text in examples] + [text + " " + "x" * 170 for text in examples]
    for rule in RULES:
        if not rule.requires:
            continue
        bare = boilerplate.Rule(rule.id, rule.pattern)
        for text in examples:
            assert rule.matches(text) == bare.matches(text), (rule.id, text)
