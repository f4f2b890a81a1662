"""Answer cues: ways a multiple-choice item gives its key away to a student who has not read.

Test-wise students pick the option in the usual place, the longest option, the only careful
("can't tell", "only", "some") option, or the one that repeats the question's words. None of
these is an error, so `check-bank` reports them as warnings: an item may have a reason, but a
bank where they pile up teaches guessing instead of reading.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .files import Problem
from .kinds import Kind, Verdict

# Words that make an option sound careful. In an item about hedging the key is meant to be one.
# Matched in lower case only (after the first letter), so that the month of May is no hedge;
# "about" and "around" only before a number, since mostly they are prepositions.
HEDGES = re.compile(
    r"\b(?:may|might|could|perhaps|possibly|probably|likely|unlikely|about(?= \d)|around(?= \d)|roughly|approximately"
    r"|some|only|mostly|usually|often|partly|seems?|appears?|suggests?|reportedly|allegedly)\b"
)
# Options that decline to answer: "can't tell", "not stated", "no exact figure", "nothing".
CAUTIOUS = re.compile(
    r"\b(?:can(?:no|')t (?:tell|say|know)|cannot be (?:told|known)|not (?:stated|given|said|known|say)"
    r"|does(?:n't| not) say|no (?:exact|year|date|day|figure|byline|name)|unknown|unclear|nothing|none|neither)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")
WORD = re.compile(r"[a-z][a-z'\u2019-]{3,}")
# Short words that every sentence shares; an echo of the stem is in the other words.
COMMON = frozenset(
    "about after also been before does from have into its it's just more most much only other over said "
    "says some such than that their them then there these they this those through under very were what "
    "when where which while whom whose will with would your article articles".split()
)
# The key is "markedly longest" when it is this much longer than every other option.
LONGER = 1.25
LONGER_CHARS = 10


@dataclass(frozen=True)
class Item:
    """A multiple-choice item as the checks need it."""

    ident: str
    skill: str
    prompt: str
    options: Sequence[tuple[str, bool]]
    line: int | None = None

    @property
    def key(self) -> int:
        return next(place for place, (_, correct) in enumerate(self.options) if correct)


def items_of(questions) -> list[Item]:
    """Return the multiple-choice items among bank questions (QuestionSpec) with one key."""
    items = []
    for question in questions:
        if question.kind is not Kind.MULTIPLE_CHOICE:
            continue
        options = [(option.text, option.correct) for option in question.options]
        if sum(correct for _, correct in options) == 1:
            items.append(Item(question.ident, question.skill, question.prompt, options, question.line))
    return items


def _unquoted(text: str) -> str:
    return QUOTED.sub(" ", text)


def _hedged(text: str) -> bool:
    text = _unquoted(text)
    return bool(HEDGES.search(text[:1].lower() + text[1:]) or CAUTIOUS.search(text))


def _cautious(text: str) -> bool:
    return bool(CAUTIOUS.search(_unquoted(text)))


def _stem(word: str) -> str:
    """Return the word without a possessive or a plural "s": "ACLU's" and "reports" match "ACLU"
    and "report"; "this", "class" and "focus" stay whole."""
    word = re.sub(r"['\u2019]s?$", "", word)
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def _words(text: str) -> set[str]:
    return {_stem(word) for word in WORD.findall(text.casefold())} - COMMON


def item_cues(item: Item) -> list[str]:
    """Return what gives this item's key away, one message per cue."""
    cues = []
    key_text = item.options[item.key][0]
    others = [text for place, (text, _) in enumerate(item.options) if place != item.key]
    longest_other = max(len(text) for text in others)
    if len(key_text) >= LONGER * longest_other and len(key_text) - longest_other >= LONGER_CHARS:
        cues.append(
            f"the right option is much the longest ({len(key_text)} characters, the next {longest_other}): "
            "make the wrong ones as full, or the right one shorter"
        )
    # In an item about hedging, the key is meant to be a hedge.
    if item.skill != "hedging" and _hedged(key_text) and not any(_hedged(text) for text in others):
        cues.append(
            "the right option is the only hedged one, the only one with a qualifier such as \"only\", \"some\" "
            "or \"can't tell\": give a wrong option one too, or state the right one plainly"
        )
    stem = _words(item.prompt)
    key_echo = _words(key_text) & stem
    if len(key_echo) >= 2 and all(len(_words(text) & stem) < len(key_echo) for text in others):
        cues.append(
            f"the right option repeats the question's words most ({', '.join(sorted(key_echo))}): "
            "reword it, or let a wrong option use them too"
        )
    return cues


def bank_cues(items: Sequence[Item]) -> list[str]:
    """Return the cues of a whole set of items: where the key sits, how often it is the longest,
    how often the cautious option is right."""
    cues = []
    if len(items) >= 5:
        positions = Counter(item.key + 1 for item in items)
        # What a fair spread gives each place, counting only the items with that many options.
        expected = {
            place: sum(1 / len(item.options) for item in items if place <= len(item.options))
            for place in range(1, max(len(item.options) for item in items) + 1)
        }
        spread = ", ".join(f"{place}: {positions[place]}" for place in expected)
        crowded = [p for p, e in expected.items() if positions[p] > 1.6 * e and positions[p] - e >= 2]
        empty = [p for p, e in expected.items() if positions[p] == 0 and e >= 2]
        if crowded or empty:
            cues.append(
                f"the right option's place is uneven ({spread} of {len(items)} items): vary where it sits "
                "(games shuffle the options, but exports and printouts keep the file's order)"
            )
        longest = sum(
            len(item.options[item.key][0]) > max(len(t) for p, (t, _) in enumerate(item.options) if p != item.key)
            for item in items
        )
        chance = sum(1 / len(item.options) for item in items)
        if longest > 1.5 * chance and longest - chance >= 2:
            cues.append(
                f"the right option is the longest in {longest} of {len(items)} items (about {chance:.0f} by chance): "
                "students learn to pick the longest"
            )
    offering = [item for item in items if any(_cautious(text) for text, _ in item.options)]
    right = [item for item in offering if _cautious(item.options[item.key][0])]
    if len(offering) >= 3 and len(right) > 2 / 3 * len(offering):
        cues.append(
            f"a \"can't tell\" option is right in {len(right)} of the {len(offering)} items that offer one: "
            "add items where it is wrong"
        )
    return cues


def answer_cues(questions, file: str) -> list[Problem]:
    """Return the answer cues of one article's questions as warnings, named like errors."""
    items = items_of(questions)
    warnings = [Problem(file, message) for message in bank_cues(items)]
    for item in items:
        warnings += [Problem(file, message, item.line, item.ident) for message in item_cues(item)]
    return warnings


def verdict_shares(questions, file: str) -> list[Problem]:
    """Warn when one verdict is so common (or rare) that always answering it pays."""
    verdicts = Counter(question.verdict for question in questions if question.verdict)
    claims = sum(verdicts.values())
    if claims < 4:
        return []
    return [
        Problem(file, f"\"{verdict.label}\" is {verdicts[verdict] / claims:.0%} of the claims (keep each verdict 25-45%)")
        for verdict in Verdict
        if not 0.25 <= verdicts[verdict] / claims <= 0.45
    ]


def bank_warnings(article, file: str) -> list[Problem]:
    """Return everything `check-bank` warns about in one validated article folder."""
    return verdict_shares(article.questions, file) + answer_cues(article.questions, file)
