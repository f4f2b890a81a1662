"""How the page frames its content: headline against body, content against clutter, missing information, lateral reading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...articles.text import BlockKind
from ...bank.cues import Item, item_cues
from ..analysis import _STARTERS, ORG_WORDS, PLACE_WORDS, PLACES, Sentence
from ..model import Suggestion
from .attribution import _outlet_credits
from .base import _PLAIN_STOP, Context, _balanced, _dangling, _possessive, _usable, _words


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
    (re.compile(r"^(?:see also|read more|read next|related|recommended|more from|most read)\b", re.I), "a link to another article"),
    (re.compile(r"^(?:advertisement|sponsored|promoted)\b", re.I), "an advertisement"),
    (re.compile(r"\bprivacy (?:notice|policy)\b|\bcookies?\b", re.I), "a privacy notice"),
    (re.compile(r"\b(?:newsletter|inbox|sign-up|privacy notice|download (?:the|our)\b.{0,40}\bapp|notifications|alerts)\b", re.I), "a promotion for the site's newsletter or app"),
    (re.compile(r"^(?:sign up|subscribe|follow us|follow [A-Z]|share this|click here|join us)\b", re.I), "a call to sign up, follow or share"),
]
_LINK_LABEL = re.compile(r"^(?:see also|read more|read next|related(?: stories| articles)?|recommended|more from \w+|most read|also read)\s*:\s*", re.I)
_CLUTTER_WHY = {
    "a promotion for a video": "it sends readers to a video, and says nothing about this report",
    "a link to another article": "it points to a different article, and is no part of this report or evidence for it",
    "an advertisement": "it is paid-for space, and no part of the report",
    "a promotion for the site's newsletter or app": "it sells the site's own services, and says nothing about the story",
    "a call to sign up, follow or share": "it asks something of the reader, and says nothing about the story",
    "a privacy notice": "it is about how the site uses readers' data, and says nothing about the story",
    "page furniture": "it is part of the page around the report, not part of the report, and no evidence for anything in it",
}


def content_clutter(ctx: Context) -> list[Suggestion]:
    """Lines marked clutter (promotions, links) against the report: never used as content,
    only asked about as what they are, one line (a whole clutter block) at a time."""
    a = ctx.a
    out: list[Suggestion] = []
    lines = []
    for number, span in enumerate(a.article.block_spans):
        if a.article.blocks[number].kind is not BlockKind.CLUTTER:
            continue
        start, end = ctx.trim(span.start, span.end)
        text = re.sub(r"\s+", " ", a.text[start:end]).strip()
        label = re.match(r"^[A-Z][A-Z ]{2,}:\s*", text)
        words = _words(text[label.end() :] if label else text)
        if words < 4 or len(text) > 120 or not a.occurs_once(a.text[start:end]) or text != a.text[start:end]:
            continue
        what = next((name for pattern, name in _CLUTTER_KIND if pattern.search(text)), "page furniture")
        lines.append(((start, end), text, what))
    content = [
        s for s in a.content()
        if s.kind is BlockKind.PARAGRAPH and _usable(s, 22) and not s.quoted and a.occurs_once(s.text) and s.words >= 6
        and not _dangling(s.text) and not re.search(r"\b(?:said|says) (?:most|some|many|all|both|none)\b|^(?:But|And|So|Then)\b", s.text)
    ]
    for number, (where, text, what) in enumerate(lines):
        fact = f"clutter:{where[0]}"
        explanation = f"\"{text}\" is {what}: {_CLUTTER_WHY[what]}."
        # "Read more: ..." names itself: the claim shows the line without its label, so that a
        # student must find it on the page and see what it is.
        label = _LINK_LABEL.match(text)
        if label and _words(text[label.end() :]) >= 4:
            text = text[label.end() :]
        out.append(
            ctx.suggestion(
                "content-clutter", "content-vs-clutter", f"The line \"{text}\" is part of the report itself.",
                explanation, [where], 0.75, fact, verdict="contradicted",
            )
        )
        out.append(
            ctx.suggestion(
                "content-clutter", "content-vs-clutter", f"The line \"{text}\" is not part of the report: it is {what}.",
                explanation, [where], 0.72, fact, verdict="supported",
                note="Clutter is easy to spot when it is off-topic and harder when it is on-topic. A related link can still be read later, as a separate source.",
            )
        )
        fitting = sorted(content, key=lambda s: (abs(len(s.text) - len(text)), s.start))[:2]
        if len(fitting) == 2 and number < 2:
            question = ("Which of these lines is not part of the report?", "Which of these lines did the website add around the report, rather than the reporter write as part of it?")[number]
            wrong = [(s.text, f"This is part of the report: it is in the body of the article, {ctx.quote(*ctx.window(s, s.start, s.start + 1, 6))}...") for s in fitting]
            out.append(
                ctx.suggestion(
                    "content-clutter", "content-vs-clutter", question, explanation, [where], 0.7, fact,
                    options=ctx.options(text, wrong, question, text), about=question + text,
                )
            )
    return [s for s in out if s]


# --- lateral reading -----------------------------------------------------------------------------
#
# Lateral reading is leaving the page: opening other tabs to see what independent sources (other
# outlets, fact-checkers, people in the field) say about a source and its claim. It is not tracing
# a claim back to the source's own words, and not reading the source's own account of itself. The
# items ask what to check and where, with wrong options that stay on the page, trust the source's
# own site about itself, or judge by looks.

_NAME = r"(?:[A-Z][\w'’&.-]*|[A-Z]{2,})(?:\s+(?:of|for|and|the|on|&)\s+[A-Z][\w'’-]*|\s+[A-Z][\w'’-]*)*"
# Words that end the name of an organisation: what makes "X Y Group" an organisation, not a person.
_ORG_END = frozenset(ORG_WORDS) | frozenset(
    """Directorate Federation Union Group Trust Partnership Bureau Agency Council Service Authority
    Institute Centre Center Association Society Coalition Alliance Campaign Commission Foundation
    Forum Network Office Party Board Watch Childhood Library Friends Department Ministry""".split()
)
_GROUP_WORDS = r"(?:campaign(?:ing)? group|pressure group|parents['’] group|residents['’] group|lobby group|group|charity|campaign|think tank|trade body|union|organi[sz]ation|watchdog|regulator|association|body)"
_EXPERT_WORDS = r"(?:economist|scientist|researcher|professor|expert|analyst|academic|lecturer|statistician|epidemiologist|historian|specialist)"
_CLAIM_VERBS = r"(?:said|says|found|finds|estimated|estimates|warned|warns|reported|reports|claimed|claims|argued|argues|calculated|concluded)"
_SOURCE = re.compile(
    rf"^(?:The\s+)?(?P<name>{_NAME})(?:\s+\([A-Z]{{2,8}}\))?"
    rf"(?:,\s+(?P<appos>(?:a|an|the|which|who)\s+(?:[^,;:\"“]|(?<=\d),(?=\d)){{3,140}}),)?"
    rf"\s+(?:also\s+)?(?P<verb>{_CLAIM_VERBS})\s+(?:that\s+)?(?P<claim>[a-z0-9£$€][^;:]{{15,}})$"
)
_EXPERT = re.compile(
    r"^(?P<name>(?:Professor|Prof|Dr)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}),\s+(?P<appos>(?:a|an|who)\s+[^;:\"“]{3,160}?),"
    r"\s+(?:also\s+)?(?P<verb>said|says|has\s+studied|argued|argues|warned|warns)\b"
)
_NUMBER_LIKE = re.compile(r"\d|\b(?:half|third|quarter|twice|double|doubled|tripled|record)\b")


# A public body: its figure is checked against other reports of it, not by asking who is behind it.
_PUBLIC_BODY = re.compile(r"\b(?:Office|Ministry|Department|Agency|Bureau|Statistics|Authority|Commission|Police|Government|Service|Census|Patrol|Sheriff)\b")


@dataclass
class _Source:
    name: str  # as the article writes it, with "the" when it does
    kind: str  # "org", "group" (campaign group, charity), "expert", "outlet"
    sentence: Sentence
    span: tuple[int, int]  # the passage to quote
    figure: bool  # the claim has a figure in it
    surname: str = ""
    about: str = "view"  # an expert's "view" (said, argued) or "work" (has studied)
    role: object = None  # an expert's _Role: how the article introduces them
    described: str = ""  # how the article describes an organisation: "a research firm that ..."


def _org_name(name: str) -> bool:
    return name.split()[-1].rstrip("'’s") in _ORG_END or bool(re.fullmatch(r"[A-Z]{2,6}", name))


def _sources(ctx: Context) -> list[_Source]:
    """Named organisations, campaign groups and experts whose claims the article reports, with the
    passage that reports them; the likeliest to be worth checking first (a figure, a finding)."""
    a = ctx.a
    found: list[_Source] = []
    seen: set[str] = set()
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or not _usable(sentence, 40) or sentence.quoted or sentence.text.lstrip()[:1] in "\"“‘'":
            continue
        text = sentence.text.rstrip()
        expert = _EXPERT.match(text)
        if expert:
            appos = expert.group("appos")
            if re.search(rf"\b{_EXPERT_WORDS}\b|\b(?:leads|heads|directs)\b", appos) and re.search(r"\b(?:University|Institute|Centre|Center|College|School)\b", appos):
                name = expert.group("name")
                if name not in seen:
                    seen.add(name)
                    surname = name.split()[-1]
                    about = "work" if expert.group("verb").startswith("has") else "view"
                    found.append(_Source(name, "expert", sentence, ctx.trim(sentence.start, sentence.end), bool(_NUMBER_LIKE.search(text)), surname, about))
            continue
        match = _SOURCE.match(text)
        if not match:
            continue
        name, appos = match.group("name").strip(), match.group("appos") or ""
        if name.split()[0].lower() in _STARTERS or (len(name.split()) < 2 and not re.fullmatch(r"[A-Z]{2,6}", name)) or name in seen or any(e.name == name and e.kind == "outlet" for e in a.entities.values()):
            continue
        if (appos and re.match(rf"(?:a|an)\s+(?:[\w'’-]+\s+){{0,3}}{_GROUP_WORDS}\b", appos)) or re.match(r"Friends of\b|.*\b(?:Campaign|Action|Coalition|Alliance)\b", name):
            kind = "group"
        elif _org_name(name):
            kind = "official" if _PUBLIC_BODY.search(name) else "org"
        else:
            continue  # a person or a company: which, the text does not say
        claim = match.group("claim")
        figure = bool(_NUMBER_LIKE.search(claim))
        if re.match(r"(?:it|they|its|their)\s+(?:would|will|was|were|is|are|had|has|have)\s+(?:\w+ing|be|not)\b", claim):
            continue  # what the source itself plans or thinks: nothing to check elsewhere
        if kind in ("org", "official") and not figure and match.group("verb") in ("said", "says"):
            continue  # "the council said it would write to ...": nothing a reader would check elsewhere
        if _words(claim) < 4 or claim.count('"') + claim.count("“") + claim.count("”") > 2:
            continue  # a claim that is mostly a quotation is an opinion to weigh, not a fact to check
        written = f"the {name}" if re.search(rf"\b[Tt]he\s+{re.escape(name)}", a.text) and not re.match(r"[A-Z]{2,6}$", name) else name
        seen.add(name)
        span = ctx.trim(sentence.start, sentence.end)
        found.append(_Source(written, kind, sentence, span, figure))
    # Experts and study authors named with a role, anywhere in the sentence; organisations and
    # officials credited in a trailing frame.
    surnames = {s.surname or s.name.split()[-1] for s in found}
    for source in _people_sources(ctx, _roles(ctx)):
        if source.surname not in surnames:
            surnames.add(source.surname)
            found.append(source)
    for source in _study_sources(ctx) + _credited_sources(ctx, {re.sub(r"^the\s+", "", s.name) for s in found}):
        if all(source.sentence is not s.sentence for s in found):
            found.append(source)
    credits = _outlet_credits(a)
    if credits and len({o.key for o, _, _ in credits}) == 1:
        outlet, span, attribution = credits[0]
        sentence = a.sentences[attribution.sentence]
        if _usable(sentence, 40) and not sentence.text.rstrip().endswith(":"):
            found.append(_Source(outlet.name, "outlet", sentence, ctx.trim(sentence.start, sentence.end), False))
    # The outlet a story retells first; then a figure; an organisation or group before an
    # expert; then the article's order.
    return sorted(found, key=lambda s: (s.kind != "outlet", not s.figure, s.kind == "expert", s.sentence.start))


# --- lateral reading on real news copy: experts named with a role, sources "according to" ------
#
# News copy names its experts in a few fixed ways: "..., says Laura Spitler, an astronomer at the
# Max Planck Institute", "said study co-author Paul Expert, a physicist at King's College London",
# "US historian Bruce Gilley", and then goes on by surname ("..., says McLaughlin."). It credits
# organisations and officials in a trailing frame: "..., according to the Rhodium Group, a research
# firm", "..., Nigeria's foreign ministry reported." These are read here, outside quotations only.

_EXPERT_NOUN = (
    r"(?:[a-z-]*(?:economist|scientist|researcher|professor|expert|analyst|academic|lecturer|statistician|epidemiologist"
    r"|historian|specialist|astronomer|physicist|chemist|biologist|ecologist|geologist|psychologist|psychiatrist"
    r"|climatologist|meteorologist|seismologist|virologist|sociologist|anthropologist|archaeologist|zoologist|botanist"
    r"|pharmacologist|demographer|criminologist|geographer|oceanographer|glaciologist|toxicologist|immunologist|neurologist))s?"
)
_INSTITUTION = re.compile(r"\b(?:University|Institute|College|Observatory|Laborator(?:y|ies)|Museum|Hospital|Academy|School|Centre|Center|Clinic|Survey)\b")
_AUTHOR = re.compile(r"\b(?:co-?author|lead author|senior author|first author)(?! of (?:the |a )?(?:book|report|novel|article|memoir))\b|\bauthor of the (?:study|paper|research)\b|\bled the (?:study|research)\b|\b(?:study|paper)['’]s (?:lead )?author\b", re.I)
_SAY_VERB = r"(?:says|said|adds|added|notes|noted|argues|argued|explains|explained|writes|wrote|warns|warned|estimates|estimated|cautions|cautioned)"


@dataclass
class _Role:
    name: str  # the full name
    surname: str
    role: str  # as the article gives it: "an astronomer at the Max Planck Institute ..."
    span: tuple[int, int]  # the role's words in the text
    author: bool  # an author of the study the article reports


def _roles(ctx: Context) -> dict[str, _Role]:
    """The people the article introduces with an expert's role and an institution, or as an author
    of the study it reports, outside quotations: full name -> role."""
    a = ctx.a
    roles: dict[str, _Role] = {}
    people = [e for e in a.entities.values() if e.kind == "person" and len(e.name.split()) >= 2]
    for person in people:
        for start, end in sorted(person.mentions):
            sentence = a.sentence_at(start)
            if sentence is None or sentence.clutter or not sentence.body or a.in_quote(start):
                continue
            after = a.text[end : sentence.end]
            appos = re.match(r",\s+(?P<role>(?:a|an|the)\s+[^;\"“”]{3,170}?)(?=,\s+[a-z]|[.;]?$|\s+[-–—]\s)", after)
            before = a.text[max(sentence.start, start - 60) : start]
            pre = re.search(rf"(?:^|[\s,])(?P<role>(?:(?:study|the study['’]s|lead|senior)\s+)?co-?author|(?:[A-Z]{{2,}}\s+|(?!(?:says|said|told|tells|according|by|to|and|with|from|of|the|a|an|as|for|that)\s)[a-z]+\s+)?{_EXPERT_NOUN})\s+$", before)
            role, span = None, None
            if appos:
                text = appos.group("role").rstrip(" .,")
                expert = re.match(rf"(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}{_EXPERT_NOUN}\s+(?:\w+\s+){{0,3}}?(?:at|of|with|from)\s+(?:the\s+)?[A-Z]", text)
                if len(text.split()) <= 24 and (expert or _AUTHOR.search(text)):
                    role, span = text, (end + appos.start("role"), end + appos.start("role") + len(text))
            if pre and (_AUTHOR.search(pre.group("role")) or re.search(rf"\b{_EXPERT_NOUN}$", pre.group("role"))):
                text = pre.group("role")
                at = start - len(before) + pre.start("role")
                if role is not None and len(role.split()) <= 16:
                    # "study co-author Paul Expert, a physicist at King's College London": both.
                    role, span = f"{text} {person.name}, {role}", (at, span[1])
                elif role is None:
                    role, span = f"{text} {person.name}", (at, end)
            if role is None:
                continue
            author = bool(_AUTHOR.search(role))
            if re.match(r"(?:(?:a|an|the)\s+)?(?:local|amateur|self-taught|former|retired|aspiring)\b", role):
                continue
            if person.name not in roles or (author and not roles[person.name].author):
                roles[person.name] = _Role(person.name, person.name.split()[-1], role, span, author)
            break
    return roles


def _claim_ok(a, sentence: Sentence, claim: str) -> bool:
    """A claim worth checking elsewhere: a whole sentence of the body that opens on its own
    subject, with six words or more of the reporter's own, not mostly quotation."""
    if not _usable(sentence, 50) or sentence.quoted or sentence.text.lstrip()[:1] in "\"“‘'" or not sentence.body:
        return False
    if re.match(r"(?:So|Or|Still|Also|Then)\b", sentence.text):
        return False
    unquoted = re.sub(r"[\"“][^\"”]*[\"”]", " ", claim)
    return _words(unquoted) >= 6 and _words(unquoted) >= 0.6 * _words(claim) and _balanced(claim)


