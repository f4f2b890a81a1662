"""Missing information: what the page does not tell the reader (a byline, the response of the
party it criticises, a reply it mentions but does not give, an answer a source would not give,
who paid for a study, an undisclosed sum, the reason for a resignation or a cancellation).

Each "not in the article" claim is a plausible detail checked absent against every sentence; each
claim about the article itself ("The article does not say who paid for the study") is decided by
the article, with the absence checked the same way."""

from __future__ import annotations

import re

from ...articles.text import BlockKind
from ..analysis import NUMBER_WORDS
from ..model import Suggestion
from .attribution import _main_org, _organisation
from .base import _CRITICISM, _UNRESOLVED, Context, _absent, _balanced, _clause, _clean, _dangling, _plain_group, _possessive, _usable, _words

# --- missing information -------------------------------------------------------------------------


# The writer named in the text, anywhere: a foot-of-story contact line or sign-off.
_SIGNED = re.compile(
    r"\b(?:To contact the (?:reporter|writer|author)s?(?: on this story)?\s*:|(?:Reporter|Writer|Author)\s*:\s*[A-Z]|"
    r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\s+(?:may|can) be (?:reached|contacted) at\b|(?:Reporting|Writing|Additional reporting) by\s+[A-Z])"
)


def missing_byline(ctx: Context) -> list[Suggestion]:
    """No byline: the text does not say who wrote it."""
    a = ctx.a
    if a.article.author is not None or _SIGNED.search(a.text):
        return []  # a byline, or the writer named at the foot: "To contact the reporter on this story: Steve Matthews"
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


def _criticised_org(a):
    """The organisation the story criticises: the most mentioned organisation named in a
    sentence of protest or criticism, counting one whose own staff the article names as a group
    ("Amazon employees") as plainly an organisation; never a place."""
    groups = {e.org.key for e in a.entities.values() if e.kind == "group" and e.org is not None}
    best = None
    for entity in a.entities.values():
        if entity.kind != "org" or len(entity.mentions) < 3:
            continue
        if not any(_CRITICISM.search(s.text) for s in a.sentences_mentioning(entity)):
            continue
        name = re.escape(entity.name)
        if re.search(rf"\b(?:in|near|across|around)\s+{name}\b|\btown of\s+{name}\b", a.text):
            continue
        if not (_organisation(a, entity) or entity.key in groups):
            continue
        if best is None or len(entity.mentions) > len(best.mentions):
            best = entity
    return best or _main_org(a)


def missing_response(ctx: Context) -> list[Suggestion]:
    """The criticised party's side: no response reported (a claim that it responded is not in
    the article; a claim that the article reports none is supported)."""
    a = ctx.a
    main = _criticised_org(a)
    if main is None:
        return []
    people = [main.name] + [e.name for e in a.entities.values() if e.org is main]
    alias = main.name.split()[-1]
    # The organisation, someone speaking for it, or words naming it as the speaker; its own staff
    # or shareholders ("Amazon workers wrote") are its critics, not its voice.
    if any(att.who is main or (re.search(rf"\b{re.escape(alias)}\b", att.speaker.text, re.IGNORECASE) and not (att.who is not None and att.who.kind == "group")) for att in a.attributions + [att for _, att in a.quote_attributions]):
        return []  # the organisation, or someone speaking for it, is heard
    # A person the article describes with it ("Sister Sharon Holland, the head of the LCWR, told
    # reporters"): its voice, whatever the analysis made of the speaker.
    for att in a.attributions + [att for _, att in a.quote_attributions]:
        if att.who is None or att.who.kind != "person" or att.sentence >= len(a.sentences):
            continue
        for start, end in att.who.mentions:
            sentence = a.sentence_at(start)
            if sentence is None:
                continue
            near = a.text[max(sentence.start, start - 100) : min(sentence.end, end + 100)]
            if re.search(rf"\b{re.escape(alias)}\b", near):
                return []
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
                f"The article reports no reply from {main.name}: it gives the criticism, such as {ctx.quote(*evidence)}, but no answer from {main.name}. Not reporting a reply is not the same as saying there was none: the text does not tell either way.",
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




# --- what a party would not say ---------------------------------------------------------------

# "declined to say how many jobs would go", "has not said what will happen to the building",
# "did not disclose when the work would start": the article itself marks a gap.
_GAP = re.compile(
    r"\b(?P<neg>did not|didn['’]t|would not|wouldn['’]t|has not|hasn['’]t|have not|haven['’]t|declined to|refused to)\s+"
    r"(?P<verb>say|said|disclose|disclosed|reveal|revealed|specify|specified)\s+"
    r"(?:for\s+)?(?P<wh>how many|how much|how long|when|where|what|which|who)\b(?P<rest>[^,;:.\"“”()]*)"
)
# A second question after the first: "did not say for how long, or how many locums had agreed".
_GAP_OR = re.compile(r",?\s+or\s+(?:for\s+)?(?P<wh>how many|how much|how long|when|where|what|which|who)\b(?P<rest>[^,;:.\"“”()]*)")
# The speaker of "X said ..., but did not say ...": the last short subject before "said".
_SAID_BY = re.compile(r"(?:^|,\s+|;\s+)(?P<s>(?:[Tt]he|[Aa]n?)\s+(?:[a-z-]+\s+){0,3}?[a-z-]+|[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,4})\s+said\b")
# A wh-clause that stands on its own: no pronoun, no "that work" pointing back, no "for".
_BACK = re.compile(r"\b(?:that|this|these|those|such|it|its|they|them|their|he|his|him|she|her|one)\b", re.IGNORECASE)
_TENSE = {
    ("did not", "say"): ("said", "did not say"), ("didn't", "say"): ("said", "did not say"), ("didn’t", "say"): ("said", "did not say"),
    ("would not", "say"): ("said", "did not say"), ("wouldn't", "say"): ("said", "did not say"), ("wouldn’t", "say"): ("said", "did not say"),
    ("declined to", "say"): ("said", "did not say"), ("refused to", "say"): ("said", "did not say"),
    ("has not", "said"): ("has said", "has not said"), ("hasn't", "said"): ("has said", "has not said"), ("hasn’t", "said"): ("has said", "has not said"),
    ("have not", "said"): ("have said", "have not said"), ("haven't", "said"): ("have said", "have not said"), ("haven’t", "said"): ("have said", "have not said"),
    ("did not", "disclose"): ("disclosed", "did not disclose"), ("declined to", "disclose"): ("disclosed", "did not disclose"),
    ("has not", "disclosed"): ("has disclosed", "has not disclosed"), ("did not", "reveal"): ("revealed", "did not reveal"),
    ("declined to", "reveal"): ("revealed", "did not reveal"), ("has not", "revealed"): ("has revealed", "has not revealed"),
    ("did not", "specify"): ("specified", "did not specify"), ("has not", "specified"): ("has specified", "has not specified"),
}
_GAP_COUNTS = ["Twelve", "Thirty", "Fifteen", "Forty"]
_GAP_VALUES = {"twelve": 12, "thirty": 30, "fifteen": 15, "forty": 40}


