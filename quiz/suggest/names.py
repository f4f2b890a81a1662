"""Given names, to tell "Joaquin Phoenix" (a person) from "Milky Way" or "Apple TV" when the
article gives no other clue: no title, no role, no reporting verb next to the name.

The names are Faker's (MIT; maintained, pure Python, its data ships in the package), from every
locale, those written in Latin letters. Read once per process, on first use; the app
reads them at start-up (quiz.suggest.views), so the forked generators share them.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from functools import lru_cache

import faker.providers.person as faker_person

_LATIN = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’-]{1,14}")

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
    """Return the given names of Faker's locales written in Latin letters (accents kept, and
    also without them: "Joaquín" and "Joaquin"), without the ambiguous ones."""
    names: set[str] = set()
    for module in pkgutil.iter_modules(faker_person.__path__):
        try:
            provider = importlib.import_module(f"{faker_person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):  # a locale a later Faker changes
            continue
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            found = provider.__dict__.get(attribute)
            if isinstance(found, (list, tuple, dict)):
                for name in found:
                    if isinstance(name, str) and _LATIN.fullmatch(name):
                        names.add(name)
                        names.add(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii"))
    return frozenset(n for n in names if len(n) >= 2) - _AMBIGUOUS
