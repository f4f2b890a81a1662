"""Unit tests of the not-in-the-article and missing-information rules (quiz/suggest/rules/missing.py
and figures.py): what each rule makes from a small article, and what it must leave alone."""

from __future__ import annotations

import re

from quiz.articles.text import Block, BlockKind
from quiz.suggest.analysis import Analysis
from quiz.suggest.generator import problems_of
from quiz.suggest.model import ArticleText
from quiz.suggest.rules import Context
from quiz.suggest.rules.figures import count_absent, speaker_count
from quiz.suggest.rules.missing import missing_agent, missing_amount, missing_comment, missing_denial, missing_funder, missing_reason, missing_response, missing_unsaid


def article(*blocks: tuple[str, str], **metadata) -> ArticleText:
    return ArticleText.from_blocks([Block(BlockKind(kind), text) for kind, text in blocks], **metadata)


def run(rule, art: ArticleText):
    made = rule(Context(Analysis(art)))
    for suggestion in made:
        assert problems_of(suggestion, art.text) == [], (suggestion.text, problems_of(suggestion, art.text))
    return made


def by_verdict(made, verdict):
    return [s for s in made if s.verdict == verdict]


# --- missing_unsaid: a gap the article itself reports -------------------------------------------


PORT = (
    ("headline", "Dockworkers strike over automation plan"),
    ("paragraph", "Dockworkers at Port Calloway walked off the job on Thursday in protest at a plan to automate cargo handling."),
    ("paragraph", "Larkspur Terminals said the plan would be phased in over six years."),
    ("paragraph", "A spokesperson for the company declined to say how many jobs would go through attrition."),
)


def test_unsaid_how_many_gives_three_claims_on_one_fact():
    made = run(missing_unsaid, article(*PORT))
    assert {s.fact for s in made} == {made[0].fact}
    (said,) = by_verdict(made, "contradicted")
    assert said.text == "According to the article, a spokesperson for the company said how many jobs would go through attrition."
    assert '"A spokesperson for the company declined to say how many jobs would go through attrition"' in said.explanation
    (unsaid,) = by_verdict(made, "supported")
    assert unsaid.text == "According to the article, a spokesperson for the company did not say how many jobs would go through attrition."
    (count,) = by_verdict(made, "not_in_article")
    assert re.fullmatch(r"(Twelve|Thirty|Fifteen|Forty) jobs will go through attrition\.", count.text)
    assert "no number" in count.explanation and "neither supported nor ruled out" in count.explanation
    assert all(s.skill == "missing-information" for s in made)


def test_unsaid_gives_no_count_when_the_article_counts_the_same_things():
    counted = article(*PORT, ("paragraph", "The union says 420 jobs are at risk."))
    made = run(missing_unsaid, counted)
    assert by_verdict(made, "not_in_article") == []
    assert by_verdict(made, "contradicted")  # the gap itself is still there


def test_unsaid_what_and_has_not_said_keeps_the_tense():
    art = article(
        ("headline", "Library to close"),
        ("paragraph", "Riverside library will close next summer after the committee voted 7-4."),
        ("paragraph", "The council has not said what will happen to the Quay Street building."),
    )
    made = run(missing_unsaid, art)
    assert [s.text for s in by_verdict(made, "contradicted")] == ["According to the article, the council has said what will happen to the Quay Street building."]
    assert [s.text for s in by_verdict(made, "supported")] == ["According to the article, the council has not said what will happen to the Quay Street building."]
    assert by_verdict(made, "not_in_article") == []  # only "how many" gets a made-up answer


def test_unsaid_when_gives_a_time_only_when_nothing_about_it_is_timed():
    art = article(
        ("headline", "Maternity review"),
        ("paragraph", "The hospital trust has commissioned an independent review of maternity care."),
        ("paragraph", "The trust did not say when the review would be published."),
    )
    (timed,) = by_verdict(run(missing_unsaid, art), "not_in_article")
    assert re.fullmatch(r"The review will be published (next month|by the end of the year|within six months)\.", timed.text)
    expected = article(*art_blocks(art), ("paragraph", "Campaigners expect the review to report in the spring."))
    assert by_verdict(run(missing_unsaid, expected), "not_in_article") == []