def _from_subject(ctx: Context, sentence: Sentence) -> tuple[int, int]:
    """The whole sentence, without a leading "But" or "And" that ties it to the one before."""
    lead = re.match(r"(?:But|And|Yet)\s+(?=[a-z])", sentence.text)
    return ctx.trim(sentence.start + (lead.end() if lead else 0), sentence.end)


def _people_sources(ctx: Context, roles: dict[str, _Role]) -> list[_Source]:
    """Each expert or study author with a role, and the first sentence of the body that gives
    a claim of theirs in the reporter's words: "..., says McLaughlin.", "Gilley ... argued that"."""
    a = ctx.a
    found: list[_Source] = []
    for role in sorted(roles.values(), key=lambda r: r.span[0]):
        namesakes = [e for e in a.entities.values() if e.kind == "person" and e.name != role.name and e.name.split()[-1] == role.surname]
        who = rf"(?:{re.escape(role.name)}|{re.escape(role.surname)})" if not namesakes else re.escape(role.name)
        for sentence in a.content():
            if sentence.kind is not BlockKind.PARAGRAPH:
                continue
            text = sentence.text.rstrip()
            trailing = re.search(rf",\s+(?:{_SAY_VERB}\s+(?:[a-z-]+\s+){{0,3}}{who}\b|{who}\s+{_SAY_VERB}\b)", text)
            leading = re.match(rf"^{who}(?:,\s+[^;]{{3,170}}?,[\"”]?)?\s+(?:also\s+)?(?:argued|argues|claimed|claims|contended|contends|found|finds|estimated|estimates|warned|warns|said|says)\s+(?:that\s+)?", text)
            if trailing and not a.in_quote(sentence.start + trailing.start()):
                claim = text[: trailing.start()]
            elif leading:
                claim = text[leading.end() :]
            else:
                continue
            if not _claim_ok(a, sentence, claim):
                continue
            # A surname that is also a common word ("Paul Expert") reads better in full.
            common = role.surname.lower() in ctx.lower_words or role.surname.lower() + "s" in ctx.lower_words or re.fullmatch(_EXPERT_NOUN, role.surname.lower())
            called = role.name if common else role.surname
            kind = "author" if role.author else "expert"
            # "Di Li, the chief scientist of FAST" on what FAST can do: an insider, not an onlooker.
            org = re.search(r"\b(?:of|at|with|for)\s+(?:the\s+)?(?P<org>[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|&)?\s*[A-Z][\w'’&.-]*){0,5})", role.role)
            owner = org.group("org") if org else ""
            if kind == "expert" and owner and re.search(rf"\b{re.escape(owner)}\b", claim) and not _INSTITUTION.search(owner):
                kind = "insider"
            found.append(_Source(role.name, kind, sentence, _from_subject(ctx, sentence), bool(_NUMBER_LIKE.search(claim)), called, "view", role=role, described=owner))
            break
    return found


