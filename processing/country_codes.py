"""ISO 3166-1 alpha-2 country codes: the one check of an outlet's ``country`` (the source registry, and the
``country`` an imported line gives for an outlet the store does not know).

The list is ISO 3166-1's officially assigned alpha-2 codes as Debian's ``iso-codes`` package 4.15 lists them
(``/usr/share/iso-codes/json/iso_3166-1.json``, 249 codes). Reserved and user-assigned codes (``UK``,
``EU``, ``XK``, ``XX``) are not countries and are refused; ``UK`` is answered with ``GB``, ISO's code for the
United Kingdom.
"""

from __future__ import annotations

ISO_3166_1_ALPHA_2: frozenset[str] = frozenset("""
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())

# Codes people write for a country whose ISO code is another: ISO 3166-1 reserves UK ("exceptionally
# reserved" for the United Kingdom) and EL (Greece, as the EU writes it), but assigns GB and GR.
_MEANT = {"UK": "GB", "EL": "GR"}


def country_problem(code: str) -> str | None:
    """Why ``code`` is not an ISO 3166-1 alpha-2 country code (one line for the user, naming the value), or
    None when it is one. Upper-case only, as stored (``gb`` is refused, with ``GB`` suggested)."""
    if code in ISO_3166_1_ALPHA_2:
        return None
    meant = _MEANT.get(code.upper(), code.upper())
    hint = f"; did you mean {meant!r}?" if meant in ISO_3166_1_ALPHA_2 else ""
    return f"{code!r} is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. GB, AE, SA){hint}"
