"""The words of a claim: hedges, quotation against paraphrase, loaded language.

Hedges are read three ways: "reportedly" and the like (from the analysis); forecasts,
intentions, possibilities, beliefs, estimates and cautious findings ("is expected to", "hopes
to", "may be", "is believed to", "officers estimate", "the review suggested that"), found here
in the article's own narration; and approximate figures ("about 300"). A claim that drops the
hedge is phrased about the article ("The article reports as certain that ...") so that its
verdict, contradicted, is unarguable; it is not made when another sentence (a headline, a later
update) states the same thing plainly.

Quotation against paraphrase sets a speaker's own words, in quotation marks, against the
reporter's retelling ("..., says Li"), with whole phrases only: a sentence of the quotation or a
clause of it that ends at punctuation, and the reported clause of a sentence that credits its
words to a named source. Wrong options are the reporter's summaries of the same speaker first,
then of other sources; never headings, captions or the article's own narration."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ...articles.text import BlockKind
from ..analysis import Attribution, HEDGE_ADVERBS, Sentence, loaded_lexicon
from ..model import Suggestion
from .base import _PLAIN_STOP, Context, _FUNCTION, _UNRESOLVED, _balanced, _clause, _clean, _dangling, _possessive, _sentence_case, _usable, _words


# --- hedging ---------------------------------------------------------------------------------------


_HEDGE_NOUNS = {"reportedly": "report", "allegedly": "allegation", "purportedly": "claim", "supposedly": "claim"}

# Words that limit what they say. None is ever the "plain" wrong option of a which-word question:
# each of them hedges too, so it could be a second right answer.
_HEDGE_VOCAB = frozenset(
    """expect expects expected expecting expectation hope hopes hoped hoping aim aims aimed aiming plan plans
    planned planning intend intends intended likely unlikely probably possibly perhaps possible potential
    forecast forecasts forecasted estimate estimates estimated thought believed understood appear appears
    appeared seem seems seemed suggest suggests suggested could might predicted predicts projected
    about around nearly almost roughly approximately""".split()
)

# A forecast or an intention the article does not give as certain, with the verb it governs:
# "is expected to reopen", "hopes to make", "may be entitled", "is believed to have been".
_FORECAST = re.compile(
    r"\b(?P<be>is|are)\s+(?P<w1>expected|likely|forecast|thought|believed)\s+to\s+(?P<v1>[a-z]+)\b"
    r"|\b(?P<w2>expects|hopes|aims|plans|intends|expect|hope|aim|intend)\s+to\s+(?P<v2>[a-z]+)\b"
    r"|\b(?P<w3>appears|appear|seems|seem)\s+to\s+(?P<v3>be|have)\b"
    r"|\b(?P<w4>may|might|could)\s+(?P<v4>[a-z]+)\b"
    r"|\bwith\s+(?P<w5s>[a-z][a-z'’ -]{2,50}?)\s+(?P<w5>expected|forecast|likely)\s+to\s+(?P<v5>[a-z]+)\b"
    r"|\b(?P<w6>probably|possibly|perhaps|estimated|estimate|estimates)\b"
    r"|\b(?P<w7>suggests|suggested|indicates|indicated)\s+that\b"
)
# What may "suggest" a finding: a study, not a person (who "suggested that we should" proposes).
_EVIDENCE = re.compile(r"\b(?:study|studies|review|report|research|survey|data|figures|evidence|findings|analysis|poll|results|trial|paper|tests)\b", re.IGNORECASE)
# What each hedge makes of what it governs, and how sure a claim that drops it may be.
_KINDS = {
    "expected": ("a forecast", "forecast"), "likely": ("a forecast", "forecast"), "forecast": ("a forecast", "forecast"),
    "expects": ("an expectation", "forecast"), "hopes": ("a hope", "intention"), "aims": ("an aim", "intention"),
    "plans": ("a plan", "intention"), "intends": ("an intention", "intention"),
    "expect": ("an expectation", "forecast"), "hope": ("a hope", "intention"), "aim": ("an aim", "intention"), "intend": ("an intention", "intention"),
    "may": ("a possibility", "possibility"), "might": ("a possibility", "possibility"), "could": ("a possibility", "possibility"),
    "probably": ("a probability", "possibility"), "possibly": ("a possibility", "possibility"), "perhaps": ("a possibility", "possibility"),
    "thought": ("a belief", "belief"), "believed": ("a belief", "belief"),
    "appears": ("an impression", "belief"), "appear": ("an impression", "belief"), "seems": ("an impression", "belief"), "seem": ("an impression", "belief"),
    "suggests": ("an indication", "finding"), "suggested": ("an indication", "finding"),
    "indicates": ("an indication", "finding"), "indicated": ("an indication", "finding"),
    "estimated": ("an estimate", "estimate"), "estimate": ("an estimate", "estimate"), "estimates": ("an estimate", "estimate"),
}
_CONFIDENCE = {"forecast": 0.72, "possibility": 0.7, "belief": 0.72, "intention": 0.64}
# After "could", verbs of consequence only: "could delay", "could make"; not "could tell", "could see"
# ("could" as the past of "can" is no hedge).
_COULD = frozenset(
    """be cost delay make rise fall lead face affect mean take hit result increase double come lose push
    trigger spread worsen add force leave bring drop climb last""".split()
)
_PARTICIPLE = re.compile(r"^(?:\w+ed|seen|heard|felt|found|done|made|used|told|shown|known|given|taken)$")
# A frame that reports what someone says or finds, before "that" and a hedged clause.
_THAT_FRAME = re.compile(r"\b(?:said|says|say|warned|warns|added|adds|estimated|estimates|found|finds|believes|believe|reported|reports|admission|admits)\s+that\s+$")
# Where a predicate ends: another thought follows.
_PREDICATE_END = re.compile(r",\s+(?:according\s+to|said|says|added|adds|told)\b|,\s+[^,]{1,60}?\s+(?:said|says|added|adds|told|tells|warned|warns|stated|announced)\b|,\s+(?:but|though|although|while|whereas|which|who|saying|adding|and\s+(?:said|says))\b|;|\s+and\s+(?:should|must|would|will|can|has|have|had|is|are|was|were)\b|\s+but\s+")
# A second hedge in the predicate: a claim dropping one would keep another.
_OTHER_HEDGE = re.compile(r"\b(?:may|might|could|likely|unlikely|expected|expects|hopes|aims|plans|intends|possibly|perhaps|probably|estimated|reportedly|allegedly|apparently)\b")
_APPROX = re.compile(r"\b(?P<q>about|around|roughly|approximately|nearly|almost)\s+(?:[$£€])?$", re.IGNORECASE)
_APPROX_SENSE = {
    "about": "marks {figure} as approximate", "around": "marks {figure} as approximate", "roughly": "marks {figure} as approximate",
    "approximately": "marks {figure} as approximate", "nearly": "puts the true figure just below {figure}", "almost": "puts the true figure just below {figure}",
}


def _restated_elsewhere(a, sentence: Sentence, predicate: str) -> bool:
    """Say whether another sentence of the article may state the same thing without the hedge,
    so that "the article reports it as certain" could be arguable: a sentence much like it, or
    one with its verb and another of its words: a headline ("Firm to cut 1,200 jobs" over "The
    firm plans to cut around 1,200 jobs"), or a later update ("The river peaked at 2am" after
    "The river is expected to peak after midnight")."""
    needle = predicate.casefold()
    tokens = [t.strip(".,") for t in re.findall(r"[a-z0-9£$€][a-z0-9,.£$€%-]*", needle)]
    if not tokens:
        return False
    verb = tokens[0]
    stem = verb[: max(4, len(verb) - 2)] if len(verb) >= 4 else None
    content = {t for t in tokens[1:8] if (len(t) >= 4 and t not in _FUNCTION and t not in _PLAIN_STOP) or t[:1].isdigit() or t[:1] in "£$€"}
    for other in a.content():
        if other.index == sentence.index:
            continue
        text = other.text.casefold()
        if fuzz.partial_ratio(needle, text) >= 85:
            return True
        words = {w.strip(".,") for w in re.findall(r"[a-z0-9£$€][a-z0-9,.£$€%-]*", text)}
        said = verb in words or (stem is not None and any(w.startswith(stem) for w in words))
        if said and content & words:
            return True
    return False


def _subject(a, sentence: Sentence, clause: tuple[int, int], at: int, word: str) -> tuple[str, str] | None:
    """Return the subject a hedge at text[at] governs and an adverb to keep ("also"), when it is
    a plain noun phrase: the start of the clause, or what follows "with" or a reporting "that"."""
    text = a.text
    prefix = text[clause[0] : at]
    opener = list(re.finditer(r"(?:^|\s)(?:that|with)\s+", prefix))
    if opener:
        last = opener[-1]
        if last.group(0).strip() == "that" and not _THAT_FRAME.search(prefix[: last.end()]):
            return None
        frame = prefix[: last.start()]
        if _UNRESOLVED.search(frame) and last.group(0).strip() == "that":
            return None
        subject = prefix[last.end() :]
    else:
        subject = prefix
    subject = subject.strip()
    if word in ("expects", "hopes", "aims", "plans", "intends", "expect", "hope", "aim", "intend"):
        says = re.match(r"^(.*?)\s+(?:says\s+(?:it|they)|say\s+they)$", subject)
        if says:
            subject = says.group(1)
    adverb = ""
    trailing = re.search(r"\s+(also|now|still|already|initially|eventually)$", subject)
    if trailing:
        adverb, subject = trailing.group(1) + " ", subject[: trailing.start()]
    words = subject.split()
    head = re.split(r"\s+(?:who|which|that)\s+", subject)[0]  # "Customers who were without water"
    if any(adverb in subject.lower().split() for adverb in HEDGE_ADVERBS):
        return None
    if not 1 <= len(words) <= 10 or re.search(r"[,\"“”()]", subject):
        return None
    if _dangling(subject) or _UNRESOLVED.match(subject) or re.match(r"(?i)(?:which|who|that|what|where|when|and|but|or|if|as)\b", subject):
        return None
    last = words[-1].lower()
    if last in _FUNCTION or re.search(r"['’]s?$", last) or re.search(r"\b(?:said|says|told|tell|has|have|had|was|were|is|are|not)\b", head, re.IGNORECASE):
        return None
    return subject, adverb


# Words before "plans to", "aims to" that make it a noun: "new plans to", "the council's plans to".
_BEFORE_NOUN = frozenset(
    """new fresh ambitious controversial future detailed revised draft initial original earlier previous similar
    latest government official ministerial radical further longer-term long-term""".split()
)


def _verb_use(a, sentence: Sentence, clause: tuple[int, int] | None, at: int, word: str) -> bool:
    """Say whether "plans", "hopes", "aims" at text[at] is the verb of a plain subject ("The
    council plans to"), not a noun ("new plans to", "its aims to")."""
    if clause is None or _subject(a, sentence, clause, at, word) is None:
        return False
    before = a.text[clause[0] : at].split()
    if not before:
        return False
    last = before[-1].lower()
    if last in ("it", "they") and len(before) >= 2 and before[-2] in ("says", "say"):
        return True  # "The council says it hopes to"
    if last in _BEFORE_NOUN or last in _FUNCTION or re.search(r"['’]s?$", last):
        return False
    return not any(w.lower().endswith("ed") for w in before)


_JOIN = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")


def _joined_clause(sentence: Sentence, at: int) -> tuple[int, int] | None:
    """Return the clause joined by ", and" or "; " that holds a hedge at text[at], when it opens
    on a plain subject ("..., and the Chinese government is expected to give ...")."""
    rel = at - sentence.start
    text = sentence.text
    cut = max((m.end() for m in _JOIN.finditer(text[:rel])), default=None)
    if cut is None or not re.fullmatch(r"(?:the|a|an)\s+(?:[A-Za-z][\w’'-]*\s+){0,4}", text[cut:rel]):
        return None
    after = _JOIN.search(text, rel)
    stop = after.start() if after else len(text.rstrip(" ."))
    return sentence.start + cut, sentence.start + stop


def _forecasts(ctx: Context) -> list[Suggestion]:
    """Forecasts, intentions, possibilities and beliefs the article does not give as certain:
    "is expected to", "hopes to", "may", "is believed to". A claim that reports it as certain
    is contradicted by the hedge; one that names the hedge is supported; and which word hedges."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.quoted or not _usable(sentence, 50):
            continue
        made: list[Suggestion | None] = []
        for match in _FORECAST.finditer(sentence.text):
            name = next(g for g in ("w1", "w2", "w3", "w4", "w5", "w6", "w7") if match.group(g))
            word = match.group(name)
            at, end = sentence.start + match.start(name), sentence.start + match.end(name)
            if a.in_quote(at, end):
                continue
            noun, family = _KINDS[word]
            verb_group = "v" + name[1]
            verb = match.group(verb_group) if name not in ("w6", "w7") else None
            if name == "w7" and (not _EVIDENCE.search(sentence.text[: match.start()]) or re.search(r"\b(?:should|must|ought)\b", sentence.text[match.end() :])):
                continue  # "she suggested that the council should": a proposal, not a cautious finding
            if name == "w4":
                after = sentence.text[match.end(verb_group) :].split()
                # Only consequences: "could delay", "may be entitled"; not "could tell" (the past of
                # "can") nor "may park" (permission), nor "may have" (a guess about the past).
                if verb not in _COULD or (word == "could" and verb == "be" and after and _PARTICIPLE.match(after[0].strip(",."))):
                    continue
            fact = f"hedge:{sentence.index}"  # one sentence's hedges compete: one item a sentence
            clause = _clause(a, sentence, at, end) or _joined_clause(sentence, at)
            if name == "w2" and not _verb_use(a, sentence, clause, at, word):
                continue  # "Under the plans to cut costs": a noun, no intention of anyone's
            if family == "belief" and clause and re.search(r"\b(?:if|unless|whether)\b", a.text[clause[0] : at]):
                continue  # "even if the water appears to have gone down": a condition, not the article's doubt
            passage = clause
            if passage is None and sentence.words <= 40:
                passage = (sentence.start, sentence.end)
            if passage is None:
                continue
            opener = re.match(r"(?:But|And|Yet|So)\s+(?=[a-z])", a.text[passage[0] : passage[1]])
            if opener:
                passage = (passage[0] + opener.end(), passage[1])  # "But an internal review ...": the review is the subject
            passage_text = a.text[passage[0] : passage[1]]
            if not _balanced(passage_text) or _words(passage_text) > 40 or _UNRESOLVED.search(" ".join(passage_text.split()[:2])):
                continue  # "What it does contain ...": who "it" is is not in the passage
            if re.search(r"\b(?:that|this|it|so)\W*$", passage_text) or re.match(r"(?:The|the)\s+same\s", passage_text):
                continue  # "There may be something to that", "The same effect also appears": what is meant is not in the passage
            deciding = ctx.quote(*passage)
            if family == "estimate" and not re.search(r"\d", passage_text):
                continue
            # Which word hedges: the key, and plain words of the same passage for the others.
            claim = _drop_hedge(ctx, sentence, clause, match, name, word)
            if claim is None:
                continue
            body, predicate = claim
            if _restated_elsewhere(a, sentence, predicate):
                continue
            deciding = ctx.quote(*clause)
            made.append(
                ctx.suggestion(
                    "hedging-forecast", "hedging", f"The article reports as certain that {body}.",
                    f"The article says {deciding}: \"{word}\" makes it {noun}, not a certainty. The claim drops that word and reports it as settled.",
                    [clause], _CONFIDENCE.get(family, 0.66) - (0.08 if word == "plans" else 0), fact, verdict="contradicted",
                    note=f"One change from the text: \"{word}\" left out. Ask what the article would have to say for the claim to be supported.",
                )
            )
            if word in ("thought", "believed"):
                made.append(
                    ctx.suggestion(
                        "hedging-forecast", "hedging", f"The article passes on, without confirming it, the belief that {body}.",
                        f"It says {deciding}: \"{word}\" passes it on as a belief, not as a confirmed fact.",
                        [clause], 0.64, fact, verdict="supported",
                    )
                )
            if family in ("forecast", "intention", "possibility"):
                made.append(
                    ctx.suggestion(
                        "hedging-forecast", "hedging", f"The article presents it as {noun}, not a certainty, that {body}.",
                        f"It says {deciding}: \"{word}\" makes it {noun}, not a settled fact.",
                        [clause], 0.64 - (0.08 if word == "plans" else 0), fact, verdict="supported",
                    )
                )
            break  # one hedge a sentence: two would test the same reading
        out += [s for s in made if s]
    return out


def _drop_hedge(ctx: Context, sentence: Sentence, clause: tuple[int, int] | None, match: re.Match, name: str, word: str) -> tuple[str, str] | None:
    """Return the clause a hedge governs as a plain statement ("the road will reopen on
    Tuesday"), and its predicate; None when it cannot be said cleanly."""
    if clause is None or name in ("w6", "w7"):
        return None
    a = ctx.a
    at = sentence.start + match.start(name if name != "w5" else "w5s")
    if name == "w1":
        at = sentence.start + match.start("be")
    if name == "w5":
        subject, adverb = match.group("w5s"), ""
        if _dangling(subject) or _UNRESOLVED.search(subject) or len(subject.split()) > 6:
            return None
    else:
        found = _subject(a, sentence, clause, at, word)
        if found is None:
            return None
        subject, adverb = found
    verb_group = "v" + name[1]
    v_start = sentence.start + match.start(verb_group)
    rest = a.text[v_start : clause[1]]
    cut = _PREDICATE_END.search(rest)
    if cut:
        rest = rest[: cut.start()]
    predicate = _clean(rest).rstrip(".")
    if not 2 <= _words(predicate) <= 25 or re.search(r"[\"“”()]", predicate) or _OTHER_HEDGE.search(predicate):
        return None
    verb = match.group(verb_group)
    tail = predicate[len(verb) :].strip()
    if name == "w1" and word in ("thought", "believed"):
        singular = match.group("be") == "is"
        if verb == "be":
            plain = f"{subject} {match.group('be')} {tail}"
        elif verb == "have":
            plain = f"{subject} {'has' if singular else 'have'} {tail}"
        else:
            return None
    elif name == "w3":
        singular = word.endswith("s")
        plain = f"{subject} {('is' if singular else 'are') if verb == 'be' else ('has' if singular else 'have')} {tail}"
    else:
        if verb in ("have", "be") and name == "w1" and word != "likely" and not tail:
            return None
        if verb == "have" and name in ("w1", "w2", "w5"):
            return None  # "is expected to have finished": no plain future
        plain = f"{subject} will {adverb}{predicate}"
    plain = _clean(plain)
    if _dangling(plain) or not _balanced(plain):
        return None
    return ctx.lower_first(plain), predicate


def hedging(ctx: Context) -> list[Suggestion]:
    """Hedges: "reportedly", "allegedly" and the like (a claim that drops the hedge is
    contradicted; one that names it is supported); forecasts, intentions and possibilities
    ("is expected to", "hopes to", "may"); and approximate figures ("about 300")."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 50) or sentence.kind is BlockKind.QUOTATION:
            continue  # a block quotation is another text's hedge, not the article's
        for hedge in sentence.hedges:
            if hedge.quoted:
                continue
            word = hedge.text.lower()
            if word not in HEDGE_ADVERBS:
                continue  # modal hedges and "is believed to": _forecasts reads them
            clause = _clause(a, sentence, hedge.start, hedge.end)
            if clause is None or _words(a.text[clause[0] : clause[1]]) > 30:
                continue
            clause_text = a.text[clause[0] : clause[1]]
            if not _balanced(clause_text):
                continue
            fact = f"hedge:{sentence.index}:{hedge.start}"
            deciding = ctx.quote(*clause)
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
    out = [s for s in out if s]
    taken = {s.fact.split(":")[1] for s in out}  # a sentence with "reportedly" is asked about that
    out += [s for s in _forecasts(ctx) if s.fact.split(":")[1] not in taken]
    # No "which word shows ..." questions and no "about 31,000" items: an independent review of
    # real news found them trivial (the word sits next to the figure; the other options are
    # random words). The claims test the hedge instead.
    return out


# --- quote vs paraphrase -----------------------------------------------------------------------
#
# A speaker's words reach the reader two ways: inside quotation marks, as the speaker's own words
# ("We do not see any roadblocks," says Di Li), or retold by the reporter ("Many of these bursts
# were too faint to be seen, says Li"). Items set one against the other, with whole phrases of
# both: a sentence of the quotation, or a clause of it that ends at punctuation, against the
# reported clause of a sentence that credits its words to someone, with no quotation marks in it.

# A phrase that opens on these is a fragment, or points back to something it does not name.
_OPEN_PRONOUN = re.compile(r"(?i)^(?:it|it['’]s|its|they|they['’](?:re|ve|ll|d)|them|their|he|he['’]s|his|him|she|she['’]s|her|this|these|those|that|that['’]s|there|there['’]s|here|one)\b")
_OPEN_FRAGMENT = re.compile(r"(?i)^(?:and|or|nor|but|yet|so|which|who|whom|whose|what|where|when|that|because|as|while|than|to|of|if|for|with|by|from|at|on|in|into|such|like|including|although|though|even|whether|unless|until|after|before|since)\b")
# Where a sentence of a quotation ends, and where a long one is cut into clauses.
_QUOTE_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\bJan)(?<!\bFeb)(?<!\bMar)(?<!\bApr)(?<!\bJun)(?<!\bJul)(?<!\bAug)(?<!\bSep)(?<!\bSept)(?<!\bOct)(?<!\bNov)(?<!\bDec)(?<!\bProf)(?<!\bGen)(?<!\bGov)(?<!\bSen)(?<!\bRep)[.!?]+(?=\s+[\"“‘]?[A-Z0-9])")
# A clause that keeps its subject: a name, a noun with its determiner, "we", a gerund, a number.
_HAS_SUBJECT = re.compile(r"(?:[A-Z0-9]|(?:i|we|you|the|a|an|some|many|most|all|no|our|my|your|every|each|few|several|people|[a-z]+ing)\b)")
# What may follow a clause cut at a comma: a new clause, not more of the same phrase.
_CLAUSE_END = re.compile(r"(?:but|and|yet|so|while|whereas|although|though|because|which|who|when|as|if|since|unless|until|or|saying|adding|such\s+as|including|for\s+instance|for\s+example)\b")
_SUBORDINATE = re.compile(r"(?i)^(?:when|whenever|if|although|though|because|while|whereas|as|since|unless|until|whether|which|who|that|and|or|nor)\b")
_PREPOSITION_OPEN = re.compile(r"(?i)^(?:in|on|at|for|with|by|from|of|after|before|during|despite|under|over|through|across|without|within|among|amid|beyond|like|unlike)\b")
# A finite verb, roughly: an auxiliary or a copula, or a subject pronoun followed by a word.
_FINITE = re.compile(r"(?i)\b(?:is|are|was|were|has|have|had|will|would|can|could|do|does|did|may|might|must|should|shall)\b|\b(?:i|we|you|they|he|she|it)\s+\w+")
_PRONOUN_CLAUSE = re.compile(r"(?:I|we|you|they)\s+(?:am|are|were|have|had|will|would|can|could|do|did|may|might|must|should|need|want|know|think|believe)\b")
_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|I['’]ve|we|We|we['’]re|We['’]re|our|Our|us|my|My|me)\b")
_CLAUSE_CUT = re.compile(r"\s*[—–]\s*|\s+-\s+|;\s*|:\s+|,\s+(?!\d)")
_SAYS = r"(?:said|says|told|tells|added|adds|explained|explains|argued|argues|warned|warns|noted|notes|reported|wrote|writes|insisted|insists|stated|recalled|recalls)"
# "..., the ministry has said." / "..., Houser said." / "..., says Li." / "..., says Laura Spitler, an astronomer in Bonn."
_TRAILING_SAY = re.compile(
    rf",\s+(?P<sp>[A-Za-z][^,;:\"“”]{{1,60}}?)\s+(?:has\s+|have\s+|had\s+)?(?P<v>{_SAYS})(?:\s+(?:the\s+)?[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*)*(?:\s+news\s+agency)?)?(?:\s+(?:on|in|last|this|earlier)\s+\w+)?\s*\.$"
    rf"|,\s+(?P<v2>says|said|adds|added)\s+(?P<sp2>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})(?:,\s+[^;\"“”]{{2,160}})?\.$"
)
# "Sayiba John, 33, a Malawian who fled, told the AFP news agency (that) ..."; "Bong Joon Ho said backstage that ..."
_LEADING_SAY = re.compile(
    r"^(?:[^,;\"“”]{1,40},\s+|[\"“][^\"“”]{1,40}[\"”]\s+[a-z]+\s+)?(?P<sp>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?:,\s+[^;]{2,120}?,[\"”]?)?\s+(?:has\s+|have\s+)?"
    r"(?P<v>said|says|told\s+(?:the\s+)?[A-Z][\w.&]*(?:\s+[A-Z][\w.&]*)*(?:\s+news\s+agency|\s+newspaper)?|told\s+(?:reporters|journalists)|argued|argues|warned|warns|believes|explained|added|insisted)"
    r"(?:\s+(?:backstage|on\s+\w+|in\s+a\s+statement|last\s+\w+|earlier|this\s+\w+))?\s+(?:that\s+)?(?P<c>[^\"“”]+?)\.?$"
)


def _speaker_name(ctx: Context, attribution: Attribution | None) -> str | None:
    if attribution is None:
        return None
    if attribution.who is not None:
        return attribution.who.name if attribution.who.kind == "person" else ctx.named(attribution.who)
    phrase = _clean(attribution.speaker.text)
    if 1 <= _words(phrase) <= 4 and phrase.split()[0].lower() in ("the", "a") and not _UNRESOLVED.search(phrase):
        return ctx.lower_first(phrase)
    return None



# A source with no name that is still a clear one: "the ministry", "the local police".
_SOURCE_NOUN = re.compile(r"the (?:[a-z]+ ){0,2}(?:ministry|government|police|department|agency|council|company|spokesperson|spokesman|spokeswoman|committee|court|army|authorities|researchers|scientists|authors|team|operator|firm|union|airline|club|school|hospital|university|board|regulator|watchdog|prosecutors|officials)")


# Verbs that retell what was said; not "denied" (the reported words are what the source says
# is false) nor "confirmed" (which may be the reporter's finding).
_RETELLING = frozenset(
    """said says told tells added adds explained explains argued argues warned warns noted notes
    believes believe thinks think found finds reported reports claimed claims insisted insists
    stated states estimated estimates wrote writes announced announces recalled recalls predicted predicts""".split()
)


class _Retold:
    """A sentence that retells what someone said, with no quotation marks: the reported words
    (start, end), who said them, and the words that credit them ("says Li")."""

    def __init__(self, sentence: Sentence, span: tuple[int, int], speaker: str, frame: tuple[int, int], label: str):
        self.sentence, self.span, self.speaker, self.frame = sentence, span, speaker, frame
        self.label = label  # the crediting words as the explanation quotes them: "says Li"

    def __repr__(self) -> str:  # what seeded shuffles sort by: the same every run
        return f"_Retold({self.span}, {self.speaker!r}, {self.frame})"


def _phrases(a, start: int, end: int, least: int = 5, most: int = 16, quoted: bool = True) -> list[tuple[int, int]]:
    """Return the whole phrases of text[start:end]: each sentence of it of `least` to `most`
    words, else the clauses of a longer one that end at a clause boundary (a dash, a semicolon,
    a colon, a comma before "but", "which", "such as" ...); never one that opens mid-phrase
    ("and ...", "has lower ...") or on a pronoun that points outside it ("It ...", "They ...")."""
    text = a.text[start:end]
    bounds = [0] + [m.end() for m in _QUOTE_SENTENCE_END.finditer(text)] + [len(text)]
    out: list[tuple[int, int]] = []
    for lo, hi in zip(bounds, bounds[1:]):
        sentence = text[lo:hi]
        if len(sentence.split()) <= most:
            pieces = [(lo, hi, True, True)]
        else:
            seps = [(lo + m.start(), lo + m.end()) for m in _CLAUSE_CUT.finditer(sentence)]
            pieces, prev, opened = [], lo, True
            subordinate = bool(_SUBORDINATE.match(sentence.strip()))
            for sep_start, sep_end in seps + [(hi, hi)]:
                if sep_start == hi and subordinate:
                    opened = True  # "Although ..., FAST's size makes it uniquely sensitive": the main clause
                sep, after = text[sep_start:sep_end], text[sep_end : sep_end + 20]
                closes = sep_start == hi or "," not in sep or bool(_CLAUSE_END.match(after) or re.match(r"[a-z]+ing\b", after))
                pieces.append((prev, sep_start, opened, closes))
                # A piece after a comma opens a clause only after an introduction ("By the 2030s,"),
                # or when it opens on its own subject and verb ("..., we are deeply concerned").
                opened = "," not in sep or bool(_CLAUSE_END.match(after) or _PRONOUN_CLAUSE.match(after)) or len(text[prev:sep_start].split()) <= 4
                prev = sep_end
        for p_lo, p_hi, opened, closes in pieces:
            if not (opened and closes):
                continue
            piece = text[p_lo:p_hi]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            whole_sentence = (p_lo, p_hi) == (lo, hi)
            if p_lo != lo:
                opener = re.match(r"(?:and|but|yet)\s+", piece)
                if opener:
                    lead, piece = lead + opener.end(), piece[opener.end() :]
            piece = re.sub(r"[\s.,;:—–-]+$", "", piece)
            words = piece.split()
            if not least <= len(words) <= most or (_OPEN_PRONOUN.match(piece) and (quoted or not re.match(r"(?:her|his|its|their)\s", piece))):
                continue  # reported words may open on the speaker's own "her daughter ..."
            if whole_sentence and quoted and not piece[:1].isupper():
                continue
            if not whole_sentence and (_SUBORDINATE.match(piece) if p_lo == lo else _OPEN_FRAGMENT.match(piece)):
                continue  # "Although it sees less ...": no main clause; "and ...": a fragment
            if not whole_sentence and p_lo != lo and not _HAS_SUBJECT.match(piece):
                continue  # "has lower resolution", "understand what ...": the subject is left behind
            if not whole_sentence and _PREPOSITION_OPEN.match(piece) and not _FINITE.search(piece):
                continue  # "In the face of this immoral policy": an opening phrase, not a clause
            if re.search(r"\b(?:and|or|but)\s+that\b", piece):
                continue
            if re.search(r"[\"“”‘()\[\]]|['’](?:\s|$)", piece) or piece.count("’") > sum(1 for w in words if re.search(r"\w[’]\w", w)):
                continue  # a quotation or an aside inside it
            if words[-1].lower() in _FUNCTION or sum(w[:1].isupper() for w in words) > len(words) / 2:
                continue  # cut mid-phrase, or a title
            at = start + p_lo + lead
            out.append((at, at + len(piece)))
    return out


def _continues(a, quote) -> bool:
    """Say whether a quotation is a sentence of its own, with no speaker in it: by news
    convention, more words of the speaker quoted just before."""
    sentence = a.sentence_at(quote.start)
    return sentence is not None and sentence.text.strip().strip("\"“”").strip() == quote.text.strip()


def _only_person(a, before: int, block: int, until: int) -> str | None:
    """The one person named in block `before` (and none named since, up to `until`): whom a
    "he added" that opens the next paragraph means."""
    if before < 0:
        return None
    first = a.article.block_spans[before].start
    named = {
        e.name for e in a.entities.values() if e.kind == "person"
        for start, end in e.mentions if first <= start and end <= until and not a.in_quote(start)
    }
    return next(iter(named)) if len(named) == 1 else None


def _others_named(a, name: str | None, start: int, end: int) -> bool:
    """Say whether someone other than `name` is named in text[start:end], outside quotation
    marks: after "Y, however, disagreed." the next quotation may be Y's."""
    return any(
        e.kind == "person" and e.name != name and start <= m_start and m_end <= end and not a.in_quote(m_start)
        for e in a.entities.values() for m_start, m_end in e.mentions
    )


def _quoted_speakers(ctx: Context) -> list[tuple[object, str | None, tuple[int, int]]]:
    """Return each whole quotation with its speaker's name (None when it is not clear) and the
    passage that credits it: its own sentence, or the one before for a quotation that carries on
    the previous speaker's words (a sentence or a paragraph wholly in quotation marks, with no
    one else named in between)."""
    a = ctx.a
    out: list[tuple[object, str | None, tuple[int, int]]] = []
    last: dict[int, tuple[str | None, tuple[int, int], int]] = {}  # block -> its last speaker, credit, where
    for quote in a.quotes:
        sentence = a.sentence_at(quote.start)
        if sentence is None or sentence.clutter:
            continue
        attribution = a.speaker_of(quote)
        block = a.article.block_spans[quote.block]
        if attribution is not None and attribution.speaker.start >= block.end:
            attribution = None  # a speaker found past the end of the paragraph is the next paragraph's
        name = _speaker_name(ctx, attribution)
        credit = (sentence.start, sentence.end)
        credited_in = a.sentence_at(attribution.speaker.start) if attribution is not None else None
        if credited_in is not None and credited_in.index != sentence.index:
            credit = (credited_in.start, credited_in.end)  # "Gizmodo reported that the employees wrote:"
        lead_in = a.text[sentence.start : quote.start]
        if attribution is None and re.search(r"(?i)\b(?:he|she)\s+(?:added|said|says|continued|explained|went on)\s*[;:,]?\s*[\"“]?$", lead_in):
            name = _only_person(a, quote.block - 1, quote.block, quote.start)
            if name is None:
                continue
        elif attribution is None and _continues(a, quote):
            opens_block = not a.text[block.start : quote.start].strip().strip("\"“")
            previous = last.get(quote.block) or (last.get(quote.block - 1) if opens_block else None)
            if previous is None or _others_named(a, previous[0], previous[2], quote.start):
                last.pop(quote.block, None)
                continue
            name, credit, _ = previous
        elif attribution is None:
            last.pop(quote.block, None)  # an unattributed quotation in between: the chain breaks
            continue
        last[quote.block] = (name, credit, quote.end)
        split = any(o.block == quote.block and 0 < o.start - quote.end <= 80 and o.text[:1].islower() for o in a.quotes)
        if quote.complete and quote.words >= 5 and not split:
            out.append((quote, name, credit))
    return out


# Past forms without "-ed" that make a clause of what follows a reporting verb.
_IRREGULAR_PAST = frozenset(
    """went made took came gave got found saw knew thought told left felt became began kept held brought
    won lost ran paid met sent built spent stood fell rose grew drew wrote fled struck led meant put set
    cut hit let shut sought sold bought taught caught fought""".split()
)


_NOT_AFTER_VERB = frozenset("in of at on for with from to by before after and or as into over under".split())


def _noun_phrase_only(text: str) -> bool:
    """Say whether what follows a reporting verb is a bare noun phrase, not something said: "argues
    the government's most consequential cases", "reported the story". It opens on a determiner and
    has no auxiliary, no "-ed" or irregular past verb and no "to" before a verb; or, opening on
    anything else, it has no word that could be a verb at all ("warned Congress of the threat")."""
    words = re.findall(r"[A-Za-z'’]+", text)
    if not words or _FINITE.search(text) or re.search(r"\bto\s+[a-z]", text):
        return False
    if any(w.lower().endswith("ed") and len(w) > 4 or w.lower() in _IRREGULAR_PAST for w in words[1:]):
        return False
    if words[0].lower() in ("the", "a", "an", "his", "her", "its", "their", "our", "this", "these", "those"):
        # "the model works because ...", "the comparison misses what ...": a present-tense verb is
        # an "-s" word with more after it that is not a preposition ("cases in court" is a noun).
        return not any(
            w.endswith("s") and not w.endswith("ss") and w[:1].islower() and len(w) > 3 and nxt.lower() not in _NOT_AFTER_VERB
            for w, nxt in zip(words[2:], words[3:])
        )
    # "warned Congress of the threat from climate change in 1988": an object and its complement,
    # with no word that could be a present-tense verb either.
    return not any(w.lower().endswith("s") and not w.lower().endswith("ss") and len(w) > 3 and w[:1].islower() for w in words[1:])


def _retold(ctx: Context) -> list[_Retold]:
    """Return the sentences that retell what a named source said, without quotation marks: from
    the analysis's attributions, and the forms it leaves ("..., the ministry has said", "X told
    the AFP news agency her daughter was ...")."""
    a = ctx.a
    quoted = [q.text.casefold() for q in a.quotes if q.words >= 3]
    out: list[_Retold] = []
    seen: set[int] = set()
    for sentence in a.content():
        text = sentence.text
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.pronoun_start or sentence.words > 50:
            continue
        if not re.search(r"[.!?][\"”’)]*$", text.strip()) and (sentence.words < 12 or sentence.end != a.article.block_spans[sentence.block].end):
            continue
        inside = [q for q in a.quotes if sentence.start <= q.end and q.start <= sentence.end]
        if any(q.words > 5 for q in inside) or text.count('"') + text.count("“") + text.count("”") != 2 * len(inside):
            continue  # words quoted in it: only a title or a name in quotation marks may be
        found, label = None, None
        for att in a.attributions:
            if att.sentence == sentence.index and att.content is not None and not att.content.quoted and att.frame in ("verb", "trailing", "according") and (att.frame == "according" or att.verb.lower() in _RETELLING):
                name = _speaker_name(ctx, att) if att.who is not None or _SOURCE_NOUN.fullmatch(_clean(att.speaker.text).lower()) else None
                if name and att.verb_mark is not None and (att.who is None or att.who.kind in ("person", "org", "group", "outlet")):
                    frame = (min(att.speaker.start, att.verb_mark.start), max(att.speaker.end, att.verb_mark.end))
                    found = (att.content.start, att.content.end, name, frame)
                break
        if found is None:
            match = _TRAILING_SAY.search(text) or _LEADING_SAY.match(text)
            if match is None:
                continue
            group = "sp" if match.group("sp") else "sp2"
            sp_start, sp_end = sentence.start + match.start(group), sentence.start + match.end(group)
            who = [e for e in a.entity_at(sp_start, sp_end, ("person", "org", "group", "outlet"))]
            phrase = _clean(match.group(group))
            if who:
                name = who[-1].name if who[-1].kind == "person" else ctx.named(who[-1])
            elif _SOURCE_NOUN.fullmatch(phrase):
                name = phrase
            else:
                continue
            verb_group = "v" if match.group("v") else "v2"
            v_start, v_end = sentence.start + match.start(verb_group), sentence.start + match.end(verb_group)
            apposed = "," in a.text[min(sp_end, v_start) : max(sp_start, v_end)]
            frame = (v_start, v_end) if apposed else (min(sp_start, v_start), max(sp_end, v_end))
            if apposed:  # "Gilley, author of ..., argued": the name and the verb, without what is between
                label = f'"{_clean(a.text[sp_start:sp_end])} … {_clean(a.text[v_start:v_end])}"'

            if "c" in match.groupdict() and match.group("c") is not None and match.re is _LEADING_SAY:
                found = (sentence.start + match.start("c"), sentence.start + match.end("c"), name, frame)
            else:
                lead = len(text) - len(text.lstrip())
                found = (sentence.start + lead, sentence.start + match.start(), name, frame)
        start, end, name, frame = found
        label = label or ctx.quote(*frame)
        inner = re.match(r"(?:she|he|they)\s+(?:hopes|hoped|believes|believed|thinks|thought|expects|expected|fears|feared|says|said)\s+(?:that\s+)?", a.text[start:end])
        if inner:
            start += inner.end()
        if any(start <= q.end and q.start <= end for q in inside):
            continue
        if _noun_phrase_only(a.text[start:end]):
            continue  # "Prelogar argues the government's most consequential cases": argues cases, says nothing
        if _OPEN_PRONOUN.match(a.text[start:end].strip()) and not re.match(r"(?i)(?:her|his|its|their)\s", a.text[start:end].strip()):
            continue  # "he is particularly excited": whose words these are is not in the phrase
        if sentence.index in seen:
            continue
        seen.add(sentence.index)
        for p_start, p_end in _phrases(a, start, end, 5, 16, quoted=False):
            phrase = a.text[p_start:p_end].casefold()
            if any(fuzz.partial_ratio(phrase, q) >= 85 for q in quoted) or not a.occurs_once(a.text[p_start:p_end]):
                continue  # the reporter repeats words the article quotes elsewhere
            out.append(_Retold(sentence, (p_start, p_end), name, frame, label))
    return out


def _mixed(ctx: Context) -> list[Suggestion | None]:
    """Reported speech that quotes a few of the speaker's words inside the reporter's own
    ('Elkington said the gap was "large enough to matter"'): a claim that the whole clause is
    the speaker's own words is contradicted (only the words in quotation marks are), one that
    says it is partly quoted, partly the reporter's, is supported."""
    a = ctx.a
    out: list[Suggestion | None] = []
    for att in a.attributions:
        if att.frame != "verb" or att.content is None or att.who is None or att.who.kind not in ("person", "org", "group"):
            continue
        sentence = a.sentences[att.sentence]
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.pronoun_start or sentence.words > 40:
            continue
        inside = [q for q in a.quotes if sentence.start <= q.end and q.start <= sentence.end]
        start, end = att.content.start, att.content.end
        if len(inside) != 1 or not (start < inside[0].start and inside[0].end <= end + 2):
            continue
        quote = inside[0]
        words = quote.text.rstrip(",.").split()
        if not 2 <= len(words) <= 12 or sum(w[:1].isupper() for w in words) > len(words) / 2:
            continue  # a title in quotation marks, not the speaker's words
        content = a.text[start:end]
        plain = _clean(re.sub(r"[\"“”]", "", content)).rstrip(",.")
        own = _clean(a.text[start : quote.start].rstrip("\"“ "))
        if not 5 <= _words(plain) <= 18 or _words(own) < 2 or _OPEN_PRONOUN.match(plain) or _OPEN_FRAGMENT.match(plain) or re.search(r"[\"“”]", own):
            continue
        if re.search(r"['‘’]", quote.text[:1] + quote.text[-1:]):
            continue
        name = _speaker_name(ctx, att)
        if not name:
            continue
        said = ctx.quote(sentence.start, sentence.end)
        quoted = quote.text.rstrip(",.")
        fact = f"mixed:{sentence.index}"
        out.append(
            ctx.suggestion(
                "quote-paraphrase", "quote-vs-paraphrase", f"The article puts the words \"{plain}\" in quotation marks, as {_possessive(name)} own words.",
                f"Only \"{quoted}\" is inside quotation marks: {said}. The words before it, \"{own}\", are the reporter's summary of what {name} said.",
                [(sentence.start, sentence.end)], 0.68, fact, verdict="contradicted",
                note="A partial quotation: the reporter's summary with a few of the speaker's exact words in quotation marks.",
            )
        )
        out.append(
            ctx.suggestion(
                "quote-paraphrase", "quote-vs-paraphrase", f"In reporting that {plain}, the article gives only the words \"{quoted}\" as {_possessive(name)} own; the rest is the reporter's summary.",
                f"Only \"{quoted}\" is inside quotation marks: {said}.",
                [(sentence.start, sentence.end)], 0.64, fact, verdict="supported",
            )
        )
    return out


def _passage(ctx: Context, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
    """The passage that shows how the article gives text[start:end]: the whole sentence when it
    is short enough to read, else the words around it."""
    if sentence.words <= 32:
        return ctx.trim(sentence.start, sentence.end)
    return ctx.window(sentence, start, end, 22)


def _retelling(ctx: Context, r: _Retold) -> tuple[int, int]:
    """The passage that shows a retold phrase with the words that credit it ("..., says Li")."""
    passage = _passage(ctx, r.sentence, r.span[0], r.span[1])
    if passage[0] <= r.frame[0] and r.frame[1] <= passage[1]:
        return passage
    lo, hi = min(r.span[0], r.frame[0]), max(r.span[1], r.frame[1])
    if _words(ctx.a.text[lo:hi]) <= 40:
        return ctx.trim(lo, hi)
    return ctx.trim(r.sentence.start, r.sentence.end)


def _shown(ctx: Context, quote, phrase: tuple[int, int]) -> str:
    """The words that show a phrase is quoted: its sentence of the article, quotation marks and
    credit included, when that is short; else the sentence of the quotation that holds it."""
    a = ctx.a
    sentence = a.sentence_at(phrase[0])
    if sentence is not None and sentence.words <= 32:
        return ctx.quote(sentence.start, sentence.end)
    bounds = [quote.start] + [quote.start + m.end() for m in _QUOTE_SENTENCE_END.finditer(quote.text)] + [quote.end]
    for lo, hi in zip(bounds, bounds[1:]):
        if lo <= phrase[0] and phrase[1] <= hi and _words(a.text[lo:hi]) <= 32:
            if sentence is not None and hi == quote.end:
                # With the credit that follows the quotation: '..., Phoenix said on Sunday'.
                credit = re.match(r"[,.!?]?[\"”’]\s*,?\s*[^,.;:\"“”]{2,60}?(?=[,.;:]|$)", a.text[quote.end : sentence.end])
                if credit and re.search(r"\b(?:said|says|told|added|adds|wrote|writes|explained|quipped|recalled|remembers|insisted)\b", credit.group(0)):
                    return ctx.quote(lo - 1 if a.text[lo - 1 : lo] in "\"“" else lo, quote.end + credit.end())
            return ctx.quote(lo, hi)
    # The words around it in a long quotation: up to ten before and eight after.
    before = [m.start() for m in re.finditer(r"\S+", a.text[quote.start : phrase[0]])][-10:]
    after = [m.end() for m in re.finditer(r"\S+", a.text[phrase[1] : quote.end])][:8]
    lo = quote.start + before[0] if before else phrase[0]
    hi = phrase[1] + after[-1] if after else phrase[1]
    return ctx.quote(lo, hi)


def quote_paraphrase(ctx: Context) -> list[Suggestion]:
    """A speaker's own words against the reporter's retelling: which phrase the article gives as
    the speaker's own words, in quotation marks (the wrong options are what the reporter retells
    of the same speaker first, then of others), and claims that a phrase is given as someone's
    own words or as the reporter's summary of what they said. Whole phrases only: a sentence or
    a clause ending at punctuation, from whole quotations with a clear speaker."""
    a = ctx.a
    out: list[Suggestion | None] = []
    retold = _retold(ctx)
    spoken = _quoted_speakers(ctx)
    asked_sentences: set[int] = set()
    asked_speakers: set[str] = set()
    asked_far = False
    for quote, speaker, credit in spoken:
        phrases = [p for p in _phrases(a, quote.start, quote.end, 5, 16) if a.occurs_once(a.text[p[0] : p[1]])]
        if not phrases:
            continue
        fact = f"quoted:{quote.start}"
        # Wrong options: what the reporter retells of the same speaker, then of others; one a sentence.
        same = ctx.shuffled([r for r in retold if speaker and r.speaker == speaker], fact, "same")
        others = ctx.shuffled([r for r in retold if not (speaker and r.speaker == speaker) and r.speaker], fact, "other")
        wrong_from: list[_Retold] = []
        for r in same + others:
            if len(wrong_from) == 3:
                break
            if sum(w.sentence.index == r.sentence.index for w in wrong_from) >= (2 if len(same) + len(others) < 4 else 1):
                continue
            wrong_from.append(r)
        # The right option: a phrase of the quotation without "I" or "we" if it has one (the
        # reporter's summaries never have them: a cue), and closest in length to the wrong ones.
        target = sum(len(a.text[r.span[0] : r.span[1]]) for r in wrong_from) / len(wrong_from) if wrong_from else 60
        right = min(phrases, key=lambda p: (bool(_FIRST_PERSON.search(a.text[p[0] : p[1]])), abs((p[1] - p[0]) - target), ctx.number(fact, p)))
        right_text = a.text[right[0] : right[1]]
        r_sentence = a.sentence_at(right[0])
        shown = _shown(ctx, quote, right)
        credit_text = ctx.quote(*credit) if credit != (r_sentence.start, r_sentence.end) and _words(a.text[credit[0] : credit[1]]) <= 40 else None
        whose = f"{_possessive(speaker)} own words" if speaker else "a speaker's own words"
        near = any(r.speaker == speaker for r in wrong_from)
        # One such question a speaker, and one at most with no summary of the speaker's own among
        # its wrong options: the others would repeat its wrong options.
        if len(wrong_from) >= 2 and speaker and speaker not in asked_speakers and (near or not asked_far):
            asked_speakers.add(speaker)
            asked_far = asked_far or not near
            wrong = []
            for r in wrong_from:
                phrase = a.text[r.span[0] : r.span[1]]
                said = ctx.quote(*_retelling(ctx, r))
                if r.speaker == speaker:
                    feedback = f"No quotation marks: this is the reporter's summary of what {speaker} said, not {_possessive(speaker)} own words: {said}."
                else:
                    feedback = f"No quotation marks, and not {_possessive(speaker)}: the reporter sums up what {r.speaker} said: {said}."
                wrong.append((f'"{phrase}"', feedback))
            all_same = all(r.speaker == speaker for r in wrong_from)
            question = (
                f"The article gives some of what {speaker} said in quotation marks and sums up the rest in its own words. Which of these does it give as {whose}?"
                if all_same else f"Which of these does the article give in quotation marks, as {whose}?"
            )
            out.append(
                ctx.suggestion(
                    "quote-paraphrase", "quote-vs-paraphrase", question,
                    f"The article puts these words in quotation marks, as {whose}: {shown}." + (f" The article credits them to {speaker} in {credit_text}." if credit_text else "")
                    + (" The other options have no quotation marks: the reporter sums up what was said." if all_same
                       else " The other options have no quotation marks: the reporter sums up what someone said."),
                    [right, credit] if credit_text else [right], 0.72 if near else 0.66, fact,
                    options=ctx.options(f'"{right_text}"', wrong, question), about=question,
                )
            )
        # No claims on words that stand in quotation marks: "the article puts these words in
        # quotation marks" was found trivial (the marks are there to see). The claims are on the
        # reporter's summaries, below, where reading for the marks matters.
    out += _mixed(ctx)
    for r in ctx.shuffled(retold, "retold"):
        if r.sentence.index in asked_sentences:
            continue
        asked_sentences.add(r.sentence.index)
        phrase = a.text[r.span[0] : r.span[1]]
        if _words(phrase) > 14:
            continue
        passage = _retelling(ctx, r)
        said, frame = ctx.quote(*passage), r.label
        fact = f"paraphrase:{r.sentence.index}"
        out.append(
            ctx.suggestion(
                "quote-paraphrase", "quote-vs-paraphrase", f"The article puts the words \"{phrase}\" in quotation marks, as {_possessive(r.speaker)} own words.",
                f"There are no quotation marks around these words: {said}. With {frame}, the reporter sums up what {r.speaker} said, without claiming these are {_possessive(r.speaker)} exact words.",
                [passage], 0.66, fact, verdict="contradicted",
                note="Quotation marks promise the speaker's exact words; a summary gives the gist in the reporter's words.",
            )
        )
        out.append(
            ctx.suggestion(
                "quote-paraphrase", "quote-vs-paraphrase", f"The article gives the words \"{phrase}\" without quotation marks, as the reporter's summary of what {r.speaker} said.",
                f"The article credits these words to {r.speaker} with {frame}, but puts no quotation marks around them: {said}.",
                [passage], 0.64, fact, verdict="supported",
            )
        )
    return [s for s in out if s]


# --- loaded language ---------------------------------------------------------------------------


# Loaded only as a way of saying: "the council boasts that", not "the town boasts three museums".
_SAYING = frozenset({"boasts", "boasted"})
_CREDITED = re.compile(r"(?<!-)\b(?:said|says|called|calls|described|describes|according|told|wrote|claimed|argued|branded|dubbed|labelled|labeled|accused|warned|insisted|calling|describing|labelling|branding|dubbing)\b")


def loaded_language(ctx: Context) -> list[Suggestion]:
    """Words from the lexicon that judge as they describe: which word carries the writer's
    judgement, and whose word it is (the article's own, or a source's inside quotation marks).
    One loaded word a sentence; none from a sentence that opens on a pronoun or that credits
    its words to someone ("the union called it a fiasco")."""
    a = ctx.a
    lexicon = loaded_lexicon()
    out: list[Suggestion | None] = []
    seen: set[str] = set()
    asked: set[int] = set()
    for sentence in a.content():
        for mark in sentence.loaded:
            word = mark.text.lower()
            if word in seen:
                continue
            seen.add(word)
            occurrences = [m for s in a.content() for m in s.loaded if m.text.lower() == word]
            own = [m for m in occurrences if not m.quoted]
            quote = a.quote_at(mark.start, mark.end)
            window = ctx.window(sentence, mark.start, mark.end, 12)
            plain = lexicon.get(word)
            if word in _SAYING and not re.match(r"\s+(?:that|of|about)\b", a.text[mark.end :]):
                continue  # "the hotel boasts a pool": "has", no judgement of anyone's words
            if own and mark is own[0]:
                if _CREDITED.search(sentence.text) or sentence.pronoun_start or sentence.quoted or sentence.index in asked:
                    continue
                if _UNRESOLVED.search(" ".join(sentence.text.split()[:2])):
                    continue  # "What it does contain ...": whose words these are is not in the sentence
                asked.add(sentence.index)
                fact = f"loaded:{sentence.index}"
                out.append(
                    ctx.suggestion(
                        "loaded-language", "loaded-language", f"The article itself, not a source it quotes, uses the {'words' if ' ' in word else 'word'} \"{word}\".",
                        f"\"{word}\" is in the article's own voice, with no quotation marks and no speaker: {ctx.quote(*window)}.",
                        [window], 0.62, fact, verdict="supported",
                        note=f"A plainer word would be \"{plain}\". Ask what the choice of \"{word}\" adds that a reader could check." if plain else None,
                    )
                )
                # No "which word carries the writer's judgement?": a review found the other words
                # it offers either plainly neutral or judging too ("feigning" beside "arrogant").
            elif not own and mark.quoted:
                # One of these an article: a review found three on one article, all "contradicted",
                # which teaches the pattern of the answer rather than the skill.
                fact = "loaded-quote"
                speaker = _speaker_name(ctx, a.speaker_of(quote)) if quote else None
                out.append(
                    ctx.suggestion(
                        "loaded-language", "loaded-language", f"The article itself, not a source it quotes, uses the {'words' if ' ' in word else 'word'} \"{word}\".",
                        f"\"{word}\" appears only inside the words the article quotes" + (f" from {speaker}" if speaker else "") + f": {ctx.quote(*window)}. The article reports the judgement without making it its own.",
                        [window], 0.66, fact, verdict="contradicted",
                        note="Loaded words inside a quotation tell you what the source thinks, not what the reporter asserts.",
                    )
                )
    return [s for s in out if s]


RULES = [hedging, quote_paraphrase, loaded_language]
