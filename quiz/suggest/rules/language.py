"""The words of a claim: hedges, quotation against paraphrase, loaded language."""

from __future__ import annotations

import re

from ...articles.text import BlockKind
from ..analysis import Attribution, HEDGE_ADVERBS, Sentence, loaded_lexicon
from ..model import Suggestion
from .base import Context, _FUNCTION, _UNRESOLVED, _balanced, _clause, _clean, _dangling, _plain_words, _possessive, _sentence_case, _usable, _words


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


RULES = [hedging, quote_paraphrase, loaded_language]
