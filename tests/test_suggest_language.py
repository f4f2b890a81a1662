"""The language rules of the suggestion generator, each on small texts: hedges of forecasts,
intentions, beliefs and figures (quiz.suggest.rules.language.hedging) and loaded words
(loaded_language). What each must make, and what each must not: no item from a quotation, from
a sentence that opens on a pronoun, from "could" as the past of "can", from "may" as permission,
or from a loaded word the article credits to someone else."""

from __future__ import annotations

import re

from quiz.articles.text import Block, BlockKind
from quiz.suggest.analysis import Analysis, loaded_lexicon
from quiz.suggest.generator import problems_of, suggest
from quiz.suggest.model import ArticleText
from quiz.suggest.rules import Context
from quiz.suggest.rules.language import hedging, loaded_language, quote_paraphrase


def article(*paragraphs: str, headline: str = "Town news") -> ArticleText:
    blocks = [Block(BlockKind.HEADLINE, headline)] + [Block(BlockKind.PARAGRAPH, text) for text in paragraphs]
    return ArticleText.from_blocks(blocks)


def made(rule, *paragraphs: str, **kwargs):
    art = article(*paragraphs, **kwargs)
    found = rule(Context(Analysis(art)))
    for suggestion in found:
        assert problems_of(suggestion, art.text) == [], (suggestion.text, problems_of(suggestion, art.text))
    return found


def claims(found, verdict):
    return [s.text for s in found if s.kind == "claim" and s.verdict == verdict]


def key(suggestion) -> str:
    return next(o.text for o in suggestion.options if o.correct)


FILLER = "The town hall was built in 1911 and stands on the market square."


# --- hedging: forecasts and intentions -----------------------------------------------------------


def test_a_forecast_reported_as_certain_is_contradicted_and_named_as_forecast_is_supported():
    found = made(hedging, "The road is expected to reopen on Tuesday once the surface has been repaired.", FILLER)
    assert claims(found, "contradicted") == ["The article reports as certain that the road will reopen on Tuesday once the surface has been repaired."]
    assert claims(found, "supported") == ["The article presents it as a forecast, not a certainty, that the road will reopen on Tuesday once the surface has been repaired."]
    contradicted = next(s for s in found if s.verdict == "contradicted")
    assert '"expected"' in contradicted.explanation and "The road is expected to reopen" in contradicted.explanation
    # Both test the same fact: the generator keeps one. No "which word ..." question: a review
    # of real news found them trivial.
    assert len({s.fact for s in found}) == 1 and len(found) == 2


def test_intentions_hopes_and_aims_become_will_with_the_subject_kept():
    found = made(
        hedging,
        "The council says it hopes to make most of the reductions by not filling vacancies, but has not ruled out compulsory redundancies.",
        "Rail operator Northline aims to restore a full timetable by the end of March.",
        "The council also plans to sell 14 buildings it no longer uses.",
    )
    assert claims(found, "contradicted") == [
        "The article reports as certain that the council will make most of the reductions by not filling vacancies.",
        "The article reports as certain that rail operator Northline will restore a full timetable by the end of March.",
        "The article reports as certain that the council will also sell 14 buildings it no longer uses.",
    ]
    assert "The article presents it as a hope, not a certainty, that the council will make most of the reductions by not filling vacancies." in claims(found, "supported")
    plans = [s for s in found if s.kind == "claim" and "sell 14 buildings" in s.text]
    hopes = [s for s in found if s.kind == "claim" and "reductions" in s.text]
    assert max(s.confidence for s in plans) < min(s.confidence for s in hopes)  # a plan is the weakest hedge


def test_modal_hedges_of_consequence_and_beliefs():
    found = made(
        hedging,
        "Customers who were without water for more than 12 hours may be entitled to compensation and should contact the company.",
        "Nobody is believed to have been hurt.",
        "An amber alert has been issued for the county, with temperatures expected to climb as high as 34C on Thursday.",
    )
    assert claims(found, "contradicted") == [
        "The article reports as certain that customers who were without water for more than 12 hours will be entitled to compensation.",
        "The article reports as certain that nobody has been hurt.",
        "The article reports as certain that temperatures will climb as high as 34C on Thursday.",
    ]
    assert "The article passes on, without confirming it, the belief that nobody has been hurt." in claims(found, "supported")
    assert not [s for s in found if s.kind == "multiple_choice"]


