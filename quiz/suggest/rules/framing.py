"""How the page frames its content: headline against body, content against clutter, missing information, lateral reading."""

from __future__ import annotations

import re

from ...articles.text import BlockKind
from ..analysis import REPORTING_VERBS
from ..model import Suggestion
from .attribution import _main_org, _outlet_credits
from .base import _PLAIN_STOP, Context, _possessive, _usable, _words


# --- headline vs body --------------------------------------------------------------------------

_QUANTITY = re.compile(r"\b(thousands|hundreds|dozens|scores|millions|tens of thousands|a handful|several|many|\d[\d,]*)\s+of\s+(?:the\s+)?([a-z]{4,})\b|\b(\d[\d,]*)\s+([a-z]{4,}(?:s|men|ren|ple))\b")


_MEASURES = frozenset(
    """years year months month weeks week days hours minutes seconds decades centuries miles metres meters
    kilometres kilometers feet inches degrees percent points times pounds dollars euros tonnes litres""".split()
)


def _compound(text: str, match: re.Match) -> bool:
    """Say whether an amount is part of a longer one: "7 hours 2 minutes", "2-0"."""
    return bool(re.search(r"\d\s*[a-z]*\s*$", text[max(0, match.start() - 12) : match.start()])) or bool(
        re.match(r"\s*(?:to|-|–|and)\s*\d", text[match.end() : match.end() + 8])
    )


