"""Numbers and dates: figures changed or kept, vague counts ("several", "most") and uncounted speakers
("Traders said"), months, relative dates, and an exact day for "last week"."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ...articles.text import BlockKind
from ..analysis import Analysis, MONTHS, NUMBER_WORDS, Number
from ..model import Suggestion
from .attribution import _speaker_rest
from .base import Context, _absent, _balanced, _clause, _clean, _dangling, _plain_group, _sentence_case, _usable, _words


# --- numbers ---------------------------------------------------------------------------------------

_WORD_OF = {value: word for word, value in NUMBER_WORDS.items()}


def _format_like(number: Number, value: float) -> str:
    if number.word:
        word = _WORD_OF.get(int(value))
        if word is None:
            return str(int(value))
        return word.capitalize() if number.text[:1].isupper() else word
    digits = number.text
    cur = digits[0] if digits[:1] in "$£€" else ""
    unit = re.search(r"(%|\s(?:percent|per cent)|\s?(?:million|billion|trillion))$", digits)
    unit_text = unit.group(1) if unit else ""
    decimals = len(digits.split(".")[1].rstrip("%").split()[0]) if "." in digits.replace(unit_text, "") else 0
    body = f"{value:,.{decimals}f}" if "," in digits or value >= 10_000 else f"{value:.{decimals}f}"
    return f"{cur}{body}{unit_text}"


def _changed(ctx: Context, number: Number, taken: set[float]) -> float | None:
    value = number.value
    decimals = "." in number.text.replace("a.m", "").replace("p.m", "")
    if decimals:
        # "£38.5 million": a changed figure keeps a decimal that means something, never "77.0".
        places = len(number.text.split(".")[1].rstrip("%").split()[0].rstrip("mbnk")) or 1
        choices = [round(value * f, places) for f in (1.4, 0.7, 1.6, 0.6)]
        choices = [c for c in choices if c != int(c) and c not in taken and c != value and c > 0]
        return ctx.pick(choices, "number", number.start) if choices else None
    if number.unit.endswith("%"):
        choices = [value + 10, value - 10, value + 15, value - 15]
        choices = [c for c in choices if 1 <= c <= 99]
    elif value < 10:
        choices = [value + 2, value + 3, value - 2] if value > 3 else [value + 2, value + 3]
    else:
        choices = [value * 2, value * 1.5, value / 2, value * 3]
        step = 10 ** max(0, len(str(int(value))) - 2)
        choices = [round(c / step) * step for c in choices]
    if number.word:
        choices = [c for c in choices if int(c) in _WORD_OF]
    choices = [c for c in choices if c > 0 and c != value and c not in taken and (c == int(c) or "." in number.text)]
    return ctx.pick(choices, "number", number.start) if choices else None


_NUMBER_WORDS_RE = "|".join(NUMBER_WORDS)


def _in_range(text: str, number: Number) -> bool:
    """Say whether a number is one end of a range or one part of a compound amount: "31 votes
    to 24", "aged 11 to 16", "11-16", "7 hours 2 minutes", "between 3 and 5"."""
    before = text[max(0, number.start - 30) : number.start]
    after = text[number.end : number.end + 30]
    figure = rf"(?:\d|\b(?:{_NUMBER_WORDS_RE})\b)"
    if re.search(rf"{figure}[\w ]{{0,20}}\b(?:to|and)\s+$|{figure}\s*[-–]\s*$|\bbetween\s+$|\baged\s+$", before, re.IGNORECASE):
        return True
    if re.match(rf"\s*(?:[-–]|to|and)\s*{figure}|\s+[a-z]+\s+(?:to|and)\s+{figure}", after, re.IGNORECASE):
        return True
    if re.search(rf"{figure}\s+(?:hours?|minutes?|days?|weeks?|months?|years?|metres|feet|miles|pounds|kg)\s+(?:and\s+)?$", before, re.IGNORECASE):
        return True
    if re.match(r"\s+(?:hours?|minutes?|days?|weeks?|months?|years?|metres|feet|miles|pounds|kg)\s+(?:and\s+)?\d", after, re.IGNORECASE):
        return True
    return False


def _noun_after(text: str, number: Number) -> str | None:
    """Return the word a figure counts ("420 jobs" -> "jobs"), or None."""
    match = re.match(r"(?:\s*-\s*|\s+)(?:[a-z-]+\s+)?([a-z]{3,})\b", text[number.end : number.end + 40])
    return match.group(1).lower() if match else None