def test_a_reported_attribution_at_the_end_is_left_out_of_the_claim():
    found = made(hedging, "The company hopes to open three new stores next year, its chief executive said.", FILLER)
    assert claims(found, "contradicted") == ["The article reports as certain that the company will open three new stores next year."]


def test_one_hedge_item_a_sentence_and_no_other_hedge_as_a_wrong_option():
    found = made(hedging, "Analysts at the consultancy Carver & Lowe estimated that each day of disruption could delay up to 40,000 containers.", FILLER)
    assert len({s.fact for s in found}) == 1
    assert claims(found, "contradicted") == ["The article reports as certain that each day of disruption will delay up to 40,000 containers."]
    for question in (s for s in found if s.kind == "multiple_choice"):
        wrong = [o.text.strip('"') for o in question.options if not o.correct]
        assert not {"estimated", "could"} & set(wrong)


def test_hedges_that_are_not_the_articles_doubt_make_nothing():
    nothing = [
        "Residents may park in the new bays from Monday.",  # permission
        "The storm could be seen from the coast for miles around the bay.",  # ability
        "As far as anyone could tell, the building had been empty for many years.",  # past of "can"
        "Ministers might not agree to the proposal before the summer recess.",  # a negation
        "She hopes to open three new stores in the northern towns next year.",  # a pronoun subject
        'The minister said: "The bridge is expected to reopen on Tuesday after the repairs."',  # a quotation
        "Under the plans to cut costs, several libraries across the county would close.",  # "plans" a noun
        "Harwick District Council has urged residents not to return, even if the water outside their property appears to have gone down.",
    ]
    for text in nothing:
        assert made(hedging, text, FILLER) == [], text


def test_a_hedged_forecast_the_article_states_plainly_elsewhere_is_no_contradicted_claim():
    found = made(
        hedging,
        "The road is expected to reopen on Tuesday once the surface has been repaired.",
        "Engineers confirmed that the road will reopen on Tuesday once the surface has been repaired.",
    )
    assert claims(found, "contradicted") == []


def test_a_sentence_with_reportedly_is_asked_about_that_word_only():
    found = made(hedging, "The company reportedly plans to close its factory in Leeds.", FILLER)
    assert claims(found, "contradicted") == ["The article states as established fact that the company plans to close its factory in Leeds."]
    assert not any("will close" in s.text for s in found)


# --- hedging: approximate figures -----------------------------------------------------------------


def test_an_approximate_figure_is_not_asked_about():
    """"about 300": the word sits next to the figure; a review of real news found such items trivial."""
    assert made(hedging, "The council says about 300 homes have been evacuated so far.", FILLER) == []


# --- loaded language --------------------------------------------------------------------------------


def test_the_lexicon_keeps_words_with_an_everyday_literal_sense_out():
    lexicon = loaded_lexicon()
    for word in ("regime", "gutted", "ripped", "torched", "blasted"):
        assert word not in lexicon
    for word in ("boasts", "botched", "spiteful", "shambles", "clique"):
        assert word in lexicon and lexicon[word]


def test_a_loaded_word_in_the_writers_voice():
    found = made(loaded_language, "The minister's botched reform has left schools short of teachers.", FILLER)
    assert claims(found, "supported") == ['The article itself, not a source it quotes, uses the word "botched".']
    assert '"flawed"' in found[0].teacher_note  # the plainer word
    # No "which word carries the writer's judgement?": a review found the other words it offered
    # plainly neutral ("place") or judging too ("feigning" beside "arrogant").
    assert [s.kind for s in found] == ["claim"]


def test_one_loaded_word_a_sentence():
    found = made(loaded_language, "In that time the council has produced a lot of daft ideas, but nothing as spiteful or as downright incompetent as the planters on Marlow Road.", FILLER)
    assert len({s.fact for s in found}) == 1


def test_loaded_words_credited_quoted_or_after_a_pronoun_are_not_the_writers():
    found = made(loaded_language, 'Organiser Sam Reed said the new law was "draconian and cruel".', FILLER)
    assert claims(found, "contradicted") == ['The article itself, not a source it quotes, uses the word "draconian".']
    assert claims(found, "supported") == []
    for text in (
        "Critics slammed the decision, calling it a shambles.",  # the critics' words
        "Opposition councillors described the scheme as a fiasco.",
        "It is a cash cow, dressed up in a hi-vis vest.",  # a pronoun start
    ):
        assert made(loaded_language, text, FILLER) == [], text


