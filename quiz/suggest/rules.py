"""The rules that propose questions: one function per rule, each reading the Analysis of one
article and returning Suggestions in the bank's terms.

Every rule is narrow on purpose. It acts only on a pattern it can read with confidence (a
speaker it resolved to a name, an exact figure, a word from the lexicon), builds the question
from the article's own words, quotes the deciding words in its explanation, and anchors its
evidence in the text. Several rules offer alternatives for the same fact (a multiple-choice
question, a supported claim, a contradicted one): they share `fact`, and the generator keeps one,
choosing so that the verdicts stay balanced.

Claims are built by construction:
- supported: a faithful restatement (a changed reporting frame, a dropped aside), never a change
  of meaning, and never a hedge dropped;
- contradicted: one controlled change that the text refutes (a speaker swapped for another from
  the article, a figure or a month changed, a hedge presented as fact), named in the explanation;
- not in the article: a plausible detail the text does not give (an exact count for "some", a
  date for an undated event, the other side's response), checked absent in every sentence.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz

from ..articles.text import BlockKind
from .analysis import _STARTERS, ORG_WORDS
from .analysis import (
    HEDGE_ADVERBS,
    MONTHS,
    NUMBER_WORDS,
    REPORTING_VERBS,
    Analysis,
    Attribution,
    Entity,
    Number,
    Sentence,
    loaded_lexicon,
)
from .model import Option, Suggestion

# Words never offered as the "other" words of a which-word question.
_PLAIN_STOP = frozenset(
    """about above after again against along although among another around because before being
    below between both cannot could during each either enough every first former further having
    however itself later latter least might neither other others ought perhaps rather should since
    some such than that their theirs them then there these they this those though through under
    until upon very what when where whether which while whom whose with within without would
    also still just only even into onto over from have were been does said says told wrote""".split()
)
_FUNCTION = frozenset(
    """a an the and or but of to in on at by for from with as that which who whom whose this these
    those is are was were be been has have had it its their his her they we our not no so if than
    then into onto over under about after before while""".split()
)
_UNRESOLVED = re.compile(r"\b(?:it|its|they|them|their|he|him|his|she|her|this|these|those)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# In a clause that keeps its own subject, "its" and "their" point back into it ("The company
# plans to close its factory"); a pronoun that opens it, or "they" and "him" anywhere, do not.
_DANGLING = re.compile(r"^(?:it|its|they|their|he|his|she|her|this|these|those)\b|\b(?:they|them|he|him|she)\b", re.IGNORECASE)


def _plain_group(phrase: str) -> bool:
    """Say whether a speaker with no name is still a clear one: a plural noun phrase such as
    "Library campaigners" or "Several local authors", not "They" or "The findings were"."""
    phrase = _clean(phrase)
    return not _UNRESOLVED.search(phrase) and bool(re.fullmatch(r"(?:[A-Z][a-z]+ )?(?:[a-z]+ ){0,2}[A-Za-z][a-z]*s", phrase)) and not re.search(r"\b(?:were|was|are|is|has|have|had)\b", phrase)


def _dangling(clause: str) -> bool:
    return bool(_DANGLING.search(re.sub(r"[\"“][^\"”]*[\"”]", "", clause)))
# Words for the response of the party a story criticises.
_RESPONSE = re.compile(
    r"\b(?:respond\w*|response|comment\w*|statement|spokes\w*|declined|repl(?:y|ied|ies)|did not return|"
    r"didn['’]t return|denied|denies|defended|said in a|a representative)\b",
    re.IGNORECASE,
)
_CRITICISM = re.compile(
    r"\b(?:protest\w*|criticis\w*|criticiz\w*|accus\w*|condemn\w*|complain\w*|object\w*|urg\w*|called on|"
    r"demand\w*|petition\w*|lawsuit|sued|concerned|implicated|enabling|boycott\w*|opposed|oppose)\b",
    re.IGNORECASE,
)
_INTERVIEW = re.compile(r"\b(?:interview\w*|spoke to|spoke with|told (?:us|this|the)|in a call)\b", re.IGNORECASE)

Rule = Callable[["Context"], list[Suggestion]]


class Context:
    """One article's analysis with the helpers every rule uses: deterministic choices seeded
    from the text, stable keys, evidence anchored with context when a quote repeats."""

    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.text = analysis.text
        self.seed = hashlib.sha256(analysis.text.encode("utf-8")).hexdigest()[:16]
        self.lower_words = set(re.findall(r"\b[a-z][a-z'-]+\b", self.text))

    # --- choices and keys

    def number(self, *salt: object) -> int:
        digest = hashlib.sha256("\x1f".join([self.seed, *map(str, salt)]).encode("utf-8")).hexdigest()
        return int(digest[:12], 16)

    def pick(self, items: Sequence, *salt: object):
        return items[self.number(*salt) % len(items)]

    def shuffled(self, items: Iterable, *salt: object) -> list:
        return sorted(items, key=lambda item: self.number(*salt, repr(item)))

    @staticmethod
    def key(rule: str, *parts: object) -> str:
        """A key that stays the same while the words it is about stay the same."""
        digest = hashlib.sha1("\x1f".join([rule, *map(str, parts)]).encode("utf-8")).hexdigest()[:10]
        return f"{rule}-{digest}"

    # --- building suggestions

    def suggestion(
        self,
        rule: str,
        skill: str,
        text: str,
        explanation: str,
        evidence: Sequence[tuple[int, int]],
        confidence: float,
        fact: str,
        *,
        verdict: str | None = None,
        options: list[Option] | None = None,
        note: str | None = None,
        about: str = "",
    ) -> Suggestion | None:
        quotes, context = [], {}
        for start, end in evidence:
            start, end = self.trim(start, end)
            if end <= start:
                return None
            quote = self.text[start:end]
            if quote in quotes:
                continue
            around = self.a.context(start, end)
            if around is not None:
                if quote in context:
                    return None
                context[quote] = around
            quotes.append(quote)
        kind = "multiple_choice" if options else "claim"
        key = self.key(rule, kind, verdict or "", about or text)
        return Suggestion(
            key=key,
            rule=rule,
            kind=kind,
            skill=skill,
            text=_sentence_case(text),
            explanation=explanation,
            evidence=quotes,
            confidence=round(confidence, 2),
            verdict=verdict,
            options=options or [],
            teacher_note=note,
            context=context,
            fact=fact,
            position=min((s for s, _ in evidence), default=0),
        )

    def options(self, right: str, wrong: list[tuple[str, str]], *salt: object) -> list[Option]:
        """Return the options with the right one at a place chosen by the seed."""
        options = [Option(text, False, feedback) for text, feedback in wrong]
        place = self.number("place", *salt) % (len(options) + 1)
        options.insert(place, Option(right, True))
        return options

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Trim a span to whole words without outer spaces or trailing commas."""
        while start < end and self.text[start] in " \n,;:":
            start += 1
        while end > start and self.text[end - 1] in " \n,;:":
            end -= 1
        return start, end

    def window(self, sentence: Sentence, start: int, end: int, words: int = 14) -> tuple[int, int]:
        """Return a passage of the sentence around text[start:end]: the clauses that hold it
        (cut at commas, semicolons and colons), with the next clauses while it is shorter than
        six words, when that is at most `words` + 8 words; else about `words` words around it."""
        text = self.text[sentence.start : sentence.end]
        cuts = [0] + [m.end() for m in re.finditer(r"[,;:](?=\s)|\s[-–—](?=\s)", text)] + [len(text)]
        rel_start, rel_end = start - sentence.start, end - sentence.start
        first = max(i for i, cut in enumerate(cuts[:-1]) if cut <= rel_start)
        last = min(i for i, cut in enumerate(cuts) if cut >= rel_end)
        while len(text[cuts[first] : cuts[last]].split()) < 6 and last < len(cuts) - 1:
            last += 1
        if len(text[cuts[first] : cuts[last]].split()) <= words + 8:
            return self.trim(sentence.start + cuts[first], sentence.start + cuts[last])
        s_start, s_end = sentence.start, sentence.end
        left = [m.start() + s_start for m in re.finditer(r"\S+", self.text[s_start:start])]
        right = [m.end() + end for m in re.finditer(r"\S+", self.text[end:s_end])]
        have = len(self.text[start:end].split())
        lo, hi = start, end
        li, ri = len(left) - 1, 0
        while have < words and (li >= 0 or ri < len(right)):
            if ri < len(right):
                hi = right[ri]
                ri += 1
                have += 1
            if have < words and li >= 0:
                lo = left[li]
                li -= 1
                have += 1
        return self.trim(lo, hi)

    def quote(self, start: int, end: int) -> str:
        """Return text[start:end] in quotation marks, with quotation marks inside it made single
        (a quotation inside a quotation), and without a leading or trailing mark of its own."""
        start, end = self.trim(start, end)
        return '"' + _inner_quotes(self.text[start:end].rstrip(".")) + '"'

    def lower_first(self, phrase: str) -> str:
        """Lower a phrase's first letter when it is a common word ("Employees at Microsoft")."""
        parts = phrase.split(" ", 2)
        first = parts[0]
        if not first[:1].isupper() or first.isupper():
            return phrase
        named = any(e.name.split()[0] == first.rstrip("'’s") for e in self.a.entities.values() if e.kind in ("person", "org", "outlet", "place", "group"))
        common = first.lower() in self.lower_words or first.lower() in _STARTERS or (first in ORG_WORDS and not named)
        # "Opposition councillor Priya Shah": a capital only because the sentence starts there.
        before_common_noun = len(parts) > 1 and parts[1][:1].islower() and not named
        if len(parts) > 1 and parts[1][:1].isupper():
            return phrase  # "Port Calloway Authority", "Dr Priya Nandakumar": one name
        if (common or before_common_noun) and not named:
            return phrase[:1].lower() + phrase[1:]
        return phrase

    def named(self, entity: Entity) -> str:
        """Return an entity's name as running text gives it: "the Port Calloway Authority" when
        the article writes it with "the", else the name alone."""
        if entity.kind in ("org", "outlet") and re.search(rf"\bthe\s+{re.escape(entity.name)}\b", self.text, re.IGNORECASE):
            return f"the {entity.name}"
        return entity.name

    def elsewhere(self, entity: Entity, sentence: Sentence | None) -> tuple[int, int] | None:
        """Return a short passage where the entity is mentioned outside `sentence` and outside
        clutter, for feedback that shows where it does come up."""
        for start, end in sorted(entity.mentions):
            other = self.a.sentence_at(start)
            if other is None or other.clutter or (sentence is not None and other.index == sentence.index):
                continue
            if other.kind is BlockKind.HEADLINE:
                continue
            return self.window(other, start, end, 12)
        return None


