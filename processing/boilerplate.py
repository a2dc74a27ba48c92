"""Multilingual boilerplate removal after trafilatura: rules are data (boilerplate_rules.toml)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

RULES_FILE = "boilerplate_rules.toml"
LIST_BULLETS = ("- ", "• ", "* ", "· ", "– ")
SENTENCE_ENDS = (".", "!", "?", "؟", "…", "\"", "”", "»", ":", "؛", ";")
MAX_HEADLINE_WORDS = 16
MAX_LIST_ITEMS = 12
MAX_RULE_CHARS = 400  # longer paragraphs are text, never boilerplate (and not worth matching)
MAX_TEASER_WORDS = 30  # a card's one-sentence teaser under its headline, in a related list


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern[str]
    description: str = ""
    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    then: str | None = None  # "list": also drop the list under a matched heading
    drop_list: tuple[str, ...] = ()
    # Words one of which every paragraph the pattern matches holds (lower case): a cheap test that
    # spares trying the pattern on the rest. Empty: always tried.
    requires: tuple[str, ...] = ()

    def matches(self, paragraph: str) -> bool:
        """Whether the rule matches ``paragraph`` in any of its :func:`match_forms`."""
        forms = match_forms(paragraph)
        return self._may_match(tuple(form.casefold() for form in forms)) and \
            any(self.pattern.fullmatch(form) is not None for form in forms)

    def _may_match(self, folded: tuple[str, ...]) -> bool:
        return not self.requires or any(word in form for form in folded for word in self.requires)


# What a label is dressed in around its words: quotation marks, brackets, bullets, an ellipsis
# («اقرأ أيضاً», "READ MORE…", "■ Related ■"), and dots after it ("READ MORE..", never one full stop). Stripped for matching only: the text is not changed.
_DRESS = "«»\"“”„'‘’()[]{}*•·■□●○►◄▶◀▪▫◆◇★☆|… \t"
_TRAILING_DOTS = re.compile(r"\s*\.{2,}$")  # "READ MORE..", not a sentence's one full stop
MAX_DRESSED_CHARS = 160
_ARABIC_MARKS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")


def match_forms(paragraph: str) -> tuple[str, ...]:
    """The forms of ``paragraph`` a rule is matched against: as it is (stripped); without its dress
    (:data:`_DRESS`: «اقرأ أيضاً», "READ MORE.."); and without Arabic harakat and tatweel
    («اقرأ أيضًا» with its tanween written on the alef, «تابعونـا», as writers vary them), so that
    a rule written with one spelling matches the others. Each form differing from the first is
    added once; a paragraph longer than ``MAX_DRESSED_CHARS`` (running text, not a label or a
    notice) is matched as it is."""
    text = paragraph.strip()
    forms = [text]
    if len(text) > MAX_DRESSED_CHARS:
        return (text,)
    bare = _TRAILING_DOTS.sub("", text.strip(_DRESS)).strip(_DRESS)
    if bare and bare != text:
        forms.append(bare)
    if _ARABIC_MARKS.search(text):
        forms.extend(form for form in (_ARABIC_MARKS.sub("", f) for f in list(forms)) if form not in forms)
    return tuple(forms)


@dataclass(frozen=True)
class Cleaned:
    paragraphs: list[str]
    removed: dict[str, int] = field(default_factory=dict)  # rule id -> paragraphs removed

    @property
    def removed_count(self) -> int:
        return sum(self.removed.values())


def compile_rule(data: dict) -> Rule:
    return Rule(
        id=data["id"],
        pattern=re.compile(data["pattern"], re.IGNORECASE),
        description=data.get("description", ""),
        drop=tuple(data.get("drop", ())),
        keep=tuple(data.get("keep", ())),
        then=data.get("then"),
        requires=tuple(word.casefold() for word in data.get("requires", ())),
        drop_list=tuple(data.get("drop_list", ())),
    )


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    raw = resources.files("processing").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return tuple(compile_rule(r) for r in tomllib.loads(raw)["rule"])


def line_rules(lines: Iterable[str], prefix: str = "outlet") -> tuple[Rule, ...]:
    """Rules that drop paragraphs equal to one of ``lines`` (per-outlet hints from the registry)."""
    return tuple(Rule(id=f"{prefix}:{line}", pattern=re.compile(re.escape(line.strip()) + r"\s*", re.IGNORECASE))
                 for line in lines if line.strip())


def clean(paragraphs: Iterable[str], rules: Iterable[Rule] | None = None) -> Cleaned:
    """Drop every paragraph a rule matches (and the list under a list heading); keep the rest in order."""
    active = tuple(default_rules() if rules is None else rules)
    kept: list[str] = []
    removed: dict[str, int] = {}
    heading: Rule | None = None  # the list heading whose items are being dropped
    items = 0
    paragraphs = list(paragraphs)
    matched = [_first_match(paragraph, active) for paragraph in paragraphs]
    teasers = 0  # teasers seen after items: cards are headline, teaser, headline, teaser…
    for index, paragraph in enumerate(paragraphs):
        rule = matched[index]
        if rule is None and heading is not None and items < MAX_LIST_ITEMS and is_list_item(paragraph):
            rule, items = heading, items + 1
        elif (rule is None and heading is not None and items > teasers and _is_teaser(paragraph)
              and not paragraphs[index - 1].strip().startswith(LIST_BULLETS)
              and (teasers > 0 or _next_is_item(paragraphs, matched, index))):
            # A card's teaser (cards are headlines, not bullets): dropped only once cards alternate
            # headline and teaser, so that the article paragraph after a plain list stays.
            rule, teasers = heading, teasers + 1
        elif rule is None or rule.then != "list":
            heading = None
        else:
            heading, items, teasers = rule, 0, 0
        if rule is None:
            kept.append(paragraph)
        else:
            removed[rule.id] = removed.get(rule.id, 0) + 1
    return Cleaned(kept, removed)


def _is_teaser(paragraph: str) -> bool:
    return len(paragraph.split()) <= MAX_TEASER_WORDS and not paragraph.strip().startswith(LIST_BULLETS)


def _first_match(paragraph: str, rules: tuple[Rule, ...]) -> Rule | None:
    """The first of ``rules`` matching one of ``paragraph``'s :func:`match_forms`, or None."""
    if len(paragraph) > MAX_RULE_CHARS:
        return None
    forms = match_forms(paragraph)
    folded = tuple(form.casefold() for form in forms)
    return next((rule for rule in rules if rule._may_match(folded)
                 and any(rule.pattern.fullmatch(form) for form in forms)), None)


def _next_is_item(paragraphs: list[str], matched: list[Rule | None], index: int) -> bool:
    """The next paragraph is a list item (and no rule's line of its own, such as a "Watch: …" link
    after an article paragraph: that one does not make the paragraph a card's teaser)."""
    return index + 1 < len(paragraphs) and matched[index + 1] is None and is_list_item(paragraphs[index + 1])


def is_list_item(paragraph: str) -> bool:
    """A line of a link list: a bullet item, or a short headline-like line without a final stop."""
    text = paragraph.strip()
    if text.startswith(LIST_BULLETS):
        return True
    return len(text.split()) <= MAX_HEADLINE_WORDS and not text.endswith(SENTENCE_ENDS)