def test_a_phrase_from_the_lexicon_is_a_claim_but_no_which_word_question():
    found = made(loaded_language, "The committee ploughed ahead with the vote anyway.", FILLER)
    assert claims(found, "supported") == ['The article itself, not a source it quotes, uses the words "ploughed ahead".']
    assert not [s for s in found if s.kind == "multiple_choice"]


# --- through the generator ---------------------------------------------------------------------------


def test_the_generator_keeps_one_hedging_item_per_fact_and_stays_deterministic():
    art = article(
        "The road is expected to reopen on Tuesday once the surface has been repaired.",
        "A spokesperson for the water company said around 400 properties had been affected.",
        "Customers who were without water for more than 12 hours may be entitled to compensation.",
        "Kelby Town Council said it would write to the water company to ask for a timetable.",
        headline="Water main burst floods road",
    )
    first, second = suggest(art), suggest(art)
    assert [s.key for s in first] == [s.key for s in second]
    hedges = [s for s in first if s.skill == "hedging"]
    assert hedges and len({s.fact for s in hedges}) == len(hedges)
    for suggestion in hedges:
        assert re.search(r'"[^"]+"', suggestion.explanation)  # the deciding words, quoted


def test_a_headline_that_drops_the_hedge_makes_the_contradicted_claim_arguable():
    found = made(
        hedging,
        "Northgate Energy plans to cut around 1,200 jobs over the next two years, the company said on Tuesday.",
        FILLER,
        headline="Energy firm to cut 1,200 jobs as profits fall",
    )
    assert claims(found, "contradicted") == [] and claims(found, "supported") == []
    # ... and the figure the headline gives plainly is not called approximate either.
    assert not [s for s in found if s.rule == "hedging-approx"]


def test_boasts_is_loaded_as_a_way_of_saying_only():
    found = made(loaded_language, "The council boasts that 1,200 people responded to the consultation.", FILLER)
    assert claims(found, "supported") == ['The article itself, not a source it quotes, uses the word "boasts".']
    assert made(loaded_language, "The seaside town boasts three museums and a pier.", FILLER) == []


def test_a_forecast_the_article_later_reports_as_done_is_no_contradicted_claim():
    found = made(
        hedging,
        "The river is expected to peak after midnight at the Harwick gauge.",
        "Update: the river peaked at 2am at the Harwick gauge, the agency said.",
    )
    assert claims(found, "contradicted") == []


def test_a_study_that_suggests_is_a_cautious_finding_a_person_who_suggests_proposes():
    found = made(hedging, "An internal review for the health department suggested that rotating teams cost between 20% and 35% more than a single doctor.", FILLER)
    # A cautious finding gives no claim to contradict (it was only a which-word question, no more offered).
    assert found == []
    assert made(hedging, "Councillor Ann Reid suggested that the council should sell the library building next year.", FILLER) == []


def test_hedging_offers_claims_only():
    found = made(
        hedging,
        "Night-time temperatures are forecast to stay above 20C in most towns across the county.",
        "The roof repairs, which officers estimate would cost a further £240,000, were delayed.",
        "Rail operator Northline intends to restore a full timetable by the end of March.",
    )
    assert found and {s.kind for s in found} == {"claim"}


def test_no_which_word_question_on_a_clause_cut_from_its_subject_or_with_a_second_hedge():
    cut = made(
        hedging,
        "The umpire ruled him out, and given how close he was to the line he should perhaps be listed as run out on 99.",
        FILLER,
    )
    assert not [s for s in cut if s.kind == "multiple_choice"]
    two = made(hedging, "Polarised signals might come from planets with magnetic fields that could protect life on them.", FILLER)
    assert not [s for s in two if s.kind == "multiple_choice"]


def test_a_forecast_in_a_clause_joined_by_and_keeps_its_subject():
    found = made(
        hedging,
        "The telescope has just passed a series of technical and performance assessments, and the Chinese government is expected to give the observatory the final green light next month.",
        FILLER,
    )
    assert claims(found, "contradicted") == ["The article reports as certain that the Chinese government will give the observatory the final green light next month."]


# --- quote vs paraphrase -------------------------------------------------------------------------