def _gap_subject(sentence, at: int) -> tuple[str, int] | None:
    """Return who would not say: the plain subject of the clause that holds the gap ("A
    spokesperson for the company", "The council"), or None when it is a pronoun, absent, or
    more than a short noun phrase."""
    head = sentence.text[: at - sentence.start]
    if re.search(r",\s+but\s*$", head):
        # "The board said that ..., but did not say ...": the speaker of "said".
        said = list(_SAID_BY.finditer(head))
        if not said or _UNRESOLVED.search(said[-1].group("s")) or re.search(r"[\"“”]", head[: said[-1].start("s")]):
            return None
        subject = said[-1].group("s")
        return subject, said[-1].start("s")
    if re.search(r"\bbut\s*$|\band\s*$", head):
        return None
    intro = re.match(r"^(?:[A-Z][^,]{1,40}),\s+", head)
    subject = head[intro.end() if intro else 0 :].strip()
    subject = re.sub(r"\s+(?:also|still|so far|yet)$", "", subject)
    if not subject or _words(subject) > 7 or re.search(r"[,;:\"“”]", subject):
        return None
    if not subject[0].isupper() or _UNRESOLVED.search(subject) or re.search(r"\b(?:who|which|that|and|said|says|is|was|were|are|had|has)\b", subject):
        return None
    return subject, head.find(subject, intro.end() if intro else 0)


def _lower_article(ctx: Context, phrase: str) -> str:
    """Lower "A spokesperson for ..." or "The council" for use inside a sentence."""
    if re.match(r"(?:A|An|The)\s+[a-z]", phrase):
        return phrase[:1].lower() + phrase[1:]
    return ctx.lower_first(phrase)