_OFFICIAL = r"(?:ministry|department|agency|police|government|authorities|authority|office|commission|regulator|army|military|coastguard|coast guard|health service|statistics office)"
_TRAILING_ORG = re.compile(
    rf",\s+(?P<name>(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){{0,4}}(?:[a-z]+\s+)?(?i:{_OFFICIAL}))\s+(?:has\s+|had\s+)?(?P<verb>said|says|reported|reports|estimated|estimates|announced|confirmed)\.?$"
)
_ACCORDING_ORG = re.compile(
    r",\s+according to (?P<name>(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|&)?\s*[A-Z][\w'’&.-]*){0,5})(?:,\s+(?P<appos>(?:a|an|the)\s+[^;\"“”]{3,140}?))?\.?$"
)


_STUDY = re.compile(
    r"^(?:(?:In|By)\s+[^,]{2,40},\s+)?(?:A|The)\s+(?:new\s+|recent\s+|latest\s+|large\s+)?(?P<what>study|report|survey|analysis|paper|review)\s+"
    r"(?P<by>(?:published|released|carried out|conducted|led|issued|commissioned)\s+(?:in|by|on|for)\s+[^,;]{3,80}?|(?:by|from|of)\s+(?:the\s+)?[A-Z][^,;]{2,80}?)"
    r"(?:,\s+[^;]{3,100}?,)?\s+(?P<verb>found|finds|showed|shows|suggested|suggests|concluded|concludes|estimated|estimates|warned|warns|predicted|predicts)\s+(?:that\s+)?(?P<claim>.{15,})$"
)


def _study_sources(ctx: Context) -> list[_Source]:
    """A named study, report or survey whose finding the article reports: "A study published in
    the journal Nature found that ...", "A report by the Resolution Foundation estimated ..."."""
    a = ctx.a
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _STUDY.match(sentence.text.rstrip())
        if match is None or not re.search(r"[A-Z]", match.group("by")) or a.in_quote(sentence.start + match.start("verb")):
            continue
        if not _claim_ok(a, sentence, match.group("claim")):
            continue
        what = match.group("what")
        return [_Source(f"the {what}", "study", sentence, ctx.trim(sentence.start, sentence.end), bool(_NUMBER_LIKE.search(match.group("claim"))), what)]
    return []


_LEADING_ACCORDING = re.compile(
    r"^According to (?P<name>(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:of|for|and|on|&)?\s*[A-Z][\w'’&.-]*){0,5})"
    r"(?:,\s+(?P<appos>(?:a|an|the)\s+[^;,\"“”]{3,100}))?,\s+(?P<claim>[a-z0-9£$€A-Z].{15,})$"
)


def _credited_sources(ctx: Context, seen: set[str]) -> list[_Source]:
    """Organisations and officials credited for a figure or finding in a trailing frame:
    "..., according to the Rhodium Group, a research firm", "..., Nigeria's foreign ministry reported."."""
    a = ctx.a
    found: list[_Source] = []
    outlets = {e.name for e in a.entities.values() if e.kind == "outlet"}
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH:
            continue
        text = sentence.text.rstrip()
        match = _ACCORDING_ORG.search(text) or _TRAILING_ORG.search(text) or _LEADING_ACCORDING.match(text)
        if match is None or a.in_quote(sentence.start + match.start("name")):
            continue
        claim = match.group("claim") if match.re is _LEADING_ACCORDING else text[: match.start()]
        name = match.group("name").strip()
        bare = re.sub(r"^the\s+", "", name)
        if bare in seen or bare in outlets or any(bare.startswith(o) for o in outlets):
            continue
        if match.re is not _TRAILING_ORG:
            entity = next((e for e in a.entities.values() if e.name == bare and e.kind in ("org", "group")), None)
            if entity is None and not _org_name(bare):
                continue
            # A public body's figure is checked against other reports of it, not by its reputation.
            kind = "official" if _PUBLIC_BODY.search(bare) else "org"
        else:
            kind = "official"
            if re.match(r"(?:the\s+)?[a-z]", name):
                continue  # "the ministry": which one, this sentence does not say
        figure = bool(_NUMBER_LIKE.search(claim))
        if not figure or not _claim_ok(a, sentence, claim):
            continue
        appos = match.groupdict().get("appos") or ""
        seen.add(bare)
        written = re.sub(r"^The\b", "the", name)
        found.append(_Source(written, kind, sentence, _from_subject(ctx, sentence), figure, described=appos.rstrip(" .")))
    return found


_LATERAL_QUESTIONS = (
    "The article reports: {quote}. Before sharing this, what would you check elsewhere, and where?",
    "A friend wants to share this line from the article: {quote}. What should they check first, and where?",
    "Before you repeat this from the article, {quote}, what should you look up outside it, and where?",
    "You read: {quote}. What is the best check to make before you pass this on?",
)