# --- helpers -----------------------------------------------------------------------------------


def _inner_quotes(text: str) -> str:
    """Make a passage's own quotation marks single, for quoting it inside double ones; a mark
    that opens or closes the whole passage goes (the passage is quoted anyway)."""
    text = text.strip()
    if text[:1] in "\"“" and text.count('"') + text.count("“") + text.count("”") == 2 and text[-1:] in "\"”":
        text = text[1:-1]
    elif text[:1] in "\"“" and text.count('"') + text.count("“") + text.count("”") == 1:
        text = text[1:]
    elif text[-1:] in "\"”" and text.count('"') + text.count("“") + text.count("”") == 1:
        text = text[:-1]
    text = text.replace("“", "‘").replace("”", "’")
    out, opening = [], True
    for char in text:
        if char == '"':
            out.append("'")
            opening = not opening
        else:
            out.append(char)
    return "".join(out).rstrip(".,")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(",;:")


def _words(text: str) -> int:
    return len(text.split())


def _balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”") and text.count("(") == text.count(")")


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")


def _clause(a: Analysis, sentence: Sentence, start: int, end: int, cut_which: bool = True) -> tuple[int, int] | None:
    """Return the clause of the sentence that holds text[start:end], cut at "; ", ", while",
    ", but", a dash and (optionally) ", which"; None when it does not open on its subject."""
    text = sentence.text
    bounds = r";|,\s+(?:while|but|whereas|although|though|and\s+(?=[a-z]+\s))\b|\s+[-–—]\s+" + (r"|,\s+(?:which|who|saying|adding)\b" if cut_which else "")
    cuts = [0] + [m.start() for m in re.finditer(bounds, text)] + [len(text)]
    rel_start, rel_end = start - sentence.start, end - sentence.start
    for lo, hi in zip(cuts, cuts[1:]):
        if lo <= rel_start and rel_end <= hi:
            piece = text[lo:hi]
            lead = re.match(r"[;,\s]*(?:(?:while|but|whereas|although|though|and)\s+)?|\s*[-–—]\s*", piece)
            lo += lead.end() if lead else 0
            clause = text[lo:hi].rstrip(" .,;")
            if not clause or not (clause[0].isupper() or clause[0] in "\"“"):
                if clause and lo > 0 and re.match(r"[a-z]", clause[0]) and _subject_like(a, sentence.start + lo):
                    return sentence.start + lo, sentence.start + lo + len(clause)
                return None
            return sentence.start + lo, sentence.start + lo + len(clause)
    return None