def art_blocks(art):
    return [(block.kind.value, block.text) for block in art.blocks]


def test_unsaid_leaves_pronouns_back_references_and_quotes_alone():
    art = article(
        ("headline", "Water main bursts"),
        ("paragraph", "The company did not say when that work would take place."),
        ("paragraph", "It did not say how many homes were affected by the burst."),
        ("paragraph", '"They did not say how many staff would be moved to other sites," the union said.'),
    )
    assert run(missing_unsaid, art) == []


def test_unsaid_after_but_takes_the_speaker_of_said_and_a_second_question():
    art = article(
        ("headline", "Island doctor retires"),
        ("paragraph", 'Asked about cover, the board said that locums had been arranged for "the initial period", but did not say for how long, or how many locums had agreed to come.'),
    )
    made = run(missing_unsaid, art)
    assert [s.text for s in by_verdict(made, "contradicted")] == ["According to the article, the board said how many locums had agreed to come."]
    assert [s.text for s in by_verdict(made, "supported")] == ["According to the article, the board did not say how many locums had agreed to come."]
    assert "'the initial period'" in made[0].explanation  # inner quotation marks made single


def test_unsaid_needs_a_gap_not_an_answer():
    art = article(
        ("headline", "Plant to close"),
        ("paragraph", "The company said how many jobs would go: about 300 of them."),
        ("paragraph", "The minister did not comment on the closure."),
    )
    assert run(missing_unsaid, art) == []


# --- missing_funder: who paid for a study ------------------------------------------------------


STUDY = (
    ("headline", "Coffee drinkers may live longer"),
    ("paragraph", "Researchers at the University of Leeds found that adults who drank three cups of coffee a day lived longer."),
    ("paragraph", "The team followed 170,000 adults for seven years, according to the study."),
    ("paragraph", "The British Coffee Association, an industry group, welcomed the study."),
)


def test_funder_when_the_article_never_says_who_paid():
    made = run(missing_funder, article(*STUDY))
    verdicts = {s.verdict: s for s in made}
    assert verdicts["contradicted"].text == "The article says who paid for the study."
    assert verdicts["supported"].text == "The article does not say who paid for the study."
    named = verdicts["not_in_article"]
    assert named.text in ("The study was funded by the University of Leeds.", "The study was funded by the British Coffee Association.")
    assert "never says who funded" in named.explanation
    assert '"Researchers at the University of Leeds found"' in made[0].explanation
    assert len({s.fact for s in made}) == 1


def test_no_funder_claim_when_the_article_names_the_funder_or_mentions_money():
    funded = article(*STUDY, ("paragraph", "The research was funded by the Rowan Trust, a charity."))
    assert run(missing_funder, funded) == []
    backed = article(*STUDY, ("paragraph", "The work was backed by a grant from the government."))
    assert run(missing_funder, backed) == []


def test_no_funder_claim_for_a_study_mentioned_once():
    once = article(
        ("headline", "Sleep and screens"),
        ("paragraph", "A study found that teenagers who use phones late sleep less."),
        ("paragraph", "Teachers said pupils were often tired in the morning."),
    )
    assert run(missing_funder, once) == []


# --- count_absent inside a sentence ------------------------------------------------------------


def test_count_absent_finds_a_vague_amount_inside_a_sentence():
    art = article(
        ("headline", "Trains suspended"),
        ("paragraph", "Replacement buses are not running because several roads in the valley are closed."),
        ("paragraph", "Several large academy trusts have reportedly drawn up plans for phone-free schools."),
    )
    made = run(count_absent, art)
    texts = [s.text for s in made]
    assert any(re.fullmatch(r"Replacement buses are not running because (seven|nine|eleven) roads in the valley are closed\.", t) for t in texts)
    # The hedge stays: only the amount is made exact.
    assert any(re.fullmatch(r"(Seven|Nine|Eleven) large academy trusts have reportedly drawn up plans for phone-free schools\.", t) for t in texts)
    assert all(s.verdict == "not_in_article" for s in made)
    assert all('"Several"' in s.explanation for s in made)