def _lateral_options(source: _Source, variant: int) -> tuple[str, list[tuple[str, str]]]:
    who, cap = source.name, source.name[:1].upper() + source.name[1:]
    looks = ("Whether the page looks professional and its figures precise", "Anyone can make a page look polished or quote an exact figure; looks say nothing about whether a source or its claim can be trusted.")
    sure = ("Whether the source sounds sure of the point", "Sounding sure is no evidence: a confident source can be wrong. What others in the field say is.")
    if source.kind == "author":
        rights = (
            "What researchers who did not work on the study say about it",
            f"Whether scientists outside {_possessive(source.surname)} team back the findings",
            "What independent experts say about the study, searching other sites",
        )
        own = (f"The press release from {_possessive(source.surname)} institution about the study", "A press release is the institution's own account of its research; it cannot tell you how others in the field judge it.")
        page = (f"What {source.surname} says about the study elsewhere in this article", f"That stays on the page, and with the study's own author: {source.surname} can hardly be an independent judge of the study. Look for researchers who did not work on it.")
        return rights[variant % len(rights)], [page, own, sure if variant % 2 else looks]
    if source.kind == "insider":
        org = source.described
        rights = (
            f"What experts with no part in {org} say about the claim",
            f"Whether experts outside {org} agree, searching other sites",
            f"What independent sources say about {org} and this claim",
        )
        own = (f"{_possessive(org)} own website, for what it says about itself", f"{_possessive(org)} own site presents it as its people wish; it cannot tell you whether experts outside it agree.")
        page = (f"What {source.surname} says about {org} elsewhere in this article", f"That stays on the page, and with someone from {org} itself: {source.surname} is no independent judge of it. Look for experts outside it.")
        return rights[variant % len(rights)], [page, own, looks]
    if source.kind == "study":
        what = source.surname
        rights = (
            f"What researchers who did not work on the {what} say about it",
            f"Whether other experts and outlets back the {_possessive(what)} findings",
            f"What independent sources say about the {what} and who published it",
        )
        own = (f"The {_possessive(what)} own summary of its findings", "A summary by the authors says what they claim, not whether others in the field agree with it.")
        page = (f"Whether the rest of this article agrees with the {what}", f"That stays on the page: the article only reports the {what}. Open other tabs and see what researchers who did not work on it say.")
        return rights[variant % len(rights)], [page, own, looks]
    if source.kind == "expert":
        rights = (
            (f"Whether other experts agree with {source.surname}, searching beyond this page", f"What independent sources say about {source.surname} and this view", f"How others in the field rate {_possessive(source.surname)} work and view")
            if source.about == "view"
            else (f"How others in the field rate {_possessive(source.surname)} research, searching other sites", f"What independent sources say about {_possessive(source.surname)} research", f"Whether other experts cite and rate {_possessive(source.surname)} work")
        )
        own = (f"{_possessive(source.surname)} own university profile, for how the work is described", f"A profile page presents {source.surname} as the university or the expert wishes; it cannot tell you whether others in the field agree.")
        if source.role is not None and "University" not in source.role.role:
            own = (f"{_possessive(source.surname)} own profile page, for how the work is described", f"A profile page presents the work as {source.surname} wishes; it cannot tell you whether others in the field agree.")
        page = ("Whether the article itself calls this person an expert in the field", f"That stays on the page: the article's description of {source.surname} is what you are checking. Leave the page and see what other experts say.")
        if source.role is not None and variant % 2:
            page = (f"How this article describes {source.surname}", f"That stays on the page: the article's description of {source.surname}, \"{source.role.role}\", is what you are checking. Leave the page and see what other experts say.")
        return rights[variant % len(rights)], [page, own, sure if variant % 3 == 2 else looks]
    if source.kind == "outlet":
        rights = (
            f"Whether other outlets have confirmed {_possessive(who)} report",
            f"What other outlets and fact-checkers say about {_possessive(who)} story",
            f"How others rate {who}, and whether other outlets report the same",
        )
        own = (f"{_possessive(cap)} own pages about its standards and history", "An outlet's own pages say how it sees itself, not how others rate it; see whether other outlets confirm the story.")
        page = ("Whether the rest of this article agrees with the report", f"That stays on the page: this article only retells {_possessive(who)} report. Open other tabs and see whether others confirm it.")
        return rights[variant % len(rights)], [page, own, looks]
    if source.kind == "official":
        rights = (
            f"Whether independent sources, such as other outlets, report the same figure as {who}",
            "Whether other outlets or independent bodies give the same figure",
            f"What sources other than {who} report, searching other sites",
        )
        own = (f"A further statement from {who}", f"That is the same source again: a second statement from {who} cannot confirm the first. See whether sources independent of it report the same.")
        page = ("Whether the rest of this article repeats the figure", f"That stays on the page: the article gives the figure as {_possessive(who)}. Open other tabs and see whether independent sources report the same.")
        return rights[variant % len(rights)], [page, own, looks]
    thing = "its figures" if source.figure else "its claim"
    rights = (
        f"What independent sources say about {who} and {thing}",
        f"Who is behind {who}, and whether other sources back {thing}",
        f"How others rate {who} and {thing}, searching other sites",
    )
    own = (f"{_possessive(cap)} own website, for how it describes itself", f"A source's own site tells you how it presents itself, not how others rate it or whether its claim holds. Read what independent sources say about {who}.")
    page = ("Whether other parts of this article back up the same point", f"That stays on the page: an article cannot vouch for its own sources. Open other tabs and see what independent sources say about {who} and {thing}.")
    if source.described and variant % 2:
        page = (f"How the article describes {who}", f"That stays on the page: the article's description, \"{source.described}\", is the reporter's word for it. Open other tabs and see what independent sources say about {who} and {thing}.")
    return rights[variant % len(rights)], [page, own, looks]


def _lateral_explanation(ctx: Context, source: _Source, quote: str) -> str:
    if source.kind == "author":
        return (
            f"The article gives the finding through one of the study's own authors: {quote}; it introduces {source.surname} with these words: \"{source.role.role}\". "
            "Reading laterally means leaving the page to see what researchers who did not work on the study, and other outlets, say about it; "
            "the article, the author's own institution and how sure anyone sounds cannot settle that."
        )
    if source.kind == "insider":
        return (
            f"The article reports it: {quote}; it introduces {source.surname} with these words: \"{source.role.role}\". That is someone from "
            f"{source.described} speaking about {source.described}. Reading laterally means leaving the page to see what experts with no part in it, and other outlets, say; "
            f"the page itself, {_possessive(source.described)} own site and the look of either cannot settle that."
        )
    if source.kind == "expert" and source.role is not None and source.role.role not in quote:
        return (
            f"The article only reports it: {quote}; it introduces {source.surname} with these words: \"{source.role.role}\". Reading laterally means leaving the page "
            f"to see what other, independent sources say about {source.surname} and this view; the page itself, the expert's own profile and the look of either cannot settle that."
        )
    if source.kind == "study":
        return (
            f"The article reports the {_possessive(source.surname)} finding: {quote}. Reading laterally means leaving the page to see what researchers "
            f"who did not work on the {source.surname}, and other outlets, say about it; the page itself, the {_possessive(source.surname)} own summary and the look of either cannot settle that."
        )
    if source.kind == "official":
        return (
            f"The article gives the figure as one source's: {quote}. Reading laterally means leaving the page to see whether sources independent of "
            f"{source.name}, such as other outlets, report the same; the page itself, the same source again and the look of either cannot settle that."
        )
    what = f"this {source.about}" if source.kind == "expert" else "the claim"
    own = "the expert's own profile" if source.kind == "expert" else "the source's own site"
    return (
        f"The article only reports it: {quote}. Reading laterally means leaving the page to see what other, independent "
        f"sources say about {source.name if source.kind != 'expert' else source.surname} and {what}; "
        f"the page itself, {own} and the look of either cannot settle that."
    )


def lateral_reading(ctx: Context) -> list[Suggestion]:
    """What to check elsewhere before sharing a claim the article reports from a named
    organisation, campaign group, official, expert or study author: what independent sources say
    about the source and the claim (lateral reading), not the page itself, the source's own
    account of itself, or the page's looks."""
    out: list[Suggestion] = []
    sources = _sources(ctx)
    following = ctx.number("lateral")  # one start per article, then the next wording for the next item
    for source in sources[:2]:
        quote = ctx.quote(*source.span)
        made = None
        first = following
        for attempt in range(len(_LATERAL_QUESTIONS)):
            variant = first + attempt
            following = variant + 1
            question = _LATERAL_QUESTIONS[variant % len(_LATERAL_QUESTIONS)].format(quote=quote)
            right, wrong = _lateral_options(source, variant)
            options = ctx.options(right, wrong, question)
            item = Item("lateral", "lateral-reading", question, [(o.text, o.correct) for o in options])
            if item_cues(item):
                continue
            evidence = [source.span]
            made = ctx.suggestion(
                "lateral-reading", "lateral-reading", question, _lateral_explanation(ctx, source, quote), evidence, 0.66, f"lateral:{source.name}",
                options=options, about=question,
                note="Ask students to name two places they would open in new tabs (another outlet, a fact-checker, an encyclopedia entry on the source) and what they would look for.",
            )
            break
        if made is not None:
            out.append(made)
    return out


# --- headline vs body: cause against association --------------------------------------------