def missing_unsaid(ctx: Context) -> list[Suggestion]:
    """A gap the article itself marks: "X declined to say how many jobs would go". Three claims
    on the same fact: that X said it (contradicted), that X did not (supported), and, for "how
    many", a count the article never gives (not in the article)."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 50) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        for match in _GAP.finditer(sentence.text):
            at = sentence.start + match.start()
            if a.in_quote(at):
                continue
            neg, verb = match.group("neg"), match.group("verb")
            forms = _TENSE.get((neg, verb))
            if forms is None:
                continue
            found = _gap_subject(sentence, at)
            if found is None:
                continue
            subject, subject_at = found
            who = _lower_article(ctx, subject)
            questions = [match]
            follow = _GAP_OR.match(sentence.text, match.end())
            if follow:
                questions.append(follow)
            question = None
            for candidate in questions:
                rest = re.split(r"\s+(?:or|and|but|because|as|although|though)\s+", candidate.group("rest").strip())[0].strip()
                if _words(rest) >= 3 and _words(rest) <= 13 and not _BACK.search(rest):
                    question = (candidate, rest)
                    break
            if question is None:
                continue
            candidate, rest = question
            wh = candidate.group("wh")
            clause = f"{wh} {rest}"
            passage = ctx.trim(sentence.start + subject_at, sentence.start + candidate.start("rest") + len(candidate.group("rest").rstrip()))
            if _words(a.text[passage[0] : passage[1]]) > 32:
                continue
            deciding = ctx.quote(*passage)
            said, unsaid = forms
            fact = f"unsaid:{sentence.index}:{match.start()}"
            out.append(
                ctx.suggestion(
                    "missing-unsaid", "missing-information", f"According to the article, {who} {said} {clause}.",
                    f"The article says the opposite: {deciding}. It reports that this was not said, and gives no answer.",
                    [passage], 0.62, fact, verdict="contradicted",
                    note="The claim turns a gap the article reports into an answer. Ask students to find the words that say no answer was given.",
                )
            )
            out.append(
                ctx.suggestion(
                    "missing-unsaid", "missing-information", f"According to the article, {who} {unsaid} {clause}.",
                    f"The article says {deciding}: the question is left open.",
                    [passage], 0.58, fact, verdict="supported",
                )
            )
            if wh == "how many":
                noun = re.match(r"([a-z][a-z-]*s)\b\s+(.+)$", rest)
                if noun is None:
                    continue
                thing, tail = noun.group(1), noun.group(2)
                tail = re.sub(r"^would\b", "will", tail)
                if not re.match(r"(?:will|had|have|has|were|are|was|could|can|did|do|[a-z]+ed)\b", tail):
                    continue
                stem = thing[:-1]
                # A number for the same things anywhere ("420 jobs", "jobs ... 420") and the count is no gap.
                counted = any(s.numbers and re.search(rf"\b{re.escape(thing)}\b", s.text, re.IGNORECASE) for s in a.content()) or re.search(
                    rf"(?:\d|\b(?:{'|'.join(NUMBER_WORDS)}))\s+(?:[a-z-]+\s+)?{re.escape(stem)}s?\b", a.text, re.IGNORECASE
                )
                choices = [c for c in _GAP_COUNTS if _absent(a, [c.lower(), str(_GAP_VALUES[c.lower()])], [stem])]
                if counted or not choices:
                    continue
                count = ctx.pick(choices, "unsaid-count", sentence.index)
                out.append(
                    ctx.suggestion(
                        "missing-unsaid", "missing-information", f"{count} {thing} {tail}.",
                        f"The article gives no number: it says {deciding}. A count of {count.lower()} is neither supported nor ruled out; the article reports that the figure was not given.",
                        [passage], 0.66, fact, verdict="not_in_article",
                        note="Not \"contradicted\": nothing in the article rules the number out. It only says that no number was given.",
                    )
                )
            elif wh == "when":
                when = _when_claim(a, sentence, rest)
                if when is not None:
                    claim, time = when
                    out.append(
                        ctx.suggestion(
                            "missing-unsaid", "missing-information", claim,
                            f"The article gives no time: it says {deciding}. \"{time[:1].upper()}{time[1:]}\" is neither supported nor ruled out; the article reports that no time was given.",
                            [passage], 0.66, fact, verdict="not_in_article",
                            note="Not \"contradicted\": nothing in the article rules the time out. It only says that none was given.",
                        )
                    )
    return [s for s in out if s]


_WHEN_TIMES = ["next month", "by the end of the year", "within six months"]


def _when_claim(a, sentence, rest: str) -> tuple[str, str] | None:
    """For "did not say when the road would reopen": "The road will reopen next month.", when
    the subject is a plain "the ..." phrase and no sentence dates anything about it."""
    match = re.match(r"(?P<np>the\s+(?:[a-z-]+\s+){0,3}?[a-z-]+)\s+(?P<aux>would|will)\s+(?P<vp>(?:be\s+)?[a-z]+(?:\s+[a-z-]+){0,6})$", rest)
    if match is None:
        return None
    head = match.group("np").split()[-1]
    for other in a.content():
        if other.index == sentence.index or not re.search(rf"\b{re.escape(head)}s?\b", other.text, re.IGNORECASE):
            continue
        if other.dates or re.search(r"\b(?:soon|later|next|within|by|until|before|after|expect\w*|due|scheduled|planned|timetable|dates?|spring|summer|autumn|winter|year|month|week|days?)\b", other.text, re.IGNORECASE):
            return None  # something about it is dated or timed: the time may be in the article after all
    times = [t for t in _WHEN_TIMES if _absent(a, [t])]
    if not times:
        return None
    time = times[len(rest) % len(times)]
    np = match.group("np")
    return f"{np[:1].upper()}{np[1:]} will {match.group('vp')} {time}.", time



# --- who paid for a study --------------------------------------------------------------------

_STUDY = re.compile(r"\b(?:a|the|this|their|its|new)\s+(?:new\s+|large\s+|national\s+|recent\s+|current\s+|latest\s+)?(?P<noun>study|survey|poll)\b(?!\s+(?:of|from|in)\s+\d)", re.IGNORECASE)
_REPORT_SIGN = re.compile(r"\bauthors?\s+of\s+the\s+(?P<noun>report)\b|\bthe\s+(?P<noun2>report)['’]s\s+(?:lead\s+)?authors?\b".replace("(?P<noun2>report)", "report"))
# Signs that the article is about one study of its own: its authors, "the current study", a
# colleague "not involved in the study".
_ONE_STUDY = re.compile(r"\bauthors?\s+of\s+the\s+(?:study|survey)\b|\b(?:study|survey)\s+(?:co-?authors?|authors?|leaders?)\b|\b(?:the\s+)?(?:current|new|latest)\s+(?:study|survey)\b|\bnot involved in the (?:study|survey|research)\b|\b(?:lead|senior|first)\s+author\b", re.IGNORECASE)
# Any word about who paid: then the article does say, or comes close enough to argue.
_FUNDING = re.compile(
    r"\b(?:fund\w*|paid|pay|paying|payment|commission\w*|financ\w*|sponsor\w*|backed|backing|grants?|bankroll\w*|on behalf of|conflicts? of interest|money)\b",
    re.IGNORECASE,
)


def missing_funder(ctx: Context) -> list[Suggestion]:
    """A study the article reports without saying who paid for it: a claim that an organisation
    it names funded the study is not in the article; a claim that the article says who paid is
    contradicted, and that it does not, supported."""
    a = ctx.a
    content = [s for s in a.content() if s.kind is not BlockKind.HEADLINE]
    if any(_FUNDING.search(s.text) for s in a.content()):
        return []
    mentions = [(s, m) for s in content for m in _STUDY.finditer(s.text) if not a.in_quote(s.start + m.start())]
    report_signs = [s for s in content if _REPORT_SIGN.search(s.text) and not s.quoted]
    if not mentions and report_signs:
        # "Trevor Houser, a partner at Rhodium and author of the report": the article's report.
        mentions = [(s, m) for s in report_signs for m in _REPORT_SIGN.finditer(s.text) if not a.in_quote(s.start + m.start())]
    nouns = {m.group("noun").lower() for _, m in mentions}
    signs = [s for s in content if (_ONE_STUDY.search(s.text) or _REPORT_SIGN.search(s.text)) and not s.quoted]
    authors = {e.key for s in signs for e in a.entity_at(s.start, s.end, ("org",))}
    if len(nouns) != 1 or (len(mentions) < 2 and not (mentions and signs)):
        return []  # one study, named more than once or plainly the article's subject: "the study" is then unambiguous
    noun = nouns.pop()
    # The words that report the study: its findings ("Researchers at X found that"), else the
    # first plain sentence that names it.
    found = next(
        (att for att in a.attributions if att.frame == "verb" and att.verb in ("found", "finds") and att.verb_mark is not None and _usable(a.sentences[att.sentence], 50) and a.sentences[att.sentence].kind is BlockKind.PARAGRAPH and (att.who is not None or _plain_group(att.speaker.text))),
        None,
    )
    if signs:
        found = None  # the article's own study: quote where it is described, not a "found" that may be past work
        sign = next(((s, m) for s, m in mentions if (_usable(s, 50) or (noun == "report" and not s.clutter)) and not s.quoted and s.kind is BlockKind.PARAGRAPH), None)
        if sign is None:
            return []
        sentence, first = sign
        window = _dash_trim(ctx, ctx.window(sentence, sentence.start + first.start(), sentence.start + first.end(), 16))
    elif found is not None:
        window = ctx.trim(found.speaker.start, found.verb_mark.end)
    else:
        described = next(((s, m) for s, m in mentions if _usable(s, 40) and not s.quoted and s.kind is BlockKind.PARAGRAPH and m.group(0).lower().startswith(("a ", "new "))), None)
        if described is None:
            return []
        sentence, first = described
        window = ctx.window(sentence, sentence.start + first.start(), sentence.start + first.end(), 16)
    deciding = ctx.quote(*window)
    fact = f"funder:{noun}"
    # Not "The article says who paid for it" as a contradicted claim: a review found "not in
    # the article" as defensible a verdict for a claim about what the article says.
    out = [
        ctx.suggestion(
            "missing-funder", "missing-information", f"The article does not say who paid for the {noun}.",
            f"It {'cites' if noun == 'report' else 'reports'} the {noun}, for instance {deciding}, but no sentence says who funded, paid for or commissioned it.",
            [window], 0.58, fact, verdict="supported",
            note=f"Settled by reading the article through: there is no mention of funding anywhere. Who pays for a {noun} is worth asking; it is a question to check elsewhere.",
        ),
    ]
    # An organisation the article names near the study, that a reader might take for its funder.
    study_sentences = {s.index for s, _ in mentions}
    candidates = []
    for entity in a.entities.values():
        if entity.kind != "org" or re.search(r"\b(?:Journal|Review|Press|News)\b", entity.name) or (entity.key in authors and noun == "report"):
            continue  # a report's own firm paying for it is a guess the reader could argue either way
        places = [a.sentence_at(start) for start, _ in entity.mentions]
        places = [s for s in places if s is not None and not s.clutter and s.kind is not BlockKind.HEADLINE]
        if not places:
            continue
        near = any(s.index in study_sentences or s.index - 1 in study_sentences or s.index + 1 in study_sentences for s in places)
        candidates.append((not near, entity.first, entity))
    if candidates and noun != "report":  # who pays for a firm's own report is too open a guess
        _, _, entity = min(candidates, key=lambda c: c[:2])
        where = ctx.elsewhere(entity, None)
        if where is not None and any(window[0] <= start < window[1] for start, _ in entity.mentions):
            where = window
        if where is not None:
            name = ctx.named(entity)
            out.append(
                ctx.suggestion(
                    "missing-funder", "missing-information", f"The {noun} was funded by {name}.",
                    f"The article mentions {name} here: {ctx.quote(*where)}. It never says who funded, paid for or commissioned the {noun}, so the claim is neither supported nor ruled out.",
                    [where, window] if where != window else [window], 0.66, fact, verdict="not_in_article",
                    note=f"Being named near a {noun}, or doing it, is not paying for it. Students who say \"supported\" have filled a gap the article leaves.",
                )
            )
    return [s for s in out if s]



# --- who carried out a study the article cites ----------------------------------------------------

# "A study from 2012 counted 17 types of vegetation", "A 2019 survey found ...": a study cited
# by its year, with no one named as carrying it out.
_CITED_STUDY = re.compile(
    r"\b[Aa]n?\s+(?:(?P<y1>(?:19|20)\d\d)\s+)?(?P<noun>study|survey|poll|census|analysis)"
    r"(?:\s+(?:from|in|published in|carried out in|conducted in)\s+(?P<y2>(?:19|20)\d\d))?\s+"
    r"(?P<verb>found|counted|showed|estimated|suggested|concluded|recorded|reported)\b"
)
_RAN_BY = re.compile(r"\b(?:conducted|carried out|led|run|commissioned|funded|paid for|published|done|by)\b", re.IGNORECASE)


def _dash_trim(ctx: Context, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while end > start and ctx.text[end - 1] in " -–—(":
        end -= 1
    return ctx.trim(start, end)


def missing_study_source(ctx: Context) -> list[Suggestion]:
    """A study cited by its year with nobody named as carrying it out ("A study from 2012
    counted 17 types of vegetation"): that the article names who did is contradicted, that it
    does not is supported, and that an organisation it names did it is not in the article."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 45) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _CITED_STUDY.search(sentence.text)
        if not match or a.in_quote(sentence.start + match.start()):
            continue
        year = match.group("y1") or match.group("y2")
        if year is None:
            continue  # "the study" alone could be any of the article's studies
        noun = match.group("noun")
        label = f"{year} {noun}"
        at = sentence.start + match.start()
        clause = _clause(a, sentence, at, sentence.start + match.end())
        if clause is None:
            continue
        if a.entity_at(sentence.start, sentence.end, ("person", "org", "outlet")) or _RAN_BY.search(a.text[clause[0] : clause[1]]):
            continue  # a name beside it, or "by", may say who did it
        # Anywhere else: the same study with a name, or words about who ran it.
        others = [t for t in a.content() if t.index != sentence.index and re.search(rf"\b{year}\b", t.text) and re.search(rf"\b{noun}\b", t.text, re.IGNORECASE)]
        if others:
            continue
        text = a.text[clause[0] : clause[1]]
        if not 5 <= _words(text) <= 26 or not _balanced(text) or _dangling(text):
            continue
        passage = _dash_trim(ctx, clause)
        deciding = ctx.quote(*passage)
        fact = f"study-source:{sentence.index}"
        out += [
            ctx.suggestion(
                "missing-study-source", "missing-information", f"The article does not say who carried out the {label}.",
                f"It cites the {noun} only as {deciding}, with no researcher, university or organisation named as doing it.",
                [passage], 0.58, fact, verdict="supported",
                note=f"Who ran a {noun} is the first thing to check before trusting its figure; the article leaves it out.",
            ),
        ]
        orgs = sorted(
            (e for e in a.entities.values() if e.kind == "org" and not re.search(r"\b(?:Journal|Review|Press|News|Government|Ministry)\b", e.name)),
            key=lambda e: (-len(e.mentions), e.first),
        )
        for entity in orgs[:1]:
            where = ctx.elsewhere(entity, sentence)
            if where is None:
                continue
            name = ctx.named(entity)
            out.append(
                ctx.suggestion(
                    "missing-study-source", "missing-information", f"The {label} was carried out by {name}.",
                    f"The article cites the {noun} only as {deciding}, naming no one as doing it. It mentions {name} elsewhere, {ctx.quote(*where)}, but never links it to the {noun}, so the claim is neither supported nor ruled out.",
                    [passage, where], 0.64, fact, verdict="not_in_article",
                    note=f"Being named in the same article is not doing the {noun}. Students who say \"supported\" have joined two things the article keeps apart.",
                )
            )
        break
    return [s for s in out if s]


# --- where a large figure comes from ----------------------------------------------------------------

# "Three million foreigners live in the country", "about 40,000 people": a large count of people.
_BIG_FIGURE = re.compile(
    r"(?<![\w,.])(?P<fig>(?:\d{1,3}(?:,\d{3}){1,3}|\d+(?:\.\d+)?\s+(?:million|billion)|(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Tt]wenty|[Ff]ifty|[Hh]undreds of|[Tt]ens of)\s+(?:million|billion|thousands?)))"
    r"\s+(?P<noun>(?:[a-z]+\s+)?(?:foreigners|migrants|immigrants|refugees|people|residents|citizens|nationals|workers|children|voters|users|households|families|visitors|tourists|students|patients))\b"
)
# "11% of the world's population", "nearly 83 percent of the wine": a share of something countable.
_SHARE = re.compile(
    r"(?<![\w.,])(?P<fig>(?:[Nn]early\s+|[Aa]lmost\s+|[Aa]bout\s+|[Aa]round\s+|[Mm]ore than\s+|[Oo]ver\s+)?\d+(?:\.\d+)?\s?(?:%|percent\b|per cent\b))"
    r"\s+of\s+(?P<noun>(?:the\s+|all\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?(?:population|users|people|adults|children|voters|households|workers|students|patients|companies|businesses|land|surface|vines|wine))\b"
)
_RESEARCHED = re.compile(r"\b(?:stud(?:y|ies)|survey\w*|polls?|report(?:s|ed)?|data|analys[ie]s|research\w*|paper|census|statistic\w*|figures|according to)\b", re.IGNORECASE)
# Words that give, or point at, a source for a figure.
_SOURCED = re.compile(
    r"\b(?:according|said|says|say|reported|reports|told|estimat\w*|data|figures?|statistics?|census|survey\w*|stud(?:y|ies)|report|found|shows?|showed|"
    r"recorded|counted|count|ministry|agency|bureau|commission|UN|United Nations|officials?|registered|records?|boast\w*|claim\w*|insist\w*|announc\w*|confirm\w*|admit\w*|puts?)\b"
)


def _in_sourced_list(a, sentence, attributed: set[int]) -> bool:
    """Say whether a sentence is an item of a list ("... include:") whose introduction, or the
    sentences just before it, name a source: the items share it."""
    intro = next((t for t in reversed(a.content()) if t.index < sentence.index and t.text.rstrip().endswith(":")), None)
    if intro is None:
        return False
    if any(t.kind is not BlockKind.PARAGRAPH or t.words > 45 for t in a.content() if intro.index < t.index < sentence.index):
        return False  # a heading or a long paragraph between: the list has ended
    return any(_SOURCED.search(t.text) or t.index in attributed for t in a.content() if intro.index - 3 <= t.index <= intro.index)


def missing_figure_source(ctx: Context) -> list[Suggestion]:
    """A large count of people stated in the article's own voice, with no source in the sentence
    or beside it ("Three million foreigners live in the country"): that the article gives its
    source is contradicted, that it does not is supported; and a source it might come from (a
    national census) is not in the article."""
    a = ctx.a
    out: list[Suggestion] = []
    attributed = {att.sentence for att in a.attributions} | {att.sentence for _, att in a.quote_attributions}
    # A share ("11% of the world's population") is asked about only in an article that reports no
    # study, survey or data anywhere: where one is reported, the share is likely its.
    researched = bool(_RESEARCHED.search(a.text))
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or not _usable(sentence, 45) or sentence.quoted or sentence.index in attributed:
            continue
        match = _BIG_FIGURE.search(sentence.text) or (_SHARE.search(sentence.text) if not researched else None)
        if not match or a.in_quote(sentence.start + match.start()):
            continue
        if re.search(r"[\"“”]", sentence.text) or re.search(r"\b(?:I|we|my|our|us)\b", sentence.text):
            continue
        near = [t for t in a.content() if abs(t.index - sentence.index) <= 1]
        if any(_SOURCED.search(t.text) or t.index in attributed for t in near if t.index != sentence.index) or _SOURCED.search(sentence.text):
            continue  # a source in the sentence or beside it may be this figure's
        if _in_sourced_list(a, sentence, attributed):
            continue  # "Some of the other data points include:" after "according to Google's ...": the list's source
        if re.match(r"(?:[Hh]undreds|[Tt]ens) of", match.group("fig")):
            continue  # a vague amount: count_absent's
        figure = f"{match.group('fig')} {'of ' if match.re is _SHARE else ''}{match.group('noun')}"
        plain = figure[:1].lower() + figure[1:] if re.match(r"[A-Z][a-z]+\s", figure) else figure
        if any(t.index != sentence.index and plain.split()[0].lower() in t.text.lower() and match.group("noun").split()[-1] in t.text for t in a.content()):
            continue  # the same figure again elsewhere, perhaps with a source
        passage = (sentence.start, sentence.start + len(sentence.text.rstrip(" .")))
        deciding = ctx.quote(*passage)
        fact = f"sourced:{sentence.index}"
        note = "A large, exact-sounding figure with no source is a claim to check elsewhere: ask students where they would look."
        out += [
            ctx.suggestion(
                "missing-figure-source", "missing-information", f"The article says where its figure of {plain} comes from.",
                f"It states the figure in its own voice, {deciding}, with no \"according to\", no speaker and no survey or agency named, there or in the sentences around it.",
                [passage], 0.6, fact, verdict="contradicted", note=note,
            ),
            ctx.suggestion(
                "missing-figure-source", "missing-information", f"The article does not say where its figure of {plain} comes from.",
                f"It states {deciding} in its own voice, with no source named there or in the sentences around it.",
                [passage], 0.56, fact, verdict="supported", note=note,
            ),
        ]
        if not _absent(a, ["census"]) or not re.search(r"\b(?:live|lives|living|population|resident)\b", sentence.text):
            continue  # a census counts who lives somewhere; for other figures any source is a guess
        out.append(
            ctx.suggestion(
                "missing-figure-source", "missing-information", f"The figure of {plain} comes from a national census.",
                f"The article states {deciding} without any source, and mentions no census anywhere, so the claim is neither supported nor ruled out.",
                [passage], 0.62, fact, verdict="not_in_article",
                note="Not \"supported\": a census is a likely source, not one the article names. Not \"contradicted\": nothing rules it out either.",
            )
        )
    return [s for s in out if s]


# --- a person left unnamed -------------------------------------------------------------------------

# "A 34-year-old man was arrested", "Two teenagers have been charged": people the story turns on,
# described but not named.
_UNNAMED = re.compile(
    r"(?:^|,\s+|\band\s+)(?P<np>(?P<det>[Aa]n?|[Tt]wo|[Tt]hree|[Ff]our)\s+(?P<age>\d{1,2}-year-old\s+)?(?:[a-z]+\s+)?(?P<noun>man|woman|men|women|teenagers?|boys?|girls?|suspects?|drivers?|motorists?|pedestrians?|cyclists?))"
    r"\s+(?P<aux>was|were|has been|have been|had been)\s+(?P<verb>arrested|charged|detained|killed|injured|hurt|questioned|sentenced|jailed|convicted|fined)\b"
)


def missing_name(ctx: Context) -> list[Suggestion]:
    """Someone arrested, charged, killed or hurt whom the article describes but never names: the
    claim that it names them is contradicted, that it does not, supported."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 40) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _UNNAMED.search(sentence.text)
        if not match or a.in_quote(sentence.start + match.start("np")):
            continue
        # A name anywhere near (the next sentences often give it: "He was named as ..."), or the
        # words "named", "identified": then the article may name them.
        near = [t for t in a.content() if 0 <= t.index - sentence.index <= 3]
        if any(re.search(r"\b(?:named|identified|name|identity|called)\b", t.text) for t in near):
            continue
        if any(a.entity_at(t.start, t.end, ("person",)) for t in near):
            continue
        noun = match.group("noun")
        np = match.group("np")
        who = np[:1].lower() + np[1:] if np[:1].isupper() and match.group("det").lower() in ("a", "an") else np[:1].lower() + np[1:]
        plural = match.group("aux") in ("were", "have been") or noun.endswith(("s", "men"))
        people = "the people" if plural else f"the {noun}"
        what = match.group("verb")
        passage = ctx.trim(sentence.start + match.start("np"), sentence.start + match.end())
        deciding = ctx.quote(*passage)
        fact = f"unnamed:{sentence.index}"
        out += [
            ctx.suggestion(
                "missing-name", "missing-information", f"The article names {people} who {'were' if plural else 'was'} {what}.",
                f"It says only {deciding}: {who}, described but not named, here or in the sentences that follow.",
                [passage], 0.58, fact, verdict="contradicted",
                note="Reports often leave out a name on purpose (legal reasons, a minor, a family not yet told). Ask students why this one might be missing.",
            ),
            ctx.suggestion(
                "missing-name", "missing-information", f"The article does not name {people} who {'were' if plural else 'was'} {what}.",
                f"It says only {deciding}, with no name given, here or in the sentences that follow.",
                [passage], 0.56, fact, verdict="supported",
            ),
        ]
    return [s for s in out if s]


# --- an amount kept secret --------------------------------------------------------------------

_UNDISCLOSED = re.compile(r"\ban?\s+(?:as[- ]yet\s+)?undisclosed\s+(?P<what>sum|amount|fee|price|figure)\b", re.IGNORECASE)
_AMOUNTS = ["4.5 million", "12 million", "800,000"]


def missing_amount(ctx: Context) -> list[Suggestion]:
    """"Bought for an undisclosed sum": a claim that names the sum is not in the article."""
    a = ctx.a
    out: list[Suggestion] = []
    symbols = {c: a.text.count(c) for c in "$£€"}
    currency = max(symbols, key=lambda c: (symbols[c], c == "$")) if any(symbols.values()) else "$"
    for sentence in a.content():
        if not _usable(sentence, 50) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _UNDISCLOSED.search(sentence.text)
        if not match or a.in_quote(sentence.start + match.start()):
            continue
        at, end = sentence.start + match.start(), sentence.start + match.end()
        clause = _clause_of(ctx, sentence, at, end)
        if clause is None:
            continue
        choices = [amount for amount in _AMOUNTS if _absent(a, [amount.split()[0]])]
        if not choices:
            continue
        amount = f"{currency}{ctx.pick(choices, 'amount', sentence.index)}"
        claim = a.text[clause[0] : at] + amount + a.text[end : clause[1]]
        passage = ctx.window(sentence, at, end, 14)
        out.append(
            ctx.suggestion(
                "missing-amount", "missing-information", f"{claim[:1].upper()}{claim[1:]}.",
                f"The article says {ctx.quote(*passage)}: the {match.group('what').lower()} was not made public, so {amount} is neither supported nor ruled out.",
                [passage], 0.66, f"amount:{sentence.index}", verdict="not_in_article",
                note="\"Undisclosed\" tells the reader the figure exists but is not given. Any figure in its place is a guess the article cannot confirm.",
            )
        )
    return out


def _clause_of(ctx: Context, sentence, start: int, end: int) -> tuple[int, int] | None:
    """The clause holding text[start:end], when it opens on its subject and stands alone."""
    clause = _clause(ctx.a, sentence, start, end)
    if clause is None:
        return None
    text = ctx.a.text[clause[0] : clause[1]]
    if not 5 <= _words(text) <= 30 or _dangling(text) or not _balanced(text) or re.search(r"[\"“”]", text):
        return None
    return clause



# --- a reason the article does not give ---------------------------------------------------------

_QUIT = re.compile(
    r"^(?P<subject>[A-Z][^,;:\"“”]{2,60}?)\s+(?:has\s+|have\s+|had\s+)?(?P<verb>resigned|quit|stepped down|postponed|cancelled|canceled|called off|scrapped|abandoned|withdrawn|withdrew)\b(?P<rest>[^,;:\"“”]{0,80}?)\s*(?:[.;]|,\s+(?:and|but|which|the)\b|$)"
)
_REASONS = {
    "resigned": "for family reasons", "quit": "for family reasons", "stepped down": "for family reasons",
    "postponed": "because of bad weather", "cancelled": "because of bad weather", "canceled": "because of bad weather", "called off": "because of bad weather",
    "scrapped": "because of rising costs", "abandoned": "because of rising costs", "withdrawn": "because of rising costs", "withdrew": "because of rising costs",
}
# Any word that gives, or points at, a reason: then the article may be read as giving one.
_REASON_WORDS = re.compile(
    r"\b(?:because|reasons?|why|citing|cited|cites|due to|owing to|over|after|amid|following|as a result|result of|blam\w+|so that|"
    r"in order|in protest|protest\w*|health|ill|illness|personal|family|scandal|investigat\w+|allegation\w*|concerns?|pressure|"
    r"criticism|weather|storm|rain|snow|costs?|funding|money|budget|safety|sales|demand|decision to|to focus|to spend|retire\w*)\b",
    re.IGNORECASE,
)


def missing_reason(ctx: Context) -> list[Suggestion]:
    """Someone resigned, or an event was cancelled, and the article gives no reason anywhere: a
    claim with a reason is not in the article; that the article says why is contradicted."""
    a = ctx.a
    out: list[Suggestion] = []
    if any(re.search(r"\b(?:because|reasons?|why|citing|cited|due to|owing to)\b", s.text, re.IGNORECASE) for s in a.content()):
        return []
    for sentence in a.content():
        if not _usable(sentence, 40) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        intro = re.match(r"^(?:[A-Z][^,]{1,40}),\s+", sentence.text)
        body = sentence.text[intro.end() if intro else 0 :]
        match = _QUIT.match(body)
        if not match:
            continue
        subject = match.group("subject")
        offset = sentence.start + (intro.end() if intro else 0)
        named = a.entity_at(offset, offset + len(subject), ("person", "org"))
        if not named or _UNRESOLVED.search(subject) or _words(subject) > 7 or re.search(r"\b(?:who|which|that|and|said|says|was|were|is|are)\b", subject):
            continue
        rest = match.group("rest").rstrip()
        if _UNRESOLVED.search(rest) or _REASON_WORDS.search(rest):
            continue
        block = [s for s in a.content() if s.block in (sentence.block, sentence.block + 1)]
        mentioning = {s.index: s for e in named for s in a.sentences_mentioning(e)}
        if any(_REASON_WORDS.search(s.text) for s in list(mentioning.values()) + block):
            continue
        verb = match.group("verb")
        reason = _REASONS[verb]
        bare = re.sub(r"^(?:for|because of)\s+", "", reason)
        if not _absent(a, [bare]):
            continue
        event = f"{subject} {verb}{rest}"
        passage = ctx.trim(offset, offset + match.end("rest"))
        deciding = ctx.quote(*passage)
        who = subject[:1].lower() + subject[1:] if re.match(r"(?:The|A|An)\s+[a-z]", subject) else subject
        fact = f"reason:{sentence.index}"
        note = "The article reports what happened, not why. A reason that sounds likely is still one the article does not give."
        out += [
            ctx.suggestion(
                "missing-reason", "missing-information", f"{event} {reason}.",
                f"The article says {deciding}, and gives no reason for it anywhere, so \"{bare}\" is neither supported nor ruled out.",
                [passage], 0.64, fact, verdict="not_in_article", note=note,
            ),
            ctx.suggestion(
                "missing-reason", "missing-information", f"The article says why {who} {verb}{rest}.",
                f"It reports {deciding}, but no sentence gives a reason for it.",
                [passage], 0.6, fact, verdict="contradicted",
            ),
        ]
    return [s for s in out if s]



# --- who gave a warning or an order ----------------------------------------------------------------

_AGENTLESS = re.compile(
    r"^(?P<subject>[A-Z][a-z-]+(?:\s+[a-z-]+){0,2}?)\s+(?:have|has)\s+(?:also\s+|now\s+|already\s+)?been\s+(?P<verb>warned|told|advised|urged|asked|ordered|instructed)\s+(?P<rest>(?:to|about|of|not)\b[^,;:\"“”()]{4,90}?)\s*[.]$"
)


def missing_agent(ctx: Context) -> list[Suggestion]:
    """"Farmers have been warned about the risk of field fires": who warned them? When the
    sentence has no "by" and names no one, the article does not say; claims about the article
    that it does (contradicted) or does not (supported)."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 30) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
            continue
        match = _AGENTLESS.match(sentence.text)
        if not match:
            continue
        subject, verb, rest = match.group("subject"), match.group("verb"), match.group("rest").strip()
        if not re.search(r"s$", subject) or _UNRESOLVED.search(subject + " " + rest.replace("their ", "")) or re.search(r"\bby\b", rest):
            continue  # a plural group of people, no pronoun but "their", no agent after "by"
        if a.entity_at(sentence.start, sentence.end, ("person", "org", "outlet")):
            continue  # a name in the sentence may be read as the one who warned
        if any(att.who is not None and a.sentences[att.sentence].block == sentence.block for att in a.attributions):
            continue  # "The fire service said ... Farmers have been warned": arguably it did
        if re.search(r"\btheir\b", rest) and not re.match(r"(?:to|not)\b", rest):
            continue
        who = subject[:1].lower() + subject[1:]
        if subject.split()[0] in {e.name.split()[0] for e in a.entities.values() if e.kind in ("person", "org", "place", "outlet")}:
            continue
        deciding = ctx.quote(sentence.start, sentence.end)
        fact = f"agent:{sentence.index}"
        out += [
            ctx.suggestion(
                "missing-agent", "missing-information", f"The article says who {verb} {who} {rest}.",
                f"It says only {deciding}: \"{verb}\", with no one named as doing it.",
                [(sentence.start, sentence.end)], 0.58, fact, verdict="contradicted",
                note="A passive (\"have been warned\") can leave out who acted. Ask who did, and where the reader could find out.",
            ),
            ctx.suggestion(
                "missing-agent", "missing-information", f"The article does not say who {verb} {who} {rest}.",
                f"It says only {deciding}: \"{verb}\", with no one named as doing it.",
                [(sentence.start, sentence.end)], 0.56, fact, verdict="supported",
            ),
        ]
    return [s for s in out if s]



# --- the reply of someone accused ----------------------------------------------------------------

_ACCUSED = re.compile(
    r"\b(?:was|were|has been|have been|had been|is|are|stands?)\s+(?:also\s+)?(?P<what>accused|charged|sued|blamed|criticised|criticized)\b"
    r"|\b(?P<verb>accused|accuses|sued|sues|blamed|blames|criticised|criticized|criticises|criticizes)\s+(?:(?:[A-Z][a-z]+\.?|chief executive|former|the)\s+)?$"
    r"|\b(?P<shot>(?:took|take|takes|taking)\s+(?:a\s+)?(?:(?:thinly\s+)?veiled\s+|parting\s+|sideways\s+)?(?:shot|swipe|dig|aim)\s+at|lashed out at|hit out at|mocked|ridiculed)\s+"
    r"(?:(?:U\.S\.|US|UK|former|the|[A-Z][a-z]+)\s+){0,2}(?:(?:President|Prime Minister|Senator|Governor|Mayor|Minister)\s+)?$"
)
# Any sign of a reply: then "X has denied ..." may be supported or contradicted.
_REPLY_WORDS = re.compile(
    r"\b(?:den(?:y|ies|ied|ial)|respond\w*|response|repl(?:y|ied|ies)|comment\w*|statement|spokes\w*|rejected|rejects|dismissed|"
    r"disputed|disputes|plead\w*|pleaded|admitted|admits|apologi[sz]\w*|defended|defends|declined|lawyers?|representatives?|said|says|told)\b",
    re.IGNORECASE,
)
# What the accused party would be said to have done in reply, and to what.
_CHARGE_WORD = {
    "accused": ("denied", "the accusation"), "charged": ("denied", "the charges"), "sued": ("denied", "the claims in the lawsuit"),
    "blamed": ("rejected", "the blame"), "criticised": ("rejected", "the criticism"), "criticized": ("rejected", "the criticism"),
}


def missing_denial(ctx: Context) -> list[Suggestion]:
    """A named person or organisation accused, charged or criticised, with no word from them
    anywhere in the article: a claim that they have denied it is not in the article."""
    a = ctx.a
    out: list[Suggestion] = []
    speakers = {att.who.key for att in a.attributions + [att for _, att in a.quote_attributions] if att.who is not None}
    lede = set(sorted({t.block for t in a.content() if t.kind is BlockKind.PARAGRAPH})[:2])  # the first two paragraphs
    for entity in a.entities.values():
        if entity.kind not in ("person", "org") or entity.key in speakers:
            continue
        sentences = a.sentences_mentioning(entity)
        if not sentences:
            continue
        central = len({t.index for t in sentences}) >= 2 or any(t.kind is BlockKind.HEADLINE or t.block in lede for t in sentences)
        if not central:
            continue  # named once, in passing, deep in the story ("he accused President Barack Obama of ..." in a video)
        # Their words, or a reply on their behalf, anywhere near a mention: not attempted.
        near = {s.index for s in sentences} | {s.index + 1 for s in sentences}
        if any(_REPLY_WORDS.search(s.text) for s in a.content() if s.index in near):
            continue
        surname = entity.name.split()[-1] if entity.kind == "person" else entity.name
        if not _absent(a, [entity.name, surname], ["denied", "denies", "deny", "responded", "replied", "pleaded"]):
            continue
        for sentence in sentences:
            if not _usable(sentence, 45) or sentence.quoted or sentence.kind is not BlockKind.PARAGRAPH:
                continue
            for start, end in entity.mentions:
                if not sentence.start <= start < sentence.end:
                    continue
                after = a.text[end : sentence.end]
                before = a.text[sentence.start : start]
                passive = _ACCUSED.match(after.lstrip(" ,")) if re.match(r"\s+(?:was|were|has|have|had|is|are|stands?)\b", after) else None
                active = _ACCUSED.search(before)
                what = (passive.group("what") if passive and passive.group("what") else None) or (active.group("verb") if active and active.group("verb") else None)
                if what is None and active and active.group("shot"):
                    # "De Niro ... used his speech to take a veiled shot at Trump": the reply
                    # would be to the critic's remarks; only when the critic is a named person.
                    critics = [e for e in a.entity_at(sentence.start, start, ("person",)) if e is not entity]
                    if not critics or entity.kind != "person":
                        continue
                    m_start, m_end = next((ms, me) for ms, me in critics[0].mentions if sentence.start <= ms < start)
                    critic = a.text[m_start:m_end]
                    particle = re.search(r"\b(?:De|Van|Von|Le|La|Di|Da|Du|Del|Der|Mac|St\.?)\s+$", a.text[max(sentence.start, m_start - 5) : m_start])
                    critic = (particle.group(0) if particle else "") + critic
                    shot_at = sentence.start + active.start("shot")
                    head = a.text[sentence.start : shot_at]
                    cut = max([m.end() for m in re.finditer(r",\s+|\s+and\s+|\s+but\s+", head)] + [0])
                    window = ctx.trim(sentence.start + cut, end)
                    if _words(a.text[window[0] : window[1]]) > 18:
                        window = ctx.window(sentence, start, end, 12)
                    lead = "" if window[0] <= m_start else f"{critic} "
                    name = entity.name
                    out.append(
                        ctx.suggestion(
                            "missing-denial", "missing-information", f"{name} has responded to {_possessive(critic)} remarks.",
                            f"The article reports that {lead}{ctx.quote(*window)}, but gives no reply from {name} anywhere, so a response is neither supported nor ruled out.",
                            [window], 0.62, f"response:{entity.key}", verdict="not_in_article",
                            note=f"Ask what the article would need for \"supported\" (a reply) and for \"contradicted\" (a refusal to reply). It reports only what {critic} did.",
                        )
                    )
                    out.append(
                        ctx.suggestion(
                            "missing-denial", "missing-information", f"The article gives no response from {name} to {_possessive(critic)} remarks.",
                            f"It reports that {lead}{ctx.quote(*window)}, but no sentence gives a reply from {name}.",
                            [window], 0.58, f"response:{entity.key}", verdict="supported",
                        )
                    )
                    break
                if what is None:
                    continue
                what = {"accuses": "accused", "sues": "sued", "blames": "blamed", "criticises": "criticised", "criticizes": "criticized"}.get(what, what)
                window = ctx.window(sentence, start, end, 16)
                name = ctx.named(entity)
                reply, thing = _CHARGE_WORD[what]
                fact = f"response:{entity.key}"
                out.append(
                    ctx.suggestion(
                        "missing-denial", "missing-information", f"{name[:1].upper()}{name[1:]} has {reply} {thing}.",
                        f"The article reports that {name} was {what}: {ctx.quote(*window)}. It gives no response from {name} anywhere, neither a denial nor an admission, so the claim is neither supported nor ruled out.",
                        [window], 0.64, fact, verdict="not_in_article",
                        note="Ask what the article would need for \"supported\" (a denial) and for \"contradicted\" (an admission). It has neither; a fair report would usually say whether the other side was asked.",
                    )
                )
                out.append(
                    ctx.suggestion(
                        "missing-denial", "missing-information", f"The article gives {_possessive(name)} response to {thing}.",
                        f"It reports {ctx.quote(*window)}, but no sentence gives a reply from {name}.",
                        [window], 0.58, fact, verdict="contradicted",
                    )
                )
                break
            else:
                continue
            break
    return [s for s in out if s]


# No "declined to comment" turned into "agreed to comment": an independent review found the flip
# tests nothing about what is missing.
RULES = [missing_byline, missing_response, missing_reply, missing_unsaid, missing_funder, missing_study_source, missing_figure_source, missing_name, missing_amount, missing_reason, missing_agent, missing_denial]