def test_count_absent_leaves_some_meaning_certain_and_counted_things_alone():
    art = article(
        ("headline", "Shops warn of shortages"),
        ("paragraph", 'Importers said their members had "weeks, not months" of stock for some seasonal goods.'),
        ("paragraph", "The storm closed several roads in the valley for hours."),
        ("paragraph", "In all, 12 roads were closed."),
        ("paragraph", "It happened several times last year."),
        ("paragraph", "Crews worked for several days to clear the debris from the flood gates."),
    )
    assert run(count_absent, art) == []


# --- speaker_count: unnamed, uncounted speakers -------------------------------------------------


def test_speaker_count_for_unnamed_plural_speakers():
    art = article(
        ("headline", "Burst main closes high street"),
        ("paragraph", "Part of the high street was closed yesterday after a water main burst."),
        ("paragraph", "Traders said the closure had come at a bad time."),
    )
    (claim,) = run(speaker_count, art)
    assert claim.verdict == "not_in_article" and claim.skill == "missing-information"
    assert re.fullmatch(r"(Four|Six|Nine) traders said the closure had come at a bad time\.", claim.text)
    assert '"Traders said the closure had come at a bad time"' in claim.explanation
    assert "how many traders" in claim.explanation


def test_speaker_count_not_when_counted_named_or_a_back_reference():
    counted = article(
        ("headline", "Burst main closes high street"),
        ("paragraph", "Traders said the closure had come at a bad time."),
        ("paragraph", "Three traders have asked for compensation."),
    )
    assert run(speaker_count, counted) == []
    others = article(
        ("headline", "Library vote"),
        ("paragraph", "Campaigners dispute the figure."),  # "the figure": too short to stand alone
        ("paragraph", "Reuters said the talks had failed."),  # a name, not a group of people
        ("paragraph", 'Residents said: "We are furious about the decision."'),  # a quotation follows
        ("paragraph", "Amazon employees wrote to the company about the contract."),  # a group the analysis knows
        ("paragraph", "Powers said the decision had come far too late for the town."),  # a surname, not a group
    )
    assert run(speaker_count, others) == []


# --- missing_response: a reply that is present is never "not in the article" ----------------------


def test_missing_response_not_when_the_party_replies():
    replied = article(
        ("headline", "Staff protest over contract"),
        ("paragraph", "Employees at Northwind Corporation protested the company's army contract on Monday."),
        ("paragraph", "Northwind Corporation is accused of ignoring its critics."),
        ("paragraph", "Northwind Corporation said in a statement that it stood by the contract."),
    )
    assert run(missing_response, replied) == []


# --- missing_amount: an undisclosed sum ----------------------------------------------------------


def test_amount_for_an_undisclosed_fee_uses_the_articles_currency():
    art = article(
        ("headline", "Club sells striker"),
        ("paragraph", "Northfield United sold striker Tom Reyes to Castle Rovers for an undisclosed fee on Friday."),
        ("paragraph", "The club paid £2 million for him in 2021."),
    )
    (claim,) = run(missing_amount, art)
    assert claim.verdict == "not_in_article"
    assert re.fullmatch(r"Northfield United sold striker Tom Reyes to Castle Rovers for £(4\.5 million|12 million|800,000) on Friday\.", claim.text)
    assert "the fee was not made public" in claim.explanation


def test_no_amount_when_the_sum_is_given_or_the_sentence_opens_on_a_pronoun():
    given = article(("headline", "Club sells striker"), ("paragraph", "Northfield United sold Tom Reyes to Castle Rovers for £3 million."))
    assert run(missing_amount, given) == []
    pronoun = article(("headline", "Club sells striker"), ("paragraph", "It sold Tom Reyes to Castle Rovers for an undisclosed fee."))
    assert run(missing_amount, pronoun) == []


# --- missing_reason: why someone resigned ------------------------------------------------------------