_NOT_PROOF = re.compile(
    r"\b(?:an? (?:association|link|correlation),? (?:not|rather than)|not (?:proof|evidence) (?:that|of)|cannot (?:prove|show|establish|settle|say)"
    r"|can(?:no|')t (?:prove|show|establish|settle)|does not (?:prove|show) (?:that )?\w+ (?:cause|causes)|not necessarily (?:the )?caus\w*"
    r"|observational|correlation is not causation)",
    re.IGNORECASE,
)
_RESEARCH = re.compile(r"\b(?:stud(?:y|ies)|research\w*|data|survey\w*|trials?|analys[ie]s|paper|findings?|scientists?|experiment\w*|evidence)\b", re.IGNORECASE)
_HEADLINE_HEDGE = re.compile(r"\b(?:may|might|could|linked|link|associated|tied|suggests?|possibly|appears?|seems?)\b|\?", re.IGNORECASE)


def headline_cause(ctx: Context) -> list[Suggestion]:
    """A headline that states flatly what the body says is only a link ("Late-night screens rob
    teenagers of 40 minutes' sleep" against "the study showed an association, not proof")."""
    a = ctx.a
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    if headline is None or _HEADLINE_HEDGE.search(headline.text):
        return []
    # The caution must be the research's, in the reporter's words: "I cannot say" inside a quotation
    # is a witness musing, not a study that found a link only.
    body = next(
        (
            s for s in a.content()
            if s.kind is BlockKind.PARAGRAPH and s.words <= 45 and (m := _NOT_PROOF.search(s.text)) and _RESEARCH.search(s.text)
            and not a.in_quote(s.start + m.start(), s.start + m.end())
        ),
        None,
    )
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


# --- headline vs body: a figure the body qualifies -----------------------------------------------

_FIGURE = re.compile(r"(?<![\w.,])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?(?P<suffix>%|C\b|F\b|mm\b|cm\b|km\b|m\b|bn\b|k\b|\s?(?:per cent|percent|million|billion)\b)?(?:-(?P<compound>[a-z]+))?(?:\s+(?P<noun>[a-z]{3,}))?")
_SUFFIX = {"%": "%", "per cent": "%", "percent": "%", "m": "million", "million": "million", "bn": "billion", "billion": "billion", "k": "thousand"}
_QUALIFIED = [
    ("most", re.compile(r"\b(?:up to|as (?:high|much|many|long|far) as|no more than|at most|fewer than|less than)\s+$", re.I)),
    ("least", re.compile(r"\b(?:at least|more than|upwards of|no fewer than|no less than|a minimum of)\s+$", re.I)),
    ("rough", re.compile(r"\b(?:about|around|roughly|approximately|an estimated|nearly|almost|close to)\s+$", re.I)),
    ("average", re.compile(r"\b(?:on average|an average of|average of)\s+$", re.I)),
]
_RANGE_BEFORE = re.compile(r"\d\S*\s*(?:to|-|–)\s*$")
_CATEGORY = {
    "most": ("As the most it could be", "a maximum"),
    "least": ("As the least it could be", "a minimum"),
    "rough": ("As a rough figure", "an approximate figure"),
    "average": ("As an average", "an average"),
    "exact": ("As an exact figure", "an exact figure"),
}
_NOUN_STOP = frozenset("and the for with from that this than into over after as to of on in at by a an its their".split())


def _figure_key(match: re.Match) -> tuple[str, str]:
    """The value and the unit of a figure: ("20", "hour"), ("34", "C"), ("1.2", "million")."""
    value = match.group("num").replace(",", "") + ("." + match.group("dec") if match.group("dec") else "")
    suffix = (match.group("suffix") or "").strip()
    unit = _SUFFIX.get(suffix.lower(), suffix) if suffix else ""
    noun = match.group("compound") or (match.group("noun") if match.group("noun") not in _NOUN_STOP else "") or ""
    return value, unit or noun[:4]


def _qualifier(text: str, at: int) -> str | None:
    """How the words before a figure qualify it: "most", "least", "rough", "average", "range";
    None when they do not."""
    before = text[max(0, at - 30) : at]
    if _RANGE_BEFORE.search(before):
        return "range"
    return next((name for name, pattern in _QUALIFIED if pattern.search(before)), None)


def headline_figure(ctx: Context) -> list[Suggestion]:
    """A figure the headline or standfirst gives flatly that the body qualifies wherever it gives
    it: "20-hour shifts" against "shifts of up to 20 hours", "34C" against "as high as 34C"."""
    a = ctx.a
    out: list[Suggestion] = []
    top = [s for s in a.content() if s.kind in (BlockKind.HEADLINE, BlockKind.SUMMARY)]
    body = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH and not s.quoted and _usable(s, 60)]
    done: set[tuple[str, str]] = set()
    for sentence in top:
        for match in _FIGURE.finditer(sentence.text):
            key = _figure_key(match)
            if not key[1] or key in done or _qualifier(sentence.text, match.start()) or re.match(r"\s*(?:to|-|–)\s*\d", sentence.text[match.end() :]):
                continue
            if re.fullmatch(r"(?:19|20)\d\d", key[0]) and not key[1]:
                continue  # a year
            found = []
            for other in a.content():
                if other.kind not in (BlockKind.PARAGRAPH, BlockKind.QUOTATION):
                    continue
                for theirs in _FIGURE.finditer(other.text):
                    if _figure_key(theirs) == key:
                        found.append((other, theirs, _qualifier(other.text, theirs.start()), a.in_quote(other.start + theirs.start())))
            plain = [f for f in found if not f[3]]
            if not plain or any(q is None for _, _, q, _ in found):
                continue  # the body also gives it flatly somewhere, or not at all
            first = next(((s, m, q) for s, m, q, _ in plain if q in _CATEGORY and s in body), None)
            if first is None:
                continue
            other, theirs, category = first
            done.add(key)
            where = "headline" if sentence.kind is BlockKind.HEADLINE else "standfirst"
            mine = (sentence.start + match.start(), sentence.start + match.end())
            phrase = ctx.text[mine[0] : mine[1]].strip()
            qualifier = _QUALIFIED_WORDS.search(other.text[: theirs.start()])
            said = qualifier.group(0).strip() if qualifier else ""
            lo = other.start + (qualifier.start() if qualifier else theirs.start())
            body_span = ctx.window(other, lo, other.start + theirs.end(), 20)
            top_span = (sentence.start, sentence.end) if sentence.words <= 22 else ctx.window(sentence, *mine, 12)
            label, noun = _CATEGORY[category]
            deciding = (
                f"The {where} says {ctx.quote(*top_span)}; the body says {ctx.quote(*body_span)}. "
                f"\"{said[:1].upper() + said[1:]}\" makes the figure {noun}, not an exact one."
            )
            fact = f"headline-figure:{key[0]}:{key[1]}"
            question = f"The {where} says {ctx.quote(*top_span)}. How does the body give the figure in \"{phrase}\"?"
            wrong = [
                (_CATEGORY[name][0], f"No: the body says {ctx.quote(*body_span)}, which gives it as {_CATEGORY[category][1]}.")
                for name in ("exact", "most", "least", "rough")
                if name != category and not any(q == name for _, _, q, _ in found)
            ][:3]
            if len(wrong) == 3:
                out.append(
                    ctx.suggestion(
                        "headline-figure", "headline-vs-body", question, deciding, [top_span, body_span], 0.72, fact,
                        options=ctx.options(label, wrong, question), about=question,
                        note="Headlines round and drop qualifiers to fit. Ask students to rewrite the headline so that it keeps the body's qualifier.",
                    )
                )
            out.append(
                ctx.suggestion(
                    "headline-figure", "headline-vs-body", f"The body gives the {where}'s \"{phrase}\" as {noun}, not as an exact figure.",
                    deciding, [top_span, body_span], 0.7, fact, verdict="supported",
                )
            )
            out.append(
                ctx.suggestion(
                    "headline-figure", "headline-vs-body", f"The body gives the {where}'s \"{phrase}\" as an exact figure, just as the {where} does.",
                    f"It does not. {deciding}", [top_span, body_span], 0.68, fact, verdict="contradicted",
                )
            )
    return [s for s in out if s]


_QUALIFIED_WORDS = re.compile(
    r"\b(?:up to|as (?:high|much|many|long|far) as|no more than|at most|fewer than|less than|at least|more than|upwards of|no fewer than"
    r"|no less than|a minimum of|about|around|roughly|approximately|an estimated|nearly|almost|close to|on average|an average of|average of)\s+(?:[$£€])?$",
    re.I,
)


# --- headline vs body: what the headline states flatly and the body attributes or hedges ---------

