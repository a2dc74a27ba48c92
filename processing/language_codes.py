"""ISO 639-1 language codes: the one check of a language code a user gives (``watch add --lang``,
``translate --target``, ``models list --target``, ``-s WIREWATCH_TRANSLATION_TARGET=``).

The list is ISO 639-1's two-letter codes as Debian's ``iso-codes`` package lists them
(``/usr/share/iso-codes/json/iso_639-2.json``, entries with ``alpha_2``; 184 codes, ``bh`` included).
"""

from __future__ import annotations

ISO_639_1: frozenset[str] = frozenset("""
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
    da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
    hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
    lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
    or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
    ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())


def code_problem(code: str) -> str | None:
    """Why ``code`` is not an ISO 639-1 code (one line for the user), or None when it is one.

    Lower-case only, as stored (``EN`` is refused, with ``en`` suggested).
    """
    if code in ISO_639_1:
        return None
    hint = f"; did you mean {code.lower()!r}?" if code.lower() in ISO_639_1 else ""
    return f"{code!r} is not an ISO 639-1 language code (two lower-case letters, e.g. ar, en, fr){hint}"