def test_reason_when_the_article_gives_none():
    art = article(
        ("headline", "Council leader quits"),
        ("paragraph", "Harlow Council leader Jane Marsh has resigned with immediate effect."),
        ("paragraph", "Her deputy, Tom Reed, will lead the council until a vote in May."),
    )
    made = run(missing_reason, art)
    verdicts = {s.verdict: s.text for s in made}
    assert verdicts == {
        "not_in_article": "Harlow Council leader Jane Marsh resigned with immediate effect for family reasons.",
        "contradicted": "The article says why Harlow Council leader Jane Marsh resigned with immediate effect.",
    }
    assert '"family reasons" is neither supported nor ruled out' in made[0].explanation


def test_no_reason_claim_when_any_reason_is_in_sight():
    for extra in (
        "Marsh said she was stepping down because of the budget row.",
        "Marsh, who has been unwell, cited her health.",
        "The resignation follows weeks of pressure from councillors.",
    ):
        art = article(
            ("headline", "Council leader quits"),
            ("paragraph", "Harlow Council leader Jane Marsh has resigned with immediate effect."),
            ("paragraph", extra),
        )
        assert run(missing_reason, art) == [], extra


# --- missing_agent: who gave the warning ---------------------------------------------------------


def test_agent_when_a_passive_names_no_one():
    art = article(
        ("headline", "Heat alert"),
        ("paragraph", "Temperatures could reach 34C on Thursday."),
        ("paragraph", "Farmers have also been warned about the risk of field fires."),
    )
    made = run(missing_agent, art)
    assert {s.verdict: s.text for s in made} == {
        "contradicted": "The article says who warned farmers about the risk of field fires.",
        "supported": "The article does not say who warned farmers about the risk of field fires.",
    }


def test_no_agent_claim_when_someone_is_named_or_speaks_beside_it():
    by = article(("headline", "Heat alert"), ("paragraph", "Farmers have been warned by the fire service about the risk of field fires."))
    assert run(missing_agent, by) == []
    beside = article(
        ("headline", "Heat alert"),
        ("paragraph", "Farmers have also been warned about the risk of field fires. Caddonshire Fire Service said it had been called to 11 fires."),
    )
    assert run(missing_agent, beside) == []
    pronoun = article(("headline", "Heat alert"), ("paragraph", "They have been told to stay indoors."))
    assert run(missing_agent, pronoun) == []


# --- exact_date: a day for "last week" -------------------------------------------------------------


def test_exact_date_picks_a_day_inside_last_week():
    from quiz.suggest.rules.figures import exact_date

    art = article(
        ("headline", "Phones in schools"),
        ("paragraph", "According to a report in the Westbury Gazette last week, ministers are preparing to recommend a ban on phones."),
        published="2024-05-21",  # a Tuesday: last week ran from 13 to 19 May
    )
    (claim,) = run(exact_date, art)
    assert claim.verdict == "not_in_article" and claim.skill == "dates"
    assert claim.text == "According to a report in the Westbury Gazette on 14 May, ministers are preparing to recommend a ban on phones."
    assert "ran from 13 May to 19 May" in claim.explanation
    sunday = article(("headline", "Orchid found"), ("paragraph", "The bog orchid was spotted last week by Alan Threlfall, a retired postman from Pateley Bridge."), published="2023-06-18")
    (found,) = run(exact_date, sunday)  # the only day in both readings of "last week" is 11 June
    assert "on 11 June" in found.text


def test_no_exact_date_without_a_publication_date_or_with_a_named_day():
    from quiz.suggest.rules.figures import exact_date

    undated = article(("headline", "Phones"), ("paragraph", "According to a report in the Westbury Gazette last week, ministers are preparing a ban."))
    assert run(exact_date, undated) == []
    named = article(("headline", "Phones"), ("paragraph", "The report was published last week, on Tuesday, by the Westbury Gazette."), published="2024-05-21")
    assert run(exact_date, named) == []
    first_person = article(("headline", "Phones"), ("paragraph", "I spoke to the owner of the bakery on the parade last week."), published="2024-05-21")
    assert run(exact_date, first_person) == []


# --- "most": a share the article does not give ----------------------------------------------------


