"""Missing information: what the page does not tell the reader (a byline, the response of the
party it criticises, a reply it mentions but does not give)."""

from __future__ import annotations

import re

from ...articles.text import BlockKind
from ..model import Suggestion
from .attribution import _main_org
from .base import _CRITICISM, _UNRESOLVED, Context, _absent, _clean, _plain_group, _possessive, _usable, _words

# --- missing information -------------------------------------------------------------------------


def missing_byline(ctx: Context) -> list[Suggestion]:
    """No byline: the text does not say who wrote it."""
    a = ctx.a
    if a.article.author is not None:
        return []
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    journalist = next(
        ((att, att.who) for att in a.attributions if att.who is not None and att.who.kind == "person" and att.outlet is not None),
        None,
    )
    out: list[Suggestion] = []
    if journalist:
        attribution, person = journalist
        span = (attribution.speaker.start - (13 if attribution.frame == "according" else 0), attribution.speaker.end)
        explanation = f"No author appears in the text. The only journalist it names, {person.name}, is credited as {_possessive(attribution.outlet.name)}, the outlet whose report it relies on: {ctx.quote(*span)}."
        evidence = [span]
        question = "What does the article's text tell you about who wrote it?"
        wrong = [
            (f"Probably {person.name}, the only journalist it names", f"{person.name} is named as {_possessive(attribution.outlet.name)}, the outlet the article cites, not as this article's author."),
            (f"{_possessive(attribution.outlet.name)} staff, since it credits {attribution.outlet.name}", f"Crediting {attribution.outlet.name} means this article relies on its report; it does not make {attribution.outlet.name} its author."),
        ]
        out.append(
            ctx.suggestion(
                "missing-byline", "missing-information", question, explanation, evidence, 0.68, "byline",
                options=ctx.options("Nothing; the text has no byline", wrong, question), about=question,
            )
        )
    elif headline is not None:
        explanation = f"No byline appears in the text: it opens with the headline, {ctx.quote(headline.start, headline.end)}, and names no author anywhere."
        evidence = [(headline.start, headline.end)]
    else:
        return []
    out.append(
        ctx.suggestion(
            "missing-byline", "missing-information", "The article's text does not say who wrote it.", explanation, evidence, 0.64, "byline", verdict="supported",
        )
    )
    out.append(
        ctx.suggestion(
            "missing-byline", "missing-information", "The article's text names the reporter who wrote it.", explanation, evidence, 0.64, "byline", verdict="contradicted",
        )
    )
    return [s for s in out if s]


def missing_response(ctx: Context) -> list[Suggestion]:
    """The criticised party's side: no response reported (a claim that it responded is not in
    the article; a claim that the article reports none is supported)."""
    a = ctx.a
    main = _main_org(a)
    if main is None:
        return []
    people = [main.name] + [e.name for e in a.entities.values() if e.org is main]
    alias = main.name.split()[-1]
    if any(att.who is main or re.search(rf"\b{re.escape(alias)}\b", att.speaker.text, re.IGNORECASE) for att in a.attributions):
        return []  # the organisation, or someone speaking for it, is heard
    if not _absent(a, people, ["respond", "response", "comment", "statement", "spokesperson", "spokesman", "spokeswoman", "declined", "replied", "denied"]):
        return []
    critical = [s for s in a.sentences_mentioning(main) if _CRITICISM.search(s.text) and s.kind is BlockKind.PARAGRAPH and _usable(s, 60)]
    quoted_critic = next((q for q in a.quotes if main.name in q.text and q.complete), None)
    if quoted_critic:
        at = quoted_critic.text.find(main.name) + quoted_critic.start
        sentence = a.sentence_at(at)
        evidence = ctx.window(sentence, at, at + len(main.name), 8)
    elif critical:
        sentence = critical[0]
        match = _CRITICISM.search(sentence.text)
        evidence = ctx.window(sentence, sentence.start + match.start(), sentence.start + match.end(), 12)
    else:
        return []
    staff = next((e for e in a.entities.values() if e.kind == "group" and e.org is main and e.cls == "employees"), None)
    thing = "letter" if re.search(r"\bletter\b", a.text) else "protest" if re.search(r"\bprotest", a.text) else "criticism"
    target = f"its employees' {thing}" if staff and thing != "criticism" else f"the {thing}"
    fact = f"response:{main.key}"
    return [
        s
        for s in (
            ctx.suggestion(
                "missing-response", "missing-information", f"{main.name} has publicly responded to {target}.",
                f"The article reports no reply from {main.name}: it gives the criticism, such as {ctx.quote(*evidence)}, but not the company's answer. Not reporting a reply is not the same as saying there was none: the text does not tell either way.",
                [evidence], 0.66, fact, verdict="not_in_article",
                note="Many students answer \"contradicted\": the article's silence feels like evidence. Ask what sentence the article would need for each verdict.",
            ),
            ctx.suggestion(
                "missing-response", "missing-information", f"The article reports no response from {main.name} to {target}.",
                f"It gives the criticism, such as {ctx.quote(*evidence)}, but no reply from {main.name}, and does not say whether it was asked to comment.",
                [evidence], 0.62, fact, verdict="supported",
            ),
        )
        if s
    ]


