"""Attribution and sourcing: who said, wrote, found or reported what; outlets, documents and unnamed sources as sources."""

from __future__ import annotations

import re

from ...articles.text import BlockKind
from ..analysis import MONTHS, ORG_WORDS, REPORTING_VERBS, ROLE_WORDS, Analysis, Attribution, Entity, Quote, Sentence
from ..model import Suggestion
from .base import Context, _CRITICISM, _RESPONSE, _UNRESOLVED, _absent, _balanced, _clean, _dangling, _possessive, _sentence_case, _usable, _words


# --- attribution -------------------------------------------------------------------------------


def _speaker_rest(a: Analysis, attribution: Attribution) -> str | None:
    """Return what follows the verb, fit to stand in a question or a claim, or None."""
    if attribution.rest is None:
        return None
    if attribution.rest.text.rstrip().endswith(":") or a.text[attribution.rest.end : attribution.rest.end + 2].lstrip().startswith(":"):
        return None  # the lead-in to a quotation: "Gizmodo reported that the employees wrote:"
    rest = _clean(attribution.rest.text)
    if rest.startswith((":", '"', "“")) or re.search(r":\s*[\"“]", rest):
        return None
    if not rest or _words(rest) > 28 or not _balanced(rest):
        return None
    if _UNRESOLVED.search(re.sub(r"[\"“][^\"”]*[\"”]", "", rest)):
        return None
    return rest


def _speakers(a: Analysis) -> set[str]:
    """Return the keys of everyone the article gives words or findings to."""
    keys = {att.who.key for att in a.attributions if att.who is not None}
    return keys | {att.who.key for _, att in a.quote_attributions if att.who is not None}


def _distractors(ctx: Context, right: Entity, sentence: Sentence, avoid: tuple[int, int], count: int = 3) -> list[Entity]:
    """Return people, organisations or groups from the article that could be mistaken for
    `right`: other speakers first, then the same kind, never one named in the passage itself.
    When the article has too few other speakers, people it only mentions, of the same kind and
    named more than in passing, stand in (a caller that asks more than once about one speaker
    checks `_speakers`: against people who never speak, the answer would repeat itself)."""
    a = ctx.a
    speakers = _speakers(a)
    candidates = []
    mentioned = []
    for entity in a.entities.values():
        if entity.kind not in ("person", "group", "org", "outlet") or entity.clashes(right):
            continue
        if right.org is not None and entity.key == right.org.key:
            continue
        if entity.org is not None and entity.org.key == right.key:
            continue
        if any(avoid[0] <= s < avoid[1] for s, _ in entity.mentions):
            continue
        if ctx.elsewhere(entity, sentence) is None:
            continue
        if entity.kind != right.kind and _co_mentioned(a, entity, right):
            continue  # "IBM researchers" against Vikas Chandan, whom the article calls one of them
        if entity.kind == "org" and re.search(rf"\bthe\s+{re.escape(entity.name.split()[-1])}\b", a.text[avoid[0] : avoid[1]], re.IGNORECASE):
            continue  # "the council" in the passage is Riverton City Council
        same = entity.kind == right.kind or {entity.kind, right.kind} <= {"org", "outlet"}
        if right.kind == "person" and (entity.kind == "outlet" or (not same and entity.key not in speakers)):
            continue  # "New York Times" or "Marvel Studios" as the one who said a person's words: silly
        rank = (0 if same else 1, entity.first)
        if entity.key in speakers:
            candidates.append((rank, entity))
        elif same and entity.kind == "person" and len(entity.name.split()) >= 2 and any(not a.in_quote(start) and a.text[start - 1 : start] not in "‘'“\"" for start, _ in entity.mentions if start):
            mentioned.append(((2, entity.first), entity))  # not 'Mary Poppins', a title in quotation marks
    if len(candidates) < 2:
        candidates += mentioned
    candidates.sort(key=lambda item: item[0])
    chosen: list[Entity] = []
    for _, entity in candidates:
        if not any(entity.clashes(other) for other in chosen):
            chosen.append(entity)
    return chosen[:count]


_VERB_ANYWHERE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, REPORTING_VERBS), key=len, reverse=True)) + r")\b")


def _co_mentioned(a: Analysis, one: Entity, other: Entity) -> bool:
    """Say whether some sentence names both: a person and the organisation or group they may
    belong to ("Di Li, the chief scientist of FAST"), which makes one a risky wrong answer for
    the other."""
    first = {a.sentence_at(s).index for s, _ in one.mentions if a.sentence_at(s) is not None}
    return any(a.sentence_at(s) is not None and a.sentence_at(s).index in first for s, _ in other.mentions)


def _passage_start(a: Analysis, attribution: Attribution, sentence: Sentence) -> int:
    """Return where a passage that quotes an attribution starts: at its speaker, or at the
    sentence's start when the speaker stands in an apposition ("The leader of the opposition,
    Councillor Jean Whitcombe, said"), so that no passage opens with a name cut off by its comma."""
    if attribution.frame == "trailing":
        return attribution.content.start
    verb_at = attribution.verb_mark.start if attribution.verb_mark is not None else attribution.speaker.end
    if attribution.frame == "verb" and "," in a.text[attribution.speaker.end : verb_at]:
        return sentence.start + len(sentence.text) - len(sentence.text.lstrip("\"“‘'«( "))
    return attribution.speaker.start


def _speaker_fact(sentence: Sentence, who: Entity) -> str:
    """One fact a speaker a paragraph: '"...," Kise said. "..."' is one passage to ask about, by
    "who said it?" or by a claim that the statement has no source."""
    return f"speaker:{sentence.block}:{who.key}"


def _who_word(entity: Entity) -> str:
    return "that" if entity.kind in ("org", "outlet") else "who"