_HEADLINE_SOURCED = re.compile(
    r"\b(?:says?|said|claims?|claimed|according|reports?|reported|reportedly|allegedly|finds|found|warns?|warned|alleges?|accuses?|suggests?|study|survey|poll)\b|[:\"“‘']|\?$",
    re.IGNORECASE,
)
_HEADLINE_OPEN = re.compile(r"\b(?:may|might|could|set to|expected|likely|braces?|fears?|threat\w*|poised|plans?|to be|would|should|hopes?)\b", re.IGNORECASE)
_TRAILING_SOURCE = re.compile(
    r",\s+(?P<who>(?:the|a|an)\s+(?:[a-z][\w'’-]*\s+){0,4}[a-z][\w'’-]*|(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?:of|and|for|the|[A-Z][\w'’-]+)){0,5})"
    r"\s+(?P<verb>said|says|announced|reported|claimed|estimated|confirmed|told\s+[a-z]+)(?:\s+(?:on|in|last|this|late|early)\s+\w+)?\.?$"
)
_TRAILING_ACCORDING = re.compile(
    r",\s+(?P<verb>according)\s+to\s+(?P<who>(?:the\s+)?[A-Za-z][\w'’-]*(?:\s+(?:of|and|for|the|[A-Za-z][\w'’-]*)){0,5})"
    r"(?:,\s+(?:a|an|the)\s+[^,;\"“”]{3,100})?\.?$"
)
_DATELINE_LEAD = re.compile(r"^[A-Z][A-Z'’. ]{2,},\s+(?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:\s+\([^)]{2,40}\))?\s*[-–—]\s*")
_BODY_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|apparently|may|might|could|is expected to|are expected to|(?:is|are|was|were) (?:believed|thought|understood) to|appears? to|seems? to|likely to|possibly|probably|unconfirmed)\b",
    re.IGNORECASE,
)
_CONTENT_STOP = _PLAIN_STOP | frozenset("after amid over with from into their says said will have more than most year years week weeks".split())


def _stems(text: str) -> set[str]:
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z][a-z'’-]{3,}|[A-Z]{2,}", text) if w.lower() not in _CONTENT_STOP}


def _match(a, part: str, body: list) -> tuple[object, int] | None:
    """The body sentence that says what a headline part says: the most content words (stems) in
    common, at least three and two more than any other sentence, or None when that is unclear."""
    words = _stems(part)
    scored = sorted(((len(words & _stems(s.text)), -s.start, s) for s in body), key=lambda x: (x[0], x[1]), reverse=True)
    if not scored or scored[0][0] < 3 or (len(scored) > 1 and scored[1][0] > scored[0][0] - 2):
        return None
    return scored[0][2], scored[0][0]


# The words a headline and a news lede use for the same movement: "dipped" and "fell".
_SAME_SENSE = {
    "down": "fall fell fallen falling falls dip dipped dips drop dropped drops declin declined declines slid slide slides plung plunged plunges plummet plummeted tumbl tumbled sank sink sinks shrank shrink",
    "up": "rise rose risen rising rises climb climbed climbs soar soared soars jump jumped jumps increas increased increases surge surged surges grew grow grows",
    "die": "die died dies dead kill killed kills death deaths",
    "flee": "flee flees fled fleeing",
    "win": "win wins won winner winning victory",
}
_SENSE = {word: sense for sense, words in _SAME_SENSE.items() for word in words.split()}


def _norm(word: str) -> str:
    """A word reduced for matching a headline against its lede: "emissions" and "emission",
    "opens" and "open", "astronomers" and "astronomer"; words of the same sense to one token."""
    word = re.sub(r"['’]s?$", "", word.lower())
    if word in _SENSE:
        return "=" + _SENSE[word]
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)] + keep
            break
    return word[:6]


def _norms(text: str) -> set[str]:
    return {_norm(w) for w in re.findall(r"[A-Za-z][a-z'’-]{3,}|[A-Z]{2,}", text) if w.lower() not in _CONTENT_STOP and w.lower() not in _STARTERS}


def _lede(a, headline: str, body: list) -> object | None:
    """The sentence of the lede that restates the headline, where plain matching finds none: in
    the first three sentences of the body, two or more words in common with the headline, one
    of them its verb or a word of the same sense ("dipped", "fell"), one more than any other."""
    words = _norms(headline)
    scored = [(len(words & _norms(s.text)), any(w.startswith("=") for w in words & _norms(s.text)), s) for s in body]
    if not scored:
        return None
    best = max(scored, key=lambda x: (x[0], -x[2].start))
    rest = [x[0] for x in scored if x[2] is not best[2]]
    if rest and max(rest) >= best[0]:
        return None
    if best[0] >= 3 and best[2] is body[0]:
        return best[2]  # the lede, three words of the headline in it and more than anywhere else
    if best[0] < 2 or not best[1] or best[2] not in body[:3]:
        return None
    return best[2]


def headline_attributed(ctx: Context) -> list[Suggestion]:
    """A headline that states as fact what the body gives as one source's account ("..., the port
    authority said") or hedges ("could", "reportedly")."""
    a = ctx.a
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    if headline is None or _HEADLINE_SOURCED.search(headline.text):
        return []
    body = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH and not s.quoted and not s.pronoun_start][:8]
    found = _match(a, headline.text, body)
    if found is None:
        lede = _lede(a, headline.text, body)
        found = (lede, 2) if lede is not None else None
    if found is None:
        return []
    sentence, _ = found
    if not _usable(sentence, 50):
        return []
    top = (headline.start, headline.end)
    out: list[Suggestion] = []
    trailing = _TRAILING_SOURCE.search(sentence.text.rstrip()) or _TRAILING_ACCORDING.search(sentence.text.rstrip())
    who = trailing.group("who") if trailing else ""
    if trailing and not re.match(r"(?i)(?:its|their|his|her|they|he|she|it|some|many|one)\b", who) and not a.in_quote(sentence.start + trailing.start()):
        name = ctx.lower_first(who)
        dateline = _DATELINE_LEAD.match(sentence.text)
        lo = sentence.start + (dateline.end() if dateline else 0)
        span = ctx.trim(lo, sentence.end) if sentence.words <= 45 else ctx.window(sentence, sentence.start + trailing.start("who"), sentence.start + trailing.end("verb"), 24)
        deciding = f"The headline, {ctx.quote(*top)}, names no source; the body attributes the same account to {name}: {ctx.quote(*span)}."
        fact = "headline-attributed"
        out.append(
            ctx.suggestion(
                "headline-attributed", "headline-vs-body", f"The headline states as fact what the body attributes to {name}.",
                deciding, [top, span], 0.68, fact, verdict="supported",
                note="Ask students to rewrite the headline so that it keeps the body's attribution, and why a headline writer might drop it.",
            )
        )
        out.append(
            ctx.suggestion(
                "headline-attributed", "headline-vs-body", "The body, like the headline, gives no source for what the headline reports.",
                f"It gives one. {deciding}", [top, span], 0.66, fact, verdict="contradicted",
            )
        )
        return [s for s in out if s]
    hedge = _BODY_HEDGE.search(sentence.text)
    clause = None
    if hedge:
        cuts = [0] + [m.end() for m in re.finditer(r";|,\s+(?:which|while|but|although|though)\b|\s[-–—]\s", sentence.text)] + [len(sentence.text)]
        clause = next(sentence.text[lo:hi] for lo, hi in zip(cuts, cuts[1:]) if lo <= hedge.start() < hi)
    if hedge and len(_stems(clause) & _stems(headline.text)) >= 3 and not _HEADLINE_OPEN.search(headline.text) and not a.in_quote(sentence.start + hedge.start()):
        span = ctx.window(sentence, sentence.start + hedge.start(), sentence.start + hedge.end(), 14)
        word = hedge.group(0)
        deciding = f"The headline, {ctx.quote(*top)}, states it flatly; the body says {ctx.quote(*span)}: \"{word}\" makes it less than certain."
        fact = "headline-hedged"
        out.append(
            ctx.suggestion(
                "headline-hedged", "headline-vs-body", f"The body is less certain than the headline: it says \"{word}\".",
                deciding, [top, span], 0.68, fact, verdict="supported",
                note="Ask students which word of the body the headline dropped, and how the headline would read with it.",
            )
        )
        out.append(
            ctx.suggestion(
                "headline-hedged", "headline-vs-body", "The body states this as flatly as the headline, with no word of doubt.",
                f"It does not. {deciding}", [top, span], 0.66, fact, verdict="contradicted",
            )
        )
    return [s for s in out if s]



# --- headline vs body: a headline word stronger than the body's ----------------------------------

# Headline words that say more than the plain words a report uses for the same thing, each with
# the plain words (stems) the body may use instead.
_STRONG = {
    "slash": ("cut", "reduc", "lower", "trim"), "axe": ("cut", "clos", "scrap", "drop"),
    "soar": ("rise", "rose", "risen", "increas", "grow", "grew", "went up", "climb"),
    "skyrocket": ("rise", "rose", "risen", "increas", "grow", "grew"),
    "plunge": ("fall", "fell", "fallen", "drop", "declin", "decreas"), "plummet": ("fall", "fell", "fallen", "drop", "declin", "decreas"),
    "tumble": ("fall", "fell", "fallen", "drop", "declin"),
    "slam": ("criticis", "criticiz", "question"),
    "confirm": ("reportedly", "is understood", "are understood", "is believed", "are believed", "said to be"),
    "prove": ("suggest", "indicat", "linked", "associat"),
    "ban": ("restrict", "limit", "recommend", "consider"), "scrap": ("review", "pause", "consider", "delay"),
}


