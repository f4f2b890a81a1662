"""Numbers and dates: vague counts ("several", "most") and uncounted speakers
("Traders said"), months, relative dates, and an exact day for "last week"."""

from __future__ import annotations

import datetime as dt
import re

from ...articles.text import BlockKind
from ..analysis import Analysis, MONTHS, NUMBER_WORDS, Number
from ..model import Suggestion
from .base import Context, _absent, _balanced, _clause, _dangling, _sentence_case, _usable, _words


# --- numbers ---------------------------------------------------------------------------------------
# No figure changed or kept, and no "which figure completes the article's words?": they test recall
# of one figure, and independent reviews rejected 15 of 18, then 4 of 5 such drafts.

_NUMBER_WORDS_RE = "|".join(NUMBER_WORDS)


_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_NAMED_BY = re.compile(
    r"(?:\b(?:known as|called|named|dubbed|code-?named|titled)|\b(?:No|Nos|Number|no|nos)\.?|[#№])\s*$"
)


def _not_a_figure(text: str, number: Number) -> bool:
    """Say whether a number is a day of a month, a year, or part of a name or a title rather
    than a figure: "on Feb. 9", "9 Feb", "Feb 9th", "a source known as 121102", "No.6",
    "Boeing 737", "Grade 2", "Apollo 11", "Murali Vijay (11)". Dates are the dates rule's
    business; a changed name is no changed figure."""
    if number.word and not number.text[:1].isupper():
        before_word = text[max(0, number.start - 30) : number.start]
        if re.search(r"\b[A-Z][a-z]+\s+$", before_word) and not re.search(r"(?:^|[.!?]\s+|\b(?:The|A|An|In|On|At|By|For|Of|To|With|From|And|But)\s+)$", before_word):
            return True  # "World War One", "Formula One"
        return False
    before = text[max(0, number.start - 40) : number.start]
    after = text[number.end : number.end + 20]
    if re.search(rf"\b(?:{'|'.join(MONTHS)}|{_MONTH_ABBR})\s*$", before) or re.match(rf"\s*(?:{'|'.join(MONTHS)}|{_MONTH_ABBR})\b", after):
        return True  # a day of a month
    if not number.unit and not number.text[:1] in "$£€" and re.fullmatch(r"1[5-9]\d\d|20\d\d", number.text):
        return True  # a year the analysis did not mark
    if _NAMED_BY.search(before):
        return True
    # Right after a capitalised word in running text ("Boeing 737", "Grade 2", "Vijay (11)"):
    # a model, a class, a score or an age beside a name, not a count.
    lead = re.search(r"(?P<word>[A-Z][\w'’+-]*)\.?\s*\(?\s*$", before)
    if lead and not re.search(r"(?:^|[.!?:;]\s*|[\"“(]\s*|\n\s*)$", before[: lead.start()]) and not re.search(r"\$|£|€", number.text):
        return True
    if re.match(r"\s*[)]", after) and re.search(r"\(\s*$", before):
        return True  # "(11)": an aside in brackets
    return False


def _cut_at_aside(a: Analysis, sentence, clause: tuple[int, int]) -> bool:
    """Say whether a clause stops at a dash that opens an aside ("A first group of 262
    Nigerians – most of them women and children – landed"): cut there, it is no sentence."""
    rest = a.text[clause[1] : sentence.end]
    return bool(re.match(r"\s*[-–—]\s", rest)) and bool(re.search(r"\s[-–—]\s", rest.lstrip()[1:]))


def _noun_after(text: str, number: Number) -> str | None:
    """Return the word a figure counts ("420 jobs" -> "jobs"), or None."""
    match = re.match(r"(?:\s*-\s*|\s+)(?:[a-z-]+\s+)?([a-z]{3,})\b", text[number.end : number.end + 40])
    return match.group(1).lower() if match else None


_VAGUE = re.compile(r"^(?P<q>[Ss]ome|[Ss]everal|[Aa] number of|[Aa] group of)\s+(?P<np>(?:[A-Z][\w'’-]*\s+)*[a-z][\w-]*s)\s+(?P<rest>.+)$")
_COUNTS = {"some": ["Twelve", "Fifteen", "Twenty"], "several": ["Five", "Six", "Seven"], "a number of": ["Eight", "Ten", "Twelve"], "a group of": ["Ten", "Twelve", "Fifteen"]}