def attribution_speaker(ctx: Context) -> list[Suggestion]:
    """Who said, wrote or found what: a question on the speaker of a reporting verb, or a claim
    that names the speaker against another one from the same article."""
    a = ctx.a
    out: list[Suggestion] = []
    asked: set[str] = set()  # speakers asked about already
    speakers = _speakers(a)
    # Quotations first, and of each speaker's quotations first one whose speaker must be traced
    # ('"...," she said', or a quotation that goes on after the name): a review found "who said
    # this?" trivial where the name stands right beside the quotation.
    def traced(attribution) -> bool:
        return attribution.speaker.text.lower() in ("he", "she") or attribution.frame == "continued"

    ordered = sorted(a.quote_attributions, key=lambda pair: (not traced(pair[1]), pair[0].start))
    for quote, attribution in ordered:
        who = attribution.who
        if who is None or who.kind not in ("person", "group", "org") or not quote.complete or quote.words < 6:
            continue
        words_of = (quote.start, quote.end)
        if quote.words > 30:
            # A long quotation: its first sentence, when that stands alone (6 to 30 words).
            first = re.match(r"(.+?[.!?])\s+(?=[A-Z\"“‘])", quote.text)
            if first is None or not 6 <= _words(first.group(1)) <= 30 or _UNRESOLVED.match(first.group(1)):
                continue
            words_of = (quote.start, quote.start + len(first.group(1)))
        # One "who said this?" a speaker (the second would have the same options); a second
        # quotation of theirs makes a pair of claims instead.
        question_too = who.key not in asked
        asked.add(who.key)
        sentence = a.sentence_at(quote.start)
        if sentence is None or sentence.clutter:
            continue
        others = _distractors(ctx, who, sentence, (quote.start, quote.end))
        if len(others) < 2:
            continue
        said = a.text[words_of[0] : words_of[1]].rstrip(",")
        speaker_span = (attribution.speaker.start, attribution.speaker.end)
        pronoun = attribution.speaker.text.lower() in ("he", "she")
        if pronoun:
            # '"...," she said': the evidence is where the article last names her before it.
            named = max((m for m in who.mentions if m[1] <= quote.start), default=None)
            named_sentence = a.sentence_at(named[0]) if named else None
            if named_sentence is None:
                continue
            speaker_span = ctx.window(named_sentence, named[0], named[1], 12)
            if named_sentence.words <= 30 and not named_sentence.quoted:
                speaker_span = ctx.trim(named_sentence.start, named_sentence.end)  # with its own quotation marks
            how = f"The quotation is followed by \"{attribution.speaker.text} {attribution.verb}\", and the person the article names just before it is {who.name}: {ctx.quote(*speaker_span)}"
        else:
            # The speaker with the verb: "Castell said", "said Ana Ruiz", not a bare name.
            near = a.text[max(0, speaker_span[0] - 12) : speaker_span[1] + 12]
            verb = re.search(rf"\b{re.escape(attribution.verb)}\b", near)
            if verb is not None:
                at = max(0, speaker_span[0] - 12)
                speaker_span = (min(speaker_span[0], at + verb.start()), max(speaker_span[1], at + verb.end()))
            how = f"The quotation is followed or introduced by {ctx.quote(*speaker_span)}: {who.name} is the speaker"
        if attribution.frame == "continued":
            # '"...," Kise said. "He's describing ..."': the quotation goes on after its speaker is named.
            how = f"The quotation goes on, in the same paragraph, from words the article gives to {who.name} ({ctx.quote(*speaker_span)}), with no one else named between"
        wrong = []
        for other in others:
            where = ctx.elsewhere(other, sentence)
            if where is None or (pronoun and where[0] <= speaker_span[0] < where[1]):
                where = None
            wrong.append((other.name, f"The article gives these words to {who.name}. {other.name} comes up for something else" + (f": {ctx.quote(*where)}." if where else ".")))
        question = f"Who, according to the article, said this? \"{said}\""
        fact = _speaker_fact(sentence, who)
        evidence = [words_of, speaker_span]
        if question_too:
            out.append(
                ctx.suggestion(
                    "attribution-speaker", "attribution", question,
                    f"{how}.",
                    evidence, 0.74 if traced(attribution) else 0.68, fact,
                    options=ctx.options(who.name, wrong, question), about=question,
                )
            )
        if _words(said) > 20:
            continue  # a claim repeats the quotation: keep it short enough to read as one
        if others[0].key not in speakers:
            continue  # one speaker against people who never speak: a claim's answer would repeat itself
        other = others[0]
        out.append(
            ctx.suggestion(
                "attribution-speaker", "attribution", f"The article gives these words to {who.name}, not to {other.name}: \"{said}\"",
                f"{how}.", evidence, 0.66, fact, verdict="supported",
            )
        )
        out.append(
            ctx.suggestion(
                "attribution-speaker", "attribution", f"The article gives these words to {other.name}, not to {who.name}: \"{said}\"",
                f"The claim swaps the speaker. {how}.", evidence, 0.68, fact, verdict="contradicted",
                note=f"One change from the text: {other.name}, another person the article names, in place of {who.name}." if other.kind == "person" else f"One change from the text: {other.name}, named elsewhere in the article, in place of {who.name}.",
            )
        )
    for attribution in a.attributions:
        who = attribution.who
        if attribution.frame not in ("verb", "trailing") or who is None or attribution.verb_mark is None:
            continue
        sentence = a.sentences[attribution.sentence]
        if not _usable(sentence, 50) or sentence.quoted:
            continue
        rest = _speaker_rest(a, attribution)
        if rest is None:
            continue
        passage = (_passage_start(a, attribution, sentence), max(attribution.rest.end, attribution.speaker.end, attribution.verb_mark.end))
        others = _distractors(ctx, who, sentence, (sentence.start, sentence.end))
        # Not when someone else does the same elsewhere: "Who denied doing anything wrong?" beside
        # "He [Scooter Braun] has consistently denied being unfair to her" has two right answers.
        verb_word = re.compile(rf"\b{re.escape(attribution.verb.split()[0])}\b")
        if attribution.verb.split()[0] not in ("said", "says", "told", "tells") and any(
            verb_word.search(t.text) and t.index != sentence.index and not t.quoted for t in a.content()
        ):
            continue
        if len(others) < 2:
            continue
        verb = attribution.verb
        said = f"{verb} {rest}"
        if attribution.frame == "trailing" and _VERB_ANYWHERE.search(rest):
            continue  # "says that three months later, the users said ...": a run-on
        if attribution.frame == "trailing":
            # "But now, observation time will be open to all, says Shen": "says that observation
            # time will be open to all" (a leading "But" or "And" belongs to the paragraph before).
            rest = re.sub(r"^(?:(?:but|and|yet|so|still|now)\b,?\s+)+", "", rest, flags=re.IGNORECASE)
            if re.match(r"(?:A|An|The)\s[^,]{1,40},\s+[A-Z]", rest):
                continue  # "A fierce anti-communist, Mateen was ..., Saeedi said": "said that a fierce anti-communist, Mateen" reads badly
            said = f"{verb} that {ctx.lower_first(rest)}"
        fact = _speaker_fact(sentence, who)
        deciding = ctx.quote(*passage) if _words(a.text[passage[0] : passage[1]]) <= 30 else ctx.quote(*ctx.window(sentence, attribution.speaker.start, attribution.verb_mark.end, 14))
        wrong = []
        for other in others:
            where = ctx.elsewhere(other, sentence)
            wrong.append(
                (
                    other.name,
                    f"The article names {who.name} for this: {deciding}. {other.name} comes up elsewhere, for something else: {ctx.quote(*where)}.",
                )
            )
        question = f"Who, according to the article, {said}?"
        explanation = f"The article says {deciding}."
        question_too = who.key not in asked  # one "who said ...?" a speaker; a second gets the claims only
        if question_too:
            asked.add(who.key)
            out.append(
                ctx.suggestion(
                    "attribution-speaker", "attribution", question, explanation, [passage], 0.75, fact,
                    options=ctx.options(who.name, wrong, question), about=question,
                )
            )
        if others[0].key not in speakers:
            continue
        other = others[0]
        that = _who_word(who)
        right_claim = f"According to the article, it was {ctx.named(who)}, not {ctx.named(other)}, {that} {said}."
        out.append(
            ctx.suggestion(
                "attribution-speaker", "attribution", right_claim,
                f"The article gives this to {who.name}: {deciding}. It does not credit {other.name} with it.",
                [passage], 0.7, fact, verdict="supported",
            )
        )
        that = _who_word(other)
        wrong_claim = f"According to the article, it was {ctx.named(other)}, not {ctx.named(who)}, {that} {said}."
        out.append(
            ctx.suggestion(
                "attribution-speaker", "attribution", wrong_claim,
                f"The claim swaps the speaker: the article gives this to {who.name}, not {other.name}: {deciding}.",
                [passage], 0.72, fact, verdict="contradicted",
                note=f"One change from the text: {other.name} in place of {who.name}, another name from the same article.",
            )
        )
    return [s for s in out if s]