def _forms(stem: str) -> list[str]:
    """The forms of a headline verb: "slash", "slashes", "slashed", "slashing"; "ban", "bans",
    "banned", "banning"; "prove", "proves", "proved", "proving"."""
    if stem.endswith("e"):
        return [stem, stem + "s", stem + "d", stem[:-1] + "ing"]
    double = stem + stem[-1] if re.search(r"[^aeiou][aeiou][bcdfgklmnprstvz]$", stem) and len(stem) <= 5 else stem
    return [stem, stem + ("es" if stem.endswith(("sh", "ch", "s", "x")) else "s"), double + "ed", double + "ing"]


_STRONG_FORMS = {form: stem for stem in _STRONG for form in _forms(stem)}
_STRONG_RE = re.compile(r"\b(" + "|".join(sorted(_STRONG_FORMS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def headline_word(ctx: Context) -> list[Suggestion]:
    """A headline word stronger than the body's word for the same thing ("slashes" against
    "reduces", "confirms" against "reportedly"), when the body never uses the headline's word."""
    a = ctx.a
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    if headline is None:
        return []
    strong = _STRONG_RE.search(headline.text)
    if strong is None or a.in_quote(headline.start + strong.start()) or re.search(r"[\"“‘']", headline.text):
        return []
    stem = _STRONG_FORMS[strong.group(1).lower()]
    word = strong.group(0)
    body = [s for s in a.content() if s.body]
    if any(re.search(rf"\b{stem[:-1] if stem.endswith('e') else stem}", s.text, re.IGNORECASE) for s in body):
        return []  # the body uses the word too
    rest = headline.text[: strong.start()] + headline.text[strong.end() :]
    candidates = [s for s in body if s.kind is BlockKind.PARAGRAPH and not s.quoted and not s.pronoun_start][:8]
    found = _match(a, rest, candidates)
    if found is None:
        return []
    sentence, _ = found
    plain = next((m for m in (re.search(rf"\b{re.escape(p)}\w*", sentence.text, re.IGNORECASE) for p in _STRONG[stem]) if m and not a.in_quote(sentence.start + m.start())), None)
    if plain is None or not _usable(sentence, 50):
        return []
    top = (headline.start, headline.end)
    span = ctx.window(sentence, sentence.start + plain.start(), sentence.start + plain.end(), 16)
    said = plain.group(0)
    deciding = f"The headline says {ctx.quote(*top)}; the body puts it as {ctx.quote(*span)}. The headline's \"{word}\" says more than \"{said}\", and the body never uses it."
    fact = f"headline-word:{stem}"
    out = [
        ctx.suggestion(
            "headline-word", "headline-vs-body", f"The headline's \"{word}\" is stronger than the body's word for the same thing, \"{said}\".",
            deciding, [top, span], 0.68, fact, verdict="supported",
            note="Ask students to rewrite the headline with the body's word, and to say what changes for a reader.",
        ),
        ctx.suggestion(
            "headline-word", "headline-vs-body", f"The body uses the same word as the headline, \"{word}\".",
            f"It does not. {deciding}", [top, span], 0.66, fact, verdict="contradicted",
        ),
    ]
    return [s for s in out if s]



# --- headline vs body: the whole in the headline, a part in the body -----------------------------

_PART = re.compile(
    r"\b(?P<q>(?:[Pp]art|[Pp]arts|[Aa] section|[Ss]ections|[Aa] stretch|[Oo]ne lane|[Hh]alf)\s+of)\s+"
    r"(?P<x>(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})"
)


def headline_scope(ctx: Context) -> list[Suggestion]:
    """A headline that names the whole of a place or body ("closes Kelby High Street") where the
    body says only a part of it ("Part of Kelby High Street was closed")."""
    a = ctx.a
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    if headline is None:
        return []
    body = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH and not s.quoted and not s.pronoun_start][:8]
    found = _match(a, headline.text, body)
    if found is None or not _usable(found[0], 50):
        return []
    sentence = found[0]
    part = _PART.search(sentence.text)
    if part is None or a.in_quote(sentence.start + part.start()):
        return []
    whole = re.sub(r"^the\s+", "", part.group("x"))
    if whole.split()[-1] not in PLACE_WORDS | {"Line", "Motorway", "Estate", "Centre", "Town", "Village", "County", "Lane", "Way"} and whole not in PLACES:
        return []  # "part of the Labour group": not a place the headline names whole
    others = [s for s in a.content() if s.body and s is not sentence and whole in s.text]
    if any(not re.search(r"(?i)\b(?:part|parts|section|sections|stretch|lane|half)\s+of\s+(?:the\s+)?$", o.text[: o.text.find(whole)]) for o in others):
        return []  # the body names the whole of it elsewhere
    at = headline.text.find(whole)
    if at < 0 or re.search(r"(?i)\b(?:part|parts|section|sections|stretch|lane|half|some|few)\s+of\s+(?:the\s+)?$", headline.text[:at]):
        return []
    top = (headline.start, headline.end)
    span = ctx.window(sentence, sentence.start + part.start(), sentence.start + part.end(), 14)
    said = part.group(0)
    deciding = f"The headline says {ctx.quote(*top)}; the body says {ctx.quote(*span)}: \"{part.group('q').lower()}\" {whole}, not all of it."
    fact = f"headline-scope:{whole}"
    out = [
        ctx.suggestion(
            "headline-scope", "headline-vs-body", f"Where the headline names {whole}, the body speaks only of \"{said[:1].lower() + said[1:]}\".",
            deciding, [top, span], 0.68, fact, verdict="supported",
            note="Ask students what a reader who saw only the headline would believe, and what the body adds.",
        ),
        ctx.suggestion(
            "headline-scope", "headline-vs-body", f"The body, like the headline, speaks of the whole of {whole}.",
            f"It does not. {deciding}", [top, span], 0.66, fact, verdict="contradicted",
        ),
    ]
    return [s for s in out if s]



# --- headline vs body: one source's figure, disputed by another ---------------------------------

_PUT_AT = re.compile(r"\bput (?:the|its|their) (?:figure|number|total|toll|count|estimate)(?: [a-z ]{0,40}?)? at\b[^.;]*?(?P<num>\d[\d,.]*)")


def headline_disputed(ctx: Context) -> list[Suggestion]:
    """A headline or standfirst figure that the body gives as one source's, next to another
    source who "put the figure at" something else."""
    a = ctx.a
    out: list[Suggestion] = []
    top = [s for s in a.content() if s.kind in (BlockKind.HEADLINE, BlockKind.SUMMARY)]
    body = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH and not s.quoted]
    for sentence in top:
        for match in _FIGURE.finditer(sentence.text):
            key = _figure_key(match)
            if not key[1] or re.fullmatch(r"(?:19|20)\d\d", key[0]):
                continue
            for number, first in enumerate(body):
                theirs = next((m for m in _FIGURE.finditer(first.text) if _figure_key(m) == key and not a.in_quote(first.start + m.start())), None)
                attribution = next((att for att in a.attributions if att.sentence == first.index and att.frame in ("verb", "according")), None)
                if theirs is None or attribution is None or not _usable(first, 40) or attribution.speaker.start > first.start + theirs.start():
                    continue
                other = next(((s, m) for s in body[number + 1 : number + 3] for m in [_PUT_AT.search(s.text)] if m and _usable(s, 45)), None)
                if other is None:
                    break
                second, put = other
                value, their_value = float(key[0]), float(put.group("num").replace(",", "").rstrip("."))
                if value == their_value:
                    break
                where = "headline" if sentence.kind is BlockKind.HEADLINE else "standfirst"
                lead = _QUALIFIED_WORDS.search(sentence.text[: match.start()])
                phrase = sentence.text[lead.start() if lead else match.start() : match.end()].strip()
                mine = (sentence.start, sentence.end) if sentence.words <= 22 else ctx.window(sentence, sentence.start + match.start(), sentence.start + match.end(), 12)
                span_one = ctx.trim(first.start, first.end)
                span_two = ctx.window(second, second.start + put.start(), second.start + put.end(), 14)
                who = ctx.lower_first(attribution.speaker.text)
                deciding = f"The {where} says {ctx.quote(*mine)}. In the body that is one source's figure, {ctx.quote(*span_one)}; another gives a different one: {ctx.quote(*span_two)}."
                fact = f"headline-disputed:{key[0]}"
                out.append(
                    ctx.suggestion(
                        "headline-disputed", "headline-vs-body", f"The {where}'s \"{phrase}\" is the figure given by {who}; the body reports a {'lower' if their_value < value else 'higher'} figure from another source.",
                        deciding, [mine, span_one, span_two], 0.7, fact, verdict="supported",
                        note="Ask students why the headline writer picked one figure, and how the headline would read with both.",
                    )
                )
                out.append(
                    ctx.suggestion(
                        "headline-disputed", "headline-vs-body", f"Every source in the body agrees with the {where}'s \"{phrase}\".",
                        f"Not every source does. {deciding}", [mine, span_one, span_two], 0.68, fact, verdict="contradicted",
                    )
                )
                return [s for s in out if s]
    return [s for s in out if s]



# --- headline vs body: done in the headline, still to come or only possible in the body ----------

_PENDING = (
    r"(?P<hedge>(?:is|are)\s+(?:(?:now|still)\s+)?(?:preparing|expected|planning|hoping|likely|poised|due|scheduled|set|getting ready)\s+to"
    r"|(?:plans|plan|aims|aim|hopes|hope|wants|want|intends|intend|proposes|propose|seeks|seek|threatens|threaten)\s+to|may|might|could)"
)
_LATER = frozenset("preparing expected planning hoping poised due scheduled set getting plans plan aims aim hopes hope wants want intends intend proposes propose seeks seek threatens threaten".split())


def _bases(word: str) -> list[str]:
    """The plain forms a headline verb may come from: "opens" -> "open", "closed" -> "close",
    "banned" -> "ban", "cuts" -> "cut"."""
    word = word.lower()
    found = []
    if word.endswith("es"):
        found += [word[:-2], word[:-1]]
    elif word.endswith("s") and not word.endswith("ss"):
        found.append(word[:-1])
    return [b for b in dict.fromkeys(found) if len(b) >= 3]


def headline_pending(ctx: Context) -> list[Suggestion]:
    """A headline that states as done (present tense: "Telescope opens to astronomers") what
    the lede gives as still to come or only possible ("is preparing to open", "could open"),
    when the body never says it flatly."""
    a = ctx.a
    headline = next((s for s in a.content() if s.kind is BlockKind.HEADLINE), None)
    if headline is None or _HEADLINE_SOURCED.search(headline.text) or _HEADLINE_OPEN.search(headline.text) or re.search(r"\bwill\b", headline.text, re.IGNORECASE):
        return []
    body = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH and not s.quoted and not s.pronoun_start][:4]
    paragraphs = [s for s in a.content() if s.body]
    out: list[Suggestion] = []
    for verb in re.finditer(r"\b([a-z]{3,}s)\b", headline.text):
        word = verb.group(1)
        after = _norms(headline.text[verb.end() :])
        for base in _bases(word):
            flat = re.compile(rf"\b(?:{re.escape(word)}|{re.escape(base)}e?d|{re.escape(base)}{re.escape(base[-1])}ed)\b", re.IGNORECASE)
            if any(flat.search(p.text) for p in paragraphs):
                break  # the body says it flatly somewhere
            for sentence in body:
                match = re.search(rf"\b{_PENDING}\s+(?:soon\s+|also\s+|eventually\s+)?(?P<verb>{re.escape(base)})\b(?P<next>(?:\s+[\w'’-]+){{1,5}})", sentence.text)
                if match is None or a.in_quote(sentence.start + match.start()) or not _usable(sentence, 50):
                    continue
                if not (after & _norms(match.group("next"))) or len(_norms(headline.text) & _norms(sentence.text)) < 2:
                    continue  # not plainly the same thing
                later = match.group("hedge").split()[-2 if match.group("hedge").endswith(" to") else -1].lower() in _LATER
                said = sentence.text[match.start() : match.end("verb")]
                top = (headline.start, headline.end)
                span = ctx.window(sentence, sentence.start + match.start(), sentence.start + match.end(), 16)
                hedge = match.group("hedge")
                meaning = "puts it in the future: it has not happened yet" if later else "makes it only possible, not certain"
                deciding = f"The headline says {ctx.quote(*top)}; the body says {ctx.quote(*span)}. \"{hedge[:1].upper() + hedge[1:]}\" {meaning}."
                fact = "headline-hedged"  # the same point as a hedge the headline drops: one of them
                out.append(
                    ctx.suggestion(
                        "headline-pending", "headline-vs-body", f"The headline's \"{word}\" is firmer than the body, which says \"{said}\".",
                        deciding, [top, span], 0.69, fact, verdict="supported",
                        note="Ask students what a reader who saw only the headline would believe had already happened, and what the body says.",
                    )
                )
                out.append(
                    ctx.suggestion(
                        "headline-pending", "headline-vs-body", f"The body is as firm as the headline's \"{word}\": it says this has happened.",
                        f"It is not. {deciding}", [top, span], 0.67, fact, verdict="contradicted",
                    )
                )
                return [s for s in out if s]
    return []


