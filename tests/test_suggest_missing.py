"""Unit tests of the not-in-the-article and missing-information rules (quiz/suggest/rules/missing.py
and figures.py): what each rule makes from a small article, and what it must leave alone."""

from __future__ import annotations

import re

from quiz.articles.text import Block, BlockKind
from quiz.suggest.analysis import Analysis
from quiz.suggest.model import ArticleText
from quiz.suggest.rules import Context
from quiz.suggest.rules.figures import count_absent, speaker_count
from quiz.suggest.rules.missing import missing_agent, missing_amount, missing_denial, missing_funder, missing_reason, missing_response, missing_unsaid

from .suggest_helpers import article, by_verdict, run



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
    # Not "The article says who paid for the study" (contradicted): a review found "not in the
    # article" as defensible a verdict for a claim about what the article says.
    assert "contradicted" not in verdicts
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
    assert any(re.fullmatch(r"Replacement buses are not running because (five|six|seven) roads in the valley are closed\.", t) for t in texts)
    # The hedge stays: only the amount is made exact.
    assert any(re.fullmatch(r"(Five|Six|Seven) large academy trusts have reportedly drawn up plans for phone-free schools\.", t) for t in texts)
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


# --- count_absent: hundreds, thousands, many people said ------------------------------------------


def test_count_absent_gives_counts_that_fit_hundreds_and_thousands():
    art = article(
        ("headline", "Families camp in a park"),
        ("paragraph", "More than 3,000 migrants, including hundreds of children, are staying in an open field in the port city."),
    )
    made = run(count_absent, art)
    texts = [s.text for s in made]
    assert any(re.fullmatch(r"More than 3,000 migrants, including (300|400|600) children, are staying in an open field in the port city\.", t) for t in texts)
    assert all(s.verdict == "not_in_article" for s in made)
    assert any('"Hundreds of" tells you there were at least two hundred' in s.explanation for s in made)
    crowd = run(count_absent, article(
        ("headline", "March against the plan"),
        ("paragraph", "When the party called on supporters to march against the plan, thousands responded."),
    ))
    assert any(re.fullmatch(r"When the party called on supporters to march against the plan, (4,000|5,000|7,000) people responded\.", s.text) for s in crowd)


def test_count_absent_invents_no_count_the_article_gives_elsewhere():
    # "thousands of complaints" in one paragraph, "more than 104,000" reports or "tens of
    # thousands" in another: 4,000 complaints would be contradicted, not missing (a wrong key
    # an independent review found).
    for elsewhere in ("According to reports cited by a local paper, more than 104,000 users submitted outage reports.",
                      "Tens of thousands of users reported problems on a tracking site."):
        art = article(
            ("headline", "Outage hits social network"),
            ("paragraph", "The widespread disruption triggered thousands of complaints as users reported login failures."),
            ("paragraph", elsewhere),
        )
        assert not any("complaints" in s.text for s in run(count_absent, art))


def test_count_absent_gives_no_count_for_many_or_for_a_detail_of_something_else():
    # "many people said" as "forty people said", and "researchers from several institutions" as
    # "seven institutions": an independent review found both silly.
    assert run(count_absent, article(
        ("headline", "Camp"),
        ("paragraph", "At the park, which had become a transit camp on Wednesday, many people said going home was their only option."),
    )) == []
    assert run(count_absent, article(
        ("headline", "Neanderthal tools"),
        ("paragraph", "A team of researchers affiliated with several institutions in the Netherlands has found evidence of glue on a stone tool."),
    )) == []


def test_count_absent_not_when_listed_counted_nearby_or_bounded():
    listed = article(
        ("headline", "Awards"),
        ("paragraph", "Several of the contenders for best picture were not nominated for the ensemble prize at the ceremony."),
        ("paragraph", "Those left out include the war film, the comedy and the costume drama."),
        ("paragraph", "The group included representatives from several organisations, including the Wildlife Trust and the Bird Society."),
    )
    assert run(count_absent, listed) == []
    counted = article(
        ("headline", "Camp"),
        ("paragraph", "Volunteers said hundreds of children were sleeping outside in the park on Friday night."),
        ("paragraph", "By Saturday, 120 children had been moved to a school hall nearby."),
    )
    assert run(count_absent, counted) == []
    generic = article(("headline", "Drug"), ("paragraph", "Many people report intensely spiritual experiences while taking the drug in a quiet room."))
    assert run(count_absent, generic) == []


