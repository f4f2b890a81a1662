"""Given names, to tell "Joaquin Phoenix" (a person) from "Milky Way" or "Apple TV" when the
article gives no other clue: no title, no role, no reporting verb next to the name.

The names are Faker's (MIT; maintained, pure Python, its data ships in the package), from the
locales whose names are written in Latin letters. Read once per process, on first use; the app
reads them at start-up (quiz.suggest.views), so the forked generators share them.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

_LOCALES = (
    "en_US en_GB en_IE en_IN en_NZ en_PK es_ES es_MX fr_FR de_DE it_IT pt_BR pt_PT nl_NL pl_PL "
    "sv_SE da_DK no_NO fi_FI cs_CZ ro_RO hu_HU tr_TR id_ID yo_NG zu_ZA tw_GH sw vi_VN"
).split()
# Given names that are also common capitalised words in news copy: never enough on their own.
_AMBIGUOUS = frozenset(
    """Al Angel April Art Ashley Bill Bob Cash Chase China Christian Dean Don Earnest El Faith
    Florence Frank Gay Georgia Grant Guy Hope Hunter Jack Jordan Joy June Justice King Le Little
    Major Mark May Miles North Page Paris Pat Price Rich Rose Royal Sky Star Sterling Summer Van
    Victoria West Will Young Lincoln Washington Madison Austin Houston Dallas Florida Carolina
    Virginia Chelsea Brooklyn Sydney Adelaide Regina Santiago Lourdes Israel Asia India Africa
    America Europe Berlin Milan Roma Sierra Savannah Phoenix Aurora Marine Ocean River Forest
    Rock Stone Brook Dale Glen Cliff Heath Moss Reed Sage Storm Winter Autumn Spring Dawn Eve
    Ivy Lily Daisy Holly Iris Jasmine Hazel Olive Ruby Pearl Amber Crystal Diamond Jewel Honey
    Candy Precious Baby Lucky Sunny Happy Memory Blessing Gift Mercy Patience Prudence Charity
    Constance Grace Unity Liberty Trinity Genesis Ebony Scarlet Violet Rosa Bay Cole Lane Wade""".split()
)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Return the given names of Faker's Latin-script locales, without the ambiguous ones."""
    names: set[str] = set()
    for locale in _LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):  # a locale a later Faker drops
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            found = provider.__dict__.get(attribute)
            if isinstance(found, (list, tuple, dict)):
                names.update(n for n in found if isinstance(n, str) and re.fullmatch(r"[A-Z][a-z'’-]{1,14}", n))
    return frozenset(names - _AMBIGUOUS)