# Where what a speaker said ends and another thing they did begins: "said demand had risen and
# asked customers to ...", "said X, and that Y" (the second that-clause needs the verb again).
_SECOND_VERB = re.compile(
    r",?\s+and that\s+|,\s+(?:which|who|saying|adding)\b|,?\s+(?:and|but)\s+(?:also\s+)?(?:"
    + "|".join(sorted({v for v in REPORTING_VERBS if " " not in v} | {"asked", "called", "appealed", "promised", "pledged", "vowed", "apologised", "apologized", "declined", "refused"}, key=len, reverse=True))
    + r")\b"
)


# --- sourcing ----------------------------------------------------------------------------------


def _outlet_credits(a: Analysis) -> list[tuple[Entity, tuple[int, int], Attribution]]:
    """Return each place the article credits a news outlet: (outlet, the crediting words, the attribution)."""
    credits = []
    seen = set()
    for attribution in a.attributions + [att for _, att in a.quote_attributions]:
        outlet = attribution.outlet
        if outlet is None:
            continue
        sentence = a.sentences[attribution.sentence]
        if attribution.frame == "according":
            start = attribution.speaker.start - len("According to ")
            if a.text[start : attribution.speaker.start].lower() != "according to ":
                continue
            span = (start, attribution.speaker.end)
        elif attribution.frame in ("verb", "passive"):
            ends = [attribution.speaker.end, attribution.verb_mark.end] + ([attribution.rest.end] if attribution.rest else [])
            span = (min(attribution.speaker.start, attribution.verb_mark.start), max(ends))
            if attribution.frame == "passive":
                span = (sentence.start, sentence.end) if sentence.words <= 16 else span
        else:
            # The lead-in before a quotation block: "Gizmodo reported that the employees wrote:".
            found = next((att for att in a.attributions if att.outlet is outlet and att.frame == "verb" and a.sentences[att.sentence].text.rstrip().endswith(":")), None)
            if found is None:
                continue
            sentence = a.sentences[found.sentence]
            span = (sentence.start, sentence.end)
        if span in seen:
            continue
        seen.add(span)
        credits.append((outlet, span, attribution))
    return credits


_ORG_NOUN = r"(?:company|firm|owner|operator|group|business|employer|insurer|retailer|manufacturer|maker|developer|agency|authority|council|board|charity|union|regulator|department|ministry)"


def _organisation(a: Analysis, entity: Entity) -> bool:
    """Say whether an entity is plainly an organisation, not a place that looks like one
    ("the glassworks at Brennock", "in Brennock", "Brennock's mayor"): its name has an
    organisation word, it is an acronym, or the text calls it a company, and it is never
    the place something is "in"."""
    name = re.escape(entity.name)
    if re.search(rf"\b(?:in|near|across|around)\s+{name}\b|\b{name}['’]s\s+(?:mayor|residents|streets|town|high street)|\btown of\s+{name}\b", a.text):
        return False
    if any(w in ORG_WORDS for w in entity.name.split()) or re.fullmatch(r"[A-Z]{2,6}", entity.name):
        return True
    if entity.key in {e.org.key for e in a.entities.values() if e.kind == "group" and e.org is not None}:
        return True  # it has staff, shareholders or members the article names as a group
    return bool(re.search(rf"\b{name}\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}{_ORG_NOUN}\b|\b{_ORG_NOUN}\s+{name}\b|\b{name}['’]s\s+(?:chief executive|spokes\w+|board|shareholders|staff|employees|workers)\b|\b{name}\s+(?:Inc|Ltd|plc|Group)\b", a.text))


_OTHER_REPORT = re.compile(r"\b(?:reported|reports|told|wrote in|via)\b")


def _whole_account(a: Analysis, outlet: Entity, spans: list[tuple[int, int]]) -> bool:
    """Say whether an outlet's credit covers the story: it comes in the first three sentences of
    the body, and no other sentence credits anyone else's reporting ("CBS Sports' Jason La
    Canfora has reported", "told the Post-Gazette", "via USA Today" deep in the story)."""
    body = [s for s in a.content() if s.kind is not BlockKind.HEADLINE]
    lede = {s.index for s in body[:3]}
    if not any(a.sentence_at(start) is not None and a.sentence_at(start).index in lede for start, _ in spans):
        return False
    credited = {a.sentence_at(start).index for start, _ in spans if a.sentence_at(start) is not None}
    credited |= {a.sentence_at(start).index for start, _ in outlet.mentions if a.sentence_at(start) is not None}
    return not any(_OTHER_REPORT.search(s.text) and s.index not in credited and not s.quoted for s in body)


def _main_org(a: Analysis) -> Entity | None:
    """The organisation the story is about and criticises: the most mentioned one that appears
    in a sentence of protest or criticism."""
    best = None
    for entity in a.entities.values():
        if entity.kind != "org" or len(entity.mentions) < 3:
            continue
        if not any(_CRITICISM.search(s.text) for s in a.sentences_mentioning(entity)):
            continue
        if not _organisation(a, entity):
            continue
        if best is None or len(entity.mentions) > len(best.mentions):
            best = entity
    return best


