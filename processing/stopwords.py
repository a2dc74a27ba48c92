"""Function words left out of an article's *terms* (the set dedup compares for related coverage and
translations). Written in matching form: case-folded, Arabic already normalised (ا for every alef, ي
for alef maqsura, ه for ta marbuta), as :func:`processing.dedup.normalize` leaves them."""

from __future__ import annotations

ENGLISH = frozenset("""
a about above after again against all also although am among an and another any are around as at
be because been before being below between both but by can could did do does doing down during each
either even ever every few for from further had has have having he her here hers herself him himself
his how however i if in into is it its itself just last least less like made make many may me might
more most much must my myself near neither never new next no nor not now of off often on once one only
onto or other our ours out over own per rather said same say says she should since so some still such
than that the their theirs them themselves then there these they this those though three through thus
to too two under until up upon us very via was we were what when where whether which while who whom
whose why will with within without would year years yet you your also according told added including
""".split())

ARABIC = frozenset("""
في من الي علي عن مع ان او ثم حتي لا لم لن ما ماذا هذا هذه ذلك تلك هناك هنا هو هي هم هن نحن انا انت
كان كانت يكون تكون كانوا قد لقد كل بعض غير بين عند عندما حيث التي الذي الذين اللذين اللتين اللواتي
منذ خلال بعد قبل فوق تحت امام وراء الا اي ايضا اذا اذ لكن بل كما مثل نحو لدي لدى لها له لهم بها به
بهم فيها فيه منها منه عليها عليه اليها اليه وقال قال قالت وقالت وفي ومن وعلي والي وان واضاف اضاف
واشار اشار يوم اليوم العام عام
""".split())

ALL = ENGLISH | ARABIC