SPEAKER = [
    "The world's largest radio telescope is preparing to open to astronomers around the world.",
    "\u201cWe do not see any roadblocks for the remaining transition,\u201d says Di Li, the chief scientist of the observatory.",
    "Many of these bursts were too faint to be perceived by other telescopes, says Li.",
    "No exoplanets have yet been conclusively detected by their radio emissions, says Li.",
    "By the 2030s, the telescope should have racked up enough sensitive measurements to study distant sources, says Maura McLaughlin.",
]


def options(suggestion) -> list[str]:
    return [o.text for o in suggestion.options]


def test_a_speakers_own_words_against_the_reporters_summary_of_the_same_speaker():
    found = made(quote_paraphrase, *SPEAKER)
    question = next(s for s in found if s.kind == "multiple_choice")
    # One wrong option is another speaker's summary: the stem does not promise that every option
    # is Di Li's ("sums up the rest"), as it does when they all are.
    assert question.text == "Which of these does the article give in quotation marks, as Di Li's own words?"
    assert key(question) == '"We do not see any roadblocks for the remaining transition"'
    wrong = [o for o in question.options if not o.correct]
    assert {o.text for o in wrong} <= {
        '"Many of these bursts were too faint to be perceived by other telescopes"',
        '"No exoplanets have yet been conclusively detected by their radio emissions"',
        '"By the 2030s, the telescope should have racked up enough sensitive measurements to study distant sources"',
    }
    assert len(wrong) == 3
    same = next(o for o in wrong if o.text.startswith('"Many'))
    assert "reporter's summary of what Di Li said" in same.feedback and "says Li" in same.feedback
    other = next(o for o in wrong if "racked up" in o.text)
    assert "Maura McLaughlin" in other.feedback
    assert "says Di Li" in question.explanation
    # Claims are on the reporter's summaries only: that quoted words stand in quotation marks is
    # there to see (an independent review found such claims trivial).
    assert not any("We do not see any roadblocks" in text for text in claims(found, "supported") + claims(found, "contradicted"))
    assert 'The article puts the words "Many of these bursts were too faint to be perceived by other telescopes" in quotation marks, as Di Li\'s own words.' in claims(found, "contradicted")
    assert "The article gives the words \"Many of these bursts were too faint to be perceived by other telescopes\" without quotation marks, as the reporter's summary of what Di Li said." in claims(found, "supported")
    summary = next(s for s in found if s.verdict == "contradicted" and s.text.startswith('The article puts the words "Many'))
    assert '"says Li"' in summary.explanation and "no quotation marks" in summary.explanation


def test_options_are_whole_phrases_never_fragments_headings_or_cut_quotations():
    found = made(
        quote_paraphrase,
        "\u201cIt\u2019s hard to stay here,\u201d Falesi Chukuwumba, a Malawian national, told Al Jazeera.",
        "\u201cThey said we must go. We have no choice in the matter,\u201d John said.",
        "Waves of xenophobic violence",
        "\u201cWith a little bit of help,\u201d Shanna Challenger says, \u201cnature can recover.\u201d",
        "Sayiba John, 33, a Malawian who fled with her husband, told the AFP news agency her daughter was forced to abandon her exams.",
        "Around 1,000 Nigerian citizens have said that they want to leave South Africa, the ministry has said.",
    )
    texts = [s.text for s in found] + [o.text for s in found for o in s.options]
    assert not any("Waves of" in t or "help" in t or "hard to stay" in t or "They said" in t for t in texts)
    assert not any(re.search(r'"choice in the matter"', t) for t in texts)  # a fragment of a sentence
    question = next(s for s in found if s.kind == "multiple_choice")
    assert key(question) == '"We have no choice in the matter"'
    assert options(question).count('"her daughter was forced to abandon her exams"') == 1


def test_a_quotation_that_carries_on_the_paragraph_before_is_the_same_speakers():
    found = made(
        quote_paraphrase,
        "\u201cIt\u2019s a good-news bad-news story,\u201d said Trevor Houser, a partner at Rhodium and author of the report.",
        "\u201cIn the electricity sector we had a banner year. But in the rest of the economy, emissions remain stubbornly flat.\u201d",
        "Gas comes with its own problems for the climate, Houser said.",
        "Replacing coal with gas led to a decline in globe-warming gases, Houser said.",
    )
    question = next(s for s in found if s.kind == "multiple_choice")
    assert "Trevor Houser" in question.text
    assert key(question) in ('"In the electricity sector we had a banner year"', '"But in the rest of the economy, emissions remain stubbornly flat"')
    assert "credits them to Trevor Houser" in question.explanation
    assert not any("good-news" in o.text for s in found for o in s.options)  # "It's ...": a pronoun with nothing to point to


