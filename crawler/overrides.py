"""`-s NAME=VALUE` overrides, checked against the one settings declaration (``settings.SETTINGS``).

A name must be declared in ``settings.SETTINGS`` or be one of Scrapy's own settings (a name in
``scrapy.settings.default_settings``, which Wirewatch leaves at Scrapy's default). The text is parsed
to the type of the declared default (Scrapy's default for Scrapy's own names): booleans, whole
numbers, numbers, JSON lists (or comma-separated) and JSON objects; a ``None`` default takes text.
A number below the setting's declared ``minimum`` is refused. Anything else is a :class:`SettingError`
naming the setting and what would be right.
"""

from __future__ import annotations

import difflib
import json
from typing import Any, Iterable, Mapping

import settings

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


class SettingError(Exception):
    """An unknown setting name, or a value that is not of the setting's type."""


def declared() -> dict[str, Any]:
    """Wirewatch's declared settings: name -> default."""
    return {s.name: s.default for s in settings.SETTINGS}


def minimums() -> dict[str, int | float]:
    """The declared settings that have a smallest allowed value: name -> minimum."""
    return {s.name: s.minimum for s in settings.SETTINGS if s.minimum is not None}


def scrapy_defaults() -> dict[str, Any]:
    """Scrapy's own settings: name -> Scrapy's default (imported only when a name is not declared)."""
    from scrapy.settings import default_settings

    return {name: getattr(default_settings, name) for name in dir(default_settings) if name.isupper()}


def check(pairs: Mapping[str, str]) -> dict[str, Any]:
    """``{NAME: text}`` -> ``{NAME: typed value}``; raises :class:`SettingError` on the first bad one."""
    known = declared()
    checked: dict[str, Any] = {}
    for name, text in pairs.items():
        if name not in known:
            known = {**scrapy_defaults(), **known}
        if name not in known:
            raise SettingError(unknown_message(name, known))
        checked[name] = parse(name, text, known[name])
        check_minimum(name, checked[name], text)
        check_language(name, checked[name])
    return checked


def check_minimum(name: str, value: Any, text: str) -> None:
    """Raise :class:`SettingError` when ``value`` (parsed from ``text``) is below ``name``'s declared minimum."""
    lowest = minimums().get(name)
    if lowest is not None and isinstance(value, (int, float)) and value < lowest:
        kind = "a whole number" if isinstance(value, int) else "a number"
        raise SettingError(f"setting {name} is {kind} of at least {lowest}, not {text!r} (e.g. -s {name}={lowest})")


def check_language(name: str, value: Any) -> None:
    """Raise :class:`SettingError` when ``name`` is declared a language code and ``value`` is not ISO 639-1."""
    from processing.language_codes import code_problem

    problem = code_problem(value) if any(s.name == name and s.language for s in settings.SETTINGS) else None
    if problem:
        raise SettingError(f"setting {name}: {problem}")


def unknown_message(name: str, known: Iterable[str]) -> str:
    names = list(known)
    same_case = [k for k in names if k.upper() == name.upper()]
    close = same_case or difflib.get_close_matches(name.upper(), names, n=1)
    hint = f"did you mean {close[0]}?" if close else "`wirewatch settings` lists Wirewatch's settings"
    return f"unknown setting {name!r}; {hint}"


def parse(name: str, text: str, default: Any) -> Any:
    """``text`` as a value of ``default``'s type (bool, int, float, list, dict; else text)."""
    value = text.strip()
    if isinstance(default, bool):
        if value.lower() in TRUE:
            return True
        if value.lower() in FALSE:
            return False
        raise SettingError(f"setting {name} is true or false, not {text!r} (e.g. -s {name}={default})")
    if isinstance(default, int):
        try:
            return int(value)
        except ValueError:
            raise SettingError(f"setting {name} is a whole number, not {text!r} (e.g. -s {name}={default})") from None
    if isinstance(default, float):
        try:
            return float(value)
        except ValueError:
            raise SettingError(f"setting {name} is a number, not {text!r} (e.g. -s {name}={default})") from None
    if isinstance(default, (list, tuple, dict)):
        return _structured(name, value, dict if isinstance(default, dict) else list)
    return text


def _structured(name: str, value: str, kind: type) -> Any:
    example = '\'{"a.b.C": 100}\'' if kind is dict else "a,b or '[\"a\", \"b\"]'"
    try:
        parsed = json.loads(value)
    except ValueError:
        if kind is list:
            return [v.strip() for v in value.split(",") if v.strip()]
        raise SettingError(f"setting {name} is a JSON object, not {value!r} (e.g. -s {name}={example})") from None
    if not isinstance(parsed, kind):
        noun = "a JSON object" if kind is dict else "a list"
        raise SettingError(f"setting {name} is {noun}, not {value!r} (e.g. -s {name}={example})")
    return parsed