def test_most_becomes_a_share_only_when_no_share_is_given():
    art = article(
        ("headline", "Council tax to rise"),
        ("paragraph", "Council tax will rise by £92 a year for a Band D household."),
        ("paragraph", "Most homes in Wexmoor are in Bands A and B, which will rise by less."),
    )
    made = [s for s in run(count_absent, art) if "per cent" in s.text]
    assert len(made) == 1 and re.fullmatch(r"(Seventy|Eighty|Sixty-five) per cent of homes in Wexmoor are in Bands A and B\.", made[0].text)
    shared = article(
        ("headline", "Council tax to rise"),
        ("paragraph", "Most homes in Wexmoor are in Bands A and B."),
        ("paragraph", "About 70% of homes are in the two lowest bands."),
    )
    assert not [s for s in run(count_absent, shared) if "per cent" in s.text]
    superlative = article(("headline", "Roads"), ("paragraph", "The most dangerous roads in the county are in the north."))
    assert run(count_absent, superlative) == []


def test_speaker_count_keeps_one_of_two_things_said():
    art = article(
        ("headline", "Ferry operator fined"),
        ("paragraph", "Lawyers for Strait Link said the company had been short of staff after the pandemic and had since hired more crew members and installed an electronic system to record working hours on board."),
    )
    (claim,) = run(speaker_count, art)
    assert re.fullmatch(r"(Four|Six|Nine) lawyers for Strait Link said the company had been short of staff after the pandemic\.", claim.text)


# --- missing_denial: the reply of someone accused ---------------------------------------------------


def test_denial_when_the_accused_is_never_heard():
    art = article(
        ("headline", "Former mayor charged"),
        ("paragraph", "Former mayor Tom Reyes was charged with fraud on Monday."),
        ("paragraph", "Prosecutors say the offences took place between 2019 and 2021."),
    )
    made = run(missing_denial, art)
    assert {s.verdict: s.text for s in made} == {
        "not_in_article": "Tom Reyes has denied the charges.",
        "contradicted": "The article gives Tom Reyes' response to the charges.",
    }
    assert "neither a denial nor an admission" in made[0].explanation
    active = article(("headline", "Tenants complain"), ("paragraph", "Tenants have accused Councillor John Smith of ignoring fire safety rules at three tower blocks."))
    assert [s.text for s in run(missing_denial, active) if s.verdict == "not_in_article"] == ["John Smith has denied the accusation."]


def test_no_denial_claim_when_the_accused_replies_or_speaks():
    for reply in (
        "Reyes denied the charges.",
        "He pleaded not guilty.",  # a pronoun reply right after the mention
        "A spokesperson for Reyes said he would fight the case.",
        "Reyes said he was innocent.",
    ):
        art = article(
            ("headline", "Former mayor charged"),
            ("paragraph", "Former mayor Tom Reyes was charged with fraud on Monday."),
            ("paragraph", reply),
        )
        assert run(missing_denial, art) == [], reply


# --- missing_comment: the other side asked, and silent ---------------------------------------------


def test_comment_claims_follow_the_articles_words():
    art = article(
        ("headline", "Review leaked"),
        ("paragraph", "An internal review suggested that rotating models cost more."),
        ("paragraph", "The department has not published the review and declined to comment on it."),
        ("paragraph", "Harbour View Housing Association did not respond to a request for comment."),
    )
    made = run(missing_comment, art)
    texts = {(s.verdict, s.text) for s in made}
    assert texts == {
        ("contradicted", "According to the article, the department agreed to comment."),
        ("supported", "According to the article, the department declined to comment."),
        ("contradicted", "According to the article, Harbour View Housing Association responded to a request for comment."),
        ("supported", "According to the article, Harbour View Housing Association did not respond to a request for comment."),
    }
    assert all(s.verdict != "not_in_article" for s in made)


def test_no_comment_claim_on_a_pronoun_or_a_quotation():
    art = article(
        ("headline", "Review leaked"),
        ("paragraph", "It declined to comment."),
        ("paragraph", '"The minister declined to comment," a spokesperson said.'),
    )
    assert run(missing_comment, art) == []
