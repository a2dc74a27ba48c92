"""`-s NAME=VALUE` overrides, checked against the one settings declaration (``settings.SETTINGS``).

A name must be declared in ``settings.SETTINGS`` or be one of Scrapy's own settings (a name in
``scrapy.settings.default_settings``, which Wirewatch leaves at Scrapy's default). The text is parsed
to the type of the declared default (Scrapy's default for Scrapy's own names): booleans, whole
numbers, numbers, JSON lists (or comma-separated) and JSON objects; a ``None`` default takes text.
The value must then meet the setting's declared constraints (``minimum``, ``choices``, ``url_schemes``
of ``settings.Setting``: :func:`allowed` says what they accept, :func:`problem` whether a value breaks
them). Anything else is a :class:`SettingError` naming the setting and what would be right.
"""

from __future__ import annotations

import difflib
import importlib
import json
import math
from typing import Any, Iterable, Mapping
from urllib.parse import urlsplit

import settings

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off")


class SettingError(Exception):
    """An unknown setting name, a value that is not of the setting's type, or one its constraints refuse."""


def module_problem() -> str | None:
    """The first value ``settings.py`` itself gives (an operator's line such as ``DOWNLOAD_DELAY = "slow"``
    after the generated names) that is not of its declared default's type or breaks its constraints, as one
    line naming the file, the setting and what it accepts; None when every value is right. Scrapy read such a
    value deep inside the crawl and ended in a ValueError traceback."""
    for setting in settings.SETTINGS:
        value = getattr(settings, setting.name, setting.default)
        if value == setting.default or setting.default is None:
            continue
        kind = _kind_problem(setting.default, value)
        why = kind or problem(setting.name, value)
        if why:
            return f"{settings.__file__}: {setting.name} = {value!r}: {why} (fix or delete the line)"
    return None


def _kind_problem(default: Any, value: Any) -> str | None:
    """What ``value`` should be when it is not of the kind of ``default`` (a whole number may stand for a
    number, a tuple for a list), else None."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "must be True or False"
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, int):
        return None if number and isinstance(value, int) else "must be a whole number"
    if isinstance(default, float):
        return None if number else "must be a number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "must be text (in quotes)"
    if isinstance(default, (list, tuple)):
        return None if isinstance(value, (list, tuple)) else "must be a list"
    if isinstance(default, dict):
        return None if isinstance(value, dict) else "must be a dict"
    return None


def declared() -> dict[str, Any]:
    """Wirewatch's declared settings: name -> default."""
    return {s.name: s.default for s in settings.SETTINGS}


def declaration(name: str) -> settings.Setting | None:
    """The declaration of setting ``name``, or None for Scrapy's own settings Wirewatch leaves alone."""
    return next((s for s in settings.SETTINGS if s.name == name), None)


def minimum(name: str) -> int | float | None:
    """The declared ``minimum`` of setting ``name`` (for a CLI option that sets the same value), or None."""
    setting = declaration(name)
    return setting.minimum if setting else None


def maximum(name: str) -> int | float | None:
    """The declared ``maximum`` of setting ``name`` (for a CLI option that sets the same value), or None."""
    setting = declaration(name)
    return setting.maximum if setting else None


def allowed(setting: settings.Setting) -> str:
    """What ``setting``'s constraints accept, as a phrase ("at least 1", "one of A, B"); "" when any value of its type."""
    if setting.minimum is not None and setting.maximum is not None:
        return f"from {setting.minimum} to {setting.maximum}"
    if setting.minimum is not None:
        return f"at least {setting.minimum}"
    if setting.choices:
        return f"one of {', '.join(setting.choices)}"
    if setting.required:
        return "a non-empty text"
    if setting.url_schemes:
        schemes = [f"{scheme}://" for scheme in setting.url_schemes]
        listed = ", ".join(schemes[:-1]) + f" or {schemes[-1]}" if len(schemes) > 1 else schemes[0]
        return f"empty or a {listed} URL"
    return ""


def problem(name: str, value: Any) -> str | None:
    """``allowed(...)`` of setting ``name`` when ``value`` (already of the setting's type) breaks its declared
    constraints; None when it meets them, or ``name`` is not declared."""
    setting = declaration(name)
    if setting is None:
        return None
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    too_low = setting.minimum is not None and number and value < setting.minimum
    too_high = setting.maximum is not None and number and value > setting.maximum
    not_a_choice = bool(setting.choices) and value not in setting.choices
    bad_url = bool(setting.url_schemes) and value != "" and not _url_with_scheme(str(value), setting.url_schemes)
    empty = setting.required and isinstance(value, str) and not value.strip()
    return allowed(setting) if too_low or too_high or not_a_choice or bad_url or empty else None


def _typed_default(name: str, default: Any, text: str) -> Any:
    """The default whose type ``text`` is parsed to. A declared setting with an empty default and a
    ``minimum`` is an optional number (e.g. WIREWATCH_CLUSTER_DELAY): empty text stays empty, else a number."""
    setting = declaration(name)
    if setting is not None and default == "" and setting.minimum is not None and text.strip():
        return float(setting.minimum)
    return default


def _url_with_scheme(text: str, schemes: tuple[str, ...]) -> bool:
    parts = urlsplit(text.strip())
    return parts.scheme in schemes and bool(parts.netloc or parts.path)


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
        checked[name] = parse(name, text, _typed_default(name, known[name], text))
        check_constraints(name, checked[name], text)
        check_language(name, checked[name])
        check_components(name, checked[name])
        check_modules(name, checked[name])
    return checked


