"""Numbers and dates: figures changed or kept, vague counts, months and relative dates."""

from __future__ import annotations

import calendar
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
                "count-absent", "numbers", claim,
                f"The article says {ctx.quote(*ctx.window(sentence, *span, 8))}: no number. \"{_sentence_case(quantifier)}\" tells you there was more than one, nothing more, so a count of {count.lower()} is neither supported nor ruled out.",
                [ctx.window(sentence, *span, 8)], 0.7, f"count:{sentence.index}", verdict="not_in_article",
                note="Vague amounts sound informative but give no size. Ask students to rewrite the claim so that the article supports it.",
            )
        )
    return [s for s in out if s]


def _count_value(word: str) -> int:
    return {"nineteen": 19, "twelve": 12, "thirty": 30, "seven": 7, "nine": 9, "eleven": 11, "fifteen": 15, "eight": 8, "twenty": 20, "fourteen": 14}[word.lower()]


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
    weekdays = [(s, d) for s in a.content() for d in s.dates if d.kind == "weekday" and not d.quoted and d.text.lower().startswith("on ")]
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


RULES = [numbers, count_absent, dates]