def _same_thing(headline: str, match: re.Match, amounts: list) -> bool:
    """Say whether the body's amount is plausibly about what the headline's is: a content word
    of the headline besides the noun recurs in the body's sentence."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", headline)} - _PLAIN_STOP - {m.lower() for m in match.groups() if m}
    return any(words & {w.lower() for w in re.findall(r"[A-Za-z]{4,}", other.text)} for other, _ in amounts)


def headline_body(ctx: Context) -> list[Suggestion]:
    """What the headline and summary say against the body: a different amount for the same
    thing, and a source the body names that the headline leaves out."""
    a = ctx.a
    out: list[Suggestion] = []
    top = [s for s in a.content() if s.kind in (BlockKind.HEADLINE, BlockKind.SUMMARY)]
    body = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH]
    for sentence in top:
        for match in _QUANTITY.finditer(sentence.text):
            amount, noun = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            if noun in _MEASURES or _compound(sentence.text, match):
                continue  # "27 years", "40 minutes": a length of time is no count of one thing
            # Every amount the body gives for the same noun: one other amount, and never the
            # headline's own, or the two may be about different things ("300 of the staff",
            # "a further 250 jobs at suppliers").
            amounts = [
                (other, found) for other in body for found in _QUANTITY.finditer(other.text)
                if ((found.group(2) if found.group(1) else found.group(4)) == noun) and not _compound(other.text, found)
            ]
            values = {(found.group(1) or found.group(3)) for _, found in amounts}
            if len(values) != 1 or amount in values or not _same_thing(sentence.text, match, amounts):
                continue
            for other, found in amounts[:1]:
                if True:
                    where = "headline" if sentence.kind is BlockKind.HEADLINE else "summary"
                    mine = (sentence.start + match.start(), sentence.start + match.end())
                    theirs = (other.start + found.start(), other.start + found.end())
                    fact = f"quantity:{noun}"
                    mine_text, theirs_text = a.text[mine[0] : mine[1]], a.text[theirs[0] : theirs[1]]
                    out.append(
                        ctx.suggestion(
                            "headline-body", "headline-vs-body", f"The {where} speaks of \"{mine_text}\", while the body says \"{theirs_text}\".",
                            f"The {where} says {ctx.quote(*ctx.window(sentence, *mine, 12))}; the body says {ctx.quote(*ctx.window(other, *theirs, 12))}.",
                            [ctx.window(sentence, *mine, 12), ctx.window(other, *theirs, 12)], 0.7, fact, verdict="supported",
                            note="Ask which figure a headline writer would pick, and why; the article does not say where either comes from.",
                        )
                    )
                    out.append(
                        ctx.suggestion(
                            "headline-body", "headline-vs-body", f"The body repeats the {where}'s figure, \"{mine_text}\".",
                            f"It does not: the {where} says {ctx.quote(*ctx.window(sentence, *mine, 12))}, the body {ctx.quote(*ctx.window(other, *theirs, 12))}.",
                            [ctx.window(sentence, *mine, 12), ctx.window(other, *theirs, 12)], 0.66, fact, verdict="contradicted",
                        )
                    )
                    break
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    credits = _outlet_credits(a)
    if headline is not None and credits and not re.search(r"\b(?:says?|said|report\w*|according|claims?)\b|:", headline.text):
        outlet, span, _ = credits[0]
        evidence = [(headline.start, headline.end), span]
        out.append(
            ctx.suggestion(
                "headline-body", "headline-vs-body", f"The headline does not say where the story comes from; only the body credits {outlet.name}.",
                f"The headline, {ctx.quote(headline.start, headline.end)}, names no source. The body does: {ctx.quote(*span)}.",
                evidence, 0.62, "headline-source", verdict="supported",
                note="Headlines often state as fact what the body attributes. Ask what the headline would say if it kept the attribution.",
            )
        )
        out.append(
            ctx.suggestion(
                "headline-body", "headline-vs-body", f"The headline names {outlet.name} as the source of the story.",
                f"It names no source: {ctx.quote(headline.start, headline.end)}. Only the body credits {outlet.name}: {ctx.quote(*span)}.",
                evidence, 0.62, "headline-source", verdict="contradicted",
            )
        )
    return [s for s in out if s]


# --- content vs clutter --------------------------------------------------------------------------

_CLUTTER_KIND = [
    (re.compile(r"^(?:now\s+)?watch\b", re.I), "a promotion for a video"),
    (re.compile(r"^(?:see also|read more|read next|related|recommended|more from)\b", re.I), "a link to another article"),
    (re.compile(r"^(?:advertisement|sponsored)\b", re.I), "an advertisement"),
    (re.compile(r"^(?:sign up|subscribe|follow us|share this)\b", re.I), "a call to sign up or share"),
]


def content_clutter(ctx: Context) -> list[Suggestion]:
    """Lines marked clutter (promotions, links) against the report: never used as content,
    only asked about as what they are."""
    a = ctx.a
    out: list[Suggestion] = []
    lines = []
    for sentence in a.sentences:
        if not sentence.clutter:
            continue
        text = sentence.text.strip()
        label = re.match(r"^[A-Z][A-Z ]{2,}:\s*", text)
        words = _words(text[label.end() :] if label else text)
        if words < 4 or len(text) > 110 or not a.occurs_once(text):
            continue
        what = next((name for pattern, name in _CLUTTER_KIND if pattern.search(text)), "page furniture")
        lines.append((sentence, text, what))
    content = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH and _usable(s, 22) and not s.quoted and a.occurs_once(s.text)]
    for number, (sentence, text, what) in enumerate(lines):
        fact = f"clutter:{sentence.start}"
        explanation = f"\"{text}\" is {what}: " + ("part of the page around the report" if what == "page furniture" else "page furniture around the report") + ", not part of the report itself, and not evidence for anything in it."
        out.append(
            ctx.suggestion(
                "content-clutter", "content-vs-clutter", f"The line \"{text}\" is part of the report itself.",
                explanation, [(sentence.start, sentence.end)], 0.75, fact, verdict="contradicted",
            )
        )
        out.append(
            ctx.suggestion(
                "content-clutter", "content-vs-clutter", f"The line \"{text}\" is not part of the report: it is {what}.",
                explanation, [(sentence.start, sentence.end)], 0.72, fact, verdict="supported",
                note="Clutter is easy to spot when it is off-topic and harder when it is on-topic. A related link can still be read later, as a separate source.",
            )
        )
        fitting = sorted(content, key=lambda s: (abs(len(s.text) - len(text)), s.start))[:2]
        if len(fitting) == 2 and number == 0:
            question = "Which of these lines is not part of the report?"
            wrong = [(s.text, f"This is part of the report: it is in the body of the article, {ctx.quote(*ctx.window(s, s.start, s.start + 1, 6))}...") for s in fitting]
            out.append(
                ctx.suggestion(
                    "content-clutter", "content-vs-clutter", question, explanation, [(sentence.start, sentence.end)], 0.7, fact,
                    options=ctx.options(text, wrong, question, text), about=question + text,
                )
            )
    return [s for s in out if s]


# --- lateral reading -----------------------------------------------------------------------------

_FINDING_VERBS = ("found", "finds", "reported", "reports", "estimated", "estimates", "revealed", "concluded")


def lateral_reading(ctx: Context) -> list[Suggestion]:
    """Where to check: the outlet whose report the article retells, the organisation whose
    finding it reports."""
    a = ctx.a
    out: list[Suggestion] = []
    credits = _outlet_credits(a)
    clutter_link = next((s for s in a.sentences if s.clutter and re.match(r"(?i)see also|read more|related", s.text) and _words(s.text) >= 4), None)
    main = _main_org(a)
    if credits and len({o.key for o, _, _ in credits}) == 1:
        outlet, span, _ = credits[-1]
        question = f"You want to check what the article takes from {outlet.name}. Where should you look first?"
        wrong = [("A social-media post that shares this article", "That only repeats this article. Go to the source the article names.")]
        if clutter_link is not None:
            label = re.match(r"[^:]+", clutter_link.text).group(0).strip()
            wrong.append((f"The \"{label}\" link at the end of the article", f"That promotes another piece: {ctx.quote(clutter_link.start, clutter_link.end)}."))
        elif main is not None:
            wrong.append((f"{_possessive(main.name)} own website", f"{main.name} is a subject of the story, not the source the article names for it."))
        if len(wrong) >= 2:
            out.append(
                ctx.suggestion(
                    "lateral-reading", "lateral-reading", question,
                    f"The article credits {outlet.name}: {ctx.quote(*span)}. Trace the claim to that original report first; reading laterally, also see what other sources say about it and about the outlet.",
                    [span], 0.68, f"lateral:{outlet.key}", options=ctx.options(f"{_possessive(outlet.name)} original report", wrong, question), about=question,
                )
            )
    for attribution in a.attributions:
        who = attribution.who
        if attribution.frame != "verb" or who is None or who.kind != "org" or attribution.verb not in _FINDING_VERBS:
            continue
        sentence = a.sentences[attribution.sentence]
        if not _usable(sentence, 60):
            continue
        span = ctx.window(sentence, attribution.speaker.start, attribution.verb_mark.end, 10)
        past = REPORTING_VERBS[attribution.verb][1]
        question = f"What is the most direct way to check what {who.name} {past}?"
        wrong = [("Search for this article's headline on social media", "Posts that share this article only repeat it; they are not a second source.")]
        outlet = next((o for o, _, _ in credits if o is not who), None)
        if outlet is not None:
            wrong.append((f"Read {_possessive(outlet.name)} report, which the article cites", f"The article cites {outlet.name} for other things, not for {_possessive(who.name)} finding. Go to the organisation that made it."))
        elif main is not None and main is not who:
            wrong.append((f"Read {_possessive(main.name)} own statements", f"{main.name} is who the finding is about, not who made it; go to {who.name} itself."))
        if len(wrong) < 2:
            continue
        out.append(
            ctx.suggestion(
                "lateral-reading", "lateral-reading", question,
                f"The finding is {_possessive(who.name)}: {ctx.quote(*span)}. Its own account is the primary source; the details the article gives help you search for it.",
                [span], 0.66, f"lateral:{who.key}", options=ctx.options(f"Read what {who.name} itself published", wrong, question), about=question,
            )
        )
    return [s for s in out if s]


# --- headline vs body: cause against association --------------------------------------------

_NOT_PROOF = re.compile(
    r"\b(?:an? (?:association|link|correlation),? (?:not|rather than)|not (?:proof|evidence) (?:that|of)|cannot (?:prove|show|establish|settle|say)"
    r"|can(?:no|')t (?:prove|show|establish|settle)|does not (?:prove|show) (?:that )?\w+ (?:cause|causes)|not necessarily (?:the )?caus\w*"
    r"|observational|correlation is not causation)",
    re.IGNORECASE,
)
_HEADLINE_HEDGE = re.compile(r"\b(?:may|might|could|linked|link|associated|tied|suggests?|possibly|appears?|seems?)\b|\?", re.IGNORECASE)


def headline_cause(ctx: Context) -> list[Suggestion]:
    """A headline that states flatly what the body says is only a link ("Late-night screens rob
    teenagers of 40 minutes' sleep" against "the study showed an association, not proof")."""
    a = ctx.a
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    if headline is None or _HEADLINE_HEDGE.search(headline.text):
        return []
    body = next((s for s in a.content() if s.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTATION) and _NOT_PROOF.search(s.text) and s.words <= 45), None)
    if body is None:
        return []
    match = _NOT_PROOF.search(body.text)
    span = ctx.window(body, body.start + match.start(), body.start + match.end(), 14)
    top = (headline.start, headline.end)
    deciding = f"The headline, {ctx.quote(*top)}, states it flatly; the body says {ctx.quote(*span)}."
    question = f"The headline says {ctx.quote(*top)}. What does the body of the article say about cause and effect?"
    wrong = [
        ("That the research proved the cause the headline states", f"The body says the opposite: {ctx.quote(*span)}."),
        ("Nothing: the body does not discuss it", f"It does: {ctx.quote(*span)}."),
    ]
    out = [
        ctx.suggestion(
            "headline-cause", "headline-vs-body", question, deciding, [top, span], 0.72, "headline-cause",
            options=ctx.options("That it found a link, not proof of cause", wrong, question), about=question,
            note="Headlines turn links into causes. Ask students to rewrite the headline so that the body supports it.",
        ),
        ctx.suggestion(
            "headline-cause", "headline-vs-body", "The body of the article is more cautious about cause and effect than its headline.",
            deciding, [top, span], 0.7, "headline-cause-claim", verdict="supported",
        ),
        ctx.suggestion(
            "headline-cause", "headline-vs-body", "The body of the article says the research proved what its headline states.",
            deciding, [top, span], 0.68, "headline-cause-claim", verdict="contradicted",
        ),
    ]
    return [s for s in out if s]


RULES = [headline_body, content_clutter, lateral_reading, headline_cause]