def test_a_partial_quotation_is_not_the_speakers_own_words_as_a_whole():
    found = made(quote_paraphrase, "The study's lead author, Dr Tomas Elkington, said the gap was \"large enough to matter\".", FILLER)
    assert claims(found, "contradicted") == ['The article puts the words "the gap was large enough to matter" in quotation marks, as Tomas Elkington\'s own words.']
    assert claims(found, "supported") == [
        "In reporting that the gap was large enough to matter, the article gives only the words \"large enough to matter\" as Tomas Elkington's own; the rest is the reporter's summary."
    ]


def test_nothing_from_titles_unnamed_speakers_or_sentences_opening_on_a_pronoun():
    assert made(
        quote_paraphrase,
        "He says the plan will fail because nobody has costed the new railway line.",
        "It beat Hollywood movies \u201cThe Irishman\u201d and \u201cOnce Upon A Time in Hollywood\u201d which both have stars.",
        "\u201cWe will build the line on time and on budget, whatever happens,\u201d someone shouted from the back.",
        FILLER,
    ) == []


def test_a_quotation_after_someone_else_is_named_is_not_credited_to_the_earlier_speaker():
    found = made(
        quote_paraphrase,
        "\u201cWe will finish the bypass by the spring,\u201d said council leader Mark Ellis.",
        "Opposition councillor Priya Shah disagreed with the timetable.",
        "\u201cNobody on the committee believes that date for a moment.\u201d",
        "The contractor said the weather had delayed work on the bridge by a month.",
        "Residents said the road closures had doubled their journeys into town.",
    )
    assert not any("Nobody on the committee" in s.text or any("Nobody on the committee" in o.text for o in s.options) for s in found)


def test_a_denial_is_not_a_summary_of_what_the_source_said():
    found = made(
        quote_paraphrase,
        "The company denied that any crew member had been pressured to falsify the records.",
        "The ferry operator said its ships had been inspected twice since the summer.",
        FILLER,
    )
    texts = [s.text for s in found]
    assert not any("pressured" in t for t in texts)
    assert any("inspected twice" in t for t in texts)


def test_she_added_is_the_person_named_just_before_not_the_next_paragraphs_speaker():
    found = made(
        quote_paraphrase,
        "Library campaigners said the closures would hit the poorest neighbourhoods hardest.",
        "\u201cThis is a betrayal of every family who relies on these buildings,\u201d said Jane Obi, who chairs the Friends of Marsh Lane Library.",
        "She added: \u201cWe will be asking for a judicial review of the decision.\u201d",
        "A spokesperson for the Department for Education said it did not comment on local decisions.",
        "Unison, the public sector union, warned that 30 jobs could be lost.",
    )
    judicial = [s for s in found if "judicial review" in s.text or any("judicial review" in o.text and o.correct for o in s.options)]
    for suggestion in judicial:
        assert "Jane Obi" in suggestion.text and "Department for Education" not in suggestion.text
    art = ArticleText.from_blocks([Block(BlockKind.PARAGRAPH, text) for text in (
        "\u201cThis is a betrayal of every family who relies on these buildings,\u201d said Jane Obi, who chairs the Friends of Marsh Lane Library.",
        "She added: \u201cWe will be asking for a judicial review of the decision.\u201d",
        "A spokesperson for the Department for Education said it did not comment on local decisions.",
    )], headline="Library closures")
    speakers = {q.text[:20]: att.who.name for q, att in Analysis(art).quote_attributions if att.who is not None}
    assert speakers.get("We will be asking fo") == "Jane Obi"


def test_one_which_is_the_quotation_question_a_speaker():
    found = made(quote_paraphrase, *SPEAKER, "\u201cA successful review will definitely help the observatory,\u201d says Li.")
    questions = [s for s in found if s.kind == "multiple_choice"]
    assert len(questions) == 1
    # No claim that quoted words are quoted (found trivial).
    assert not any("A successful review will definitely help the observatory" in s.text for s in found if s.kind == "claim")
