"""Run the rules on one article and keep the suggestions worth offering.

    suggestions = suggest(ArticleText.from_article(article), limit=20)

What is kept: every suggestion passes the bank's own check (`validate_question`, at publish
level, against the article's text) and, for multiple choice, the answer-cue checks of
`check-bank`; one suggestion per fact (a rule's alternatives for the same fact compete, and the
choice keeps the claim verdicts balanced); at most two per sentence; no two with the same text.
The order is by confidence, then by place in the article. Nothing is random beyond a seed taken
from the text, so the same article always gives the same suggestions.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections import Counter, defaultdict

from ..bank.cues import Item, item_cues
from ..bank.validate import validate_question
from .analysis import Analysis
from .model import ArticleText, Suggestion
from .rules import RULES, Context

log = logging.getLogger(__name__)

VERDICTS = ("supported", "contradicted", "not_in_article")
# Each verdict's share of the claims is kept within these bounds when there are enough claims.
LOW_SHARE, HIGH_SHARE = 0.25, 0.45
# Claims are dropped for balance only when an article has at least this many.
DROP_FROM = 8
# How many suggestions may rest on the same sentence: a review of real news found the same
# sentence mined three times where other points of the article got nothing.
PER_SENTENCE = 2
# The share of multiple-choice questions the choice between alternatives aims at.
MC_SHARE = 0.4
# How many suggestions one skill may have: a spread of skills over a pile of one. A long article
# has more to ask about: one more per WORDS_PER_SKILL words beyond the first 1,200.
PER_SKILL = 4
WORDS_PER_SKILL = 400
# "Who said this?" and a speaker swapped were the best-received drafts of every independent
# review (on real news, the ones a teacher uses unchanged): an article quoting many people may
# have a few more of them, and one more for every ATTRIBUTION_WORDS words of the article.
MORE_PER_SKILL = {"attribution": 2}
ATTRIBUTION_WORDS = 400
# How many suggestions one rule other than "who said it" may make on an article: an independent
# review found the same template three times on one article ("where should you look first? The
# paper itself") where once or twice teaches as much.
PER_RULE = 3
PER_RULE_EXEMPT = frozenset({"attribution-speaker"})
# Facts of one family ("110 men were employed", "six volunteers went in": an exact count the
# article does not give; a day it does not name; a loaded word in the article's own voice): one
# an article, and one more for every FAMILY_WORDS words. A review rejected the second of each on
# one article as teaching nothing the first did not.
FAMILIES = ("count:", "dated:", "loaded:")
FAMILY_WORDS = 1500


_MONTH_DAYS = {name: (29 if number == 2 else calendar.monthrange(2023, number)[1]) for number, name in enumerate(calendar.month_name) if name}
_MONTHS = "|".join(_MONTH_DAYS)
# A wire dateline: "PORT CALLOWAY, February 14 (Meridian Press)".
_DATELINE = re.compile(rf"\b[A-Z][A-Z'’.-]{{2,}}(?:\s+[A-Z][A-Z'’.-]+)*,\s+(?:(?:{_MONTHS})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTHS}))\b")
_BLANK_IN_NUMBER = re.compile(r"\d[:.,]?___|___[:.,]?\d|___\s+past\b|\bpast\s+___|\bat\s+___\s+(?:am|pm|o['’]clock)\b")
_TIME = re.compile(r"(?<![\d.,])(\d{1,2}):(\d{2})(?!\d)")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTHS})\b|\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\d)")
_RANGE = re.compile(r"\b(?:aged|ages|between|from)\s+(\d+)\s*(?:to|and|-|–)\s*(\d+)\b")
_TITLE_WORDS = frozenset(
    """president senator governor mayor minister secretary chancellor judge justice dr mr mrs ms prof
    professor chief general captain officer detective inspector commissioner prosecutor councillor
    councilor sir lady lord dame""".split()
)


# Swear words and slurs: a suggestion that shows one is left out (the teacher can still write a
# question on that passage; a generated one should not put it in front of a class).
_UNSUITABLE = re.compile(
    r"\b(?:bastards?|fuck\w*|shit\w*|bitch\w*|cunts?|wankers?|bollocks|arseholes?|assholes?|dickheads?|motherfuck\w*|piss(?:ed)?|whores?|sluts?|retards?|faggots?|niggers?)\b",
    re.IGNORECASE,
)


_BACK_REFERENCE = re.compile(
    r"\b(?:stayed|lived|went|worked|arrived|returned|remained|stays|lives|works|met|was|were)\s+there\b(?!\s+(?:is|are|was|were)\b)"
    r"|\bas well\.?$|\b[Tt]he same\s+(?!as\b|day\b|time\b|year\b|way\b|thing\b|things\b)[a-z]+\b(?![^.]*\bas\b)|\bthe (?:latter|former)\b|\b(?:[Tt]hese|[Tt]hose)\s+(?:two|three|four|five|men|women|people|changes|figures|plans|claims|measures)\b"
)


def artefacts(suggestion: Suggestion, article_text: str) -> list[str]:
    """Return the marks of a badly built suggestion: text a teacher would have to repair (stray
    spacing, doubled or unbalanced quotation marks, a proper name lower-cased, a gap inside a
    number or a time, an impossible date or time, a dateline, a phrase said twice in a row) and
    multiple-choice options that overlap or differ in style. Generic: whatever rule made it."""
    found: list[str] = []
    parts = [("text", suggestion.text), ("explanation", suggestion.explanation)]
    parts += [(f"option {n}", o.text) for n, o in enumerate(suggestion.options)]
    parts += [(f"feedback {n}", o.feedback or "") for n, o in enumerate(suggestion.options)]
    for where, text in parts:
        if re.search(r"\s[:;,](?!\d)", text):
            found.append(f"{where}: a space before punctuation")
        if re.search(r"[\"“”]\s?[\"“”]", text.replace('" "', "")) or "''" in text:
            found.append(f"{where}: doubled quotation marks")
        if re.search(r"[.!?][\"”][.,]", text) or ".." in text.replace("...", ""):
            found.append(f"{where}: doubled full stop")
        if re.search(r"\b(\w+(?:\s+\w+)+)[\s:;,]+\1\b", text, re.IGNORECASE):
            found.append(f"{where}: words repeated")
        for match in _TIME.finditer(text):
            if int(match.group(1)) > 23 or int(match.group(2)) > 59:
                found.append(f"{where}: impossible time {match.group(0)}")
        for match in _DAY_MONTH.finditer(text):
            day, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            if not 1 <= int(day) <= _MONTH_DAYS[month]:
                found.append(f"{where}: impossible date {match.group(0)}")
        for match in _RANGE.finditer(text):
            if int(match.group(1)) >= int(match.group(2)):
                found.append(f"{where}: a range the wrong way round")
        if _DATELINE.search(text) and (where == "text" or where.startswith("option")):
            found.append(f"{where}: a dateline")
        # A name lower-cased: "port Calloway" where the article only has "Port Calloway".
        for match in re.finditer(r"\b([a-z][a-z'’-]+)\s+([A-Z][a-z'’-]+)", text):
            lower = match.group(0)
            upper = lower[:1].upper() + lower[1:]
            if lower not in article_text and _mid_sentence(upper, article_text):
                found.append(f"{where}: a lower-cased name {lower!r}")
    for where, text in [("text", suggestion.text)] + [(f"option {n}", o.text) for n, o in enumerate(suggestion.options)]:
        if text.count('"') % 2 or text.count("“") != text.count("”") or text.count("(") != text.count(")"):
            found.append(f"{where}: unbalanced quotation marks or brackets")
        if _BLANK_IN_NUMBER.search(text):
            found.append(f"{where}: a gap inside a number or a time")
    shown = " ".join([suggestion.text] + [o.text for o in suggestion.options] + list(suggestion.evidence))
    if _UNSUITABLE.search(shown):
        found.append("words a teacher would not put in front of a class")
    leftover = re.match(r"(?i)according to [^,]+, (.*?)\band that\b", suggestion.text)
    if suggestion.kind == "claim" and leftover and not re.search(r"\b(?:that|said|says|told|wrote|argued|claimed|warned|added|stated|announced|found)\b", leftover.group(1)):
        found.append("text: a leftover \"and that\"")
    if suggestion.kind == "claim":
        own = re.sub(r"\"[^\"]*\"|“[^”]*”", "", suggestion.text)  # the claim's words outside quotation marks
        if re.search(r"\b(?:I|me|my|we|us|our|ours)\b", own):
            found.append("text: a first person outside quotation marks, out of its context")
        # Words that point back to something the claim does not name: "stayed there ... as
        # well", "the same effect", "the latter".
        if _BACK_REFERENCE.search(own):
            found.append("text: a back reference the claim alone cannot resolve")
    if suggestion.kind == "multiple_choice":
        plain = [re.sub(r"[^\w\s]", "", o.text).casefold().split() for o in suggestion.options]
        for i, one in enumerate(plain):
            for j, other in enumerate(plain):
                if i != j and (one == other or (len(one) <= len(other) and _contains(other, one))):
                    found.append("options overlap: one contains another")
        titled = [bool(o.text.split() and o.text.split()[0].lower().rstrip(".") in _TITLE_WORDS and len(o.text.split()) >= 2) for o in suggestion.options]
        if any(titled) and not all(titled) and any(o.text[:1].isupper() for o in suggestion.options if not o.text.startswith('"')):
            found.append("options differ in style: a title on some names only")
    return sorted(set(found))


def _mid_sentence(phrase: str, text: str) -> bool:
    """Say whether the phrase occurs capitalised inside a sentence, not only at its start."""
    return any(not re.search(r"(?:^|[.!?:\n][\"”’)]*\s*|[\"“‘(]\s*)$", text[max(0, m.start() - 4) : m.start()]) for m in re.finditer(re.escape(phrase), text))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    if not shorter:
        return True
    return any(longer[k : k + len(shorter)] == shorter for k in range(len(longer) - len(shorter) + 1))


def problems_of(suggestion: Suggestion, text: str) -> list[str]:
    """Return why a suggestion cannot be offered: the bank's own validation at publish level,
    the artefacts of a badly built text (`artefacts`), and, for multiple choice, the answer cues
    check-bank warns about."""
    problems: list = []
    validate_question(suggestion.raw(), text, "suggestion", problems, draft=False)
    messages = [problem.message for problem in problems]
    if not messages:
        messages += artefacts(suggestion, text)
    if suggestion.kind == "multiple_choice" and not messages:
        item = Item(suggestion.key, suggestion.skill, suggestion.text, [(o.text, o.correct) for o in suggestion.options])
        messages += item_cues(item)
    return messages


def candidates(article: ArticleText) -> list[Suggestion]:
    """Return every suggestion the rules make that passes validation, before any choice."""
    context = Context(Analysis(article))
    found: list[Suggestion] = []
    for rule in RULES:
        try:
            made = rule(context)
        except Exception:  # one rule's failure on an odd text must not cost the others
            log.exception("suggestion rule %s failed", rule.__name__)
            continue
        for suggestion in made:
            problems = problems_of(suggestion, article.text)
            if problems:
                log.debug("dropped %s: %s", suggestion.key, "; ".join(problems))
                continue
            found.append(suggestion)
    return found


def _sentence(article: ArticleText, suggestion: Suggestion) -> int:
    for number, span in enumerate(article.sentences):
        if span.start <= suggestion.position < span.end:
            return number
    return -1


def suggest(article: ArticleText, limit: int | None = None) -> list[Suggestion]:
    """Return the suggestions for an article, best first; at most `limit` of them."""
    by_fact: dict[str, list[Suggestion]] = defaultdict(list)
    for suggestion in candidates(article):
        by_fact[suggestion.fact or suggestion.key].append(suggestion)

    # Facts in order of their best confidence; ties by place in the article, then by key.
    facts = sorted(by_fact.values(), key=lambda group: (-max(s.confidence for s in group), min(s.position for s in group), min(s.key for s in group)))
    chosen: list[Suggestion] = []
    verdicts: Counter = Counter()
    kinds: Counter = Counter()
    per_sentence: Counter = Counter()
    skills: Counter = Counter()
    rules: Counter = Counter()
    texts: set[str] = set()
    passages: set[str] = set()  # the first passage of each: one quotation is asked about once
    families: Counter = Counter()
    longest = [0, 0.0]  # multiple-choice questions whose right option is the longest; what chance gives
    words = len(article.text.split())
    per_skill = PER_SKILL + max(0, words - 1200) // WORDS_PER_SKILL
    limits = {skill: per_skill + extra for skill, extra in MORE_PER_SKILL.items()}
    limits["attribution"] += words // ATTRIBUTION_WORDS

    def score(suggestion: Suggestion) -> float:
        value = suggestion.confidence
        total = sum(kinds.values())
        if suggestion.kind == "multiple_choice":
            value += 0.08 if total == 0 or kinds["multiple_choice"] / total < MC_SHARE else -0.04
            # Students learn to pick the longest option: a question whose right option is the
            # longest loses ground once that happens more often than chance.
            if _right_is_longest(suggestion) and longest[0] >= 1 + longest[1]:
                value -= 0.1
        else:
            claims = sum(verdicts.values())
            share = verdicts[suggestion.verdict] / claims if claims else 0
            value += 0.12 * (1 / 3 - share)
        return value

    for group in facts:
        options = sorted(group, key=lambda s: (-score(s), s.key))
        for suggestion in options:
            sentence = _sentence(article, suggestion)
            if sentence >= 0 and per_sentence[sentence] >= PER_SENTENCE:
                continue
            if suggestion.text.casefold() in texts or skills[suggestion.skill] >= limits.get(suggestion.skill, per_skill):
                continue
            if suggestion.rule not in PER_RULE_EXEMPT and rules[suggestion.rule] >= PER_RULE:
                continue
            family = _family(suggestion)
            if family and families[family] >= 1 + words // FAMILY_WORDS:
                continue
            passage = _first_passage(suggestion)
            if passage in passages:
                continue  # "who said this?" and "which are her own words?" on the same quotation
            chosen.append(suggestion)
            kinds[suggestion.kind] += 1
            if suggestion.verdict:
                verdicts[suggestion.verdict] += 1
            per_sentence[sentence] += 1
            skills[suggestion.skill] += 1
            rules[suggestion.rule] += 1
            if suggestion.kind == "multiple_choice":
                longest[0] += _right_is_longest(suggestion)
                longest[1] += 1 / len(suggestion.options)
            texts.add(suggestion.text.casefold())
            if family:
                families[family] += 1
            if passage:
                passages.add(passage)
            break
    chosen = _balance(chosen, by_fact)
    chosen.sort(key=lambda s: (-s.confidence, s.position, s.key))
    _spread_keys(chosen)
    return chosen[:limit] if limit is not None else chosen


def _family(suggestion: Suggestion) -> str | None:
    return next((f for f in FAMILIES if (suggestion.fact or "").startswith(f)), None)


def _first_passage(suggestion: Suggestion) -> str:
    """Return a quotation's words that a suggestion rests on (its first passage), folded; empty
    when it rests on a longer passage than a quotation (a sentence may carry two suggestions)."""
    first = suggestion.evidence[0] if suggestion.evidence else ""
    if suggestion.rule not in ("attribution-speaker", "quote-paraphrase", "sourcing-quoted"):
        return ""
    return " ".join(re.findall(r"\w+", first.casefold()))


def _right_is_longest(suggestion: Suggestion) -> bool:
    right = next(o.text for o in suggestion.options if o.correct)
    return len(right) > max((len(o.text) for o in suggestion.options if not o.correct), default=0)


def _balance(chosen: list[Suggestion], by_fact: dict[str, list[Suggestion]]) -> list[Suggestion]:
    """Keep each verdict within 25-45% of the claims where that can be done: switch a fact to an
    alternative (another verdict, or a multiple-choice question) when it has one, and drop the
    least confident claim of a verdict that is over 45%. A verdict that is short is not made up
    by dropping others beyond that: fewer, right suggestions, but not at any cost."""
    chosen = list(chosen)
    for _ in range(2 * len(chosen)):
        claims = [s for s in chosen if s.kind == "claim"]
        if len(claims) < 4:
            break
        counts = Counter(s.verdict for s in claims)
        shares = {v: counts[v] / len(claims) for v in VERDICTS}
        high = max(VERDICTS, key=lambda v: (shares[v], v))
        low = min(VERDICTS, key=lambda v: (shares[v], v))
        if shares[high] <= HIGH_SHARE and shares[low] >= LOW_SHARE:
            break
        texts = {s.text.casefold() for s in chosen}
        replacement = None
        for suggestion in sorted((s for s in claims if s.verdict == high), key=lambda s: (s.confidence, s.key)):
            group = sorted(by_fact.get(suggestion.fact or "", []), key=lambda s: (-s.confidence, s.key))
            fewer = sorted((v for v in VERDICTS if counts[v] < counts[high] - 1), key=lambda v: (counts[v], v))
            wanted = sorted(
                (o for o in group if o.kind == "claim" and o.verdict in fewer and o.text.casefold() not in texts),
                key=lambda o: (fewer.index(o.verdict), -o.confidence, o.key),
            )
            if not wanted and shares[high] > HIGH_SHARE:
                wanted = [o for o in group if o.kind == "multiple_choice" and o.text.casefold() not in texts]
            if wanted:
                replacement = (suggestion, wanted[0])
                break
        if replacement is not None:
            chosen[chosen.index(replacement[0])] = replacement[1]
            continue
        second = sorted((counts[v] for v in VERDICTS), reverse=True)[1]
        # A verdict that is short is made up by dropping only when a drop or two will do.
        needed = len(claims) - int(counts[low] / LOW_SHARE)
        fixable = counts[low] > 0 and needed <= 2 and (counts[high] - 1) / (len(claims) - 1) >= LOW_SHARE
        if (shares[high] <= HIGH_SHARE or counts[high] <= second + 1) and not (shares[low] < LOW_SHARE and fixable):
            break
        if len(claims) < DROP_FROM:
            break  # with few claims a share moves by a third at a time: keep them all
        chosen.remove(min((s for s in claims if s.verdict == high), key=lambda s: (s.confidence, s.key)))
    return chosen


def _spread_keys(chosen: list[Suggestion]) -> None:
    """Put the right option of the multiple-choice suggestions at each place (first, second, ...)
    as often as chance would, so that no place is the usual one: check-bank warns when it is.
    Each question takes, among the places it has, the one furthest below its fair share so far
    (a place's fair share grows by 1/n with every question of n options that has it)."""
    used: Counter = Counter()
    fair: Counter = Counter()
    for suggestion in (s for s in chosen if s.kind == "multiple_choice"):
        options = suggestion.options
        right = next(o for o in options if o.correct)
        seeded = options.index(right)
        options.remove(right)
        count = len(options) + 1
        for place in range(count):
            fair[place] += 1 / count
        place = min(range(count), key=lambda p: (used[p] - fair[p], (p - seeded) % count))
        used[place] += 1
        options.insert(place, right)
