"""The rules that propose questions: one function per rule, each reading the Analysis of one
article and returning Suggestions in the bank's terms.

Every rule is narrow on purpose. It acts only on a pattern it can read with confidence (a
speaker it resolved to a name, an exact figure, a word from the lexicon), builds the question
from the article's own words, quotes the deciding words in its explanation, and anchors its
evidence in the text. Several rules offer alternatives for the same fact (a multiple-choice
question, a supported claim, a contradicted one): they share `fact`, and the generator keeps one,
choosing so that the verdicts stay balanced.

Claims are built by construction:
- supported: a faithful restatement (a changed reporting frame, a dropped aside), never a change
  of meaning, and never a hedge dropped;
- contradicted: one controlled change that the text refutes (a speaker swapped for another from
  the article, a figure or a month changed, a hedge presented as fact), named in the explanation;
- not in the article: a plausible detail the text does not give (an exact count for "some", a
  date for an undated event, the other side's response), checked absent in every sentence.
"""

from __future__ import annotations

from . import attribution, figures, framing, language, missing
from .attribution import (
    attribution_speaker,
    sourcing_anonymous,
    sourcing_documents,
    sourcing_outlet,
    sourcing_unsourced,
    unnamed_sources,
)
from .base import Context, Rule
from .figures import count_absent, dates
from .framing import content_clutter, headline_body, headline_cause, lateral_reading
from .language import hedging, loaded_language, quote_paraphrase
from .missing import missing_byline, missing_reply, missing_response

# Each module lists its own rules; their order decides nothing but the order of the log.
RULES: list[Rule] = [*attribution.RULES, *language.RULES, *figures.RULES, *framing.RULES, *missing.RULES]

__all__ = ["RULES", "Context", "Rule"] + [rule.__name__ for rule in RULES]
