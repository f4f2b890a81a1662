"""Suggested questions: the article readers, the analysis, each rule on small texts (including
what a rule must not do), the generator's guarantees (every suggestion validates, one per fact,
balanced verdicts, the same output every time) and the suggest-questions command."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

import pytest

from quiz.articles.text import Block, BlockKind
from quiz.bank.cues import Item, item_cues
from quiz.bank.sync import read_bank
from quiz.bank.validate import IDENT, validate_question
from quiz.suggest.analysis import Analysis
from quiz.suggest.generator import candidates, problems_of, suggest
from quiz.suggest.model import ArticleText
from quiz.suggest.rules import (
    Context,
    attribution_speaker,
    content_clutter,
    count_absent,
    dates,
    hedging,
    loaded_language,
    missing_reply,
    missing_response,
    quote_paraphrase,
)

from .conftest import BANK

FIXTURES = Path(__file__).parent / "fixtures" / "suggest"
SLUG = "amazon-rekognition-letter"


def builtin() -> ArticleText:
    article = next(a for a in read_bank(BANK) if a.slug == SLUG)
    meta = article.metadata
    return ArticleText.from_blocks(article.blocks, headline=meta["headline"], author=meta["author"], publisher=meta["publisher"], published=meta["published"])


def article(*blocks: tuple[str, str], **metadata) -> ArticleText:
    return ArticleText.from_blocks([Block(BlockKind(kind), text) for kind, text in blocks], **metadata)


def context(art: ArticleText) -> Context:
    return Context(Analysis(art))


def by_verdict(suggestions, verdict):
    return [s for s in suggestions if s.verdict == verdict]


@pytest.fixture(scope="module")
def amazon() -> ArticleText:
    return builtin()


@pytest.fixture(scope="module")
def articles(amazon) -> dict[str, ArticleText]:
    return {
        SLUG: amazon,
        "library-cuts": ArticleText.from_text((FIXTURES / "library-cuts.txt").read_text(encoding="utf-8")),
        "coffee-study": ArticleText.from_text((FIXTURES / "coffee-study.txt").read_text(encoding="utf-8")),
        "harbour-fire": ArticleText.from_html((FIXTURES / "harbour-fire.html").read_bytes()),
    }


# --- reading articles ------------------------------------------------------------------------


def test_from_text_takes_the_byline_and_date_lines_out_of_the_text():
    art = ArticleText.from_text((FIXTURES / "library-cuts.txt").read_text(encoding="utf-8"))
    assert art.author == "Sarah Mitchell"
    assert art.published == "2023-03-14"
    assert art.headline == "Council votes to close 12 libraries to save £4.2 million"
    assert "By Sarah Mitchell" not in art.text and "14 March 2023" not in art.text
    assert [b.kind for b in art.blocks][:3] == [BlockKind.HEADLINE, BlockKind.SUMMARY, BlockKind.SUMMARY]
    assert art.blocks[-1].kind is BlockKind.CLUTTER  # "Sign up for our morning newsletter"


def test_from_text_without_byline_leaves_metadata_unknown():
    art = ArticleText.from_text((FIXTURES / "coffee-study.txt").read_text(encoding="utf-8"))
    assert art.author is None and art.published is None
    # "By" inside a sentence is no byline.
    art = ArticleText.from_text("Floods close roads\n\nBy noon the river had risen two metres, the council said.")
    assert art.author is None


def test_from_html_uses_the_extractor(articles):
    art = articles["harbour-fire"]
    assert art.headline == "Fire destroys warehouse at Port Ellis harbour"
    assert "Station manager Tom Reilly said" in art.text
    assert "Copyright" not in art.text
    assert all(art.text[s.start : s.end].strip() for s in art.sentences)


def test_from_article_reads_the_stored_article(app, amazon):
    from sqlalchemy import select

    from quiz import db
    from quiz.articles.models import Article

    with app.app_context():
        stored = db.session().scalars(select(Article).where(Article.slug == SLUG)).one()
        art = ArticleText.from_article(stored)
        assert art.text == amazon.text
        assert art.sentences == amazon.sentences and art.block_spans == amazon.block_spans
        assert [b.kind for b in art.blocks] == [b.kind for b in amazon.blocks]
        assert [s.key for s in suggest(art)] == [s.key for s in suggest(amazon)]


# --- analysis ----------------------------------------------------------------------------------


def test_analysis_resolves_speakers_and_leaves_pronouns_unresolved(amazon):
    analysis = Analysis(amazon)
    speakers = {(att.speaker.text, att.who.name if att.who else None) for att in analysis.attributions}
    assert ("Free speech group ACLU", "ACLU") in speakers
    assert ("some Amazon shareholders", "Amazon shareholders") in speakers
    assert ("Employees at Microsoft", "Microsoft employees") in speakers
    assert ("They", None) in speakers
    kinds = {e.name: e.kind for e in analysis.entities.values()}
    assert kinds["Jeff Bezos"] == kinds["Satya Nadella"] == kinds["Kate Conger"] == kinds["Donald Trump"] == "person"
    assert kinds["Gizmodo"] == "outlet" and kinds["ICE"] == kinds["DHS"] == kinds["Palantir"] == "org"
    # The quotation block after "Gizmodo reported that the employees wrote:" is the employees', via Gizmodo.
    (quote, attribution), = analysis.quote_attributions
    assert quote.text.startswith("Along with much of the world") and quote.complete
    assert attribution.speaker.text == "the employees" and attribution.outlet.name == "Gizmodo"


def test_analysis_marks_hedges_loaded_words_numbers_and_dates():
    art = article(
        ("headline", "Mayor may quit"),
        ("paragraph", "More than 400 people signed the petition, and 250 marched in May."),
        ("paragraph", "May Jones said the shadowy group had reportedly met last week."),
    )
    analysis = Analysis(art)
    first, second, third = analysis.sentences
    assert [h.text for h in first.hedges] == ["may"]
    assert [(n.text, n.qualified) for n in second.numbers] == [("400", True), ("250", False)]
    assert [(d.text, d.kind) for d in second.dates] == [("May", "month")]
    assert [d.kind for d in third.dates] == ["relative"]  # "May Jones" is no month
    assert [m.text for m in third.loaded] == ["shadowy"] and [h.text for h in third.hedges] == ["reportedly"]


# --- rules ----------------------------------------------------------------------------------------

PEOPLE = article(
    ("headline", "Council approves new bus lanes"),
    ("paragraph", "Transport chief Anna Berg said the new lanes would cut journey times by a third."),
    ("paragraph", "Opposition leader Tom Ellis said the council had ignored shopkeepers."),
    ("paragraph", "Local trader Maria Costa told reporters that her sales had fallen."),
    ("paragraph", "They said the plan was rushed."),
)


def test_attribution_speaker_asks_who_said_it_with_speakers_from_the_same_article():
    made = attribution_speaker(context(PEOPLE))
    question = next(s for s in made if s.kind == "multiple_choice" and "cut journey times" in s.text)
    assert question.text == "Who, according to the article, said the new lanes would cut journey times by a third?"
    right = [o.text for o in question.options if o.correct]
    wrong = {o.text for o in question.options if not o.correct}
    assert right == ["Anna Berg"] and wrong == {"Tom Ellis", "Maria Costa"}
    for option in question.options:
        if not option.correct:
            assert '"Transport chief Anna Berg said' in option.feedback and option.text in option.feedback
    swapped = next(s for s in made if s.verdict == "contradicted" and "cut journey times" in s.text)
    assert "not Anna Berg, who said the new lanes" in swapped.text and "swaps the speaker" in swapped.explanation
    # The sentence that opens on "They" gives no suggestion: who "they" are is not in it.
    assert not any("rushed" in s.text for s in made)


def test_hedged_claims_name_the_hedge_and_never_drop_it_for_supported():
    art = article(
        ("headline", "Factory to close"),
        ("paragraph", "The company reportedly plans to close its factory in Leeds."),
        ("paragraph", "Workers at the plant were told on Monday that 300 jobs would go."),
    )
    made = hedging(context(art))
    contradicted = by_verdict(made, "contradicted")
    assert [s.text for s in contradicted] == ["The article states as established fact that the company plans to close its factory in Leeds."]
    assert '"reportedly"' not in contradicted[0].text and "reportedly" in contradicted[0].explanation
    for claim in by_verdict(made, "supported"):
        assert "without confirming" in claim.text
    assert not [s for s in made if s.kind == "multiple_choice"]  # which-word questions were found trivial


def test_count_absent_gives_a_count_the_text_does_not_and_checks_it_is_absent():
    art = article(
        ("headline", "Residents protest over park"),
        ("paragraph", "Some residents wrote to the mayor asking for the park to stay open."),
        ("paragraph", "The council will decide next month."),
    )
    (claim,) = count_absent(context(art))
    assert claim.verdict == "not_in_article"
    assert re.fullmatch(r"(Nineteen|Twelve|Thirty) residents wrote to the mayor asking for the park to stay open\.", claim.text)
    assert '"Some residents wrote to the mayor' in claim.explanation
    # When the article gives a number of residents elsewhere, a count is no longer "not in the article".
    counted = article(
        ("headline", "Residents protest over park"),
        ("paragraph", "Some residents wrote to the mayor asking for the park to stay open."),
        ("paragraph", "In all, 45 residents signed."),
    )
    assert count_absent(context(counted)) == []


def test_quote_paraphrase_uses_whole_quotations_only():
    art = article(
        ("headline", "Minister defends rail plan"),
        ("paragraph", 'Transport minister Jane Hill said: "We will build the line on time and on budget, whatever the critics say."'),
        ("paragraph", 'Critics called the scheme "a waste of money ..."'),
        ("paragraph", "The line would link three northern cities by 2030."),
        ("paragraph", "Engineers said the tunnels would take longer than planned."),
        ("paragraph", "Local groups have asked for the route to avoid ancient woodland."),
    )
    analysis = Analysis(art)
    cut = next(q for q in analysis.quotes if q.text.startswith("a waste"))
    assert not cut.complete
    made = quote_paraphrase(Context(analysis))
    # Nothing is built on the cut quotation; the whole one may be an option, never a claim (that
    # words stand in quotation marks is there to see).
    for suggestion in made:
        assert "waste" not in suggestion.text and not any("waste" in o.text for o in suggestion.options)
    for suggestion in (s for s in made if s.kind == "multiple_choice"):
        key = next(o.text for o in suggestion.options if o.correct).strip('"')
        assert key in "We will build the line on time and on budget, whatever the critics say."
    assert not any("We will build the line" in s.text for s in made if s.kind == "claim")


def test_loaded_words_are_the_articles_own_or_a_sources():
    art = article(
        ("headline", "Protest at city hall"),
        ("paragraph", "A shadowy campaign group organised the protest outside city hall."),
        ("paragraph", 'Organiser Sam Reed said the new law was "draconian and cruel".'),
        ("paragraph", "About 200 people took part."),
    )
    made = loaded_language(context(art))
    verdicts = {re.search(r'"(\w+)"', s.text).group(1): s.verdict for s in made if s.kind == "claim"}
    assert verdicts == {"shadowy": "supported", "draconian": "contradicted"}
    # No "which word carries the writer's judgement?": a review found its other words plainly
    # neutral or judging too.
    assert not [s for s in made if s.kind == "multiple_choice"]


def test_clutter_is_asked_about_and_never_used_as_content():
    art = article(
        ("headline", "Storm closes schools"),
        ("paragraph", "Forty schools closed on Friday as the storm reached the coast."),
        ("paragraph", "The weather service said winds reached 90 miles an hour."),
        ("clutter", "READ MORE: The ten best umbrellas for windy days"),
    )
    made = content_clutter(context(art))
    assert {s.verdict for s in made if s.kind == "claim"} == {"supported", "contradicted"}
    assert all(s.evidence == ["READ MORE: The ten best umbrellas for windy days"] for s in made)
    clutter = art.text[art.block_spans[-1].start : art.block_spans[-1].end]
    for suggestion in suggest(art):
        if suggestion.skill != "content-vs-clutter":
            assert not any(quote in clutter for quote in suggestion.evidence)
            assert "umbrellas" not in suggestion.text
            assert not any("umbrellas" in o.text for o in suggestion.options)


def test_missing_reply_and_response_only_when_the_text_has_none():
    letter = article(
        ("headline", "Staff protest over contract"),
        ("paragraph", "Employees at Northwind wrote to chief executive Ada Lane protesting the company's army contract."),
        ("paragraph", "Northwind employees said the contract broke the firm's own rules."),
        ("paragraph", "Northwind has 4,000 staff and is accused of ignoring its critics."),
    )
    claims = missing_reply(context(letter)) + missing_response(context(letter))
    assert "Ada Lane has replied to Northwind employees." in [c.text for c in claims]
    assert all(c.verdict in ("not_in_article", "supported") for c in claims)
    answered = article(
        ("headline", "Staff protest over contract"),
        ("paragraph", "Employees at Northwind wrote to chief executive Ada Lane protesting the company's army contract."),
        ("paragraph", "Ada Lane replied that the contract would be reviewed."),
        ("paragraph", "A Northwind spokesperson said in a statement that the firm was accused unfairly."),
    )
    assert missing_reply(context(answered)) == []
    assert missing_response(context(answered)) == []


def test_dates_without_a_publication_date():
    art = article(
        ("headline", "Bridge to reopen"),
        ("paragraph", "Engineers found cracks in the bridge in March."),
        ("paragraph", "Earlier this week, the county council said repairs were nearly finished."),
        ("paragraph", "Cyclists wrote to the council asking for a wider path."),
    )
    made = dates(context(art))
    assert not [s for s in made if s.verdict == "contradicted"]  # no month changed: recall of one word
    # No month moved onto another event: two reviews found 5 of 7 such drafts wrong.
    assert not [s for s in made if s.text.startswith("In March,")]
    relative = next(s for s in made if s.kind == "multiple_choice")
    assert [o.text for o in relative.options if o.correct] == ["The article's publication date, which the text lacks"]
    dated = article(("headline", "Bridge to reopen"), ("paragraph", "Earlier this week, the county council said repairs were nearly finished."), published="2024-05-02")
    assert not any(s.kind == "multiple_choice" or s.fact == "published" for s in dates(context(dated)))


# --- the generator -------------------------------------------------------------------------------


def test_every_suggestion_validates_and_has_no_answer_cues(articles):
    for name, art in articles.items():
        found = suggest(art)
        assert len(found) >= 10, name
        keys = [s.key for s in found]
        assert len(set(keys)) == len(keys), name
        for s in found:
            problems: list = []
            assert validate_question(s.raw(), art.text, name, problems, draft=False) is not None, (name, s.key, problems)
            assert IDENT.match(s.key) and 0 < s.confidence <= 1
            assert s.explanation.count('"') >= 2, (name, s.key)  # it quotes the deciding words
            if s.kind == "multiple_choice":
                assert 3 <= len(s.options) <= 5 and sum(o.correct for o in s.options) == 1
                assert all(o.feedback for o in s.options if not o.correct)
                item = Item(s.key, s.skill, s.text, [(o.text, o.correct) for o in s.options])
                assert item_cues(item) == [], (name, s.key)
            else:
                assert s.verdict in ("supported", "contradicted", "not_in_article") and not s.options


def test_one_suggestion_per_fact_and_no_repeated_text(articles):
    for art in articles.values():
        found = suggest(art)
        facts = [s.fact for s in found]
        assert len(set(facts)) == len(facts)
        texts = [s.text.casefold() for s in found]
        assert len(set(texts)) == len(texts)
        per_sentence = Counter()
        for s in found:
            per_sentence[next((i for i, span in enumerate(art.sentences) if span.start <= s.position < span.end), -1)] += 1
        assert max(per_sentence.values()) <= 3


def test_claims_never_rest_on_a_sentence_that_opens_on_a_pronoun(articles):
    for art in articles.values():
        analysis = Analysis(art)
        for s in suggest(art):
            if s.kind != "claim" or s.rule in ("quote-paraphrase",):
                continue
            for quote in s.evidence:
                at = art.text.find(quote)
                sentence = analysis.sentence_at(at)
                assert not (sentence.pronoun_start and quote.startswith(sentence.text[:20])), (s.key, quote)
            assert not re.match(r"(?:According to the article, )?(?:They|He|She|It|This)\b(?! article)", s.text)


def test_the_builtin_article_spreads_over_skills_with_balanced_verdicts(amazon):
    found = suggest(amazon)
    assert len(found) >= 15
    assert len({s.skill for s in found}) >= 8
    claims = [s for s in found if s.kind == "claim"]
    shares = Counter(s.verdict for s in claims)
    for verdict in ("supported", "contradicted", "not_in_article"):
        assert 0.25 <= shares[verdict] / len(claims) <= 0.45, shares
    # Some of what the hand-written bank asks is found again, with the same key.
    texts = {s.text: s for s in candidates(amazon)}
    assert texts["The article states as established fact that Google engineers refused to build technologies that would help the firm win military contracts."].verdict == "contradicted"
    assert any(s.rule == "count-absent" and "Amazon shareholders called on Jeff Bezos" in s.text for s in texts.values())


def test_suggestions_are_the_same_every_time(articles):
    for art in articles.values():
        first = [s.as_json() for s in suggest(art)]
        again = [s.as_json() for s in suggest(ArticleText.from_blocks(art.blocks, headline=art.headline, author=art.author, publisher=art.publisher, published=art.published))]
        assert first == again


def test_limit_keeps_the_most_confident(amazon):
    everything = suggest(amazon)
    top = suggest(amazon, limit=5)
    assert [s.key for s in top] == [s.key for s in everything[:5]]
    assert [s.confidence for s in everything] == sorted((s.confidence for s in everything), reverse=True)


def test_a_long_article_is_fast(articles):
    blocks = []
    for name in ("library-cuts", "coffee-study", "harbour-fire", SLUG) * 2:
        blocks += [b for b in articles[name].blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.QUOTATION)]
    long = ArticleText.from_blocks([Block(BlockKind.HEADLINE, "A long article")] + blocks)
    assert 1300 <= len(long.text.split()) <= 2000
    started = time.perf_counter()
    found = suggest(long)
    assert time.perf_counter() - started < 3
    for s in found:
        assert validate_question(s.raw(), long.text, "long", [], draft=False) is not None


# --- the command ---------------------------------------------------------------------------------


def test_cli_on_an_article_id(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["suggest-questions", SLUG, "--limit", "6"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{SLUG}: Amazon workers wrote to Jeff Bezos")
    assert "6 suggestion(s) in" in result.output and "evidence: \"" in result.output
    data = json.loads(runner.invoke(args=["suggest-questions", SLUG, "--json"]).output)
    assert set(data) == {"article", "suggestions", "by_kind", "by_skill", "seconds"}
    assert data["article"] == SLUG and sum(data["by_skill"].values()) == len(data["suggestions"])
    assert set(data["by_kind"]) == {"multiple_choice", "claim"} and sum(data["by_kind"].values()) == len(data["suggestions"])
    first = data["suggestions"][0]
    assert {"id", "kind", "skill", "rule", "text", "evidence", "explanation", "confidence"} <= set(first)
    assert ("options" in first) != ("verdict" in first)


def test_cli_on_a_file_needs_no_database(app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["suggest-questions", str(FIXTURES / "coffee-study.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["suggestions"] and all(s["evidence"] for s in data["suggestions"])
    page = runner.invoke(args=["suggest-questions", str(FIXTURES / "harbour-fire.html")])
    assert page.exit_code == 0 and "Fire destroys warehouse" in page.output


def test_cli_errors(app, tmp_path):
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["suggest-questions", "no-such-article"])
    assert unknown.exit_code == 1 and "no article with the id 'no-such-article'" in unknown.output
    missing = runner.invoke(args=["suggest-questions", str(tmp_path / "missing.txt")])
    assert missing.exit_code == 1 and "no such file" in missing.output
    binary = tmp_path / "latin.txt"
    binary.write_bytes("Caf\xe9 owners protest\n\nThey said so.".encode("latin-1"))
    refused = runner.invoke(args=["suggest-questions", str(binary)])
    assert refused.exit_code == 1 and "not UTF-8" in refused.output
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * 30_000, encoding="utf-8")
    too_long = runner.invoke(args=["suggest-questions", str(big)])
    assert too_long.exit_code == 1 and "at most" in too_long.output


# --- regressions from the benchmark review: wrong keys, artefacts, names, coverage --------------

from quiz.suggest.generator import artefacts  # noqa: E402
from quiz.suggest.model import Option, Suggestion  # noqa: E402
from quiz.suggest.rules import (  # noqa: E402
    headline_body,
    headline_cause,
    sourcing_documents,
    unnamed_sources,
)


def _claim(text: str, explanation: str = "The article says so.", **extra) -> Suggestion:
    return Suggestion("k", "r", "claim", "attribution", text, explanation, [], 0.5, verdict="supported", **extra)


def test_headline_body_never_compares_lengths_of_time_or_different_things():
    art = article(
        ("headline", "Island doctor retires after 27 years as ferry is delayed 40 minutes"),
        ("paragraph", "The ferry, now 38 years old, was delayed by 7 hours 2 minutes on Monday."),
        ("paragraph", "Brennock glassworks will close with the loss of 300 jobs, and a further 250 jobs at suppliers depend on it."),
    )
    assert headline_body(context(art)) == []


def test_a_town_is_never_the_criticised_organisation():
    art = article(
        ("paragraph", "The glassworks at Brennock will close, its owner Halvern Glass said."),
        ("paragraph", "Union leaders criticised the decision and accused Halvern Glass of neglect."),
        ("paragraph", "Brennock's mayor said the town had been knocked sideways, and shops in Brennock would suffer."),
        ("paragraph", "Workers in Brennock protested outside the gates on Friday, and Brennock residents joined them."),
    )
    assert not any("Brennock" in s.text for s in missing_response(context(art)))


def test_overlapping_or_mixed_options_are_artefacts():
    def mc(*texts):
        options = [Option(t, n == 0, None if n == 0 else "No.") for n, t in enumerate(texts)]
        return Suggestion("k", "r", "multiple_choice", "hedging", "Which word?", "Because.", [], 0.5, options=options)

    assert any("overlap" in m for m in artefacts(mc('"appears"', '"appears to"', '"cargo"'), "text"))
    assert any("style" in m for m in artefacts(mc("Prosecutor Ingeborg Hallesen", "Arne Kvalsvik", "Sigrid Otterlei"), "text"))
    assert artefacts(mc("Ingeborg Hallesen", "Arne Kvalsvik", "Sigrid Otterlei"), "text") == []


@pytest.mark.parametrize(
    "text",
    [
        'Who, according to the article, said : "The river is expected to peak"?',
        'The council said it was "safe.".',
        'The article says ""We are sorry"".',
        "According to port Calloway Authority, cargo was moved.",
        "Updated at 15:80: police closed the bridge.",
        "The branch will close on 31 June.",
        "The study followed pupils aged 26 to 16 at 19 schools.",
        "PORT CALLOWAY, February 14 (Meridian Press) dockworkers walked out.",
        'Which figure completes the article\'s words? "At ___ past two the phone rang"',
        'The line is page furniture: page furniture around the report.',
        'The union said "the first of many.',
    ],
)
def test_artefacts_are_caught_whatever_rule_made_them(text):
    source = "Dockworkers walked out. The Port Calloway Authority said cargo was moved. At ten past two the phone rang."
    assert artefacts(_claim(text), source)


def test_a_clean_claim_has_no_artefacts():
    source = "The Port Calloway Authority said cargo was moved on 14 March at 15:40."
    assert artefacts(_claim("According to the Port Calloway Authority, cargo was moved on 14 March at 15:40."), source) == []


def test_names_are_kept_whole():
    art = article(
        ("paragraph", "The Harbour and Transport Workers' Union (HTWU) said about 2,300 of its members had joined the stoppage."),
        ("paragraph", "Professor Ann Lee, of King's College London, said the plan was unworkable."),
        ("paragraph", "Prosecutor Ingeborg Hallesen told the court that tired crews were a risk to passengers."),
    )
    names = {e.name for e in Analysis(art).entities.values()}
    assert "Harbour and Transport Workers' Union" in names and "Transport Workers Union" not in names
    assert "King's College London" in names and "College London" not in names
    assert "Ingeborg Hallesen" in names and "Prosecutor Ingeborg Hallesen" not in names


def test_reports_and_studies_are_sources_with_a_place_to_check():
    art = article(
        ("headline", "Ministers to ban phones in schools"),
        ("paragraph", "According to a report in the Westbury Gazette last week, ministers are preparing to recommend that schools ban phones for the whole day."),
        ("paragraph", "Teenagers who use phones in bed sleep 40 minutes less a night than those who switch off earlier, according to a new study."),
        ("paragraph", "Professor Anneliese Brookfield, a sleep scientist at Kessington University, said the study was carefully done."),
    )
    made = sourcing_documents(context(art))
    sources = [s for s in made if s.rule == "sourcing-documents" and s.kind == "multiple_choice"]
    rights = {next(o.text for o in s.options if o.correct) for s in sources}
    assert {"A report in the Westbury Gazette", "A new study"} <= rights
    # Going upstream, to the report itself, is sourcing (lateral reading is what others say of it).
    upstream = [s for s in made if s.kind == "multiple_choice" and s.text.endswith("Where should you look first?")]
    assert any(next(o.text for o in s.options if o.correct) == "The Westbury Gazette's own report" for s in upstream)
    assert {s.skill for s in upstream} == {"sourcing"}
    # No funder named at random ("paid for by a technology company"): missing_funder names one the
    # article mentions instead.
    assert not [s for s in made if s.verdict == "not_in_article" and "paid for" in s.text]
    assert all(not problems for problems in (artefacts(s, art.text) for s in made))


def test_unnamed_sources_are_asked_about():
    art = article(("paragraph", "I'm told that at least two of the councillors who voted for the scheme don't own a car."))
    made = unnamed_sources(context(art))
    assert {s.verdict for s in made} == {"supported", "contradicted"}
    assert any(s.text.startswith("The writer does not say who told them that at least two") for s in made)


def test_a_headline_that_states_a_cause_the_body_calls_a_link():
    art = article(
        ("headline", "Late-night screens rob teenagers of 40 minutes' sleep, study finds"),
        ("paragraph", "But the lead author stressed that the study showed an association, not proof that screens were the cause."),
    )
    made = headline_cause(context(art))
    mc = next(s for s in made if s.kind == "multiple_choice")
    assert next(o.text for o in mc.options if o.correct) == "That it found a link, not proof of cause"
    hedged = article(("headline", "Late-night screens may be linked to less sleep"), ("paragraph", art.blocks[1].text))
    assert headline_cause(context(hedged)) == []


# --- speakers in apposition and "he said" after a quotation -----------------------------------

BUDGET = article(
    ("headline", "Council tax to rise as city faces budget gap"),
    ("paragraph", "The council's cabinet member for finance, Councillor Rhys Adeyemi, said the budget was \"the hardest this city has ever had to set\"."),
    ("paragraph", "\"Nobody goes into local government wanting to put up council tax and close services,\" he said."),
    ("paragraph", "The leader of the opposition group, Councillor Jean Whitcombe, said residents were being asked to \"pay more for less\"."),
    ("paragraph", "The Wexmoor Taxpayers' Group said the average bill had risen by 31% since 2019."),
)


def test_a_speaker_in_apposition_is_the_name_and_the_passage_starts_with_the_sentence():
    analysis = Analysis(BUDGET)
    speakers = {a.who.name for a in analysis.attributions if a.who is not None}
    assert {"Rhys Adeyemi", "Jean Whitcombe"} <= speakers
    made = attribution_speaker(Context(analysis))
    question = next(s for s in made if s.kind == "multiple_choice" and "pay more for less" in s.text)
    assert [o.text for o in question.options if o.correct] == ["Jean Whitcombe"]
    # The evidence is not "Councillor Jean Whitcombe, said ...", a name cut off by its comma.
    assert question.evidence[0].startswith("The leader of the opposition group, Councillor Jean Whitcombe, said")


def test_he_said_after_a_quotation_is_the_person_named_last_before_it():
    analysis = Analysis(BUDGET)
    quoted = {q.text[:20]: a.who.name for q, a in analysis.quote_attributions if a.who is not None}
    assert quoted["Nobody goes into loca"[:20]] == "Rhys Adeyemi"
    made = attribution_speaker(Context(analysis))
    question = next(s for s in made if s.kind == "multiple_choice" and "Nobody goes into" in s.text)
    assert [o.text for o in question.options if o.correct] == ["Rhys Adeyemi"]
    # The evidence names him; a bare "he" is no evidence.
    assert any("Councillor Rhys Adeyemi" in quote for quote in question.evidence)
    assert "he" not in question.evidence
    assert problems_of(question, BUDGET.text) == []


def test_he_said_with_no_person_named_before_is_left_unattributed():
    art = article(
        ("headline", "Ferry fares to rise"),
        ("paragraph", "\"Fares have not gone up for six years and the boats are old,\" he said."),
    )
    assert all(a.who is None for _, a in Analysis(art).quote_attributions)


# --- quoted in their own words, or only reported -------------------------------------------------

from quiz.suggest.rules.attribution import sourcing_quoted  # noqa: E402

HEAT = article(
    ("headline", "Heat alert issued as temperatures climb"),
    ("paragraph", "Bureau meteorologist Kwame Ashdown said: \"It will be an uncomfortable few days, particularly for people in flats and top-floor rooms.\""),
    ("paragraph", "Tamsin Water said demand for water had risen by around 25% over the past week."),
    ("paragraph", "The fire service was called to 11 grass fires in the past week."),
    ("paragraph", "Area manager Sadie Furlong said most were caused by discarded cigarettes and disposable barbecues."),
    ("paragraph", "Schools will stay open, the county council said."),
)


def test_sourcing_quoted_asks_which_source_the_article_quotes_in_its_own_words():
    made = sourcing_quoted(context(HEAT))
    question = next(s for s in made if s.kind == "multiple_choice")
    assert [o.text for o in question.options if o.correct] == ["Kwame Ashdown"]
    assert {o.text for o in question.options if not o.correct} <= {"Tamsin Water", "Sadie Furlong"}
    assert sum(s.kind == "multiple_choice" for s in made) == 1
    claims = {s.text: s.verdict for s in made if s.kind == "claim"}
    assert claims["The article gives Sadie Furlong's own words, in quotation marks."] == "contradicted"
    assert claims["The article gives Tamsin Water's own words, in quotation marks."] == "contradicted"
    assert not any("Kwame Ashdown" in text for text in claims)
    assert all(problems_of(s, HEAT.text) == [] for s in made)


def test_sourcing_quoted_never_calls_a_source_unquoted_when_a_quotation_may_be_theirs():
    # '"...," she said' in the next paragraph may be Sadie Furlong's words: she is left alone.
    art = article(
        ("headline", "Heat alert issued as temperatures climb"),
        ("paragraph", "Bureau meteorologist Kwame Ashdown said: \"It will be an uncomfortable few days, particularly for people in flats and top-floor rooms.\""),
        ("paragraph", "Area manager Sadie Furlong said most fires were caused by discarded cigarettes and disposable barbecues."),
        ("paragraph", "\"Please take your rubbish home with you and never light a barbecue on dry grass,\" she said."),
        ("paragraph", "Tamsin Water said demand for water had risen by around 25% over the past week."),
    )
    made = sourcing_quoted(context(art))
    assert not any("Sadie Furlong" in s.text for s in made)
    assert any("Tamsin Water" in s.text for s in made)


# --- real news copy: "..., says Li.", names without titles, towns that are not companies -------

SCIENCE = article(
    ("headline", "Giant telescope opens to astronomers worldwide"),
    ("paragraph", "\u201cWe do not see any roadblocks for the remaining transition,\u201d says Di Li, the chief scientist of the telescope."),
    ("paragraph", "But now, observation time will be open to researchers from around the world, says Zhiqiang Shen, director of the Shanghai Astronomical Observatory."),
    ("paragraph", "\u201cI\u2019m super excited to be able to use the telescope,\u201d says Maura McLaughlin, a radio astronomer at West Virginia University."),
    ("paragraph", "Many fast radio bursts were too faint to be picked up by other telescopes, says Li."),
    ("paragraph", "The array will boost the search for ripples in space-time, McLaughlin said."),
)


def test_a_speaker_after_what_they_said_is_attributed_and_asked_about():
    analysis = Analysis(SCIENCE)
    trailing = {(a.who.name, a.content.text) for a in analysis.attributions if a.frame == "trailing" and a.who}
    assert ("Di Li", "Many fast radio bursts were too faint to be picked up by other telescopes") in trailing
    assert ("Zhiqiang Shen", "But now, observation time will be open to researchers from around the world") in trailing
    assert ("Maura McLaughlin", "The array will boost the search for ripples in space-time") in trailing
    made = attribution_speaker(Context(analysis))
    # Di Li is asked about once, through his quotation; what he says after it makes claims.
    assert sum(s.kind == "multiple_choice" and "Di Li" in [o.text for o in s.options if o.correct] for s in made) == 1
    claim = next(s for s in made if s.kind == "claim" and s.verdict == "supported" and "too faint" in s.text)
    assert claim.text.startswith("According to the article, it was Di Li, not ") and claim.text.endswith(
        "who says that many fast radio bursts were too faint to be picked up by other telescopes.")
    opening = next(s for s in made if s.kind == "multiple_choice" and "observation time" in s.text)
    assert "says that observation time will be open" in opening.text  # no "says But now, ..."
    assert all(problems_of(s, SCIENCE.text) == [] for s in made)


def test_names_without_a_title_are_people_when_the_article_goes_on_by_surname():
    people = {e.name for e in Analysis(SCIENCE).entities.values() if e.kind == "person"}
    assert {"Di Li", "Zhiqiang Shen", "Maura McLaughlin"} <= people


def test_a_town_with_a_possessive_is_a_place_not_an_organisation():
    art = article(
        ("headline", "Glassworks to close"),
        ("paragraph", "Halvern Glass said the site in Brennock had lost money for three years."),
        ("paragraph", "Brennock's mayor, Huw Penhallow, said the town had been \"knocked sideways\"."),
    )
    kinds = {e.name: e.kind for e in Analysis(art).entities.values()}
    assert kinds.get("Brennock") == "place" and kinds.get("Huw Penhallow") == "person"


def test_a_clause_that_opens_with_when_is_no_speaker():
    art = article(
        ("headline", "Marches spread"),
        ("paragraph", "The marches have been backed by the MK Party, which has strong support in the province."),
        ("paragraph", "When the party called on supporters to march against undocumented migrants, thousands responded."),
        ("paragraph", "Falesi Chukuwumba, a Malawian national, told Al Jazeera the camp was cold."),
    )
    analysis = Analysis(art)
    assert not any(a.speaker.text.startswith("When") for a in analysis.attributions)
    assert not any("thousands responded" in s.text for s in attribution_speaker(Context(analysis)))


def test_no_recall_item():
    """Recall of one figure or month (the figure or month changed or kept, fill in the figure) tests
    memory more than reading: independent reviews rejected nearly all such drafts; none is made."""
    for art in (BUDGET, SCIENCE):
        made = candidates(art)
        assert made and not [s for s in made if s.rule == "numbers" or (s.rule == "dates" and s.verdict == "contradicted")]
        assert not [s for s in made if re.match(r"Which figure completes", s.text)]


from quiz.suggest.rules.attribution import sourcing_role  # noqa: E402


def test_sourcing_role_asks_how_the_article_describes_a_source_it_quotes():
    made = sourcing_role(context(SCIENCE))
    question = next(s for s in made if "Maura McLaughlin" in s.text)
    assert question.text == "How does the article describe Maura McLaughlin, one of its sources?"
    assert [o.text for o in question.options if o.correct] == ["A radio astronomer at West Virginia University"]
    assert {o.text for o in question.options if not o.correct} == {"The chief scientist of the telescope", "Director of the Shanghai Astronomical Observatory"}
    assert question.evidence == ["Maura McLaughlin, a radio astronomer at West Virginia University"]
    assert all(problems_of(s, SCIENCE.text) == [] for s in made)


def test_sourcing_role_needs_two_other_roles_and_never_takes_a_clause_for_a_role():
    art = article(
        ("headline", "Clinic to close"),
        ("paragraph", "Ingrid Lachlan, who leads the rural health centre, said the clinic would close in June."),
        ("paragraph", "Philippa Moorcroft, a retired teacher, said the town would miss it."),
    )
    assert sourcing_role(context(art)) == []


def test_a_given_name_makes_a_person_with_no_other_clue():
    art = article(
        ("headline", "Parasite wins top prize"),
        ("paragraph", "Joaquin Phoenix and Laura Dern won acting awards on the night, while the Milky Way Band played."),
        ("paragraph", "\u201cIt was a difficult part,\u201d quipped Pitt of his role as a stuntman, after Brad Pitt took his award."),
    )
    kinds = {e.name: e.kind for e in Analysis(art).entities.values()}
    assert kinds["Joaquin Phoenix"] == "person" and kinds["Laura Dern"] == "person"
    assert kinds.get("Milky Way Band") != "person"


def test_words_unsuitable_for_a_class_are_never_shown():
    from quiz.suggest.generator import artefacts
    bad = _claim("The article puts \"the bastard's son\" in quotation marks.")
    assert "words a teacher would not put in front of a class" in artefacts(bad, "the bastard's son")
    assert "words a teacher would not put in front of a class" not in artefacts(_claim("The mayor passed the bill."), "")


def test_no_rule_but_who_said_it_fills_an_article_with_one_template():
    """An independent review found "where should you look first? The paper itself" three times on
    one article: a rule other than "who said it" makes at most PER_RULE suggestions an article,
    while "who said it" has room for a few more than other skills."""
    from quiz.suggest.generator import MORE_PER_SKILL, PER_RULE, PER_RULE_EXEMPT, PER_SKILL

    speakers = [
        ("Ada Brennan", "a harbour pilot at Port Calloway"), ("Bruno Castell", "an engineer at Castell Marine"),
        ("Carla Dunmore", "a lecturer at Calloway College"), ("Dev Okafor", "a director of the Quay Trust"),
        ("Elsa Fairweather", "a fisherman from Lower Quay"), ("Femi Garland", "a councillor for the harbour ward"),
        ("Greta Holm", "a spokeswoman for the port authority"),
    ]
    paragraphs = [("headline", "Harbour plan divides the town")]
    for number, (name, role) in enumerate(speakers):
        paragraphs.append(("paragraph", f"\u201cWe have waited {number + 3} years for the harbour to be fixed and nobody listens to us,\u201d said {name}, {role}."))
    art = article(*paragraphs)
    assert Counter(s.rule for s in candidates(art))["sourcing-role"] > PER_RULE  # the rule offers more
    made = suggest(art)
    per_rule = Counter(s.rule for s in made)
    assert all(count <= PER_RULE for rule, count in per_rule.items() if rule not in PER_RULE_EXEMPT), per_rule
    assert per_rule["attribution-speaker"] > PER_SKILL and Counter(s.skill for s in made)["attribution"] <= PER_SKILL + MORE_PER_SKILL["attribution"]


def test_a_long_article_quoting_many_people_gets_more_who_said_it():
    """"Who said this?" was the kind teachers used unchanged most often: a long article that
    quotes many people gets one more of them for every ATTRIBUTION_WORDS words, beyond what a
    short one gets, and never more than the article has quotations."""
    from quiz.suggest.generator import ATTRIBUTION_WORDS, MORE_PER_SKILL, PER_SKILL, WORDS_PER_SKILL

    first = "Ada Bruno Carla Dev Elsa Femi Greta Hugo Iris Jonas Kemal Lena Milo Nora".split()
    last = "Brennan Castell Dunmore Okafor Fairweather Garland Holm Ibsen Jacobs Kowal Lindqvist Moreau Novak Ortega".split()
    jobs = "harbour pilot|marine engineer|college lecturer|trust director|fisherman|ward councillor|port spokeswoman|ferry captain|shop owner|diver|surveyor|teacher|crane driver|nurse".split("|")
    themes = "the dredging|the new crane|the ferry timetable|the sea wall|the fish market|the harbour lights|the car park|the boat ramp|the lock gates|the diving school|the tide gauge|the school trips|the night shifts|the first-aid post".split("|")
    paragraphs = [("headline", "Harbour plan divides the town")]
    for number, (given, family, job, theme) in enumerate(zip(first, last, jobs, themes)):
        paragraphs.append(("paragraph", f"\u201cNobody asked us about {theme} before the council voted on the plan,\u201d said {given} {family}, a {job} who has worked at the harbour for {number + 4} years."))
        paragraphs.append(("paragraph", f"The council published its plan for {theme} in the spring, and the consultation closed in the summer after a series of meetings in the town hall that were held on weekday afternoons while most residents were at work, which several of them said made it hard to take part. The plan sets out what will change, how long the work will take and which parts of the harbour stay open while it is done."))
    art = article(*paragraphs)
    words = len(art.text.split())
    assert words > 1200
    made = [s for s in suggest(art) if s.skill == "attribution"]
    short_limit = PER_SKILL + MORE_PER_SKILL["attribution"]
    limit = short_limit + max(0, words - 1200) // WORDS_PER_SKILL + words // ATTRIBUTION_WORDS
    assert short_limit < len(made) <= min(limit, len(first) * 2), (len(made), limit)
    assert len({s.fact for s in made}) == len(made)  # one suggestion a quotation