# Settings naming modules Scrapy imports when the crawl starts (a typo was a bare ModuleNotFoundError traceback).
MODULE_LISTS = frozenset({"SPIDER_MODULES"})


def check_modules(name: str, value: Any) -> None:
    """Raise :class:`SettingError` when ``name`` is a module list (:data:`MODULE_LISTS`) and one of its modules
    cannot be imported."""
    if name not in MODULE_LISTS or not isinstance(value, (list, tuple)):
        return
    for module in value:
        _import(name, str(module), module)


def _import(name: str, module: str, shown: Any) -> Any:
    """``module`` imported, or :class:`SettingError` naming setting ``name`` and ``shown`` (what its value
    wrote) with the import's error: nothing runs yet, so an import error of any kind is the message."""
    try:
        return importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 (see the docstring)
        raise SettingError(f"setting {name}: cannot import {shown!r} ({type(exc).__name__}: {exc})") from None


# Settings that map import paths of components (pipelines, middlewares, extensions, download handlers) to
# their order: Scrapy imports each path when the crawl starts, where a typo was a page of tracebacks.
COMPONENT_SUFFIXES = ("PIPELINES", "MIDDLEWARES", "MIDDLEWARES_BASE", "EXTENSIONS", "EXTENSIONS_BASE",
                      "HANDLERS", "HANDLERS_BASE")


def check_components(name: str, value: Any) -> None:
    """Raise :class:`SettingError` when ``name`` is a component setting (:data:`COMPONENT_SUFFIXES`) and one of
    its enabled entries (order not null) is not an importable ``module.Name``."""
    if not isinstance(value, dict) or not name.endswith(COMPONENT_SUFFIXES):
        return
    for path, order in value.items():
        if order is None:
            continue
        module, _, attribute = str(path).rpartition(".")
        found = hasattr(_import(name, module, path), attribute) if module else False
        if not found:
            raise SettingError(f"setting {name}: cannot import {path!r} (no {attribute!r} in module {module!r})"
                               if module else f"setting {name}: {path!r} is not an import path (module.Name)")


def check_constraints(name: str, value: Any, text: str) -> None:
    """Raise :class:`SettingError` when ``value`` (parsed from ``text``) breaks ``name``'s declared constraints."""
    right = problem(name, value)
    if right is None:
        return
    setting = declaration(name)
    numeric = setting is not None and setting.minimum is not None
    kind = ("a whole number " if isinstance(value, int) else "a number ") if numeric else ""
    kind += "of " if numeric and not right.startswith("from ") else ""
    example = setting.minimum if setting and setting.minimum is not None else (setting.default if setting else "")
    hint = f" (e.g. -s {name}={example})" if example != "" else ""
    raise SettingError(f"setting {name} is {kind}{right}, not {text!r}{hint}")


def check_language(name: str, value: Any) -> None:
    """Raise :class:`SettingError` when ``name`` is declared a language code and ``value`` is not ISO 639-1."""
    from processing.language_codes import code_problem

    setting = declaration(name)
    wrong = code_problem(value) if setting is not None and setting.language else None
    if wrong:
        raise SettingError(f"setting {name}: {wrong}")


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
            number = float(value)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):  # nan passed every minimum (no comparison with nan is true); inf hung
            raise SettingError(f"setting {name} is a number, not {text!r} (e.g. -s {name}={default})")
        return number
    if isinstance(default, (list, tuple, dict)):
        parsed = _structured(name, value, dict if isinstance(default, dict) else list)
        return _whole_numbers(name, parsed, default, text) if _is_number_list(name, default) else parsed
    return text


# Scrapy's lists of HTTP status codes whose default is empty, so that their kind cannot be read off it (a
# word in one reached Scrapy's middleware as a page of Twisted traceback, or was taken without a word).
NUMBER_LISTS = frozenset({"HTTPERROR_ALLOWED_CODES", "HTTPCACHE_IGNORE_HTTP_CODES"})


def _is_number_list(name: str, default: Any) -> bool:
    """Whether ``name`` is a list of whole numbers: in :data:`NUMBER_LISTS`, or its default holds only them."""
    if name in NUMBER_LISTS:
        return True
    return isinstance(default, (list, tuple)) and bool(default) and all(
        isinstance(v, int) and not isinstance(v, bool) for v in default)


def _whole_numbers(name: str, values: list[Any], default: Any, text: str) -> list[int]:
    """``values`` (parsed from ``text``) as whole numbers, or :class:`SettingError` naming the setting."""
    numbers: list[int] = []
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool):
            numbers.append(value)
        elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
            numbers.append(int(value))
        else:
            example = ",".join(str(v) for v in list(default)[:3]) or "404,410"
            raise SettingError(f"setting {name} is a list of whole numbers, not {text!r} (e.g. -s {name}={example})")
    return numbers


def _structured(name: str, value: str, kind: type) -> Any:
    if kind is dict:  # a component setting maps import paths to orders; others map names to values
        example = '\'{"a.b.C": 100}\'' if name.endswith(COMPONENT_SUFFIXES) else '\'{"Name": "value"}\''
    else:
        example = "a,b or '[\"a\", \"b\"]'"
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