def sourcing_outlet(ctx: Context) -> list[Suggestion]:
    """Whose reporting the article relies on: a news outlet it credits ("According to
    Gizmodo's ...", "Gizmodo reported that ...")."""
    a = ctx.a
    credits = _outlet_credits(a)
    outlets = {outlet.key: outlet for outlet, _, _ in credits}
    if len(outlets) != 1:
        return []  # with two outlets the question needs to say for what; not attempted
    outlet = next(iter(outlets.values()))
    spans = [span for _, span, _ in credits][:2]
    credited = " and ".join(ctx.quote(*span) for span in spans)
    out: list[Suggestion] = []
    main = _main_org(a)
    quoted = next(((q, att) for q, att in a.quote_attributions if att.outlet is outlet and q.words >= 8), None)
    if quoted:
        speaker = quoted[1].speaker.text
        question = f"Whose reporting does the article rely on for the words it quotes from {ctx.lower_first(speaker)}?"
    elif _whole_account(a, outlet, [span for _, span, _ in credits]):
        question = "Whose reporting does the article say its account comes from?"
    else:
        question = None  # credited for one thing deep in a story with other sources: not its whole account
    wrong = [
        (
            "Its own reporter's interviews",
            f"Nothing in the text says this article's reporter interviewed anyone. It credits {outlet.name}: {ctx.quote(*spans[0])}.",
        )
    ]
    if main is not None and _absent(a, [main.name], [m.group(0) for m in _RESPONSE.finditer(" ".join(["statement", "spokesperson", "responded", "comment"]))]):
        wrong.append(
            (
                f"A statement from {main.name}",
                f"The article reports no statement from {main.name}; the source it names is {outlet.name}.",
            )
        )
    other_orgs = [e for e in a.entities.values() if e.kind == "org" and e is not main and ctx.elsewhere(e, None)]
    if len(wrong) < 2 and other_orgs:
        other = other_orgs[0]
        wrong.append((f"{_possessive(other.name)} research", f"{other.name} comes up for something else: {ctx.quote(*ctx.elsewhere(other, None))}. The article credits {outlet.name}."))
    if len(wrong) >= 2 and question is not None:
        out.append(
            ctx.suggestion(
                "sourcing-outlet", "sourcing", question,
                f"The article credits {outlet.name}: {credited}. It is retelling another outlet's report, so {outlet.name} is the source to check.",
                spans, 0.75, f"outlet:{outlet.key}", options=ctx.options(f"{_possessive(outlet.name)} reporting", wrong, question), about=question,
            )
        )
    out.append(
        ctx.suggestion(
            "sourcing-outlet", "sourcing", f"The article names {outlet.name} as a source of its account.",
            f"It credits {outlet.name}: {credited}.", spans, 0.7, f"outlet:{outlet.key}", verdict="supported",
        )
    )
    out.append(
        ctx.suggestion(
            "sourcing-outlet", "sourcing", "The article presents its account as its own reporting, crediting no other news outlet.",
            f"It credits another outlet, {outlet.name}: {credited}.", spans, 0.68, f"outlet:{outlet.key}", verdict="contradicted",
        )
    )
    # A plausible detail the text lacks: that this article's reporter spoke to anyone.
    if quoted and _absent(a, [m for m in ("interview", "spoke to", "spoke with", "told us")]):
        speaker = ctx.lower_first(_clean(quoted[1].speaker.text))
        out.append(
            ctx.suggestion(
                "sourcing-outlet", "sourcing", f"This article's reporter interviewed {speaker} directly.",
                f"The article credits {outlet.name} for what it reports ({credited}) and mentions no interview of its own. It does not say there was none either: the text does not tell.",
                [spans[-1]], 0.65, f"interview:{outlet.key}", verdict="not_in_article",
                note=f"Why not \"contradicted\"? Citing {outlet.name} does not prove this outlet did no reporting of its own; the text just never mentions any.",
            )
        )
    return [s for s in out if s]


_DESCRIBES = re.compile(r"^(?P<subject>[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,3})\s+(?:is|was|are|were)\s+(?:a|an|the|one of)\s")


def sourcing_unsourced(ctx: Context) -> list[Suggestion]:
    """What the article states with no source: a sentence in its own voice describing a named
    person or organisation ("Palantir is a shadowy firm used by ..."), and, against it, a
    statement it does credit to someone."""
    a = ctx.a
    out: list[Suggestion] = []
    attributed = {att.sentence for att in a.attributions} | {att.sentence for _, att in a.quote_attributions}
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or not _usable(sentence, 40) or sentence.quoted:
            continue
        if sentence.index in attributed or a.quote_at(sentence.start, sentence.end) or sentence.hedges:
            continue
        if any(a.in_quote(q.start) for q in a.quotes if sentence.start <= q.start < sentence.end):
            continue
        match = _DESCRIBES.match(sentence.text)
        if not match or not a.entity_at(sentence.start, sentence.start + match.end("subject"), ("person", "org", "outlet")):
            continue
        if ctx.a.article.author and match.group("subject").split()[-1] in ctx.a.article.author:
            continue  # "Alice Wu is a political consultant ...": the writer's own note, not the story
        statement = sentence.text.rstrip(". ")
        if _VERB_ANYWHERE.search(statement) or re.search(r"\b(?:according|say|believe|believes|think|thinks|argue|claim|suggest|suggests)\b", statement):
            continue  # "..., White House advisers say": credited, to someone unnamed or named
        out.append(
            ctx.suggestion(
                "sourcing-unsourced", "sourcing", f"The article gives no source for the statement that {statement}.",
                f"{ctx.quote(sentence.start, sentence.end)} has no \"according to\", no quotation marks and no speaker: the article states it in its own voice, so it is a fact to check elsewhere.",
                [(sentence.start, sentence.end)], 0.6, f"sourced:{sentence.index}", verdict="supported",
                note="Students often assume a description comes from the source the article leans on elsewhere. Ask where they would check it.",
            )
        )
    for attribution in a.attributions:
        if attribution.who is None or attribution.content is None or attribution.content.quoted:
            continue
        sentence = a.sentences[attribution.sentence]
        if not _usable(sentence, 50):
            continue
        clause = _clean(_SECOND_VERB.split(attribution.content.text)[0])
        clause = re.split(r",\s+that\s", clause)[0]  # "that 416 died, that 60% had not ...": the first of a list of findings
        occasion = re.match(r"(?:in|on|at|during|after|before|to)\b[^.]*?\bthat\s+", clause)
        if occasion:
            clause = clause[occasion.end() :]  # "said in a posting to authors that ...": what was said
        elif re.match(r"(?:in|on|at|during|after|before|to)\b", clause):
            continue
        if not 5 <= _words(clause) <= 24 or not _balanced(clause) or _dangling(clause) or clause[:1] in "\"“":
            continue
        credit = (attribution.speaker.start - (13 if attribution.frame == "according" else 0), attribution.content.start + len(clause))
        out.append(
            ctx.suggestion(
                "sourcing-unsourced", "sourcing", f"The article gives no source for the statement that {ctx.lower_first(clause)}.",
                f"It does: {ctx.quote(*credit)}.",
                [credit], 0.62, _speaker_fact(sentence, attribution.who), verdict="contradicted",  # one fact with "who said it?"
            )
        )
    return [s for s in out if s]