def _subject_like(a: Analysis, at: int) -> bool:
    return bool(a.entity_at(at, at + 60, ("person", "group", "org", "outlet"))) and any(
        s <= at + 2 for e in a.entity_at(at, at + 60, ("person", "group", "org", "outlet")) for s, _ in e.mentions if s >= at
    )


def _plain_words(a: Analysis, sentence: Sentence, avoid: set[str], start: int | None = None, end: int | None = None) -> list[str]:
    """Return plain content words of a passage: lower case, five letters or more, no hedge, no
    loaded word, no function word, not inside quotation marks."""
    start = sentence.start if start is None else start
    end = sentence.end if end is None else end
    lexicon = loaded_lexicon()
    found = []
    for match in re.finditer(r"\b[a-z][a-z-]{4,}\b", a.text[start:end]):
        word = match.group(0)
        at = start + match.start()
        if word in _PLAIN_STOP or word in lexicon or word in avoid or word.endswith("ly") or a.in_quote(at):
            continue
        if word in HEDGE_ADVERBS or word in ("possible", "likely", "unlikely", "probable", "alleged", "apparent"):
            continue
        if word not in found:
            found.append(word)
    return found


def _usable(sentence: Sentence, words: int = 45) -> bool:
    """A sentence a claim or question may be built on: content, not opening on a pronoun."""
    return not sentence.clutter and not sentence.pronoun_start and sentence.words <= words


def _absent(a: Analysis, *groups: Sequence[str], threshold: float = 88) -> bool:
    """Say whether no content sentence contains a term from every group (fuzzy, case-insensitive):
    the check that a "not in the article" detail really is not there."""
    for sentence in a.content():
        text = sentence.text.casefold()
        if all(any(fuzz.partial_ratio(term.casefold(), text) >= threshold for term in terms) for terms in groups):
            return False
    return True


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