# --- exact_date: a day for "next month" ---------------------------------------------------------------


def test_exact_date_for_a_meeting_scheduled_next_month():
    from quiz.suggest.rules.figures import exact_date

    art = article(
        ("headline", "Telescope opens"),
        ("paragraph", "The telescope has passed its technical tests, and the government is expected to give it the final green light at a review meeting scheduled for next month."),
        published="2019-09-24",
    )
    (claim,) = run(exact_date, art)
    assert re.fullmatch(r"The government is expected to give it the final green light at a review meeting scheduled for (9|14|17|22) October\.", claim.text)
    assert "runs from 1 October to 31 October" in claim.explanation and claim.verdict == "not_in_article"
    named = article(
        ("headline", "Awards"),
        ("paragraph", "The film is expected to win at the Oscars next month, critics said on the night."),
        ("paragraph", "The Oscars will be held on Feb. 9 in Los Angeles."),
        published="2020-01-19",
    )
    assert run(exact_date, named) == []  # a day in the span is named: it may be the same event
    possessive = article(("headline", "Cricket"), ("paragraph", "The opener could be dropped for next week's final Test in Sydney, selectors will decide."), published="2014-12-30")
    assert run(exact_date, possessive) == []


# --- month_day: a day for "In December, ..." --------------------------------------------------------


def test_month_day_gives_a_day_of_the_month_only_when_none_is_named():
    from quiz.suggest.rules.figures import month_day

    art = article(
        ("headline", "Lecture"),
        ("paragraph", "In December, two lawmakers from the opposition party invited a US historian to Berlin to deliver a lecture on colonialism."),
        published="2020-01-19",
    )
    (claim,) = run(month_day, art)
    assert re.fullmatch(r"On (8|11|16|19|23) December, two lawmakers from the opposition party invited a US historian to Berlin to deliver a lecture on colonialism\.", claim.text)
    assert claim.verdict == "not_in_article" and claim.skill == "dates"
    named = article(
        ("headline", "Lecture"),
        ("paragraph", "In December, two lawmakers from the opposition party invited a US historian to Berlin to deliver a lecture."),
        ("paragraph", "The lecture took place on December 12 in a packed hall."),
        published="2020-01-19",
    )
    assert run(month_day, named) == []
    this_month = article(("headline", "Lecture"), ("paragraph", "In January, two lawmakers from the opposition party invited a US historian to Berlin to give a lecture."), published="2020-01-19")
    assert run(month_day, this_month) == []
    pronoun = article(("headline", "Lecture"), ("paragraph", "In December, they invited a US historian to Berlin to deliver a lecture on colonialism."), published="2020-01-19")
    assert run(month_day, pronoun) == []


# --- missing_study_source: who ran a study cited by its year ------------------------------------------


def test_study_source_when_a_study_is_cited_by_its_year_only():
    from quiz.suggest.rules.missing import missing_study_source

    art = article(
        ("headline", "Island recovers"),
        ("paragraph", "Coordinators at the Environmental Awareness Group said the island had recovered quickly after the goats were removed."),
        ("paragraph", "The Environmental Awareness Group was started in the late 1980s and runs restoration projects around Antigua."),
        ("paragraph", "A study from 2012 counted 17 different types of vegetation growing on the island."),
    )
    made = run(missing_study_source, art)
    assert {s.verdict for s in made} == {"supported", "not_in_article"}
    (nia,) = by_verdict(made, "not_in_article")
    assert nia.text == "The 2012 study was carried out by the Environmental Awareness Group."
    assert "A study from 2012 counted 17 different types of vegetation growing on the island" in nia.explanation
    named = article(
        ("headline", "Island recovers"),
        ("paragraph", "The Environmental Awareness Group runs restoration projects around Antigua."),
        ("paragraph", "A study from 2012 by the Environmental Awareness Group counted 17 types of vegetation on the island."),
    )
    assert run(missing_study_source, named) == []
    no_year = article(("headline", "Island"), ("paragraph", "A study counted 17 different types of vegetation growing on the island last spring."))
    assert run(missing_study_source, no_year) == []


