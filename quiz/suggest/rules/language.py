"""The words of a claim: hedges, quotation against paraphrase, loaded language.

Hedges are read three ways: "reportedly" and the like (from the analysis); forecasts,
intentions, possibilities, beliefs, estimates and cautious findings ("is expected to", "hopes
to", "may be", "is believed to", "officers estimate", "the review suggested that"), found here
in the article's own narration; and approximate figures ("about 300"). A claim that drops the
hedge is phrased about the article ("The article reports as certain that ...") so that its
verdict, contradicted, is unarguable; it is not made when another sentence (a headline, a later
update) states the same thing plainly."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ...articles.text import BlockKind
from ..analysis import NUMBER_WORDS, Attribution, HEDGE_ADVERBS, Sentence, loaded_lexicon
from ..model import Suggestion
from .base import _PLAIN_STOP, Context, _FUNCTION, _UNRESOLVED, _balanced, _clause, _clean, _dangling, _plain_words, _possessive, _sentence_case, _usable, _words


# --- hedging ---------------------------------------------------------------------------------------


def _which_word(ctx: Context, sentence: Sentence, right: str, clause: tuple[int, int], avoid: set[str], salt: str) -> list[str] | None:
    # A compound ("road-block", "heat-health") may carry a judgement or a hedge of its own.
    words = [w for w in _plain_words(ctx.a, sentence, avoid | {right.lower()}, *clause) if "-" not in w]
    if len(words) < 2:
        return None
    words = ctx.shuffled(words, salt)
    # A hedge or a loaded word is often longer than the words around it: most of the time offer
    # wrong words at least as long, so that the longest option is no cue to the key.
    if ctx.number(salt, "length") % 3:
        words.sort(key=lambda w: len(w) < len(right))
    return words[:3]


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
# What a which-word question asks, in words that do not echo the key ("forecast", "estimate").
_PURPOSE = {
    "forecast": "shows that this is a prediction, not a certainty",
    "intention": "shows that this is what someone wants to happen, not something certain",
    "possibility": "marks what it says as uncertain rather than a fact",
    "belief": "shows that this is not confirmed",
    "estimate": "shows that the figure has not been firmly established",
    "finding": "shows that the finding is put cautiously, not as proven",
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


def _forecasts(ctx: Context) -> list[Suggestion]:
    """Forecasts, intentions, possibilities and beliefs the article does not give as certain:
    "is expected to", "hopes to", "may", "is believed to". A claim that reports it as certain
    is contradicted by the hedge; one that names the hedge is supported; and which word hedges."""
    a = ctx.a
    out: list[Suggestion] = []
    asked = 0
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.quoted or not _usable(sentence, 50):
            continue
        questions: list[Suggestion | None] = []
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
            clause = _clause(a, sentence, at, end)
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
            deciding = ctx.quote(*passage)
            if family == "estimate" and not re.search(r"\d", passage_text):
                continue
            # Which word hedges: the key, and plain words of the same passage for the others.
            if len(passage_text) <= 240:
                others = _which_word(ctx, sentence, word, passage, set(_HEDGE_VOCAB | _NOT_PLAIN), fact)
                if others:
                    question = f"Which word in this passage {_PURPOSE[family]}? {deciding}"
                    wrong = [(f'"{w}"', f'"{w}" is part of what is reported; it does not say how sure the article is. "{word}" does.') for w in others[:2]]
                    questions.append(
                        ctx.suggestion(
                            "hedging-forecast", "hedging", question,
                            f"In {deciding}, \"{word}\" makes it {noun}, not a settled fact.",
                            [passage], 0.6, fact, options=ctx.options(f'"{word}"', wrong, question), about=question,
                        )
                    )
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
        made = [s for s in made if s]
        questions = [s for s in questions if s][:1]
        # Which-word questions read alike: after two in an article, a sentence that has claims
        # gets claims only.
        if questions and (not made or asked < 2):
            asked += 1
            made += questions
        out += made
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


def _approximations(ctx: Context, taken: set[int]) -> list[Suggestion]:
    """Figures the article gives as approximate ("about 300 homes", "nearly two hours"): which
    word shows it, and a claim that the figure is exact (contradicted by the qualifier)."""
    a = ctx.a
    found = []
    for sentence in a.content():
        if sentence.kind is not BlockKind.PARAGRAPH or sentence.quoted or not _usable(sentence, 45) or sentence.index in taken:
            continue
        for number in sentence.numbers:
            if number.quoted or not number.qualified or number.word:
                continue
            before = _APPROX.search(a.text[sentence.start : number.start])
            if not before:
                continue
            if a.text.count(number.text) != 1:
                continue  # "300" twice: which one the claim is about would be arguable
            q_start = sentence.start + before.start("q")
            found.append((sentence, number, before.group("q").lower(), q_start))
            break
    out: list[Suggestion | None] = []
    # One figure an article: a second "which word shows the figure is not exact" asks the same.
    for sentence, number, qualifier, q_start in ctx.shuffled(found, "approx"):
        if out:
            break
        fact = f"approx:{sentence.index}:{number.start}"
        passage = _clause(a, sentence, q_start, number.end) or ((sentence.start, sentence.end) if sentence.words <= 40 else None)
        if passage is None:
            continue
        passage_text = a.text[passage[0] : passage[1]]
        if not _balanced(passage_text) or len(passage_text) > 240:
            continue
        deciding = ctx.quote(*passage)
        figure = number.text
        sense = _APPROX_SENSE[qualifier].format(figure=figure)
        others = _which_word(ctx, sentence, qualifier, passage, set(_HEDGE_VOCAB | _NOT_PLAIN), fact)
        if others:
            question = f"Which word in this passage shows that {figure} is not an exact figure? {deciding}"
            wrong = [(f'"{w}"', f'"{w}" does not say how precise the figure is; "{qualifier}" does.') for w in others[:2]]
            out.append(
                ctx.suggestion(
                    "hedging-approx", "hedging", question,
                    f"In {deciding}, \"{qualifier}\" {sense}: the article does not give it as an exact figure.",
                    [passage], 0.58, fact, options=ctx.options(f'"{qualifier}"', wrong, question), about=question,
                )
            )
        out.append(
            ctx.suggestion(
                "hedging-approx", "hedging", f"The article gives {figure} as an exact figure.",
                f"The article says {deciding}: \"{qualifier}\" {sense}, so the article does not give it as exact. The claim drops that word.",
                [passage], 0.56, fact, verdict="contradicted",
                note=f"One change from the text: \"{qualifier}\" left out.",
            )
        )
    return [s for s in out if s]


def hedging(ctx: Context) -> list[Suggestion]:
    """Hedges: "reportedly", "allegedly" and the like (a claim that drops the hedge is
    contradicted; one that names it is supported); forecasts, intentions and possibilities
    ("is expected to", "hopes to", "may"); and approximate figures ("about 300")."""
    a = ctx.a
    out: list[Suggestion] = []
    for sentence in a.content():
        if not _usable(sentence, 50):
            continue
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
            others = _which_word(ctx, sentence, word, clause, set(_HEDGE_VOCAB), fact)
            if others is None or len(clause_text) > 220:
                continue
            question = f"Which word in this passage shows that the article passes this on without confirming it? {deciding}"
            wrong = [(f'"{w}"', f'"{w}" is part of what is claimed; it does not say how sure the article is. "{word}" does.') for w in others[:2]]
            out.append(
                ctx.suggestion(
                    "hedging", "hedging", question,
                    f"In {deciding}, \"{word}\" limits the claim: the article reports it without vouching for it.",
                    [clause], 0.65, fact, options=ctx.options(f'"{word}"', wrong, question), about=question,
                )
            )
    out = [s for s in out if s]
    taken = {s.fact.split(":")[1] for s in out}  # a sentence with "reportedly" is asked about that
    out += [s for s in _forecasts(ctx) if s.fact.split(":")[1] not in taken]
    out += _approximations(ctx, {int(s.fact.split(":")[1]) for s in out})  # a sentence asked about once
    return out


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
                "The words are inside the passage the article puts in quotation marks" + (f" as {_possessive(speaker)}" if speaker else "") + f": {ctx.quote(quote.start, quote.end) if quote.words <= 30 else ctx.quote(*ctx.window(a.sentence_at(right[0]), right[0], right[1], 12))}.",
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


# Words never offered as the "plain" wrong option of a which-word question about loaded
# language: intensifiers and sweeping words colour a sentence too ("downright", "nobody").
_NOT_PLAIN = frozenset(
    """downright utterly totally really simply truly never always anyway anywhere everything nothing nobody
    everyone everybody everywhere whatsoever absolutely completely entirely extremely hugely massively
    honest frankly clearly obviously surely across toward towards behind beyond despite amid amidst among
    beside besides inside outside throughout alongside already again often together ahead""".split()
) | frozenset(NUMBER_WORDS)
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
                if " " in word or sentence.words > 40:
                    continue  # a phrase among single words would give itself away
                others = _which_word(ctx, sentence, word, (sentence.start, sentence.end), set(lexicon) | _NOT_PLAIN | set(re.split(r"[-\s]", word)), fact)
                if others:
                    question = f"Which word in this sentence carries the writer's judgement? {ctx.quote(sentence.start, sentence.end)}"
                    wrong = [(f'"{w}"', f'"{w}" describes without judging; "{word}" is the word that colours the reader\'s view.') for w in others[:2]]
                    out.append(
                        ctx.suggestion(
                            "loaded-language", "loaded-language", question,
                            f"\"{word}\" judges as it describes: it tells the reader what to think of its subject" + (f" (a plainer word would be \"{plain}\")" if plain else "") + " without a fact to check.",
                            [window], 0.6, fact, options=ctx.options(f'"{word}"', wrong, question), about=question,
                        )
                    )
            elif not own and mark.quoted:
                fact = f"loaded-quote:{quote.start}" if quote else f"loaded:{word}"
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