def numbers(ctx: Context) -> list[Suggestion]:
    """Exact figures: a claim with the figure changed (contradicted) or kept (supported), and a
    question on which figure the article gives."""
    a = ctx.a
    out: list[Suggestion] = []
    taken = {n.value for s in a.content() for n in s.numbers}
    for sentence in a.content():
        if not _usable(sentence, 50) or sentence.quoted:
            continue
        for number in sentence.numbers:
            if number.qualified or number.quoted:
                continue
            if _in_range(a.text, number):
                continue  # "31 votes to 24", "aged 11 to 16", "7 hours 2 minutes": changed alone it makes no sense
            clause = _clause(a, sentence, number.start, number.end)
            if clause is None:
                continue
            clause_text = a.text[clause[0] : clause[1]]
            if _words(clause_text) > 30 or _words(clause_text) < 5 or not _balanced(clause_text) or _dangling(clause_text):
                continue
            new = _changed(ctx, number, taken)
            if new is None:
                continue
            new_text = _format_like(number, new)
            before, after = a.text[clause[0] : number.start], a.text[number.end : clause[1]]
            changed = f"{before}{new_text}{after}"
            fact = f"number:{sentence.index}:{number.start}"
            deciding = ctx.quote(*clause)
            headline = sentence.kind is BlockKind.HEADLINE
            out.append(
                None if headline else ctx.suggestion(
                    "numbers", "numbers", f"{changed}.",
                    f"The figure is changed: the article says {deciding}, {number.text}, not {new_text}.",
                    [clause], 0.72, fact, verdict="contradicted",
                    note=f"One change from the text: {new_text} in place of {number.text}.",
                )
            )
            framed = headline or re.search(r"(?i)\baccording to\b", clause_text)
            out.append(
                None if framed else ctx.suggestion(
                    "numbers", "numbers", f"According to the article, {ctx.lower_first(clause_text)}.",
                    f"The article says {deciding}.", [clause], 0.55, fact, verdict="supported",
                )
            )
            gap = f"{before}___{after}".strip()
            noun = _noun_after(a.text, number)
            others = [
                n for s in a.content() for n in s.numbers
                if n.unit == number.unit and n.word == number.word and n.value != number.value and n.value != new and not n.quoted
                and noun is not None and _noun_after(a.text, n) == noun and not _in_range(a.text, n)
            ]
            wrong = [(_format_like(number, new), f"The article gives {number.text}: {deciding}.")]
            if others:
                other = others[0]
                other_sentence = a.sentence_at(other.start)
                wrong.append((other.text, f"{other.text} is in the article, but for something else: {ctx.quote(*ctx.window(other_sentence, other.start, other.end, 10))}."))
            third = _changed(ctx, number, taken | {new})
            if len(wrong) < 2 and third is not None:
                wrong.append((_format_like(number, third), f"The article gives {number.text}: {deciding}."))
            if len(wrong) >= 2 and len({w for w, _ in wrong} | {number.text}) == len(wrong) + 1:
                question = f"Which figure completes the article's words? \"{gap}\""
                out.append(
                    ctx.suggestion(
                        "numbers", "numbers", question, f"The article says {deciding}.", [clause], 0.6, fact,
                        options=ctx.options(number.text, wrong, question), about=question,
                    )
                )
    return [s for s in out if s]


_VAGUE = re.compile(r"^(?P<q>[Ss]ome|[Ss]everal|[Aa] number of|[Aa] group of)\s+(?P<np>(?:[A-Z][\w'’-]*\s+)*[a-z][\w-]*s)\s+(?P<rest>.+)$")
_COUNTS = {"some": ["Nineteen", "Twelve", "Thirty"], "several": ["Seven", "Nine", "Eleven"], "a number of": ["Fifteen", "Eight"], "a group of": ["Twenty", "Fourteen"]}


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
                "count-absent", "missing-information", claim,
                f"The article says {ctx.quote(*ctx.window(sentence, *span, 8))}: no number. \"{_sentence_case(quantifier)}\" tells you there was more than one, nothing more, so a count of {count.lower()} is neither supported nor ruled out.",
                [ctx.window(sentence, *span, 8)], 0.7, f"count:{sentence.index}", verdict="not_in_article",
                note="Vague amounts sound informative but give no size. Ask students to rewrite the claim so that the article supports it.",
            )
        )
    done = {s.fact for s in out if s}
    out += _vague_inside(ctx, done)
    return [s for s in out if s]


# A vague amount inside a sentence: "because several roads in the valley are closed".
_VAGUE_INSIDE = re.compile(r"\b(?P<q>[Ss]everal|[Aa] handful of|[Dd]ozens of|[Aa] number of|[Ss]ome|[Mm]any)\s+(?P<np>(?:[a-z][a-z-]+\s+){0,2}?[a-z][a-z-]+s)\b(?!\s+of\b)(?!['’])")
_COUNTS_INSIDE = {"several": ["seven", "nine", "eleven"], "a handful of": ["four", "five"], "dozens of": ["forty", "fifty"], "a number of": ["fifteen", "eight"], "some": ["nineteen", "twelve", "thirty"], "many": ["forty", "fifty"]}
# Nouns a count would not make more exact: times, kinds, generic people and things.
_NOT_COUNTED = frozenset(
    """times days weeks months years hours minutes decades ways things cases areas parts places
    people others ones kinds sorts types questions issues reasons aspects respects points
    levels degrees elements words""".split()
)