_ANONYMOUS = re.compile(
    r"\b(?P<who>(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ss]everal)\s+(?:[a-z-]+\s+){0,3}(?:official|source|person|people|employee|executive|aide|insider|diplomat|officer)s?"
    r"(?:\s+(?:at|in|from|with|close to)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}[a-z-]+)?)"
    r"(?P<why>,?\s+(?:who\s+)?(?:spoke|speaking|asked|requested|declined|was not authori[sz]ed|were not authori[sz]ed|familiar with|not authori[sz]ed)[^.;]{0,120}?"
    r"(?:anonymity|named|identified|authori[sz]ed to[^.;]{0,40}|matter|talks|discussions|plans))",
)


def sourcing_anonymous(ctx: Context) -> list[Suggestion]:
    """A source the article does not name: "an official at the ministry, who spoke on condition
    of anonymity". The claim that the article names that source is contradicted."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if sentence.quoted or sentence.clutter:
            continue
        match = _ANONYMOUS.search(sentence.text)
        if match is None or a.in_quote(sentence.start + match.start()):
            continue
        who = match.group("who")
        who = re.sub(r"^(?:an?|one)\s+", "", who, flags=re.IGNORECASE)
        span = (sentence.start + match.start(), sentence.start + match.end("why"))
        deciding = ctx.quote(*span)
        fact = f"anonymous:{sentence.index}"
        out.append(
            ctx.suggestion(
                "sourcing-anonymous", "sourcing", f"The article names the {who} it relies on.",
                f"It does not: {deciding}. The reader cannot check who this is, only that the article vouches for the source.",
                [span], 0.7, fact, verdict="contradicted",
                note="Ask why a source might not be named, and what that asks of the reader's trust in the outlet.",
            )
        )
        out.append(
            ctx.suggestion(
                "sourcing-anonymous", "sourcing", f"The article relies on {'an' if who[:1] in 'aeiou' else 'a'} {who} whom it does not name.",
                f"It says {deciding}: no name is given.",
                [span], 0.66, fact, verdict="supported",
            )
        )
    return [s for s in out if s]


# --- quoted in their own words, or reported in the article's ------------------------------------


def _quoted_and_reported(ctx: Context) -> tuple[dict[str, Quote], dict[str, Attribution]]:
    """Return the sources the article quotes in quotation marks (each with its longest quotation
    the analysis gives to it) and those it only reports in its own words (each with one such
    attribution). A source counts as only reported when no quotation is given to it and no
    quotation stands in a paragraph that mentions it or in the one after (where '"...," she
    said' would be its words without its name)."""
    a = ctx.a
    quoted: dict[str, Quote] = {}
    for quote, attribution in a.quote_attributions:
        if attribution.who is not None and quote.complete:
            best = quoted.get(attribution.who.key)
            if best is None or quote.words > best.words:
                quoted[attribution.who.key] = quote
    for attribution in a.attributions:
        if attribution.who is not None and attribution.content is not None:
            for quote in a.quotes:
                if attribution.content.start <= quote.start and quote.end <= attribution.content.end:
                    quoted.setdefault(attribution.who.key, quote)
    blocks_with_quotes = {quote.block for quote in a.quotes}
    reported: dict[str, Attribution] = {}
    for attribution in a.attributions:
        who = attribution.who
        if who is None or who.key in quoted or who.key in reported or attribution.frame not in ("verb", "according", "trailing") or attribution.content is None:
            continue
        if any(mark in attribution.content.text for mark in "\"“”") or _words(attribution.content.text) > 30:
            continue
        if re.search(_SOURCE_DOC, attribution.speaker.text, re.IGNORECASE):
            continue  # "According to a Pew Research Center survey": a survey's findings, no one's words
        sentence = a.sentences[attribution.sentence]
        if sentence.quoted or sentence.clutter or not _usable(sentence, 50):
            continue
        mentioned_in = {a.sentence_at(start).block for start, _ in who.mentions if a.sentence_at(start) is not None}
        if any(block in blocks_with_quotes or block + 1 in blocks_with_quotes for block in mentioned_in):
            continue
        reported[who.key] = attribution
    return quoted, reported


def sourcing_quoted(ctx: Context) -> list[Suggestion]:
    """Which source the article quotes in its own words, in quotation marks, and which it only
    reports in the article's words: a question, and a claim on a source that is only reported."""
    a = ctx.a
    quoted, reported = _quoted_and_reported(ctx)
    out: list[Suggestion] = []
    people = sorted(
        (a.entities[key] for key, quote in quoted.items() if 6 <= quote.words <= 40 and a.entities[key].kind in ("person", "group", "org")),
        key=lambda e: (e.first, e.key),
    )
    for key, attribution in sorted(reported.items(), key=lambda item: item[1].content.start):
        who = a.entities[key]
        span = ctx.trim(min(attribution.speaker.start, attribution.content.start), max(attribution.content.end, attribution.speaker.end))
        if _words(a.text[span[0] : span[1]]) > 32:
            continue
        deciding = ctx.quote(*span)
        fact = f"quoted:{key}"
        out.append(
            ctx.suggestion(
                "sourcing-quoted", "sourcing", f"The article gives {_possessive(ctx.named(who))} own words, in quotation marks.",
                f"It does not: it gives what {ctx.named(who)} said in the reporter's words, with no quotation marks: {deciding}. A paraphrase is the reporter's wording, not the source's.",
                [span], 0.66, fact, verdict="contradicted",
                note=(
                    "Ask students to find a source the article does quote, and to say what a quotation gives the reader that a paraphrase does not."
                    if quoted else "The article quotes no one in their own words: ask what a quotation would give the reader that a paraphrase does not."
                ),
            )
        )
        if not people or any(s is not None and s.kind == "multiple_choice" for s in out):
            continue  # one question of this kind per article
        right = people[ctx.number("quoted", key) % len(people)]
        quote = quoted[right.key]
        wrong_entities = [who] + [
            a.entities[k] for k in sorted(reported, key=lambda k: a.entities[k].first) if k != key and not a.entities[k].clashes(right)
        ]
        wrong_entities = [e for e in wrong_entities if not e.clashes(right)][:3]
        if len(wrong_entities) < 2:
            continue
        wrong = []
        for entity in wrong_entities:
            their = reported[entity.key]
            their_span = ctx.trim(min(their.speaker.start, their.content.start), their.content.end)
            wrong.append((entity.name, f"The article gives what {ctx.named(entity)} said in the reporter's words, without quotation marks: {ctx.quote(*their_span)}."))
        quote_span = (quote.start, quote.end)
        question = "Which of these sources does the article quote in their own words, in quotation marks?"
        out.append(
            ctx.suggestion(
                "sourcing-quoted", "sourcing", question,
                f"The article puts {_possessive(right.name)} words in quotation marks: {ctx.quote(*quote_span) if quote.words <= 30 else ctx.quote(*ctx.window(a.sentence_at(quote.start), quote.start, quote.end, 14))}. "
                "The article gives what the others said in the reporter's words, without quotation marks.",
                [quote_span] + [ctx.trim(min(reported[e.key].speaker.start, reported[e.key].content.start), reported[e.key].content.end) for e in wrong_entities[:1]],
                0.64, fact, options=ctx.options(right.name, wrong, question, key), about=f"{question} {key}",
                note="A quotation lets readers weigh the source's exact words; a paraphrase asks them to trust the reporter's summary.",
            )
        )
    return [s for s in out if s]


# --- who a source is: the role the article gives them ---------------------------------------------

_ROLE_NOUN = re.compile(
    r"\b(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r"|[a-z]+(?:er|or|ist|ian|ant|ent)s?|co-author|member|chief|head|official|"
    r"resident|student|pupil|teacher|nurse|farmer|volunteer|worker|organiser|organizer|widow|mother|father|national)\b"
)
# After the name: ", a radioastronomer at West Virginia University," / ", the chief scientist of FAST."
_ROLE_AFTER_NAME = re.compile(r",\s+(?P<role>(?:(?:a|an|the)\s+)?[a-z][^,.;:\"“”()]{2,90}?)(?=\s*(?:,|\.|;|$)|\s+(?:who|which|whose)\b)")
# Before it: "ISD spokesman Tahir Della", "study co-author Paul Expert", "Area manager Sadie Furlong".
_ROLE_BEFORE_NAME = re.compile(r"(?:^|[\s“\"(])(?P<role>(?:[A-Z]{2,6}\s+|[A-Z][a-z]+\s+)?(?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*)\s+$")


def _roles(ctx: Context) -> dict[str, tuple[str, tuple[int, int]]]:
    """Return the role the article gives each person it names, as written ("a radioastronomer at
    West Virginia University"), with the passage that gives it: the first one found."""
    a = ctx.a
    roles: dict[str, tuple[str, tuple[int, int]]] = {}
    for entity in a.entities.values():
        if entity.kind != "person" or " " not in entity.name:
            continue
        for start, end in sorted(entity.mentions):
            if a.text[start:end] != entity.name:
                continue
            sentence = a.sentence_at(start)
            if sentence is None or sentence.clutter or sentence.kind is BlockKind.HEADLINE or a.in_quote(start):
                continue
            after = _ROLE_AFTER_NAME.match(a.text[end : sentence.end])
            before = _ROLE_BEFORE_NAME.search(a.text[sentence.start : start])
            role, span = None, None
            role_after = after.group("role") if after else ""
            if _words(role_after) > 12 and " and " in role_after:
                role_after = role_after.split(" and ")[0]  # "director of X and co-chair of Y"
            opens_well = bool(re.match(r"(?:a|an|the)\s", role_after)) or bool(_ROLE_NOUN.match(role_after))
            if role_after and opens_well and _ROLE_NOUN.search(role_after) and 2 <= _words(role_after) <= 12:
                role = role_after
                span = (start, end + after.start("role") + len(role_after))
            elif before and _ROLE_NOUN.search(before.group("role").split()[-1]) and before.group("role").split()[-1] in ROLE_WORDS | {"co-author", "meteorologist", "manager", "official", "spokesman", "spokeswoman", "spokesperson"}:
                role = before.group("role")
                span = (sentence.start + before.start("role"), end)
            if role is None or re.search(r"\d", role) or _UNRESOLVED.search(role):
                continue
            role = re.sub(r"\s+(?:and|in|on)\s*$", "", role.strip())
            roles[entity.key] = (role, ctx.trim(*span))
            break
    return roles


def sourcing_role(ctx: Context) -> list[Suggestion]:
    """Who a source is, as the article describes them: the role that tells a reader what the
    source knows, or has at stake. A question with the roles of the article's other sources as
    options; the key is the role the article gives, word for word."""
    a = ctx.a
    roles = _roles(ctx)
    speakers = {att.who.key for att in a.attributions if att.who is not None} | {att.who.key for _, att in a.quote_attributions if att.who is not None}
    quoted = [key for key in roles if key in speakers]
    out: list[Suggestion] = []
    for key in quoted:
        who = a.entities[key]
        role, span = roles[key]
        others = [(k, roles[k]) for k in roles if k != key and roles[k][0].casefold() != role.casefold()]
        if len(others) < 2:
            continue
        others = ctx.shuffled(others, "role", key)[:3]
        question = f"How does the article describe {who.name}, one of its sources?"
        wrong = [(_sentence_case(r), f"That is how the article describes {a.entities[k].name}: {ctx.quote(*s)}.") for k, (r, s) in others]
        out.append(
            ctx.suggestion(
                "sourcing-role", "sourcing", question,
                f"The article says {ctx.quote(*span)}. A source's role tells the reader what they know first-hand, and what they may have at stake.",
                [span], 0.66, f"role:{key}", options=ctx.options(_sentence_case(role), wrong, question), about=question,
                note="Ask what this role makes the source well placed to know, and whether it gives them a side in the story.",
            )
        )
    return [s for s in out if s]


# --- reports, studies and figures as sources ---------------------------------------------------

_SOURCE_DOC = r"(?:reports?|stud(?:y|ies)|surveys?|analys[ie]s|figures|data|research|polls?|reviews?|investigations?|papers?)\b"
# "according to a report in the Westbury Gazette", "according to a new study", "according to
# authority figures", "according to a report by council officers".
_ACCORDING_DOC = re.compile(
    rf"\b[Aa]ccording to (?P<src>(?:(?:a|an|the|new|recent|latest|last\s+\w+['’]s|its|their|official|[A-Z]\w+|[a-z]+)\s+){{0,3}}?{_SOURCE_DOC}"
    r"(?:\s+(?:that\s+)?(?:the|a|an)\s+[a-z][\w ]{2,30}?\s+(?:published|released|compiled|produced|commissioned))?"
    rf"(?:\s+(?:in|by|from|for|published by|commissioned by|cited by|compiled by|released by)\s+(?P<by>(?:the\s+)?(?:[A-Z][\w'’&-]*(?:\s+(?:of|for|and|the)?\s*[A-Z][\w'’&-]*)*|[a-z]+\s+[a-z]+)))?)"
)
_PUBLISHED_IN = re.compile(r"\b(?:published|appear(?:s|ed)?)\s+in\s+(?P<venue>(?:the\s+)?(?:journal\s+)?[A-Z][\w'’&-]*(?:\s+(?:of|for|and|on|in)?\s*[A-Z][\w'’&-]*){0,8})")
_FUNDING = ["fund", "funded", "funding", "paid for", "sponsor", "financed", "backed by", "grant"]


def _doc_sources(a: Analysis) -> list[tuple[Sentence, re.Match]]:
    found = []
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.quoted:
            continue
        for match in _ACCORDING_DOC.finditer(sentence.text):
            if a.in_quote(sentence.start + match.start()):
                continue
            src = match.group("src")
            if re.search(r"\b(?:it|its|their|they|this|that)\b", src.split(" ")[0], re.IGNORECASE):
                continue
            found.append((sentence, match))
    return found


def _doc_phrase(match: re.Match) -> str:
    """The source as the article names it, fit to stand alone: "a report in the Westbury Gazette"."""
    phrase = re.sub(r"\s+(?:(?:last|this|on|earlier)\s+\w+|in\s+(?:" + "|".join(MONTHS) + r")(?:\s+\d{4})?)$", "", _clean(match.group("src")))
    first = phrase.split()[0]
    if first[:1].isupper() and first.lower() in ("a", "an", "the"):
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


def _credited_content(a: Analysis, sentence: Sentence, match: re.Match) -> tuple[int, int] | None:
    """Return what a sentence credits to the source it names: the clause after a leading
    "According to X," or the words before a trailing ", according to X"; None when unclear."""
    text = sentence.text
    if match.start() <= _lead_at(text):
        comma = text.find(", ", match.end())
        if comma < 0 or comma - match.end() > 25:
            return None
        lo, hi = comma + 2, len(text.rstrip(". "))
    else:
        lo, hi = _lead_at(text), match.start()
    piece = text[lo:hi].rstrip(" ,;")
    if not 4 <= _words(piece) <= 30 or not _balanced(piece) or _dangling(piece):
        return None
    return sentence.start + lo, sentence.start + lo + len(piece)


def _lead_at(text: str) -> int:
    return len(text) - len(text.lstrip("\"“‘'«( "))


_STUDY_NOUN = re.compile(r"\b(?:report|paper|study|studies|research|analysis|survey|findings)\b", re.I)


def sourcing_documents(ctx: Context) -> list[Suggestion]:
    """The report, study or figures the article relies on ("according to a report in the
    Westbury Gazette", "according to a new study", "according to authority figures"): where a
    statement comes from, where to check it, and a detail of the study the text does not give."""
    a = ctx.a
    out: list[Suggestion] = []
    found = _doc_sources(a)
    speakers = [
        e for e in a.entities.values()
        if ((e.kind == "person" and " " in e.name) or (e.kind == "org" and " " in e.name and _organisation(a, e))) and ctx.elsewhere(e, None)
    ]
    for sentence, match in found[:3]:
        phrase = _doc_phrase(match)
        if _words(phrase) > 9 or not _balanced(phrase) or sentence.pronoun_start:
            continue
        content = _credited_content(a, sentence, match)
        if content is None:
            continue
        source_span = (sentence.start + match.start(), sentence.start + match.end())
        said = ctx.quote(*content)
        fact = f"document:{sentence.index}"
        # Not someone named in the same paragraph: "according to Hansen" beside "according to the
        # report" may make the report his.
        block = a.article.block_spans[sentence.block]
        # Nor anyone named beside a study, when the source is one: "his new paper" makes "the
        # report" possibly Hansen's.
        studies = bool(_STUDY_NOUN.search(phrase))
        question = f"Where, according to the article, does this come from? {said}"
        wrong = [("The reporter's own observation", f"The sentence credits someone else: {ctx.quote(*source_span)}. Nothing says the reporter saw or measured it.")]
        # Never someone the source may be ("figures the health board published" and "the
        # Northern Coast Health Board"): no word of the name in the source's words.
        other = next(
            (
                e for e in speakers
                if not any(block.start <= m < block.end for m, _ in e.mentions)
                and not (studies and any(_STUDY_NOUN.search(t.text) for t in a.content() if any(t.start <= m < t.end for m, _ in e.mentions)))
                and not any(w.lower() in phrase.lower() for w in re.findall(r"[A-Za-z]{4,}", e.name))
            ),
            None,
        )
        if other is not None:
            where = ctx.elsewhere(other, sentence)
            if where:
                wrong.append((f"A statement by {ctx.named(other)}", f"{other.name} comes up for something else: {ctx.quote(*where)}."))
        if len(wrong) < 2:
            wrong.append(("A reader's comment quoted in the article", "The article quotes no reader's comment for this; it names its source in the same sentence."))
        out.append(
            ctx.suggestion(
                "sourcing-documents", "sourcing", question,
                f"The article gives its source in the same sentence: {ctx.quote(*source_span)}. That is whose account it is, and where a reader would check it.",
                [content, source_span], 0.7, fact, options=ctx.options(_sentence_case(phrase), wrong, question), about=question,
            )
        )
        # Going upstream: to the report itself, not to copies of this article (tracing a claim to
        # its source is sourcing; lateral reading, what others say about it, is framing.py's).
        by = _clean(match.group("by") or "")
        kind = re.search(_SOURCE_DOC, phrase).group(0)
        plural = kind in ("figures", "data", "studies", "analyses") or (kind.endswith("s") and kind not in ("analysis",))
        if by and re.search(r"\bcited by\s", match.group(0)):
            right = f"What {by} published"  # "reports cited by MySA": MySA is the one named, and the way to the reports
        elif by and by.removeprefix("the ")[:1].isupper() and by.removeprefix("the ") not in MONTHS and not plural:
            right = f"{_possessive(by)} own {kind}"
        else:
            right = f"The {kind} {'themselves' if plural else 'itself'}"
        lateral_q = f"You want to check this statement in the article: {said}. Where should you look first?"
        lateral_wrong = [
            ("A post that shares this article", "That only repeats this article. Go to the source it names."),
            ("Other sites repeating the claim", "Copies of one claim are not a second source; find where it started."),
        ]
        out.append(
            ctx.suggestion(
                "sourcing-documents", "sourcing", lateral_q,
                f"The article names its source: {ctx.quote(*source_span)}. Open that source itself and check that it says what the article says it does.",
                [content, source_span], 0.66, f"document:{sentence.index}", options=ctx.options(_sentence_case(right), lateral_wrong, lateral_q), about=lateral_q,
            )
        )
    # No "The study was paid for by a technology company": a review found a funder named at random
    # nonsense beside a medical case report; missing_funder offers one the article names instead.
    return [s for s in out if s]


# --- unnamed sources ("I'm told", "sources say") ----------------------------------------------

_TOLD = re.compile(r"\b(?:I['’]m|I am|we['’]re|we are)\s+(?:told|reliably informed|given to understand)\s+(?:that\s+)?(?P<clause>[^.;:!?]+)")
_SOURCES_SAY = re.compile(r"^(?P<who>(?:[Ss]enior\s+|[Ii]nsider\s+|[Ww]ell-placed\s+)?[Ss]ources\s+(?:close\s+to|familiar\s+with|at|in|inside)\s+(?:the\s+)?[\w' ]{2,40}?)\s+(?:said|say|says|told)\s+(?:that\s+)?(?P<clause>[^.;:!?]+)")


# "Cybersecurity experts say ...", "Israeli officials claim ...", "Residents told me ...": people
# the article cites as a group, with no name.
_VAGUE_GROUP = r"(?i:experts|analysts|critics|observers|officials|insiders|economists|commentators|witnesses|residents|media outlets|media reports|activists)"
_VAGUE_SAY = re.compile(
    r"^(?:(?:But|And|However|Still|Yet|Meanwhile),?\s+)?(?P<who>(?:(?:Some|some|Many|many|Several|several|Other|other|Most|most)\s+)?(?:[A-Z][a-z]+\s+)?(?:[a-z-]+\s+){0,2}"
    + _VAGUE_GROUP
    + r")\s+(?:have\s+)?(?:said|say|says|told(?:\s+(?:me|us|reporters))?|believe|warn|warned|note|noted|argue|argued|claim|claimed|reported|suggest|suggested)\s+(?:that\s+)?(?P<clause>[^.;:!?]+)"
)
_VAGUE_ACCORDING = re.compile(
    r"^[Aa]ccording to (?P<who>(?:some\s+|many\s+|several\s+)?(?:[a-z-]+\s+)?" + _VAGUE_GROUP + r"(?:\s+and\s+[a-z]+)?(?:\s+[a-z]+ing\s+[^,]{1,40})?),\s+(?P<clause>[^.;:!?]+)"
)


def _named_near(a: Analysis, sentence: Sentence) -> bool:
    """Say whether a person is named in the sentence or the ones beside it."""
    return any(
        e.kind == "person" and any(abs(t.index - sentence.index) <= 1 for t in a.sentences_mentioning(e))
        for e in a.entities.values()
    )


def unnamed_sources(ctx: Context) -> list[Suggestion]:
    """Claims passed on from someone the article does not name: "I'm told that ...", "Sources
    close to the board said ...". Whether the article names the source is settled by the text."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.quoted or sentence.words > 45:
            continue
        match = _TOLD.search(sentence.text) or _SOURCES_SAY.search(sentence.text)
        vague = None
        if match is None:
            vague = _VAGUE_SAY.search(sentence.text) or _VAGUE_ACCORDING.search(sentence.text)
            if vague is None or _named_near(a, sentence):
                continue  # a person named in the sentence or beside it may be one of them
            match = vague
        if a.in_quote(sentence.start + match.start()):
            continue
        clause = _clean(match.group("clause"))
        if vague is not None:
            # "the aim is to make life difficult, slowly forcing them out": the first statement
            clause = re.split(r",\s+(?:which|who|while|but|and|as|[a-z]+ing)\b", clause)[0]
        if not 4 <= _words(clause) <= 22 or _dangling(clause) or not _balanced(clause) or clause[:1] in "\"“":
            continue
        if re.search(r"\b(?:I|me|my|we|us|our)\b", clause):
            continue
        span = (sentence.start + match.start(), sentence.start + match.start() + len(match.group(0).rstrip()))
        if vague is not None:
            who = ctx.lower_first(re.sub(r"^(?:some|many|several|other|most)\s+", "", _clean(match.group("who")), flags=re.IGNORECASE))
            if re.match(_VAGUE_GROUP, who):
                who = who[:1].lower() + who[1:]  # "Officials say": a capital only because it opens the sentence
            supported = f"The article does not name the {who} it cites for the statement that {clause}."
            contradicted = f"The article names the {who} it cites for the statement that {clause}."
        elif "who" in match.groupdict():
            who = _clean(match.group("who"))
            who = who[:1].lower() + who[1:]
            supported = f"The article does not name the {who} who said that {clause}."
            contradicted = f"The article names the {who} who said that {clause}."
        else:
            writer = "writer"
            supported = f"The {writer} does not say who told them that {clause}."
            contradicted = f"The {writer} names the person who told them that {clause}."
        fact = f"unnamed:{sentence.index}"
        deciding = ctx.quote(*span)
        out.append(
            ctx.suggestion(
                "unnamed-source", "sourcing", supported,
                f"The article says {deciding}, and names no one for it. The reader has only the writer's word for the source.",
                [span], 0.68, fact, verdict="supported",
                note="Ask what the reader would need to check this, and why a writer might keep a source unnamed.",
            )
        )
        out.append(
            ctx.suggestion(
                "unnamed-source", "sourcing", contradicted,
                f"No one is named: {deciding}.", [span], 0.66, fact, verdict="contradicted",
            )
        )
    return [s for s in out if s]


# No restatement of a sentence with "According to X" in front: an independent review found such
# claims test nothing.
RULES = [attribution_speaker, sourcing_outlet, sourcing_unsourced, sourcing_anonymous, sourcing_documents, unnamed_sources, sourcing_quoted, sourcing_role]