def _distractors(ctx: Context, right: Entity, sentence: Sentence, avoid: tuple[int, int], count: int = 3) -> list[Entity]:
    """Return people, organisations or groups from the article that could be mistaken for
    `right`: other speakers first, then the same kind, never one named in the passage itself."""
    a = ctx.a
    speakers = {att.who.key for att in a.attributions if att.who is not None}
    speakers |= {att.who.key for _, att in a.quote_attributions if att.who is not None}
    candidates = []
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
        if entity.kind == "org" and re.search(rf"\bthe\s+{re.escape(entity.name.split()[-1])}\b", a.text[avoid[0] : avoid[1]], re.IGNORECASE):
            continue  # "the council" in the passage is Riverton City Council
        same = entity.kind == right.kind or {entity.kind, right.kind} <= {"org", "outlet"}
        rank = (0 if same else 1, 0 if entity.key in speakers else 1, entity.first)
        candidates.append((rank, entity))
    candidates.sort(key=lambda item: item[0])
    chosen: list[Entity] = []
    for _, entity in candidates:
        if not any(entity.clashes(other) for other in chosen):
            chosen.append(entity)
    return chosen[:count]


def _who_word(entity: Entity) -> str:
    return "that" if entity.kind in ("org", "outlet") else "who"


def attribution_speaker(ctx: Context) -> list[Suggestion]:
    """Who said, wrote or found what: a question on the speaker of a reporting verb, or a claim
    that names the speaker against another one from the same article."""
    a = ctx.a
    out: list[Suggestion] = []
    for attribution in a.attributions:
        who = attribution.who
        if attribution.frame != "verb" or who is None or attribution.verb_mark is None:
            continue
        sentence = a.sentences[attribution.sentence]
        if not _usable(sentence, 50) or sentence.quoted:
            continue
        rest = _speaker_rest(a, attribution)
        if rest is None:
            continue
        passage = (attribution.speaker.start, attribution.rest.end)
        others = _distractors(ctx, who, sentence, (sentence.start, sentence.end))
        if len(others) < 2:
            continue
        verb = attribution.verb
        said = f"{verb} {rest}"
        fact = f"speaker:{sentence.index}"
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
        out.append(
            ctx.suggestion(
                "attribution-speaker", "attribution", question, explanation, [passage], 0.75, fact,
                options=ctx.options(who.name, wrong, question), about=question,
            )
        )
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
    for quote, attribution in a.quote_attributions:
        who = attribution.who
        if who is None or who.kind not in ("person", "group", "org") or not quote.complete or not 6 <= quote.words <= 30:
            continue
        sentence = a.sentence_at(quote.start)
        if sentence is None or sentence.clutter:
            continue
        others = _distractors(ctx, who, sentence, (quote.start, quote.end))
        if len(others) < 2:
            continue
        said = quote.text.rstrip(",")
        speaker_span = (attribution.speaker.start, attribution.speaker.end)
        wrong = []
        for other in others:
            where = ctx.elsewhere(other, sentence)
            wrong.append((other.name, f"The article gives these words to {who.name}, with {ctx.quote(*speaker_span)}. {other.name} comes up for something else: {ctx.quote(*where)}."))
        question = f"Who, according to the article, said this? \"{said}\""
        out.append(
            ctx.suggestion(
                "attribution-speaker", "attribution", question,
                f"The quotation is followed or introduced by {ctx.quote(*speaker_span)}: {who.name} is the speaker.",
                [(quote.start, quote.end), speaker_span], 0.72, f"speaker:{sentence.index}",
                options=ctx.options(who.name, wrong, question), about=question,
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


def attribution_restate(ctx: Context) -> list[Suggestion]:
    """A supported claim that restates what a named speaker said or found, in a changed
    reporting frame: "X found in May that C" becomes "According to X, C"."""
    a = ctx.a
    out: list[Suggestion] = []
    for attribution in a.attributions:
        content = attribution.content
        if attribution.who is None or content is None or content.quoted:
            continue
        sentence = a.sentences[attribution.sentence]
        if not _usable(sentence, 50):
            continue
        clause = _clean(_SECOND_VERB.split(content.text)[0])
        if _words(clause) < 5 or _words(clause) > 26 or not _balanced(clause) or clause.endswith(":"):
            continue
        if _dangling(clause) or clause[:1] in "\"“":
            continue
        speaker = _clean(re.sub(r"^some\s+", "", attribution.speaker.text, flags=re.IGNORECASE))
        speaker = re.sub(r"^The\s+", "the ", speaker)
        speaker = ctx.lower_first(speaker)
        if attribution.frame == "according":
            if attribution.outlet is None:
                continue
            claim = f"{speaker} reported that {ctx.lower_first(clause)}."
            frame = f'"According to {attribution.speaker.text}"'
        else:
            if attribution.verb not in ("said", "says", "found", "finds", "told", "wrote", "reported", "reports", "argued", "argues", "warned", "warns", "claimed", "claims", "concluded", "estimated", "estimates"):
                continue
            claim = f"According to {speaker}, {ctx.lower_first(clause)}."
            frame = f'"{attribution.speaker.text} {attribution.verb}"'
        passage = (attribution.speaker.start, content.start + len(clause))
        out.append(
            ctx.suggestion(
                "attribution-restate", "attribution", claim,
                f"The article says {ctx.quote(*passage)}. The claim keeps the content and changes only the frame, {frame}.",
                [passage], 0.7, f"speaker:{sentence.index}", verdict="supported",
            )
        )
    return [s for s in out if s]


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
    return bool(re.search(rf"\b{name}\s*,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}{_ORG_NOUN}\b|\b{_ORG_NOUN}\s+{name}\b|\b{name}['’]s\s+(?:chief executive|spokes\w+|board|shareholders|staff|employees|workers)\b|\b{name}\s+(?:Inc|Ltd|plc|Group)\b", a.text))


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
    else:
        question = "Whose reporting does the article say its account comes from?"
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
    if len(wrong) >= 2:
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
        statement = sentence.text.rstrip(". ")
        if re.search(r"\b(?:according|said|says|reported|told|claimed)\b", statement):
            continue
        out.append(
            ctx.suggestion(
                "sourcing-unsourced", "sourcing", f"The article gives no source for its statement that {statement}.",
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
        if not 5 <= _words(clause) <= 24 or not _balanced(clause) or _dangling(clause) or clause[:1] in "\"“":
            continue
        credit = (attribution.speaker.start - (13 if attribution.frame == "according" else 0), attribution.content.start + len(clause))
        out.append(
            ctx.suggestion(
                "sourcing-unsourced", "sourcing", f"The article gives no source for its statement that {ctx.lower_first(clause)}.",
                f"It does: {ctx.quote(*credit)}.",
                [credit], 0.62, f"speaker:{sentence.index}", verdict="contradicted",
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


# --- hedging ---------------------------------------------------------------------------------------


def _which_word(ctx: Context, sentence: Sentence, right: str, clause: tuple[int, int], avoid: set[str], salt: str) -> list[str] | None:
    words = _plain_words(ctx.a, sentence, avoid | {right.lower()}, *clause)
    if len(words) < 2:
        return None
    return ctx.shuffled(words, salt)[:3]


_HEDGE_NOUNS = {"reportedly": "report", "allegedly": "allegation", "purportedly": "claim", "supposedly": "claim"}


def hedging(ctx: Context) -> list[Suggestion]:
    """Hedges: "reportedly", "allegedly" and the like (a claim that drops the hedge is
    contradicted; one that names it is supported), and modal hedges ("may", "could")."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 50):
            continue
        for hedge in sentence.hedges:
            if hedge.quoted:
                continue
            word = hedge.text.lower()
            clause = _clause(a, sentence, hedge.start, hedge.end)
            if clause is None or _words(a.text[clause[0] : clause[1]]) > 30:
                continue
            clause_text = a.text[clause[0] : clause[1]]
            if not _balanced(clause_text):
                continue
            fact = f"hedge:{sentence.index}:{hedge.start}"
            deciding = ctx.quote(*clause)
            adverb = word in HEDGE_ADVERBS
            if adverb:
                plain = _clean(re.sub(rf"\s*\b{word}\b", "", clause_text, count=1, flags=re.IGNORECASE))
                if not plain or _dangling(plain):
                    plain = None
                if plain:
                    plain = ctx.lower_first(plain)
                    out.append(
                        ctx.suggestion(
                            "hedging", "hedging", f"The article states as established fact that {plain}.",
                            f"The article hedges it: {deciding}. \"{_sentence_case(word)}\" passes the claim on without confirming it; the claim drops that word.",
                            [clause], 0.75, fact, verdict="contradicted",
                            note=f"One change from the text: \"{word}\" left out. Ask what the article would have to say for the claim to be supported.",
                        )
                    )
                    if word in _HEDGE_NOUNS:
                        out.append(
                            ctx.suggestion(
                                "hedging", "hedging", f"The article passes on, without confirming it, the {_HEDGE_NOUNS[word]} that {plain}.",
                                f"It says {deciding}: \"{word}\" marks the claim as passed on, not confirmed by the article.",
                                [clause], 0.68, fact, verdict="supported",
                            )
                        )
            if word in ("could", "probably", "possibly", "perhaps") or word.startswith(("seem", "appear")):
                continue  # "could be seen" is ability, not doubt; and a phrase is no one word
            others = _which_word(ctx, sentence, word, clause, set(), fact)
            if others is None or len(clause_text) > 220:
                continue
            purpose = "shows that the article passes this on without confirming it" if adverb else "marks what it says as a possibility rather than a fact"
            question = f"Which word in this passage {purpose}? {deciding}"
            wrong = [(f'"{w}"', f'"{w}" is part of what is claimed; it does not say how sure the article is. "{word}" does.') for w in others[:2]]
            out.append(
                ctx.suggestion(
                    "hedging", "hedging", question,
                    f"In {deciding}, \"{word}\" limits the claim: " + ("the article reports it without vouching for it." if adverb else "it is put as something that may be so, not as a fact."),
                    [clause], 0.65 if adverb else 0.55, fact, options=ctx.options(f'"{word}"', wrong, question), about=question,
                )
            )
    return [s for s in out if s]


# --- quote vs paraphrase -----------------------------------------------------------------------


def _chunks(text: str, base: int, least: int = 3, most: int = 6) -> list[tuple[int, int]]:
    """Return one phrase per clause of text: its last `least` to `most` words, opening on a
    content word (the end of a clause is where a phrase ends naturally)."""
    spans = []
    for clause in re.finditer(r"(?:[^,;:!?()\"“”]|,(?=\d))+", text):
        words = list(re.finditer(r"[A-Za-z0-9](?:[A-Za-z0-9'’-]|[.,](?=[A-Za-z0-9]))*\.?", clause.group(0)))
        for size in range(min(most, len(words)), least - 1, -1):
            first, last = words[-size], words[-1]
            if first.group(0).lower() in _FUNCTION or last.group(0).lower().rstrip(".") in _FUNCTION:
                continue
            if all(w.group(0)[:1].isupper() for w in words[-size:]):
                continue  # a name, not a phrase anyone says
            end = base + clause.start() + last.end()
            if text[end - base - 1] == "." and not re.search(r"(?:[A-Z]\.)+$", last.group(0)):
                end -= 1
            spans.append((base + clause.start() + first.start(), end))
            break
    return spans


def _speaker_name(ctx: Context, attribution: Attribution | None) -> str | None:
    if attribution is None:
        return None
    if attribution.who is not None:
        return attribution.who.name
    phrase = _clean(attribution.speaker.text)
    if 1 <= _words(phrase) <= 4 and phrase.split()[0].lower() in ("the", "a") and not _UNRESOLVED.search(phrase):
        return ctx.lower_first(phrase)
    return None


def quote_paraphrase(ctx: Context) -> list[Suggestion]:
    """Quoted words against the article's own words: which phrase is given as the speaker's own
    words, and claims that a phrase is (or is not) presented as a direct quotation."""
    a = ctx.a
    out: list[Suggestion] = []
    quoted_text = [q.text for q in a.quotes]
    # Phrases told in the article's words: paraphrased speech first, then its own voice.
    paraphrases: list[tuple[int, int, Attribution | None]] = []
    for attribution in a.attributions:
        if attribution.content is not None and not attribution.content.quoted and attribution.frame == "verb":
            told = re.split(r",?\s+and that\s+|,\s+(?:which|who|saying|adding)\b", attribution.content.text)[0]
            paraphrases += [(s, e, attribution) for s, e in _chunks(told, attribution.content.start, 3, 5)]
    own: list[tuple[int, int, Attribution | None]] = []
    for sentence in a.content():
        holds_quote = any(sentence.start <= q.end and q.start <= sentence.end for q in a.quotes)
        if sentence.kind is BlockKind.PARAGRAPH and not sentence.quoted and not holds_quote and not any(att.sentence == sentence.index for att in a.attributions):
            own += [(s, e, None) for s, e in _chunks(sentence.text, sentence.start, 3, 5)]

    def outside_quotes(span: tuple[int, int]) -> bool:
        phrase = a.text[span[0] : span[1]].casefold()
        return not a.in_quote(*span) and not any(phrase in q.casefold() for q in quoted_text) and a.occurs_once(a.text[span[0] : span[1]])

    paraphrases = [p for p in paraphrases if outside_quotes(p[:2]) and not _UNRESOLVED.search(a.text[p[0] : p[1]])]
    own = [p for p in own if outside_quotes(p[:2]) and not _UNRESOLVED.search(a.text[p[0] : p[1]])]
    for quote in a.quotes:
        if not quote.complete or quote.words < 8:
            continue
        attribution = a.speaker_of(quote)
        speaker = _speaker_name(ctx, attribution)
        chunks = [c for c in _chunks(quote.text, quote.start, 3, 6) if a.occurs_once(a.text[c[0] : c[1]]) and not _UNRESOLVED.search(a.text[c[0] : c[1]])]
        if not chunks:
            continue
        right = ctx.pick(chunks, "quote", quote.start)
        right_text = a.text[right[0] : right[1]]
        fact = f"quoted:{quote.start}"
        pool = ctx.shuffled(paraphrases, fact, "p")[:1] + ctx.shuffled(own, fact, "o")
        wrong, used = [], set()
        for start, end, att in pool:
            phrase = a.text[start:end]
            sentence = a.sentence_at(start)
            if sentence is None or sentence.index in used or abs(len(phrase) - len(right_text)) > 25:
                continue
            used.add(sentence.index)
            if att is not None:
                whose = _speaker_name(ctx, att) or "a source"
                feedback = f"No quotation marks: the article retells {whose} in its own words, {ctx.quote(*ctx.window(sentence, start, end, 10))}."
            else:
                feedback = f"These are the article's own words, with no quotation marks: {ctx.quote(*ctx.window(sentence, start, end, 10))}."
            wrong.append((f'"{phrase}"', feedback))
            if len(wrong) == 3:
                break
        source = f"as {_possessive(speaker)} own words" if speaker else "in quotation marks"
        if len(wrong) >= 2:
            question = f"Which of these phrases does the article give {source}?"
            out.append(
                ctx.suggestion(
                    "quote-paraphrase", "quote-vs-paraphrase", question,
                    f"\"{right_text}\" is inside the passage the article puts in quotation marks" + (f" as {_possessive(speaker)} words" if speaker else "")
                    + ". The other phrases are the article telling things in its own words.",
                    [right], 0.7, fact, options=ctx.options(f'"{right_text}"', wrong, question), about=question,
                )
            )
        out.append(
            ctx.suggestion(
                "quote-paraphrase", "quote-vs-paraphrase", f"The article presents the words \"{right_text}\" as a direct quotation" + (f" from {speaker}." if speaker else "."),
                f"The words are inside the passage the article puts in quotation marks" + (f" as {_possessive(speaker)}" if speaker else "") + f": {ctx.quote(quote.start, quote.end) if quote.words <= 30 else ctx.quote(*ctx.window(a.sentence_at(right[0]), right[0], right[1], 12))}.",
                [right], 0.68, fact, verdict="supported",
            )
        )
    for start, end, attribution in ctx.shuffled(paraphrases, "paraphrase")[:1]:
        sentence = a.sentence_at(start)
        if sentence is None or attribution is None:
            continue
        phrase = a.text[start:end]
        speaker = _speaker_name(ctx, attribution) or _clean(attribution.speaker.text)
        frame = ctx.quote(attribution.speaker.start, attribution.verb_mark.end) if attribution.verb_mark else None
        if frame is None:
            continue
        out.append(
            ctx.suggestion(
                "quote-paraphrase", "quote-vs-paraphrase", f"The article presents the words \"{phrase}\" as a direct quotation.",
                f"They are not in quotation marks: {ctx.quote(*ctx.window(sentence, attribution.speaker.start, end, 16))}. After {frame}, the reporter retells what was said.",
                [ctx.window(sentence, attribution.speaker.start, end, 16)], 0.65, f"paraphrase:{sentence.index}", verdict="contradicted",
                note="Contradicted, not \"not in the article\": the claim is about how the article presents the words, and the text shows no quotation marks.",
            )
        )
    return [s for s in out if s]


# --- loaded language ---------------------------------------------------------------------------


def loaded_language(ctx: Context) -> list[Suggestion]:
    """Words from the lexicon that judge as they describe: which word judges, and whose word it
    is (the article's own, or a source's inside quotation marks)."""
    a = ctx.a
    lexicon = loaded_lexicon()
    out: list[Suggestion] = []
    seen: set[str] = set()
    for sentence in a.content():
        for mark in sentence.loaded:
            word = mark.text.lower()
            if word in seen:
                continue
            seen.add(word)
            occurrences = [m for s in a.content() for m in s.loaded if m.text.lower() == word]
            own = [m for m in occurrences if not m.quoted]
            quote = a.quote_at(mark.start, mark.end)
            fact = f"loaded:{word}" if own or quote is None else f"loaded-quote:{quote.start}"
            window = ctx.window(sentence, mark.start, mark.end, 12)
            credited = re.search(r"\b(?:said|says|called|calls|described|describes|according|told|wrote|claimed|argued|branded|dubbed)\b", sentence.text)
            if own and mark is own[0] and not credited:
                claim = f"The article itself, not a source it quotes, uses the word \"{word}\"."
                out.append(
                    ctx.suggestion(
                        "loaded-language", "loaded-language", claim,
                        f"\"{word}\" is in the article's own voice, with no quotation marks and no speaker: {ctx.quote(*window)}.",
                        [window], 0.62, fact, verdict="supported",
                        note=f"A plainer word would be \"{lexicon[word]}\". Ask what the choice of \"{word}\" adds that a reader could check." if lexicon.get(word) else None,
                    )
                )
            if own and mark is own[0]:
                if sentence.words <= 40 and not sentence.pronoun_start:
                    others = _which_word(ctx, sentence, word, (sentence.start, sentence.end), set(lexicon), fact)
                    if others:
                        question = f"Which word in this sentence passes judgement rather than only describing? {ctx.quote(sentence.start, sentence.end)}"
                        wrong = [(f'"{w}"', f'"{w}" describes without judging; "{word}" is the word that colours the reader\'s view.') for w in others[:2]]
                        out.append(
                            ctx.suggestion(
                                "loaded-language", "loaded-language", question,
                                f"\"{word}\" judges as it describes: it tells the reader what to think of its subject without a fact to check.",
                                [window], 0.6, fact, options=ctx.options(f'"{word}"', wrong, question), about=question,
                                note=f"A plainer word would be \"{lexicon[word]}\"." if lexicon.get(word) else None,
                            )
                        )
            elif not own and mark.quoted:
                speaker = _speaker_name(ctx, a.speaker_of(quote)) if quote else None
                out.append(
                    ctx.suggestion(
                        "loaded-language", "loaded-language", f"The article itself, not a source it quotes, uses the word \"{word}\".",
                        f"\"{word}\" appears only inside the words the article quotes" + (f" from {speaker}" if speaker else "") + f": {ctx.quote(*window)}. The article reports the judgement without making it its own.",
                        [window], 0.66, fact, verdict="contradicted",
                        note="Loaded words inside a quotation tell you what the source thinks, not what the reporter asserts.",
                    )
                )
    return [s for s in out if s]


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
                    other_amount = found.group(1) or found.group(3)
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


RULES: list[Rule] = [
    attribution_speaker,
    attribution_restate,
    sourcing_outlet,
    sourcing_unsourced,
    sourcing_anonymous,
    hedging,
    quote_paraphrase,
    loaded_language,
    numbers,
    count_absent,
    dates,
    headline_body,
    content_clutter,
    missing_byline,
    missing_response,
    missing_reply,
    lateral_reading,
]


# --- reports, studies and figures as sources ---------------------------------------------------

_SOURCE_DOC = r"(?:report|study|survey|analysis|figures|data|research|poll|review|investigation|paper)"
# "according to a report in the Westbury Gazette", "according to a new study", "according to
# authority figures", "according to a report by council officers".
_ACCORDING_DOC = re.compile(
    rf"\b[Aa]ccording to (?P<src>(?:(?:a|an|the|new|recent|latest|last\s+\w+['’]s|its|their|official|[A-Z]\w+|[a-z]+)\s+){{0,3}}?{_SOURCE_DOC}"
    r"(?:\s+(?:that\s+)?(?:the|a|an)\s+[a-z][\w ]{2,30}?\s+(?:published|released|compiled|produced|commissioned))?"
    rf"(?:\s+(?:in|by|from|for|published by|commissioned by)\s+(?P<by>(?:the\s+)?(?:[A-Z][\w'’&-]*(?:\s+(?:of|for|and|the)?\s*[A-Z][\w'’&-]*)*|[a-z]+\s+[a-z]+)))?)"
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
        question = f"Where, according to the article, does this come from? {said}"
        wrong = [("The reporter's own observation", f"The sentence credits someone else: {ctx.quote(*source_span)}. Nothing says the reporter saw or measured it.")]
        # Never someone the source may be ("figures the health board published" and "the
        # Northern Coast Health Board"): no word of the name in the source's words.
        other = next(
            (e for e in speakers if not (sentence.start <= e.first < sentence.end) and not any(w.lower() in phrase.lower() for w in re.findall(r"[A-Za-z]{4,}", e.name))),
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
        # Lateral reading: go to the report itself, not to copies of this article.
        by = _clean(match.group("by") or "")
        kind = re.search(_SOURCE_DOC, phrase).group(0)
        plural = kind in ("figures", "data")
        if by and by.removeprefix("the ")[:1].isupper() and by.removeprefix("the ") not in MONTHS and not plural:
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
                "lateral-reading", "lateral-reading", lateral_q,
                f"The article names its source: {ctx.quote(*source_span)}. Open that source itself and check that it says what the article says it does; reading laterally, also see what others say about the source.",
                [content, source_span], 0.66, f"lateral-doc:{sentence.index}", options=ctx.options(_sentence_case(right), lateral_wrong, lateral_q), about=lateral_q,
            )
        )
    studies = [(s, m) for s, m in found if re.search(r"\bstudy\b", m.group("src"))]
    if studies and _absent(a, _FUNDING):
        sentence, match = studies[0]
        span = ctx.window(sentence, sentence.start + match.start(), sentence.start + match.end(), 14)
        out.append(
            ctx.suggestion(
                "sourcing-documents", "missing-information", "The study the article reports on was paid for by a technology company.",
                f"The article reports the study ({ctx.quote(*span)}) but says nothing about who paid for it. Not mentioning a funder is not the same as saying there was none: the text does not tell either way.",
                [span], 0.66, "study-funding", verdict="not_in_article",
                note="Who paid for a study is a standard question to ask of one. Ask where students would find it (the paper's funding statement).",
            )
        )
    if found:
        sentence, match = found[0]
        span = (sentence.start + match.start(), sentence.start + match.end())
        out.append(
            ctx.suggestion(
                "sourcing-documents", "sourcing", "The article presents all of its information as its own reporting, naming no report, study or published figures.",
                f"It names one: {ctx.quote(*span)}.", [span], 0.64, "own-reporting", verdict="contradicted",
            )
        )
        out.append(
            ctx.suggestion(
                "sourcing-documents", "sourcing", f"The article relies on {_doc_phrase(match)} for at least one of its statements.",
                f"It says {ctx.quote(*ctx.window(sentence, *span, 14))}.", [ctx.window(sentence, *span, 14)], 0.62, "own-reporting", verdict="supported",
            )
        )
    return [s for s in out if s]


# --- unnamed sources ("I'm told", "sources say") ----------------------------------------------

_TOLD = re.compile(r"\b(?:I['’]m|I am|we['’]re|we are)\s+(?:told|reliably informed|given to understand)\s+(?:that\s+)?(?P<clause>[^.;:!?]+)")
_SOURCES_SAY = re.compile(r"^(?P<who>(?:[Ss]enior\s+|[Ii]nsider\s+|[Ww]ell-placed\s+)?[Ss]ources\s+(?:close\s+to|familiar\s+with|at|in|inside)\s+(?:the\s+)?[\w' ]{2,40}?)\s+(?:said|say|says|told)\s+(?:that\s+)?(?P<clause>[^.;:!?]+)")


def unnamed_sources(ctx: Context) -> list[Suggestion]:
    """Claims passed on from someone the article does not name: "I'm told that ...", "Sources
    close to the board said ...". Whether the article names the source is settled by the text."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.quoted or sentence.words > 45:
            continue
        match = _TOLD.search(sentence.text) or _SOURCES_SAY.search(sentence.text)
        if match is None or a.in_quote(sentence.start + match.start()):
            continue
        clause = _clean(match.group("clause"))
        if not 4 <= _words(clause) <= 22 or _dangling(clause) or not _balanced(clause) or clause[:1] in "\"“":
            continue
        if re.search(r"\b(?:I|me|my|we|us|our)\b", clause):
            continue
        span = (sentence.start + match.start(), sentence.start + match.start() + len(match.group(0).rstrip()))
        if "who" in match.groupdict():
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


RULES += [sourcing_documents, unnamed_sources, headline_cause]