def count_absent(ctx: Context) -> list[Suggestion]:
    """An exact count where the article gives only "some" or "several": not in the article."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence) or sentence.quoted or sentence.kind is BlockKind.HEADLINE:
            continue
        intro = re.match(r"^(?:[A-Z][^,]{1,40}),\s+", sentence.text)
        at = intro.end() if intro else 0
        body = sentence.text[at:]
        end = re.search(r",\s+(?:saying|adding|which|who|while|but)\b|;|\s[-–—]\s", body)
        body = body[: end.start()] if end else body.rstrip(". ")
        match = _VAGUE.match(body)
        if not match or _dangling(match.group("rest")) or _words(body) > 25:
            continue
        quantifier = match.group("q").lower()
        count = ctx.pick(_COUNTS[quantifier], "count", sentence.index)
        noun = match.group("np").split()[-1]
        if not _absent(a, [count.lower(), str(_count_value(count))], [noun]) or any(
            s.numbers for s in a.content() if re.search(rf"\b{re.escape(noun)}\b", s.text)
        ):
            continue
        rest = re.sub(r"^also\s+", "", match.group("rest"))
        rest = re.sub(r"\s+also\s+", " ", rest, count=1)
        claim = f"{count} {match.group('np')} {rest}."
        span = (sentence.start + at, sentence.start + at + len(match.group("q")) + 1 + len(match.group("np")))
        out.append(
            ctx.suggestion(
                "count-absent", "numbers", claim,
                f"The article says {ctx.quote(*ctx.window(sentence, *span, 8))}: no number. \"{_sentence_case(quantifier)}\" tells you there was more than one, nothing more, so a count of {count.lower()} is neither supported nor ruled out.",
                [ctx.window(sentence, *span, 8)], 0.7, f"count:{sentence.index}", verdict="not_in_article",
                note="Vague amounts sound informative but give no size. Ask students to rewrite the claim so that the article supports it.",
            )
        )
    done = {s.fact for s in out if s}
    out += _vague_inside(ctx, done)
    return [s for s in out if s]


# A vague amount inside a sentence: "because several roads in the valley are closed",
# "including hundreds of children", "thousands responded".
_VAGUE_INSIDE = re.compile(
    r"\b(?P<q>[Ss]everal|[Aa] handful of|[Dd]ozens of|[Hh]undreds of|[Tt]housands of|[Aa] number of|[Aa] group of|[Ss]ome|[Mm]any)\s+"
    r"(?!of\b|the\b|these\b|those\b|their\b|its\b|them\b|our\b|his\b|her\b)"
    # "Some have second homes", "Many were translators": a verb, no noun; "hundreds of billions of dollars": a sum
    r"(?!(?:have|has|had|were|was|are|is|be|been|will|would|can|could|may|might|must|do|did|does|say|said|also|still|now|even|already)\b)"
    r"(?!(?:millions|billions|trillions|thousands|hundreds|dozens|tons|tonnes|pounds|dollars|euros)\b)(?P<np>(?:[a-z][a-z-]+\s+){0,2}?(?:[a-z][a-z-]+s|children|men|women|people))\b(?!\s+of\b)(?!['’])"
)
# "thousands responded", "pushing thousands to seek an escape": a crowd with no noun.
_CROWD = re.compile(
    r"(?<![\w-])(?P<q>[Hh]undreds|[Tt]housands)(?P<np>)"
    r"(?=\s+(?:more\s+)?(?:responded|marched|gathered|protested|rallied|fled|joined|turned out|took part|attended|queued|signed|were|have|had|lined)\b"
    r"|\s+to\s+(?:seek|flee|leave|take|join|march)\b|\s+(?:displaced|evacuated|injured|homeless)\b)"
)
# Counts that fit the vague word: "hundreds" is some hundreds, "dozens" a few dozen, "several"
# a handful more than a few. Never a count that stretches the word ("some" as thirty).
_COUNTS_INSIDE = {
    "several": ["five", "six", "seven"], "a handful of": ["four", "five"], "dozens of": ["forty", "fifty", "sixty"],
    "hundreds of": ["300", "400", "600"], "thousands of": ["4,000", "5,000", "7,000"], "hundreds": ["300", "400", "600"],
    "thousands": ["4,000", "5,000", "7,000"], "a number of": ["eight", "ten", "twelve"], "a group of": ["ten", "twelve", "fifteen"],
    "some": ["twelve", "fifteen", "twenty"], "many": ["forty", "fifty"],
}
_QUANTIFIER_MEANS = {
    "many": "a good number", "dozens of": "at least two dozen", "hundreds of": "at least two hundred", "hundreds": "at least two hundred",
    "thousands of": "at least two thousand", "thousands": "at least two thousand", "a group of": "more than one",
}
# Nouns a count would not make more exact: times, kinds, generic people and things.
_NOT_COUNTED = frozenset(
    """times days weeks months years hours minutes decades ways things cases areas parts places
    people others ones kinds sorts types questions issues reasons aspects respects points
    levels degrees elements words""".split()
)


def _listed_after(a: Analysis, sentence, end: int) -> bool:
    """Say whether the things just counted vaguely are listed at once, so that a reader could
    count them: "several organisations, including A and B", "Several of them ...: A, B, C",
    "... Those left out include A, B and C"."""
    rest = a.text[end : sentence.end]
    if re.match(r"\s*(?:,\s*|\(\s*|\s+)?(?:including|such as|among them|namely|like)\b|\s*[:(]|\s*[-–—]\s*[A-Z]", rest):
        return True
    following = next((s for s in a.content() if s.index == sentence.index + 1), None)
    return following is not None and bool(re.match(r"(?:Those|These|They|The others?)\b[^.]{0,60}\b(?:include|included|includes|were|are)\b|[^.]{0,40}\binclude[sd]?\b", following.text))


def _counted_nearby(a: Analysis, sentence, stem: str) -> bool:
    """Say whether the same things are counted in the sentence or next to it ("hundreds of
    children ... 120 of the children"): then a count may be read off the article."""
    near = [s for s in a.content() if abs(s.index - sentence.index) <= 1 or (s.block == sentence.block)]
    pattern = rf"\b{re.escape(stem)}(?:s|es|ren)?\b"
    for other in near:
        # "six of them", "all 12 of them" just after: a count of the same things by a pronoun.
        if other.index > sentence.index and re.search(rf"\b(?:\d+|{_NUMBER_WORDS_RE})\s+of\s+(?:them|those|these)\b", other.text, re.IGNORECASE):
            return True
        if not re.search(pattern, other.text, re.IGNORECASE):
            continue
        for number in other.numbers:
            if _not_a_figure(a.text, number):
                continue
            after = a.text[number.end : min(other.end, number.end + 60)]
            before = a.text[max(other.start, number.start - 60) : number.start]
            if re.match(rf"(?:\s+[\w-]+){{0,2}}\s+{pattern}", after, re.IGNORECASE) or re.search(rf"{pattern}(?:\s+[\w,'’-]+){{0,4}}\s+$", before, re.IGNORECASE):
                return True
    return False


_LEAST = {"dozens of": 24, "hundreds of": 200, "hundreds": 200, "thousands of": 2000, "thousands": 2000}


def _larger_elsewhere(a: Analysis, sentence, quantifier: str) -> bool:
    """Say whether the article gives, anywhere else, a figure as large as a vague amount means
    ("more than 104,000" or "tens of thousands" beside "thousands of complaints"): the things it
    counts may be the same, and an invented count would then be contradicted, not missing."""
    least = _LEAST.get(quantifier)
    if least is None:
        return False
    for other in a.content():
        if other.index == sentence.index:
            continue
        if any(n.value >= least and not _not_a_figure(a.text, n) for n in other.numbers):
            return True
        if least >= 2000 and re.search(r"\b(?:thousands|millions)\b", other.text, re.IGNORECASE):  # "tens of thousands" too
            return True
    return False


def _vague_inside(ctx: Context, done: set) -> list[Suggestion]:
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH or f"count:{sentence.index}" in done:
            continue
        matches = sorted(list(_VAGUE_INSIDE.finditer(sentence.text)) + list(_CROWD.finditer(sentence.text)), key=lambda m: m.start())
        for match in matches:
            at = sentence.start + match.start()
            if a.in_quote(at):
                continue
            quantifier = match.group("q").lower()
            crowd = not match.group("np")
            noun = "people" if crowd else match.group("np").split()[-1]
            # "many people said": speakers on one occasion, whom a reporter could have counted.
            speakers = noun == "people" and match.group("np") == "people" and bool(re.match(r"\s+(?:said|told)\b", sentence.text[match.end() :]))
            if not crowd and not speakers and (noun in _NOT_COUNTED or noun.endswith(("ss", "ness"))):
                continue
            if quantifier == "many":
                continue  # "many users" as forty: an independent review found it silly, and arguable
            if re.search(r"\b(?:some|several|the|a|larger|smaller|bigger|second|first|another|other)\s*$", sentence.text[: match.start()], re.IGNORECASE):
                continue  # "a larger group of workers", "the thousands": not a plain amount
            if re.search(r"\b(?:with|from|at|in|of|by|across|among|between|for)\s+$", sentence.text[: match.start()]):
                continue  # "researchers affiliated with several institutions": a detail of something else, not the claim's point
            if _larger_elsewhere(a, sentence, quantifier):
                continue  # "thousands of complaints" where the article also gives 104,000 reports: a count would clash
            if quantifier == "a group of" and re.search(r"\b(?:group|groups)\b", a.text[sentence.end :]) and re.search(r"\b(?:larger|second|another|other|smaller)\s+group", a.text):
                continue  # several groups compared: a count for one could clash with another
            end = sentence.start + match.end()
            if _listed_after(a, sentence, end):
                continue
            clause = _clause(a, sentence, at, end)
            if clause is None and speakers:
                clause = _clause(a, sentence, at, end, cut_which=False)
            if clause is None:
                continue
            text = a.text[clause[0] : clause[1]]
            if not 6 <= _words(text) <= 30 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
                continue
            if quantifier in ("some", "many") and not re.fullmatch(r"\s*(?:(?:and|but)\s+)?", a.text[clause[0] : at]) and not (speakers and re.search(r",\s*$", a.text[clause[0] : at])):
                continue  # "stock for some seasonal goods": "some" there means "certain", not a count
            if re.search(r"\b(?:not|no|never|without|only|just|even|if|than|of)\s+(?:\w+\s+)?$", a.text[clause[0] : at]):
                continue  # "not several", "if some", "more than hundreds": the amount is not asserted
            stem = {"children": "child", "men": "man", "women": "woman"}.get(noun, noun[:-1])
            if crowd:
                if any(n.value >= 100 and not n.qualified for n in sentence.numbers):
                    continue  # "3,000 fled and thousands more": the figure is near, a count could clash
            elif _counted_nearby(a, sentence, stem):
                continue  # a number for the same things close by: then the count is no gap
            words = [c for c in _COUNTS_INSIDE[quantifier] if _absent(a, [c.replace(",", "")], [stem]) and _absent(a, [c], [stem])]
            # Never a count that another figure in the sentence would bound: "3,000, including hundreds".
            bounds = [n.value for n in sentence.numbers if n.value >= 2 and not _not_a_figure(a.text, n)]
            choices = [c for c in words if not any(_count_value(c) >= b for b in bounds if b > _count_value(c) / 10)] or []
            if not choices:
                continue
            count = ctx.pick(choices, "count-inside", sentence.index, match.start())
            replaced = f"{count} people" if crowd else (f"a group of {count}" if quantifier == "a group of" else count)
            claim = a.text[clause[0] : at] + replaced + a.text[at + len(match.group("q")) : clause[1]]
            claim = re.sub(r"^(?:And|But|So|Yet|Still|However|Meanwhile|Also|Instead|By contrast|In contrast|In addition|Moreover),?\s+(?:finally,\s+)?", "", claim)
            span = (at, end)
            window = clause if _words(text) <= 30 else ctx.window(sentence, *span, 10)
            means = _QUANTIFIER_MEANS.get(quantifier, "more than one")
            out.append(
                ctx.suggestion(
                    "count-absent", "numbers", f"{_sentence_case(claim)}.",
                    f"The article says {ctx.quote(*window)}: no number. \"{_sentence_case(match.group('q').lower())}\" tells you there were {means}, nothing more exact, and the article gives no figure for them, so {count} is neither supported nor ruled out.",
                    [window], 0.66, f"count:{sentence.index}", verdict="not_in_article",
                    note="Vague amounts sound informative but give no size. Ask students to rewrite the claim so that the article supports it.",
                )
            )
            break
    done = done | {s.fact for s in out if s}
    out += _bounded(ctx, done)
    out += _most(ctx, done | {s.fact for s in out if s})
    return out


# "More than 3,000 Malawians", "nearly 60 goats": a bound, not a count. A count on the right side
# of the bound fits it and is still not what the article says.
_ABOVE = re.compile(r"(?:\b(?:[Mm]ore than|[Oo]ver|[Aa]t least|[Uu]pwards of))\s+$")
_BELOW = re.compile(r"(?:\b(?:[Nn]early|[Aa]lmost|[Jj]ust under|[Ff]ewer than|[Ll]ess than))\s+$")


def _near_exact(value: float, above: bool) -> int | None:
    """A count that looks counted, on the right side of a bound: 3,000 -> 3,400; 100 -> 130;
    60 -> 54. None when the bound is too small for a count to look natural."""
    if value < 20 or value != int(value):
        return None
    step = 10 ** max(0, len(str(int(value))) - 2)
    factor = 1.13 if above else 0.9
    count = int(round(value * factor / step) * step)
    if count == value:
        count = int(value + step) if above else int(value - step)
    return count if count > 0 else None


def _bounded(ctx: Context, done: set) -> list[Suggestion]:
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH or f"count:{sentence.index}" in done:
            continue
        for number in sentence.numbers:
            if not number.qualified or number.quoted or number.word or number.unit or _not_a_figure(a.text, number):
                continue  # a count in digits: "more than 3,000", not "$5 million" or "63 percent"
            before = a.text[max(sentence.start, number.start - 20) : number.start]
            above, below = _ABOVE.search(before), _BELOW.search(before)
            bound = above or below
            if not bound:
                continue
            noun = _noun_after(a.text, number)
            follows = re.match(r"\s+(?:[a-z-]+\s+)?(people|children|men|women|[a-z]+s)\b", a.text[number.end : number.end + 40])
            if noun is None or follows is None or follows.group(1) in _NOT_COUNTED - {"people"}:
                continue
            at = number.start - len(bound.group(0))
            clause = _clause(a, sentence, at, number.end)
            if clause is None or _cut_at_aside(a, sentence, clause):
                continue
            text = a.text[clause[0] : clause[1]]
            if not 5 <= _words(text) <= 30 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
                continue
            if re.search(r"\b(?:these|those)\s+[a-z]", text):
                continue
            count = _near_exact(number.value, bool(above))
            if count is None:
                continue
            shown = f"{count:,}" if count >= 1000 else str(count)
            if re.search(rf"(?<![\d,.]){re.escape(shown)}(?![\d,])|(?<![\d,.]){count}(?![\d,])", a.text):
                continue  # the count is in the article already
            stem = follows.group(1)
            stem = {"children": "child", "men": "man", "women": "woman"}.get(stem, stem[:-1] if stem.endswith("s") else stem)
            if _counted_nearby(a, sentence, stem) and sum(1 for n in sentence.numbers if not _not_a_figure(a.text, n)) > 1:
                continue  # another count of the same things beside it: the two could be set against each other
            if any(t.index != sentence.index and abs(t.index - sentence.index) <= 1 and any(not _not_a_figure(a.text, n) for n in t.numbers) and re.search(rf"\b{re.escape(stem)}", t.text, re.IGNORECASE) for t in a.content()):
                continue
            claim = a.text[clause[0] : at] + shown + a.text[number.end : clause[1]]
            phrase = bound.group(0).strip().lower()
            window = clause if _words(text) <= 30 else ctx.window(sentence, at, number.end, 10)
            side = "more than" if above else "fewer than"
            out.append(
                ctx.suggestion(
                    "count-absent", "numbers", f"{_sentence_case(claim)}.",
                    f"The article says {ctx.quote(*window)}: \"{phrase} {number.text}\" is a bound, not a count. {shown} is {side} {number.text}, so the claim is not ruled out, but the article never gives the exact number, so it is not supported either.",
                    [window], 0.64, f"count:{sentence.index}", verdict="not_in_article",
                    note=f"Not \"contradicted\": {shown} fits \"{phrase} {number.text}\". Not \"supported\": the article gives only the bound.",
                )
            )
            break
    return out


# "Most homes in Wexmoor are in Bands A and B": a majority, with no share given.
_MOST = re.compile(r"(?:^|(?<=[,;]\s)|(?<=\band\s)|(?<=\bbut\s)|(?<=\bthat\s))(?P<q>[Mm]ost)\s+(?P<noun>[a-z][a-z-]+s)\b(?!\s+of\b)")
_SHARES = [70, 80, 65]
_SHARE_WORDS = {70: "Seventy", 80: "Eighty", 65: "Sixty-five"}


def _most(ctx: Context, done: set) -> list[Suggestion]:
    a = ctx.a
    out: list[Suggestion] = []
    percent = " percent" if re.search(r"\bpercent\b", a.text) and not re.search(r"\bper cent\b", a.text) else " per cent"
    for sentence in a.content():
        if not _usable(sentence) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH or f"count:{sentence.index}" in done:
            continue
        match = _MOST.search(sentence.text)
        if not match or a.in_quote(sentence.start + match.start()):
            continue
        noun = match.group("noun")
        if noun in _NOT_COUNTED or noun.endswith(("ous", "ss", "less", "ness")) or re.match(r"\s+[a-z]+s\b", sentence.text[match.end() :]):
            continue  # "most dangerous roads", "most council tenants": not a plain head noun
        at = sentence.start + match.start("q")
        clause = _clause(a, sentence, at, sentence.start + match.end())
        if clause is None:
            continue
        text = a.text[clause[0] : clause[1]]
        if not 6 <= _words(text) <= 28 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
            continue
        if not re.fullmatch(r"\s*(?:(?:and|but)\s+)?", a.text[clause[0] : at]):
            continue  # the amount must open its clause: it is then what the clause is about
        stem = noun[:-1]
        if any(re.search(r"%|\bper ?cent\b|\bpercent\b|\bhalf\b|\bthird\b|\bquarter\b", t.text) and re.search(rf"\b{re.escape(stem)}s?\b", t.text, re.IGNORECASE) for t in a.content()):
            continue  # a share of the same things elsewhere: not a gap
        shares = [v for v in _SHARES if not re.search(rf"(?<![\d.]){v}(?:%|\s*per ?cent|\s*percent)", a.text)]
        if not shares:
            continue
        share = ctx.pick(shares, "most", sentence.index)
        claim = f"{_SHARE_WORDS[share]}{percent} of {noun}{a.text[sentence.start + match.end() : clause[1]]}"
        window = ctx.window(sentence, at, sentence.start + match.end(), 10)
        out.append(
            ctx.suggestion(
                "count-absent", "numbers", f"{claim}.",
                f"The article says {ctx.quote(*window)}: no share is given. \"Most\" means more than half, nothing more exact, so {_SHARE_WORDS[share].lower()}{percent} is neither supported nor ruled out.",
                [window], 0.64, f"count:{sentence.index}", verdict="not_in_article",
                note="\"Most\" could be 51% or 99%. Ask students what the article would need to say for the claim to be supported.",
            )
        )
    return out


# Unnamed, uncounted speakers at the start of a sentence: "Traders said ...", "Analysts at
# Carver & Lowe estimated ...", "Campaigners dispute the figure".
_BARE_SPEAKERS = re.compile(
    r"^(?P<np>(?:(?P<adj>Local|Some local|Senior|Independent|Foreign|Government|Council|Company|Hospital|Police|Health|Union|Industry|Party)\s+)?(?P<noun>[A-Z]?[a-z]+(?:ers|ors|sts|rts|ants|ents|ians|ees|ics|ies|als|ves|ups|ses))(?:\s+(?:at|from|for|of|in|on)\s+(?:the\s+)?[A-Za-z&'’ -]{2,50}?)?)"
    r"\s+(?:have\s+|had\s+|also\s+)?(?P<verb>said|say|told|warned|estimated|argued|claimed|dispute[ds]?|welcomed|criticised|criticized|complained|urged|called for|predicted|believe[ds]?|fear(?:ed)?)\s+(?P<rest>.+)$"
)
# Unnamed, uncounted people doing something on one occasion: "Volunteers went in with a plan",
# "Firefighters rescued a man from the roof". Only nouns for people who act as a body at a
# place and time; never the generic "Scientists have long known".
_ACTOR_NOUNS = frozenset(
    """volunteers protesters protestors demonstrators rescuers firefighters soldiers troops marchers
    rioters strikers climbers divers searchers paramedics medics police gunmen attackers militants""".split()
)
_BARE_ACTORS = re.compile(
    r"^(?P<np>(?P<adj>)(?P<noun>" + "|".join(sorted(_ACTOR_NOUNS)).title().replace("|", "|") + r"))"
    r"\s+(?P<verb>went|set|took|made|came|began|arrived|gathered|marched|worked|spent|returned|managed|tried|searched|reached|climbed|used|built|"
    r"planted|cleared|rescued|removed|captured|stormed|blocked|burned|burnt|torched|fired|clashed|entered|surrounded|occupied|dug|pulled|carried)\s+(?P<rest>.+)$"
)
_REST_END = re.compile(r";|,\s+(?:as well as|while|but|whereas|though|although|which|saying|adding)\b|\s[-–—]\s|[.!?]$")
_SPEAKER_COUNTS = ["Four", "Six", "Nine"]
# Plural nouns for people who speak as a group: a capitalised "Powers said" is a surname.
_SPEAKER_NOUNS = frozenset(
    """residents traders retailers analysts officials officers campaigners critics experts economists
    scientists researchers doctors nurses teachers parents students protesters protestors activists
    lawyers investors shareholders workers employees witnesses neighbours neighbors locals supporters
    opponents councillors councilors ministers diplomats engineers farmers fishermen drivers passengers
    customers shoppers owners landlords tenants forecasters meteorologists observers commentators insiders
    authorities prosecutors investigators voters members organisers organizers volunteers survivors
    relatives families economists academics historians executives managers bankers brokers dealers
    leaders lawmakers legislators regulators inspectors planners architects developers staffers""".split()
)


def speaker_count(ctx: Context) -> list[Suggestion]:
    """Speakers the article leaves uncounted ("Traders said the closure had come at a bad
    time"): a claim that gives their number is not in the article."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 45) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _BARE_SPEAKERS.match(sentence.text) or _BARE_ACTORS.match(sentence.text)
        if not match:
            continue
        noun = match.group("noun")
        plain = noun.lower()
        lead = match.start("noun")
        if plain not in _SPEAKER_NOUNS and plain not in ctx.lower_words:
            continue
        if match.group("adj") and (match.group("adj").startswith("Some") or not noun[:1].islower()):
            continue  # "Some local ..." is count_absent's; "Council Officers" is a name
        if a.entity_at(sentence.start, sentence.start + lead + len(noun), ("person", "org", "outlet", "place", "group")):
            continue
        rest = match.group("rest")
        end = _REST_END.search(rest)
        rest = rest[: end.start()] if end else rest
        rest = rest.rstrip(" .")
        second = re.search(r"\s+and\s+(?:had|has|have|was|were|would|will|could|is|are)\s+", rest)
        if _words(rest) > 24 and second and not re.search(r"\b(?:both|between)\b", rest[: second.start()]):
            rest = rest[: second.start()]  # "said the company had been short of staff [and had since hired ...]": one of two things said
        if not 3 <= _words(rest) <= 24 or not _balanced(rest) or re.search(r"[\"“”:]|,\s", rest) or _dangling(rest):
            continue
        stem = plain[:-3] + "y" if plain.endswith("ies") else plain[:-1]
        if re.search(rf"(?:\d|\b(?:{'|'.join(NUMBER_WORDS)}|dozens|hundreds|thousands|few|several|many)\b)\s+(?:[a-z-]+\s+){{0,2}}(?:{re.escape(plain)}|{re.escape(stem)})\b", a.text, re.IGNORECASE):
            continue  # the article counts them somewhere
        choices = [c for c in _SPEAKER_COUNTS if _absent(a, [c.lower()], [stem]) and not any(re.search(rf"(?<![\d,.]){_count_value(c)}(?![\d,.])", t.text) and stem in t.text.lower() for t in a.content())]
        if not choices:
            continue
        count = ctx.pick(choices, "speakers", sentence.index)
        head = sentence.text[: match.start("rest")] + rest
        claim = f"{count} {head[:1].lower()}{head[1:]}."
        passage = (sentence.start, sentence.start + len(head))
        if _words(head) > 30:
            continue
        out.append(
            ctx.suggestion(
                "speaker-count", "missing-information", claim,
                f"The article says {ctx.quote(*passage)}, without saying how many {plain} there were: a count of {count.lower()} is neither supported nor ruled out.",
                [passage], 0.64, f"count:{sentence.index}", verdict="not_in_article",
                note=f"\"{noun}\" could be two or two hundred. Ask how many the article says, and whether it matters for how much weight the claim carries.",
            )
        )
    return [s for s in out if s]


_COUNT_VALUES = {
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
}


def _count_value(word: str) -> int:
    word = word.lower().replace(",", "")
    return int(word) if word.isdigit() else _COUNT_VALUES[word]


# --- dates ---------------------------------------------------------------------------------------


_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,},\s+(?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)")
_ENTRY_TIME = re.compile(r"^(?:updated\s+(?:at\s+)?)?\d{1,2}[:.]\d{2}\b", re.IGNORECASE)


def _page_dated(a: Analysis) -> bool:
    """Say whether the page dates its own events: a publication date, a wire dateline, or the
    timed entries of a live blog. Then an undated event is dated by the page, and a month moved
    onto it may be right."""
    if a.article.published:
        return True
    return any(_DATELINE.match(s.text) or _ENTRY_TIME.match(s.text) for s in a.content())


def dates(ctx: Context) -> list[Suggestion]:
    """Dates: relative dates with no publication date, and the missing publication date. No month
    changed (contradicted): that tests recall of one word, and independent reviews rejected such
    drafts ("spot the difference"). No month moved onto another event (not in the article): two
    reviews found 5 of 7 such drafts wrong, the story dating the event by "on Monday", a dated
    letter or "ahead of January" where the rule saw no date."""
    a = ctx.a
    out: list[Suggestion] = []
    months = [(s, d) for s in a.content() for d in s.dates if d.kind == "month" and not d.quoted]
    relative = [(s, d) for s in a.content() for d in s.dates if d.kind in ("relative", "weekday") and not d.quoted]
    has_year = any(d.kind == "year" or (d.kind == "month" and re.search(r"\d{4}", d.text)) for s in a.content() for d in s.dates)
    if a.article.published is None and relative and not has_year:
        sentence, mark = relative[0]
        window = ctx.window(sentence, mark.start, mark.end, 16)
        phrase = mark.text
        wrong = [
            ("The day on which you happen to read the article", f"\"{phrase}\" is counted from when the article was written, which may be long before you read it."),
        ]
        if months:
            other_sentence, other_mark = months[0]
            wrong.append(
                (f"The month named elsewhere in the article, {MONTHS[other_mark.month - 1]}", f"{MONTHS[other_mark.month - 1]} belongs to another event: {ctx.quote(*ctx.window(other_sentence, other_mark.start, other_mark.end, 8))}.")
            )
        else:
            wrong.append(("Nothing more: the phrase is exact as it stands", f"\"{phrase}\" is relative: it depends on when the article was written."))
        question = f"The article says {ctx.quote(*window)}. What would tell you when that was?"
        out.append(
            ctx.suggestion(
                "dates", "dates", question,
                f"\"{phrase}\" counts from when the article was written, and the text carries no publication date. With the date, from the page or an archive, you could pin it down.",
                [window], 0.7, "relative-date", options=ctx.options("The article's publication date, which the text lacks", wrong, question), about=question,
            )
        )
    if a.article.published is None and not has_year and (relative or months):
        anchors = [(d.start, d.end) for s, d in (relative[:1] + months[:1])]
        references = ", ".join(f'"{d.text}"' for _, d in (relative[:1] + months[:1]))
        latest = max((d.month for _, d in months), default=ctx.number("published-month") % 12 + 1)
        month = MONTHS[latest % 12]
        year = 2015 + ctx.number("published-year") % 9
        out.append(
            ctx.suggestion(
                "dates", "dates", f"The article was published in {month} {year}.",
                f"The text carries no publication date. Its time references are relative or have no year ({references}).",
                anchors, 0.68, "published", verdict="not_in_article",
                note="A claim about the article that its text cannot settle either way: neither a date nor a year is given.",
            )
        )
        out.append(
            ctx.suggestion(
                "dates", "dates", "The article's text does not say when it was published.",
                f"No publication date appears in the text; its time references are relative or have no year ({references}).",
                anchors, 0.6, "published", verdict="supported",
            )
        )
    return [s for s in out if s]


# --- an exact day for "last week" ------------------------------------------------------------------

_SPAN_PHRASES = re.compile(r"\b(?P<phrase>last week|earlier this week|last month|earlier this month|next week|next month|later this month)\b(?!['’])", re.IGNORECASE)
_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12}
_DAY_DATE = re.compile(
    r"\b(?:(?P<m1>" + "|".join(MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m2>" + "|".join(MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)"
)


def _days_named(a: Analysis, year: int) -> list[dt.date]:
    """The days of a month the article names anywhere ("Feb. 9", "15 June"), in the year given."""
    found = []
    for match in _DAY_DATE.finditer(a.text):
        name = match.group("m1") or match.group("m2")
        month = MONTHS.index(name) + 1 if name in MONTHS else _ABBR[name]
        try:
            found.append(dt.date(year, month, int(match.group("d1") or match.group("d2"))))
        except ValueError:
            continue
    return found


def _published(a: Analysis) -> dt.date | None:
    try:
        return dt.date.fromisoformat((a.article.published or "")[:10])
    except ValueError:
        return None


def exact_date(ctx: Context) -> list[Suggestion]:
    """An exact day for something the article dates only as "last week" or "earlier this
    month": with the article's date, the day falls inside the span, so the claim is not
    contradicted, but the article does not give it, so it is not supported either."""
    a = ctx.a
    published = _published(a)
    if published is None:
        return []  # an undated page: the dates rule deals with it
    out: list[Suggestion] = []
    day_first = len(re.findall(r"\b\d{1,2}\s+(?:" + "|".join(MONTHS) + r")\b", a.text)) >= len(re.findall(r"\b(?:" + "|".join(MONTHS) + r")\s+\d{1,2}\b", a.text))
    for sentence in a.content():
        if not _usable(sentence, 55) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        if any(d.kind in ("month", "weekday") for d in sentence.dates) or re.search(r"\b(?:I|we|my|our|me|us)\b", sentence.text):
            continue
        match = _SPAN_PHRASES.search(sentence.text)
        if not match or a.in_quote(sentence.start + match.start()):
            continue
        phrase = match.group("phrase").lower()
        weekday = published.weekday()
        if phrase == "last week":
            first = published - dt.timedelta(days=weekday + 7)
            # A day that is also within the last seven days: "last week" read either way.
            last, day = first + dt.timedelta(days=6), max(first, published - dt.timedelta(days=7))
        elif phrase == "earlier this week":
            if weekday < 2:
                continue
            first, last = published - dt.timedelta(days=weekday), published - dt.timedelta(days=1)
            day = first
        elif phrase == "next week":
            first = published + dt.timedelta(days=7 - weekday)
            last, day = first + dt.timedelta(days=6), first + dt.timedelta(days=1 + ctx.number("next-week", sentence.index) % 3)
        elif phrase == "next month":
            first = (published.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            day = first.replace(day=(9, 14, 17, 22)[ctx.number("next-month", sentence.index) % 4])
        elif phrase == "later this month":
            last = (published.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            if (last - published).days < 5:
                continue
            first, day = published + dt.timedelta(days=1), published + dt.timedelta(days=(last - published).days // 2)
        elif phrase == "last month":
            last = published.replace(day=1) - dt.timedelta(days=1)
            first = last.replace(day=1)
            day = max(first, published - dt.timedelta(days=30))
        else:
            if published.day < 4:
                continue
            first, last = published.replace(day=1), published - dt.timedelta(days=1)
            day = published.replace(day=published.day // 2)
        if any(first - dt.timedelta(days=1) <= named <= last + dt.timedelta(days=1) for y in {first.year, last.year} for named in _days_named(a, y)):
            continue  # the article names a day inside the span: it may date this very event
        at, end = sentence.start + match.start(), sentence.start + match.end()
        clause = _clause(a, sentence, at, end)
        if clause is None:
            # "..., and the government is expected to decide at a meeting next month": the
            # clause after ", and" when it opens on a plain "the ..." subject.
            head = sentence.text[: match.start()]
            joint = list(re.finditer(r",\s+and\s+(?=the\s+[A-Za-z])", head))
            if not joint:
                continue
            clause = (sentence.start + joint[-1].end(), sentence.end - len(sentence.text) + len(sentence.text.rstrip(" .")))
        text = a.text[clause[0] : clause[1]]
        if not 6 <= _words(text) <= 32 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
            continue
        if phrase.startswith(("next", "later")) and not re.search(r"\b(?:will|would|is|are|was|were)\s+(?:\w+\s+)?(?:due|expected|scheduled|set|planned|to)\b|\bscheduled\b|\bwill\b|\bdue\b", text):
            continue  # a coming event only when the text plainly says it is planned
        def fmt(d):
            return f"{d.day} {MONTHS[d.month - 1]}" if day_first else f"{MONTHS[d.month - 1]} {d.day}"
        date = fmt(day)
        if date in a.text:
            continue
        before = a.text[clause[0] : at]
        claim = before + ("" if re.search(r"\b(?:for|by|until|on|from|since)\s*$", before) else "on ") + date + a.text[end : clause[1]]
        claim = re.sub(r"\bon on\b", "on", claim)
        window = clause if _words(text) <= 26 else ctx.window(sentence, at, end, 12)
        out.append(
            ctx.suggestion(
                "exact-date", "dates", f"{claim[:1].upper()}{claim[1:]}.",
                f"The article says {ctx.quote(*window)}: \"{match.group('phrase')}\", not a day. Counted from the article's date, {fmt(published)} {published.year}, that {'runs' if phrase.startswith(('next', 'later')) else 'ran'} from {fmt(first)} to {fmt(last)}: the claim's day, {date}, fits, but the article does not name a day, so the claim is neither supported nor ruled out.",
                [window], 0.62, f"dated:{sentence.index}", verdict="not_in_article",
                note=f"Not \"contradicted\": {date} fits \"{phrase}\". Not \"supported\": the article never names the day.",
            )
        )
    return [s for s in out if s]


# --- an exact day for "In December, ..." ------------------------------------------------------------

_IN_MONTH = re.compile(r"^(?P<lead>In\s+(?:early\s+|late\s+|mid-)?)(?P<month>" + "|".join(MONTHS) + r")(?:\s+(?P<year>(?:19|20)\d\d))?,\s+(?P<rest>[a-z\"“A-Z].+)$")


def month_day(ctx: Context) -> list[Suggestion]:
    """An event the article dates only by its month ("In December, two lawmakers invited a
    historian to Berlin"): a claim that gives a day of that month is not contradicted, and not
    supported either, when the article names no day of that month anywhere."""
    a = ctx.a
    out: list[Suggestion] = []
    published = _published(a)
    day_first = len(re.findall(r"\b\d{1,2}\s+(?:" + "|".join(MONTHS) + r")\b", a.text)) >= len(re.findall(r"\b(?:" + "|".join(MONTHS) + r")\.?\s+\d{1,2}\b", a.text))
    for sentence in a.content():
        if not _usable(sentence, 40) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _IN_MONTH.match(sentence.text)
        if not match or match.group("lead").strip() != "In":
            continue  # "In early December": a day would have to fit a part of the month
        month = MONTHS.index(match.group("month")) + 1
        if sum(1 for d in sentence.dates if d.kind in ("month", "weekday", "relative")) > 1:
            continue  # another date in the sentence: the day could be read off it
        if re.search(rf"\b(?:{match.group('month')}|{match.group('month')[:3]}\.?)\s+\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{match.group('month')}\b", a.text):
            continue  # a day of that month named somewhere: it may be this event's
        if published is not None and published.month == month and (match.group("year") is None or int(match.group("year")) == published.year):
            continue  # the month of publication: "today", "on Sunday" elsewhere could pin the day
        if re.search(r"\b(?:I|we|my|our|me|us)\b", sentence.text):
            continue
        rest = match.group("rest").rstrip(" .")
        if not 6 <= _words(rest) <= 30 or _dangling(rest) or not _balanced(rest) or re.search(r"[\"“”]", rest):
            continue
        if not re.search(r"\b(?:[a-z]+ed|was|were|had|did|met|held|took|made|gave|began|won|lost|went|came|sent|wrote|told|said|became|left|set|put|rose|fell|led|paid|sold|bought|built|found|saw|ran|brought|invited|decided)\b", rest):
            continue  # an event that happened, not a state ("In December, the lake is frozen")
        day = (8, 11, 16, 19, 23)[ctx.number("month-day", sentence.index) % 5]
        name = match.group("month")
        date = plain = f"{day} {name}" if day_first else f"{name} {day}"
        if match.group("year"):
            date = f"{date}{',' if not day_first else ''} {match.group('year')}"
        claim = f"On {date}, {rest}."
        passage = (sentence.start, sentence.start + len(sentence.text.rstrip(" .")))
        if _words(sentence.text) > 26:
            passage = ctx.window(sentence, sentence.start + match.start("month"), sentence.start + match.end("month"), 14)
        out.append(
            ctx.suggestion(
                "month-day", "dates", claim,
                f"The article says {ctx.quote(*passage)}: the month, not the day. {plain} falls in {name}, so the claim is not ruled out, but no sentence names a day of {name}, so it is not supported either.",
                [passage], 0.6, f"dated:{sentence.index}", verdict="not_in_article",
                note=f"Not \"contradicted\": the day fits \"{name}\". Not \"supported\": the article never gives the day.",
            )
        )
    out += _weekend_day(ctx)
    return [s for s in out if s]


_WEEKEND = re.compile(r"\b(?:over|during|at)\s+the\s+weekend\b(?!['’])")


def _weekend_day(ctx: Context) -> list[Suggestion]:
    """"Were bussed out over the weekend": a claim that names the day ("on Saturday") fits the
    weekend but is not what the article says, when no weekend day is named near it."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 45) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _WEEKEND.search(sentence.text)
        if not match or a.in_quote(sentence.start + match.start()):
            continue
        near = " ".join(t.text for t in a.content() if abs(t.index - sentence.index) <= 2)
        if re.search(r"\b(?:Saturday|Sunday|Friday)\b", near) or re.search(r"\b(?:I|we|my|our|me|us)\b", sentence.text):
            continue
        at, end = sentence.start + match.start(), sentence.start + match.end()
        clause = _clause(a, sentence, at, end)
        if clause is None:
            continue
        text = a.text[clause[0] : clause[1]]
        if not 6 <= _words(text) <= 32 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
            continue
        if not re.search(r"\b(?:was|were|had|has been|have been)\b", text) or re.search(r"\b(?:will|expected|due|forecast|should|could|may|might)\b", text):
            continue  # something that happened, not a forecast
        day = ("Saturday", "Sunday")[ctx.number("weekend", sentence.index) % 2]
        claim = a.text[clause[0] : at] + f"on {day}" + a.text[end : clause[1]]
        window = clause if _words(text) <= 30 else ctx.window(sentence, at, end, 12)
        out.append(
            ctx.suggestion(
                "month-day", "dates", f"{_sentence_case(claim)}.",
                f"The article says {ctx.quote(*window)}: \"{match.group(0)}\", not a day. {day} is part of the weekend, so the claim is not ruled out, but the article never says which day, so it is not supported either.",
                [window], 0.6, f"dated:{sentence.index}", verdict="not_in_article",
                note=f"Not \"contradicted\": {day} fits \"the weekend\". Not \"supported\": it could have been the other day, or both.",
            )
        )
    return out


RULES = [count_absent, speaker_count, dates, exact_date, month_day]
