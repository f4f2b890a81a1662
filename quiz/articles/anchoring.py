"""Evidence anchors: W3C Web Annotation quote and position selectors into an article's text.

Authors write the exact quote (with a little prefix or suffix only when the quote occurs more than
once); `locate` computes the full selector. When the text changes, `reanchor` finds the span again
the way the Hypothesis client does: an exact match first, then an approximate match scored on the
quote, the prefix, the suffix and the distance from the old position.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

# Characters of context kept on each side of a quote, as the Hypothesis client does.
CONTEXT_CHARS = 32

# Weights of the approximate-match score (those of Hypothesis' match-quote).
QUOTE_WEIGHT = 50
PREFIX_WEIGHT = 20
SUFFIX_WEIGHT = 20
POSITION_WEIGHT = 2

# An approximate match must keep at least this share of the quote's characters.
MIN_QUOTE_SIMILARITY = 0.75


@dataclass(frozen=True)
class Selector:
    """A TextQuoteSelector and a TextPositionSelector for one span, positions in code points."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def as_json(self) -> list[dict]:
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


class AnchorError(ValueError):
    """A quote that does not occur in the text, or occurs more than once without context to tell."""


def describe(text: str, start: int, end: int) -> Selector:
    """Return the full selector of text[start:end]."""
    if not 0 <= start < end <= len(text):
        raise AnchorError(f"span {start}-{end} is outside the text")
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


def occurrences(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def locate(text: str, exact: str, prefix: str = "", suffix: str = "") -> Selector:
    """Find the one occurrence of `exact` whose surroundings agree with `prefix` and `suffix`."""
    if not exact.strip():
        raise AnchorError("the quote is empty")
    starts = occurrences(text, exact)
    if not starts:
        raise AnchorError(f"the quote does not occur in the article: {exact!r}")
    fitting = [
        at
        for at in starts
        if text[:at].endswith(prefix) and text[at + len(exact) :].startswith(suffix)
    ]
    if not fitting:
        raise AnchorError(
            f"the quote occurs {len(starts)} time(s) but never with the given prefix/suffix: {exact!r}"
        )
    if len(fitting) > 1:
        raise AnchorError(
            f"the quote occurs {len(fitting)} times; add a prefix or suffix to say which: {exact!r}"
        )
    return describe(text, fitting[0], fitting[0] + len(exact))


def locate_each(text: str, evidence) -> list[Selector]:
    """Locate each evidence item ({"quote", "prefix", "suffix"}, as a question's raw form holds
    them) that can be found in the text, in order; an item that cannot is left out."""
    found = []
    for item in evidence or []:
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str):
            continue
        try:
            found.append(locate(text, item["quote"], item.get("prefix") or "", item.get("suffix") or ""))
        except AnchorError:
            continue
    return found


class Outcome(StrEnum):
    UNCHANGED = "unchanged"
    MOVED = "moved"
    FUZZY = "fuzzy"
    LOST = "lost"


@dataclass(frozen=True)
class Reanchored:
    outcome: Outcome
    selector: Selector | None
    # How well the new span fits the old selector, 0 to 1 (1 for an exact quote with its context).
    score: float


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return Levenshtein.normalized_similarity(a, b)


def _score(text: str, old: Selector, start: int, end: int) -> tuple[float, float]:
    """Return (combined score, quote similarity) of text[start:end] as the new place of `old`."""
    quote = _similarity(old.exact, text[start:end])
    prefix = _similarity(old.prefix, text[max(0, start - len(old.prefix)) : start])
    suffix = _similarity(old.suffix, text[end : end + len(old.suffix)])
    position = 1.0 - min(1.0, abs(start - old.start) / max(1, len(text)))
    total = QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix + SUFFIX_WEIGHT * suffix
    total += POSITION_WEIGHT * position
    return total / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT), quote


def _approximate_candidates(text: str, old: Selector) -> list[tuple[float, int, int]]:
    """Return (score, start, end) of spans that resemble the old quote, at most one per region.

    A coarse scan with windows of the quote's length finds the regions worth a closer look; the
    closer look tries every start near the window and every end within the allowed error, and
    keeps the span whose quote, prefix, suffix and position together fit best, so that boundaries
    follow the context rather than cutting a changed word in half.
    """
    quote = old.exact
    length = len(quote)
    step = max(1, length // 8)
    slack = max(1, length // 4)
    coarse = [
        (fuzz.ratio(quote, text[at : at + length]), at)
        for at in range(0, max(1, len(text) - length + 1), step)
    ]
    floor = 100 * MIN_QUOTE_SIMILARITY - 15
    regions = sorted((c for c in coarse if c[0] >= floor), reverse=True)
    found: list[tuple[float, int, int]] = []
    taken: list[int] = []
    for _ratio, at in regions:
        if any(abs(at - other) < length for other in taken):
            continue
        taken.append(at)
        best: tuple[float, int, int] | None = None
        for start in range(max(0, at - step), min(len(text), at + step + 1)):
            for end in range(start + max(1, length - slack), min(len(text), start + length + slack) + 1):
                score, similarity = _score(text, old, start, end)
                if similarity >= MIN_QUOTE_SIMILARITY and (best is None or score > best[0]):
                    best = (score, start, end)
        if best is not None:
            found.append(best)
    return found


def reanchor(text: str, old: Selector) -> Reanchored:
    """Find `old` in the new text: exact quote first, then the best approximate match, or lost."""
    exact_starts = occurrences(text, old.exact)
    if exact_starts:
        scored = [(_score(text, old, at, at + len(old.exact))[0], at) for at in exact_starts]
        score, start = max(scored, key=lambda item: (item[0], -abs(item[1] - old.start)))
        new = describe(text, start, start + len(old.exact))
        same = new == old
        return Reanchored(Outcome.UNCHANGED if same else Outcome.MOVED, new, score)

    candidates = _approximate_candidates(text, old)
    if not candidates:
        return Reanchored(Outcome.LOST, None, 0.0)
    score, start, end = max(candidates)
    return Reanchored(Outcome.FUZZY, describe(text, start, end), score)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Say whether two half-open spans share at least one character."""
    return a_start < b_end and b_start < a_end