# --- headline vs body: a headline the body backs word for word -----------------------------------


def headline_backed(ctx: Context) -> list[Suggestion]:
    """A headline or standfirst sentence that one sentence of the body states in the same words,
    flatly and in the reporter's own voice: the body backs it. Only when exactly one sentence
    does, its figures are the same, and no other sentence gives another figure for the same thing."""
    a = ctx.a
    out: list[Suggestion] = []
    body = [s for s in a.content() if s.kind is BlockKind.PARAGRAPH]
    for number, top in enumerate(s for s in a.content() if s.kind in (BlockKind.HEADLINE, BlockKind.SUMMARY)):
        if top.pronoun_start or top.text.rstrip().endswith("?") or re.search(r"[\"“”‘]", top.text) or top.words < 5:
            continue
        words = _norms(top.text)
        figures = set(re.findall(r"\d[\d,.]*\d|\d", top.text))
        if len(words) < 3:
            continue
        backing = [s for s in body if words <= _norms(s.text) and figures <= set(re.findall(r"\d[\d,.]*\d|\d", s.text))]
        if len(backing) != 1:
            continue
        sentence = backing[0]
        negation = r"\b(?:not|no|never|neither|nor|denied|denies|rejected|rejects|failed|fails)\b|n['’]t\b"
        if re.search(negation, sentence.text, re.IGNORECASE) and not re.search(negation, top.text, re.IGNORECASE):
            continue  # the same words, denied
        if _norms(sentence.text) <= words | {"the"} or re.sub(r"\W+", " ", sentence.text).strip().lower().startswith(re.sub(r"\W+", " ", top.text).strip().lower()[:-1]) and sentence.words <= top.words + 2:
            continue  # the same sentence again: a repeat, not backing
        if sentence.quoted or not _usable(sentence, 45) or a.in_quote(sentence.start) or _BODY_HEDGE.search(sentence.text):
            continue
        if _TRAILING_SOURCE.search(sentence.text.rstrip()) or _TRAILING_ACCORDING.search(sentence.text.rstrip()) or re.search(r"\b(?:said|says|according to|reported|told)\b", sentence.text):
            continue  # attributed in the body: that is another question
        if _HEADLINE_SOURCED.search(top.text) and not re.search(r"\b(?:says?|said|according|reports?|reported|finds|found)\b", sentence.text):
            continue
        rivals = [
            s for s in body if s is not sentence and len(words & _norms(s.text)) >= 2
            and (set(re.findall(r"\d[\d,.]*\d|\d", s.text)) - figures) and figures
        ]
        if rivals:
            continue  # another figure for what may be the same thing: not unambiguous
        where = "headline" if top.kind is BlockKind.HEADLINE else "standfirst"
        lo = sentence.start + (_DATELINE_LEAD.match(sentence.text).end() if _DATELINE_LEAD.match(sentence.text) else 0)
        span = ctx.trim(lo, sentence.end)
        mine = (top.start, top.end)
        deciding = f"The {where} says {ctx.quote(*mine)}; the body says it in so many words: {ctx.quote(*span)}."
        fact = f"headline-backed:{top.index}"
        out.append(
            ctx.suggestion(
                "headline-backed", "headline-vs-body", f"The body backs the {where}'s {ctx.quote(*mine)}.",
                deciding, [mine, span], 0.64, fact, verdict="supported",
                note="Ask students which sentence of the body backs the headline, and whether it adds anything the headline leaves out.",
            )
        )
        out.append(
            ctx.suggestion(
                "headline-backed", "headline-vs-body", f"Nothing in the body backs the {where}'s {ctx.quote(*mine)}.",
                f"The body does back it. {deciding}", [mine, span], 0.62, fact, verdict="contradicted",
            )
        )
    return [s for s in out if s]


RULES = [headline_body, headline_figure, headline_disputed, headline_attributed, headline_word, headline_scope, content_clutter, lateral_reading, headline_cause, headline_pending, headline_backed]