def _vague_inside(ctx: Context, done: set) -> list[Suggestion]:
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH or f"count:{sentence.index}" in done:
            continue
        for match in _VAGUE_INSIDE.finditer(sentence.text):
            at = sentence.start + match.start()
            if a.in_quote(at):
                continue
            noun = match.group("np").split()[-1]
            if noun in _NOT_COUNTED or noun.endswith(("ss", "ness")) or re.search(r"\b(?:some|several)\s*$", sentence.text[: match.start()]):
                continue
            clause = _clause(a, sentence, at, sentence.start + match.end())
            if clause is None:
                continue
            text = a.text[clause[0] : clause[1]]
            if not 8 <= _words(text) <= 28 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
                continue
            if match.group("q").lower() in ("some", "many") and not re.fullmatch(r"\s*(?:(?:and|but)\s+)?", a.text[clause[0] : at]):
                continue  # "stock for some seasonal goods": "some" there means "certain", not a count
            if re.search(r"\b(?:not|no|never|without|only|just|even|if)\s+(?:\w+\s+)?$", a.text[clause[0] : at]):
                continue  # "not several", "if some": the amount is not asserted
            quantifier = match.group("q").lower()
            stem = noun[:-1]
            if any(s.numbers and re.search(rf"\b{re.escape(stem)}s?\b", s.text, re.IGNORECASE) for s in a.content()):
                continue  # a number for the same things elsewhere: then the count is no gap
            choices = [c for c in _COUNTS_INSIDE[quantifier] if _absent(a, [c, str(_count_value(c))], [stem])]
            if not choices:
                continue
            count = ctx.pick(choices, "count-inside", sentence.index, match.start())
            claim = a.text[clause[0] : at] + count + a.text[at + len(quantifier) : clause[1]]
            span = (at, sentence.start + match.end())
            window = ctx.window(sentence, *span, 10)
            out.append(
                ctx.suggestion(
                    "count-absent", "missing-information", f"{_sentence_case(claim)}.",
                    f"The article says {ctx.quote(*window)}: no number. \"{_sentence_case(quantifier)}\" tells you there was {'a good number' if quantifier in ('many', 'dozens of') else 'more than one'}, nothing more exact, so a count of {count} is neither supported nor ruled out.",
                    [window], 0.66, f"count:{sentence.index}", verdict="not_in_article",
                    note="Vague amounts sound informative but give no size. Ask students to rewrite the claim so that the article supports it.",
                )
            )
            break
    out += _most(ctx, done | {s.fact for s in out if s})
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
                "count-absent", "missing-information", f"{claim}.",
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
        match = _BARE_SPEAKERS.match(sentence.text)
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