def test_funder_for_the_articles_own_study_named_once():
    art = article(
        ("headline", "Mushrooms and the brain"),
        ("paragraph", "The drug connects brain regions that rarely talk, said study co-author Paul Expert, a physicist at King's College London."),
        ("paragraph", "In the current study, the team scanned the brain activity of 15 healthy volunteers twice."),
    )
    made = run(missing_funder, art)
    assert {s.verdict for s in made} == {"supported", "not_in_article"}
    assert by_verdict(made, "not_in_article")[0].text == "The study was funded by King's College London."


# --- missing_denial: a jab with no reply -------------------------------------------------------------


def test_denial_for_a_veiled_shot_at_a_named_person():
    art = article(
        ("headline", "Awards night"),
        ("paragraph", "Robert De Niro was given a lifetime achievement award at the dinner and used his speech to take a veiled shot at President Donald Trump."),
        ("paragraph", "The comedy prize went to a British series."),
    )
    made = run(missing_denial, art)
    (nia,) = by_verdict(made, "not_in_article")
    assert nia.text == "Donald Trump has responded to Robert De Niro's remarks."
    assert "used his speech to take a veiled shot at President Donald Trump" in nia.explanation
    replied = article(
        ("headline", "Awards night"),
        ("paragraph", "Robert De Niro used his speech at the dinner to take a veiled shot at President Donald Trump."),
        ("paragraph", "Donald Trump said on Monday that the actor was a very low IQ individual."),
    )
    assert run(missing_denial, replied) == []


def test_weekend_becomes_a_day_only_for_something_that_happened():
    from quiz.suggest.rules.figures import month_day

    art = article(("headline", "Flights"), ("paragraph", "More than 150 migrants were bussed out of the Western Cape province over the weekend."))
    (claim,) = run(month_day, art)
    assert re.fullmatch(r"More than 150 migrants were bussed out of the Western Cape province on (Saturday|Sunday)\.", claim.text)
    assert claim.verdict == "not_in_article"
    forecast = article(("headline", "Heat"), ("paragraph", "The heat is expected to ease over the weekend, with showers and cooler air."))
    assert run(month_day, forecast) == []
    named = article(
        ("headline", "Flights"),
        ("paragraph", "More than 150 migrants were bussed out of the Western Cape province over the weekend."),
        ("paragraph", "The first bus left on Saturday morning."),
    )
    assert run(month_day, named) == []


# --- missing_figure_source: a large figure with no source ---------------------------------------------


def test_figure_source_for_a_population_figure_in_the_articles_own_voice():
    from quiz.suggest.rules.missing import missing_figure_source

    art = article(
        ("headline", "Migrants flee"),
        ("paragraph", "The violence has spread well beyond the province."),
        ("paragraph", "Three million foreigners live in the country, most of them from neighbouring states."),
        ("paragraph", "The latest flare-up comes as parties campaign ahead of local elections in November."),
    )
    made = run(missing_figure_source, art)
    assert {s.verdict for s in made} == {"contradicted", "supported", "not_in_article"}
    assert by_verdict(made, "not_in_article")[0].text == "The figure of three million foreigners comes from a national census."
    sourced = article(
        ("headline", "Migrants"),
        ("paragraph", "Three million foreigners live in the country, according to the statistics agency."),
    )
    assert run(missing_figure_source, sourced) == []
    claimed = article(("headline", "Scheme"), ("paragraph", "The council boasts that 1,200 people responded to the consultation in the spring."))
    assert run(missing_figure_source, claimed) == []


def test_funder_for_a_report_named_by_its_author_makes_no_guess():
    art = article(
        ("headline", "Emissions dipped"),
        ("paragraph", "Total emissions fell 2 percent, according to the Rhodium Group, a research firm."),
        ("paragraph", "\u201cIt is a mixed story,\u201d said Trevor Houser, a partner at Rhodium and author of the report."),
    )
    made = run(missing_funder, art)
    assert [s.text for s in made] == ["The article does not say who paid for the report."]


