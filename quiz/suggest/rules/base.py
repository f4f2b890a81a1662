"""What every rule uses: the Context of one article (seeded choices, stable keys, evidence
anchored in the text, options) and the small text helpers."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence

from rapidfuzz import fuzz

from ...articles.text import BlockKind
from ..analysis import _STARTERS, ORG_WORDS, REPORTING_VERBS, Analysis, Entity, Sentence
from ..model import Option, Suggestion

# Common words that carry no content of their own (a headline's or a sentence's content words are the rest).
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
_APPOSED = re.compile(r"\s*[A-Z][^,;:\"“]{1,50},\s+(?:" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + r")\b")


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
        # Never start at a name cut off from its verb by an apposition's comma ("The leader of
        # the opposition, Councillor Jean Whitcombe, said"): take the clause before it too.
        while first > 0 and _APPOSED.match(text[cuts[first] :]):
            first -= 1
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
        # End at a phrase's end, not mid-phrase ("a charming stunt"), when one comes within a few
        # words; and start at one the same way.
        for extra in range(16):  # more than a few words only to close a bracket or a quotation
            piece = self.text[lo:hi]
            paired = piece.count("“") == piece.count("”") and piece.count('"') % 2 == 0 and piece.count("‘") <= piece.count("’") and piece.count("(") <= piece.count(")")
            # Never at a word that needs the next one: "... in their modest office in".
            hanging = re.search(r"\b(?:in|of|at|on|to|for|from|with|by|the|a|an|and|or|their|his|her|its|our|my)$", piece, re.IGNORECASE)
            if ri >= len(right) or (paired and ((extra >= 6 and not hanging) or re.search(r"[,;:.!?\"”’)]$", piece))):
                break
            hi = right[ri]
            ri += 1
        for extra in range(4):
            if li < 0 or lo == s_start or re.search(r"[,;:(\"“‘]\s*$", self.text[s_start:lo]):
                break
            lo = left[li]
            li -= 1
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
        # Any word of a name: "Jobs" (Steve Jobs) must not become "jobs".
        # ("The" of "The NFL" is no name of its own: "that the NFL will review the play".)
        named = first.lower() not in ("the", "a", "an") and any(
            first.rstrip("'’s") in e.name.split() for e in self.a.entities.values() if e.kind in ("person", "org", "outlet", "place", "group")
        )
        # A word the article capitalises inside its sentences is a name: "Apple", "Hispanics".
        # "Israeli officials", "Chinese exporters": a people's adjective the article never lower-cases.
        named = named or (first.lower() not in self.lower_words and (bool(re.search(rf"[a-z,;:] +{re.escape(first)}\b", self.a.text)) or bool(re.search(r"(?:an|ian|ese|i|ish)$", first))))
        common = first.lower() in self.lower_words or first.lower() in _STARTERS or (first in ORG_WORDS and not named)
        # "Opposition councillor Priya Shah": a capital only because the sentence starts there.
        before_common_noun = len(parts) > 1 and parts[1][:1].islower() and not named
        if len(parts) > 1 and parts[1][:1].isupper():
            if first == "The" and not re.search(rf"[a-z,;:] +The {re.escape(parts[1])}", self.a.text):
                return "the" + phrase[3:]  # "the NFL", unless the article writes "The Guardian" mid-sentence
            return phrase  # "Port Calloway Authority", "Dr Priya Nandakumar": one name
        if (common or before_common_noun) and not named:
            return phrase[:1].lower() + phrase[1:]
        return phrase

    def named(self, entity: Entity) -> str:
        """Return an entity's name as running text gives it: "the Port Calloway Authority" when
        the article writes it with "the", else the name alone."""
        if entity.kind in ("org", "outlet"):
            name = re.escape(entity.name)
            # "the Environment Agency" (written so), not "the Apple" from "the Apple board".
            with_the = len(re.findall(rf"\bthe\s+{name}\b", self.text, re.IGNORECASE))
            without = len(re.findall(rf"(?<!\bthe\s)(?<!\bThe\s)\b{name}\b", self.text))
            if with_the and with_the >= without:
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
            piece = other.text
            if piece.count("“") != piece.count("”") or piece.count('"') % 2 or piece.count("‘") > piece.count("’"):
                continue  # a sentence that starts or ends inside a quotation: a garbled fragment
            if other.words <= 30 and not other.quoted:
                # The whole sentence, rather than a window that stops mid-phrase; with its
                # opening quotation mark, if it has one, so that its marks stay paired.
                return self.trim(other.start, other.end)
            return self.window(other, start, end, 14)
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