def _count_value(word: str) -> int:
    return {"nineteen": 19, "twelve": 12, "thirty": 30, "seven": 7, "nine": 9, "eleven": 11, "fifteen": 15, "eight": 8, "twenty": 20, "fourteen": 14, "four": 4, "five": 5, "six": 6, "forty": 40, "fifty": 50}[word.lower()]


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
    """Dates: a month changed (contradicted), a named month moved to an undated event (not in
    the article), relative dates with no publication date, and the missing publication date."""
    a = ctx.a
    out: list[Suggestion] = []
    named = {d.month for s in a.content() for d in s.dates if d.kind == "month"}
    months = [(s, d) for s in a.content() for d in s.dates if d.kind == "month" and not d.quoted]
    for sentence, mark in months:
        if not _usable(sentence, 50):
            continue
        clause = _clause(a, sentence, mark.start, mark.end)
        if clause is None:
            continue
        text = a.text[clause[0] : clause[1]]
        if not 5 <= _words(text) <= 30 or _dangling(text) or not _balanced(text) or len(re.findall(r"\b[a-z]{3,}\b", text)) < 3:
            continue
        day = re.search(r"\d{1,2}", mark.text)
        choices = [
            m for m in (mark.month + 1, mark.month - 1, mark.month + 2, mark.month - 2)
            if 1 <= m <= 12 and m not in named and (day is None or int(day.group(0)) <= (29 if m == 2 else calendar.monthrange(2023, m)[1]))
        ]
        if not choices:
            continue
        new = MONTHS[ctx.pick(choices, "month", mark.start) - 1]
        old = MONTHS[mark.month - 1]
        changed = a.text[clause[0] : mark.start] + mark.text.replace(old, new) + a.text[mark.end : clause[1]]
        out.append(
            ctx.suggestion(
                "dates", "dates", f"{changed}.",
                f"The month is changed: the article says {ctx.quote(*ctx.window(sentence, mark.start, mark.end, 10))}, {old}, not {new}.",
                [ctx.window(sentence, mark.start, mark.end, 10)], 0.66, f"month:{sentence.index}", verdict="contradicted",
                note=f"One change from the text: {new} in place of {old}.",
            )
        )
    # A named month (or day) moved to an event the article does not date.
    # A weekday only from a past event: "The road is expected to reopen on Tuesday" is a day
    # still to come, and moving it onto something that has happened muddles the timeline.
    weekdays = [
        (s, d) for s in a.content() for d in s.dates
        if d.kind == "weekday" and not d.quoted and d.text.lower().startswith("on ")
        and not re.search(r"\b(?:will|would|shall|expected|due|scheduled|set to|plans?|planned|next|to be|going to)\b", s.text)
    ]
    sources = months or weekdays
    if sources and not _page_dated(a):
        source_sentence, source_mark = sources[0]
        month = MONTHS[source_mark.month - 1] if months else source_mark.text.split()[-1]
        source_window = ctx.window(source_sentence, source_mark.start, source_mark.end, 8)
        dated_blocks = {s.block for s in a.content() if s.dates}
        for attribution in a.attributions:
            sentence = a.sentences[attribution.sentence]
            if attribution.frame != "verb" or sentence.dates or sentence.block in dated_blocks:
                continue
            if attribution.who is None and not _plain_group(attribution.speaker.text):
                continue
            if sentence.index == source_sentence.index or not _usable(sentence, 50) or sentence.kind is BlockKind.HEADLINE:
                continue
            rest = _speaker_rest(a, attribution)
            if rest is None or not re.fullmatch(r"[a-z]+ed|wrote|said|told|found", attribution.verb.split()[0]):
                continue
            event = ctx.lower_first(f"{_clean(attribution.speaker.text)} {attribution.verb} {rest}")
            claim = f"{'In' if months else 'On'} {month}, {event}."
            passage = (attribution.speaker.start, attribution.rest.end)
            out.append(
                ctx.suggestion(
                    "dates", "dates", claim,
                    f"The article names {month} for something else: {ctx.quote(*source_window)}. It gives no date for this: {ctx.quote(*ctx.window(sentence, passage[0], passage[1], 14))}, and the page itself carries no date to count from.",
                    [ctx.window(sentence, passage[0], passage[1], 14), source_window], 0.62, f"dated:{sentence.index}", verdict="not_in_article",
                    note=f"Not \"contradicted\": the article gives no date for this, so {month} is neither confirmed nor ruled out. Students who say \"supported\" have moved a date from another event.",
                )
            )
            break
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

_SPAN_PHRASES = re.compile(r"\b(?P<phrase>last week|earlier this week|last month|earlier this month)\b", re.IGNORECASE)


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
        if not _usable(sentence, 40) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
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
        elif phrase == "last month":
            last = published.replace(day=1) - dt.timedelta(days=1)
            first = last.replace(day=1)
            day = max(first, published - dt.timedelta(days=30))
        else:
            if published.day < 4:
                continue
            first, last = published.replace(day=1), published - dt.timedelta(days=1)
            day = published.replace(day=published.day // 2)
        at, end = sentence.start + match.start(), sentence.start + match.end()
        clause = _clause(a, sentence, at, end)
        if clause is None:
            continue
        text = a.text[clause[0] : clause[1]]
        if not 6 <= _words(text) <= 32 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
            continue
        def fmt(d):
            return f"{d.day} {MONTHS[d.month - 1]}" if day_first else f"{MONTHS[d.month - 1]} {d.day}"
        date = fmt(day)
        if date in a.text:
            continue
        before = a.text[clause[0] : at]
        claim = before + f"on {date}" + a.text[end : clause[1]]
        claim = re.sub(r"\bon on\b", "on", claim)
        window = ctx.window(sentence, at, end, 12)
        out.append(
            ctx.suggestion(
                "exact-date", "dates", f"{claim[:1].upper()}{claim[1:]}.",
                f"The article says {ctx.quote(*window)}: \"{match.group('phrase')}\", not a day. Counted from the article's date, {fmt(published)} {published.year}, that ran from {fmt(first)} to {fmt(last)}: the claim's day, {date}, fits, but the article does not name a day, so the claim is neither supported nor ruled out.",
                [window], 0.62, f"dated:{sentence.index}", verdict="not_in_article",
                note=f"Not \"contradicted\": {date} fits \"{phrase}\". Not \"supported\": the article never names the day.",
            )
        )
    return [s for s in out if s]


RULES = [numbers, count_absent, speaker_count, dates, exact_date]