def test_speaker_count_for_uncounted_volunteers_who_acted_not_generic_scientists():
    art = article(
        ("headline", "Goats removed"),
        ("paragraph", "In 2016 a group of volunteers set up camp on the island's main plateau."),
        ("paragraph", "Volunteers went in with a plan, but after two months they had caught a single goat."),
        ("paragraph", "Scientists have long known that the drug binds to a receptor in the brain."),
    )
    (claim,) = run(speaker_count, art)
    assert re.fullmatch(r"(Four|Six|Nine) volunteers went in with a plan\.", claim.text)
    counted = article(
        ("headline", "Goats removed"),
        ("paragraph", "Twelve volunteers set up camp on the island's main plateau."),
        ("paragraph", "Volunteers went in with a plan, but after two months they had caught a single goat."),
    )
    assert run(speaker_count, counted) == []


def test_count_absent_turns_a_bound_into_a_count_on_its_right_side():
    art = article(
        ("headline", "Telescope opens"),
        ("paragraph", "During the testing phase, the telescope discovered more than 100 pulsars."),
        ("paragraph", "Nearly 60 staff now work at the remote site in the mountains."),
    )
    texts = sorted(s.text for s in run(count_absent, art))
    assert texts == ["During the testing phase, the telescope discovered 110 pulsars.", "Fifty staff now work at the remote site in the mountains."] or "During the testing phase, the telescope discovered 110 pulsars." in texts
    made = run(count_absent, art)
    (pulsars,) = [s for s in made if "pulsars" in s.text]
    assert pulsars.verdict == "not_in_article" and '"more than 100" is a bound, not a count' in pulsars.explanation
    vague = article(("headline", "Telescope"), ("paragraph", "During the testing phase, the telescope discovered about 100 pulsars."))
    assert run(count_absent, vague) == []  # "about" could be read either way: no claim
    given = article(
        ("headline", "Telescope"),
        ("paragraph", "During the testing phase, the telescope discovered more than 100 pulsars."),
        ("paragraph", "Of the 110 pulsars, 12 were found in the first month."),
    )
    assert [s for s in run(count_absent, given) if "pulsars" in s.text] == []


def test_name_missing_for_someone_arrested_but_never_named():
    from quiz.suggest.rules.missing import missing_name

    art = article(
        ("headline", "Arrest after fire"),
        ("paragraph", "Fire crews were called to the warehouse on Dock Road just after midnight on Tuesday."),
        ("paragraph", "A 34-year-old man was arrested on suspicion of arson and remains in custody."),
    )
    made = run(missing_name, art)
    assert [s.text for s in by_verdict(made, "supported")] == ["The article does not name the man who was arrested."]
    assert [s.text for s in by_verdict(made, "contradicted")] == ["The article names the man who was arrested."]
    assert '"A 34-year-old man was arrested"' in made[0].explanation
    named = article(
        ("headline", "Arrest after fire"),
        ("paragraph", "A 34-year-old man was arrested on suspicion of arson and remains in custody."),
        ("paragraph", "He was later named by police as Darren Walsh, of Hillside Road."),
    )
    assert run(missing_name, named) == []


def test_no_missing_response_when_someone_the_article_ties_to_the_organisation_speaks():
    """"Sister Sharon Holland, the head of the LCWR" speaking (here after "she said") is the
    organisation's voice: no "LCWR has publicly responded" claim as not in the article."""
    from quiz.suggest.rules.missing import missing_response
    art = ArticleText.from_blocks(
        [Block(BlockKind.PARAGRAPH, text) for text in (
            "The Vatican accused the LCWR of promoting radical feminist themes in 2009, and the LCWR was criticised again this week.",
            "Critics said the report further alienates the LCWR from the bishops and protested the investigation.",
            "Sister Sharon Holland, the head of the LCWR, spoke to reporters at the Vatican on Tuesday.",
            "\u201cI am concerned about those who may still be angry about the investigation,\u201d she said.",
        )],
        headline="Vatican report on American nuns",
    )
    assert missing_response(Context(Analysis(art))) == []