def missing_reply(ctx: Context) -> list[Suggestion]:
    """The answer to a letter or a demand: "X wrote to Y" or "X called on Y to do Z" with no
    reply from Y in the text; a claim that Y replied (or agreed) is not in the article."""
    a = ctx.a
    out: list[Suggestion] = []
    for attribution in a.attributions:
        who, rest = attribution.who, attribution.rest
        if attribution.frame != "verb" or rest is None:
            continue
        if attribution.verb not in ("wrote", "writes", "called on", "urged", "demanded"):
            continue
        speaker = _clean(attribution.speaker.text)
        if who is None and not _plain_group(speaker):
            continue
        writer = who.name if who is not None else ctx.lower_first(speaker)
        sentence = a.sentences[attribution.sentence]
        if sentence.clutter or sentence.quoted:
            continue
        targets = [e for e in a.entity_at(rest.start, rest.end, ("person", "org")) if who is None or (e is not who and e is not who.org)]
        if not targets:
            continue
        target = targets[0]
        at = min(s for s, e in target.mentions if rest.start <= s < rest.end)
        lead = a.text[rest.start : at]
        names = [target.name, target.name.split()[-1]] if target.kind == "person" else [target.name]
        if not _absent(a, names, ["repl", "respond", "response", "answer", "agree", "accept", "refus", "declin", "reject", "comment"]):
            continue
        if attribution.verb in ("wrote", "writes"):
            if not re.search(r"\bto\s+(?:[a-z-]+\s+){0,3}$", lead) or _words(lead) > 6:
                continue
            thing = f"the letter from {writer}" if re.search(r"\bletter\b", lead) else writer
            claim = f"{target.name} has replied to {thing}."
        else:
            if lead.strip():
                continue
            after = a.text[at + len(a.text[at:].split(" to ", 1)[0]) : rest.end]
            match = re.match(r"\s+to\s+([a-z][^,;]{3,80})$", after)
            if not match or _UNRESOLVED.search(match.group(1)):
                continue
            claim = f"{target.name} agreed to {match.group(1).strip()}."
        passage = (attribution.speaker.start, rest.end)
        if _words(a.text[passage[0] : passage[1]]) > 30:
            passage = ctx.window(sentence, attribution.speaker.start, at + len(target.name), 16)
        out.append(
            ctx.suggestion(
                "missing-reply", "missing-information", claim,
                f"The article says {ctx.quote(*passage)}, but reports no answer from {target.name}. Not reporting one is not the same as saying there was none: the text does not tell either way.",
                [passage], 0.64, f"reply:{target.key}", verdict="not_in_article",
                note=f"Ask what sentence the article would need for \"supported\" and for \"contradicted\". Silence about {target.name}'s answer settles neither.",
            )
        )
    return [s for s in out if s]


RULES = [missing_byline, missing_response, missing_reply]
