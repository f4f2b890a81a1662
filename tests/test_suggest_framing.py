"""The framing rules (quiz/suggest/rules/framing.py) on small texts: headline against body (a
figure the body qualifies, a headline that states as fact what the body attributes or hedges, a
headline word stronger than the body's), content against clutter, and lateral reading; with the
cases each rule must leave alone."""

from __future__ import annotations

from quiz.bank.cues import Item, item_cues
from quiz.suggest.analysis import Analysis
from quiz.suggest.rules import Context
from quiz.suggest.rules.framing import content_clutter, headline_attributed, headline_disputed, headline_figure, headline_scope, headline_word, lateral_reading

from .suggest_helpers import article, key, run




def verdicts(made) -> dict[str, str]:
    return {s.verdict: s.text for s in made if s.kind == "claim"}



# --- headline vs body: a figure the body qualifies ------------------------------------------------

FERRY = (
    ("headline", "Ferry operator fined €1.2m after crew worked 20-hour shifts"),
    ("paragraph", "A ferry company has been fined €1.2 million after admitting that crew on three of its vessels regularly worked shifts of up to 20 hours without the rest breaks required by law."),
    ("paragraph", "Strait Link Ferries pleaded guilty at the maritime court in Vardholm to 23 breaches of rest-hour rules."),
)


def test_headline_figure_the_body_gives_as_a_maximum():
    made = run(headline_figure, article(*FERRY))
    claims = verdicts(made)
    assert claims["supported"] == 'The body gives the headline\'s "20-hour shifts" as a maximum, not as an exact figure.'
    assert claims["contradicted"].startswith('The body gives the headline\'s "20-hour shifts" as an exact figure')
    question = next(s for s in made if s.kind == "multiple_choice")
    assert key(question) == "As the most it could be"
    assert {o.text for o in question.options} == {"As the most it could be", "As an exact figure", "As the least it could be", "As a rough figure"}
    assert all("up to 20 hours" in (o.feedback or "") for o in question.options if not o.correct)
    assert "up to 20 hours" in question.explanation and '"Up to"' in question.explanation
    assert len({s.fact for s in made}) == 1


def test_headline_figure_average_and_temperature():
    sleep = run(headline_figure, article(
        ("headline", "Late-night screens rob teenagers of 40 minutes' sleep"),
        ("paragraph", "Teenagers who use their phones in bed after 10pm sleep on average 40 minutes less a night than those who switch off earlier, according to a new study."),
    ))
    assert "as an average" in verdicts(sleep)["supported"]
    heat = run(headline_figure, article(
        ("headline", "Amber heat alert as Caddonshire braces for 34C"),
        ("paragraph", "An amber heat-health alert has been issued for Caddonshire, with temperatures expected to climb as high as 34C on Thursday."),
        ("paragraph", "Forecasters say 33C to 34C is possible in Caddon on Thursday afternoon."),
    ))
    assert verdicts(heat)["supported"] == 'The body gives the headline\'s "34C" as a maximum, not as an exact figure.'


def test_headline_figure_leaves_alone_a_figure_the_body_also_gives_flatly_or_not_at_all():
    # The body gives the figure flatly once: the headline is backed.
    assert run(headline_figure, article(
        ("headline", "Glassworks to close with 420 jobs lost"),
        ("paragraph", "The glassworks will close with the loss of 420 jobs, its owner announced."),
        ("paragraph", "The union said about 420 jobs would go, and perhaps more."),
    )) == []
    # Not in the body at all; a qualified headline figure; a year.
    assert run(headline_figure, article(
        ("headline", "About 300 homes evacuated as river bursts its banks in 2024"),
        ("paragraph", "Fire crews said about 300 homes had been evacuated by the evening."),
    )) == []
    assert run(headline_figure, article(
        ("headline", "Council tax to rise 4.99% as city faces budget gap"),
        ("paragraph", "Council tax in Wexmoor will rise by 4.99% from April, the council said."),
    )) == []


# --- headline vs body: stated as fact, attributed or hedged in the body --------------------------


def test_headline_stated_as_fact_that_the_body_attributes():
    made = run(headline_attributed, article(
        ("headline", "Dockworkers at Port Calloway walk out over automation plan, halting container traffic"),
        ("paragraph", "PORT CALLOWAY, March 14 (Meridian Press) - Dockworkers at Port Calloway walked off the job on Thursday in protest at a plan to automate cargo handling, halting the loading of at least 14 vessels, the port authority said."),
        ("paragraph", "The union said about 2,300 of its members had joined the stoppage."),
    ))
    claims = verdicts(made)
    assert claims["supported"] == "The headline states as fact what the body attributes to the port authority."
    assert claims["contradicted"] == "The body, like the headline, gives no source for what the headline reports."
    explanation = made[0].explanation
    assert "the port authority said" in explanation and "Meridian Press" not in explanation  # no dateline in the quote


def test_headline_stated_as_fact_that_the_body_gives_according_to_a_source():
    made = run(headline_attributed, article(
        ("headline", "Factory fire destroys 40 homes in Kelby"),
        ("paragraph", "A fire that started at a paint factory destroyed 40 homes in Kelby overnight, according to the Kelby Fire Service."),
        ("paragraph", "Nobody was hurt."),
    ))
    assert verdicts(made)["supported"] == "The headline states as fact what the body attributes to the Kelby Fire Service."


def test_headline_stated_flatly_that_the_body_hedges():
    made = run(headline_attributed, article(
        ("headline", "Harbour tunnel will open in March after years of delay"),
        ("paragraph", "The Harbour tunnel could open to traffic in March after years of delay, transport officials told a meeting on Tuesday."),
        ("paragraph", "Officials said the final safety checks were going well."),
    ))
    claims = verdicts(made)
    assert claims["supported"] == 'The body is less certain than the headline: it says "could".'
    assert "could open to traffic in March" in made[0].explanation


def test_headline_attributed_leaves_alone_sourced_headlines_pronoun_sources_and_unclear_matches():
    # The headline names its source already.
    assert run(headline_attributed, article(
        ("headline", "Factory fire destroyed 40 homes, fire service says"),
        ("paragraph", "A fire that started at a paint factory destroyed 40 homes in Kelby overnight, according to the Kelby Fire Service."),
    )) == []
    # "its owner": who that is, the sentence does not say by name.
    assert run(headline_attributed, article(
        ("headline", "Brennock glassworks to close with 420 jobs lost"),
        ("paragraph", "The glassworks at Brennock will close by the end of September with the loss of 420 jobs, its owner announced on Wednesday."),
    )) == []
    # Two body sentences match the headline as well as each other: no sure match.
    assert run(headline_attributed, article(
        ("headline", "Kelby High Street closed by burst water main"),
        ("paragraph", "Kelby High Street was closed by a burst water main, the council said."),
        ("paragraph", "Kelby High Street was closed by a burst water main last spring too, the water company said."),
    )) == []
    # A headline that is itself a forecast is not "flat" against a hedged body.
    assert run(headline_attributed, article(
        ("headline", "Harbour tunnel expected to open in March after years of delay"),
        ("paragraph", "The Harbour tunnel could open to traffic in March after years of delay."),
    )) == []


# --- headline vs body: a stronger word ----------------------------------------------------------


def test_headline_word_stronger_than_the_body():
    made = run(headline_word, article(
        ("headline", "Brindle council slashes library budget as reserves run low"),
        ("paragraph", "Brindle District Council will reduce the library budget by £200,000 next year as its reserves run low, the council's finance report shows."),
        ("paragraph", "Opposition councillors said the move would hit the poorest areas hardest."),
    ))
    claims = verdicts(made)
    assert claims["supported"] == 'The headline\'s "slashes" is stronger than the body\'s word for the same thing, "reduce".'
    assert claims["contradicted"] == 'The body uses the same word as the headline, "slashes".'


def test_headline_word_leaves_alone_a_word_the_body_uses_too():
    assert run(headline_word, article(
        ("headline", "Brindle council slashes library budget as reserves run low"),
        ("paragraph", "Brindle District Council will reduce the library budget by £200,000 next year as its reserves run low."),
        ("paragraph", "One councillor said the council had slashed the budget for the third year running."),
    )) == []
    assert run(headline_word, article(
        ("headline", "Library budget cut as reserves run low"),
        ("paragraph", "Brindle District Council will reduce the library budget as its reserves run low."),
    )) == []


# --- content vs clutter ------------------------------------------------------------------------


def test_clutter_blocks_are_asked_about_whole_with_what_they_are():
    art = article(
        ("headline", "Amber heat alert for Caddonshire"),
        ("paragraph", "An amber heat-health alert has been issued for the whole of Caddonshire this week."),
        ("clutter", "READ MORE: Will there be a hosepipe ban this summer? Here's what Tamsin Water says"),
        ("paragraph", "The Public Health Service has urged people to check on elderly neighbours and relatives."),
        ("paragraph", "Farmers have also been warned about the risk of field fires this week."),
        ("clutter", "Sign up to the Caddonshire Live morning newsletter"),
        ("clutter", "Advertisement"),
    )
    made = run(content_clutter, art)
    texts = [s.text for s in made]
    # The whole block, not half of it; without the "READ MORE:" label that would give it away
    # (the explanation still quotes the line as it stands on the page).
    claim = next(s for s in made if s.text == 'The line "Will there be a hosepipe ban this summer? Here\'s what Tamsin Water says" is part of the report itself.')
    assert claim.verdict == "contradicted" and claim.explanation.startswith('"READ MORE: Will there be a hosepipe ban')
    assert not any(t.startswith('The line "Here\'s what') for t in texts)
    assert any(t.endswith("it is a promotion for the site's newsletter or app.") for t in texts)
    assert not any("Advertisement" in t for t in texts)  # too short to ask about
    questions = [s for s in made if s.kind == "multiple_choice"]
    assert questions and len({q.text for q in questions}) == len(questions)
    for question in questions:
        assert key(question).startswith(("Will there be", "Sign up"))


def test_no_clutter_no_clutter_items():
    assert run(content_clutter, article(("headline", "Budget approved"), ("paragraph", "The council approved its budget on Monday night after a long debate."))) == []


# --- lateral reading -----------------------------------------------------------------------------

BUDGET = (
    ("headline", "Wexmoor council tax to rise 4.99%"),
    ("paragraph", "Council tax in Wexmoor will rise by 4.99% from April, the council said on Monday."),
    ("paragraph", "The Wexmoor Taxpayers' Group said the average Band D bill in the city had risen by 31% since 2019, compared with inflation of about 24%."),
    ("paragraph", "Dr Yasmin Okonjo-Reyes, an industrial economist at the University of Ashby, said the council had few other choices."),
)


def test_lateral_reading_asks_what_independent_sources_say_about_a_named_group():
    made = run(lateral_reading, article(*BUDGET))
    assert len(made) == 2
    group = made[0]
    assert "Taxpayers' Group said the average Band D bill" in group.text
    right = key(group)
    assert "the Wexmoor Taxpayers' Group" in right and "its figures" in right
    wrong = {o.text for o in group.options if not o.correct}
    assert "Whether other parts of this article back up the same point" in wrong  # staying on the page
    assert "The Wexmoor Taxpayers' Group's own website, for how it describes itself" in wrong  # the source about itself
    assert "Whether the page looks professional and its figures precise" in wrong  # looks
    assert all(o.feedback for o in group.options if not o.correct)
    assert "independent" in group.explanation and "31% since 2019" in group.explanation
    assert "trace" not in group.explanation.lower()
    expert = made[1]
    assert "Okonjo-Reyes" in key(expert) and expert.fact != group.fact
    for item in made:
        assert item_cues(Item(item.key, item.skill, item.text, [(o.text, o.correct) for o in item.options])) == []


def test_lateral_reading_varies_its_wording_between_articles():
    first = run(lateral_reading, article(*BUDGET))
    other = run(lateral_reading, article(
        ("headline", "Crew shifts broke the law"),
        ("paragraph", "The Seafarers' Federation, which represents many of the company's crew, said the fine was small change for a business with revenues of more than €90m."),
        ("paragraph", "Phone-Free Childhood, a parents' group, said the study was more proof that smartphones were harming a generation."),
    ))
    assert other
    templates = {s.text.split('"')[0] for s in first + other}
    assert len(templates) >= 2


def test_lateral_reading_is_deterministic():
    one = [(s.text, [o.text for o in s.options]) for s in run(lateral_reading, article(*BUDGET))]
    two = [(s.text, [o.text for o in s.options]) for s in run(lateral_reading, article(*BUDGET))]
    assert one == two


def test_lateral_reading_leaves_alone_plans_people_without_a_role_pronouns_and_plain_statements():
    assert run(lateral_reading, article(
        ("headline", "Water main bursts"),
        # An organisation's plain statement, with nothing to check elsewhere.
        ("paragraph", "Kelby Town Council said it would be writing to the water company to ask for a timetable."),
        # A group's own plans.
        ("paragraph", "The Friends of Riverside Library said it was considering asking for the decision to be reviewed."),
        # A person or a company? The text does not say.
        ("paragraph", "Halvern Glass said the site had lost money in each of the past three years."),
        # A pronoun for a speaker.
        ("paragraph", "It said that orders had fallen by 28% since 2021."),
        # An expert without an institution.
        ("paragraph", "Dr Jane Roe, a local historian, said the building dated from 1911."),
    )) == []


def test_headline_word_reads_whole_words_only():
    # "Band" is no form of "ban"; "blast" is left out of the lexicon (an explosion, as often as not).
    assert run(headline_word, article(
        ("headline", "Band D bills to rise as council faces budget gap"),
        ("paragraph", "Band D bills will rise by £92 as the council tries to reduce a budget gap, the council said."),
    )) == []
    assert run(headline_word, article(
        ("headline", "Blast at Kelby paint factory injures two workers"),
        ("paragraph", "An explosion at a paint factory in Kelby injured two workers on Monday, the fire service said."),
    )) == []


def test_lateral_reading_about_an_expert_who_has_studied_a_field_asks_about_the_research():
    made = run(lateral_reading, article(
        ("headline", "Island waits for a doctor"),
        ("paragraph", "Professor Ingrid Lachlan, who leads the Centre for Remote and Rural Health at Corran University, has studied recruitment to single-handed practices for more than a decade."),
    ))
    assert len(made) == 1
    assert "research" in key(made[0]) or "work" in key(made[0])
    assert "view" not in key(made[0])


# --- headline vs body: the whole in the headline, a part in the body -------------------------------

WATER = (
    ("headline", "Burst water main closes Kelby High Street for second time this year"),
    ("paragraph", "Part of Kelby High Street was closed yesterday after a water main burst outside the post office, flooding the road."),
    ("paragraph", "Residents were offered bottled water from a station in the Market Cross car park."),
)


def test_headline_names_the_whole_street_the_body_only_part_of_it():
    made = run(headline_scope, article(*WATER))
    claims = verdicts(made)
    assert claims["supported"] == 'Where the headline names Kelby High Street, the body speaks only of "part of Kelby High Street".'
    assert claims["contradicted"] == "The body, like the headline, speaks of the whole of Kelby High Street."
    assert '"Part of Kelby High Street was closed yesterday' in made[0].explanation


def test_headline_scope_leaves_alone_groups_and_a_whole_named_elsewhere():
    assert run(headline_scope, article(*WATER, ("paragraph", "Kelby High Street was closed again on Friday evening for repairs to the road."))) == []
    assert run(headline_scope, article(
        ("headline", "Labour councillors vote against closing Riverside library"),
        ("paragraph", "Half of Labour councillors voted against closing Riverside library at the meeting on Wednesday."),
    )) == []


# --- headline vs body: one source's figure, another source's ---------------------------------------

FLOODS = (
    ("headline", "River bursts its banks in Harwick"),
    ("summary", "About 300 homes evacuated in Lower Harwick and Millbrook"),
    ("paragraph", "Fire crews are helping people out of homes in Lower Harwick, some of them by boat."),
    ("paragraph", "The council says about 300 homes have been evacuated so far."),
    ("paragraph", "A spokesperson for the fire service put the figure at \"around 250 properties\", and said crews had rescued 17 people."),
)


def test_standfirst_figure_that_is_one_source_s_against_another():
    made = run(headline_disputed, article(*FLOODS))
    claims = verdicts(made)
    assert claims["supported"] == 'The standfirst\'s "About 300 homes" is the figure given by the council; the body reports a lower figure from another source.'
    assert claims["contradicted"] == 'Every source in the body agrees with the standfirst\'s "About 300 homes".'
    assert "put the figure at 'around 250 properties'" in made[0].explanation


def test_headline_disputed_needs_a_second_source_with_another_figure():
    assert run(headline_disputed, article(*FLOODS[:4])) == []
    same = FLOODS[:4] + (("paragraph", "A spokesperson for the fire service put the figure at 300 as well."),)
    assert run(headline_disputed, article(*same)) == []


# --- lateral reading on news copy: experts named with a role, study authors, credited figures -----

from quiz.suggest.rules.framing import _roles, headline_backed, headline_pending  # noqa: E402

TELESCOPE = (
    ("headline", "Giant telescope opens to astronomers worldwide"),
    ("paragraph", "The world's largest single-dish radio observatory is preparing to open to astronomers around the world, ushering in an era of sensitive observations."),
    ("paragraph", "\"I'm super excited to be able to use the telescope,\" says Maura McLaughlin, a radioastronomer at West Virginia University in Morgantown, who wants to study pulsars."),
    ("paragraph", "The telescope will also boost the efforts of an international collaboration that is trying to spot gravitational waves, says McLaughlin."),
    ("paragraph", "But the telescope's sensitivity will be useful for following up on sources in detail, says Laura Spitler, an astronomer at the Max Planck Institute for Radio Astronomy in Bonn, Germany."),
)


def test_lateral_reading_on_experts_named_after_what_they_said_and_by_surname_later():
    made = run(lateral_reading, article(*TELESCOPE))
    assert len(made) == 2
    first, second = made
    # The quote-led introduction is never used; the surname claim is, with the role in the explanation.
    assert "says McLaughlin" in first.text and "super excited" not in first.text
    assert "McLaughlin" in key(first)
    assert '"a radioastronomer at West Virginia University in Morgantown"' in first.explanation
    # "But" that ties the sentence to the one before is left out of the quotation.
    assert '"the telescope\'s sensitivity will be useful' in second.text and "Spitler" in key(second)
    assert first.text.split('"')[0] != second.text.split('"')[0]  # the wording varies
    for item in made:
        assert all(o.feedback for o in item.options if not o.correct)


def test_lateral_reading_on_a_study_s_own_author_asks_for_researchers_outside_the_study():
    made = run(lateral_reading, article(
        ("headline", "Magic mushrooms create a hyperconnected brain"),
        ("paragraph", "Psilocybin seems to disrupt the normal communication networks in the brain, by connecting \"brain regions that don't normally talk together,\" said study co-author Paul Expert, a physicist at King's College London."),
        ("paragraph", "Psilocybin dramatically transformed the participants' brain organization, Expert said."),
    ))
    assert len(made) == 1
    item = made[0]
    assert "transformed the participants' brain organization" in item.text
    assert "did not work on the study" in item.explanation and "study co-author Paul Expert" in item.explanation
    wrong = {o.text for o in item.options if not o.correct}
    assert "The press release from Paul Expert's institution about the study" in wrong  # "Expert" alone reads as a word


def test_lateral_reading_on_figures_credited_in_a_trailing_frame():
    made = run(lateral_reading, article(
        ("headline", "Emissions dipped"),
        ("paragraph", "Total emissions fell 2 percent compared with the year before, according to the Rhodium Group, a research firm that frequently crunches climate numbers."),
        ("paragraph", "A first group of 262 nationals landed at the international airport in Lagos on Thursday, Nigeria's foreign ministry reported."),
    ))
    assert [m.fact for m in made] == ["lateral:the Rhodium Group", "lateral:Nigeria's foreign ministry"]
    assert "the Rhodium Group" in key(made[0])
    ministry = made[1]
    assert "A further statement from Nigeria's foreign ministry" in {o.text for o in ministry.options}
    assert "same figure" in key(ministry) or "other than Nigeria's foreign ministry" in key(ministry)


def test_lateral_reading_on_a_named_study():
    made = run(lateral_reading, article(
        ("headline", "Sugar tax cut fizzy drink sales"),
        ("paragraph", "A study published in the British Medical Journal found that sales of sugary drinks fell by 29% in the year after the levy was introduced."),
    ))
    assert len(made) == 1 and "study" in key(made[0])
    assert "The study's own summary of its findings" in {o.text for o in made[0].options}


def test_lateral_reading_leaves_alone_quotations_unnamed_ministries_local_people_and_plain_plans():
    assert run(lateral_reading, article(
        ("headline", "Nothing to check"),
        # A quotation: an opinion to weigh, and a quote-led sentence.
        ("paragraph", "\"We think the figures are wrong,\" said John Smith, a professor at Oxford University."),
        # "the ministry": which one, the sentence does not say.
        ("paragraph", "Around 1,000 citizens have said that they want to leave the country, the ministry has said."),
        # No figure to check in an organisation's trailing credit.
        ("paragraph", "Prices rose across the board, according to the Institute for Fiscal Studies, a think tank."),
        # A role without standing in a field.
        ("paragraph", "Dr Jane Roe, a local historian, said the building dated from 1911 and was built by Italian masons."),
        # The author of a book is no study author.
        ("paragraph", "The town will grow by a third, said Tom Hale, co-author of a book about the town."),
    )) == []


# --- headline vs body on news copy ---------------------------------------------------------------


def test_headline_stated_as_fact_that_the_lede_attributes_in_other_words():
    made = run(headline_attributed, article(
        ("headline", "Despite everything, U.S. emissions dipped in 2019"),
        ("paragraph", "Just a week into the new year, the first estimate of last year's pollution is already in."),
        ("paragraph", "Perhaps surprisingly, total emissions fell 2 percent compared with the year before, according to the Rhodium Group, a research firm that frequently crunches climate numbers."),
        ("paragraph", "The reason for that decline is coal."),
    ))
    claims = verdicts(made)
    assert claims["supported"] == "The headline states as fact what the body attributes to the Rhodium Group."
    assert "according to the Rhodium Group, a research firm" in made[0].explanation


def test_headline_attributed_needs_the_same_sense_in_the_lede():
    # "emissions" alone is no match: nothing says they fell.
    assert run(headline_attributed, article(
        ("headline", "Despite everything, U.S. emissions dipped in 2019"),
        ("paragraph", "Total emissions from cars were unchanged, according to the Rhodium Group, a research firm."),
    )) == []


def test_headline_done_that_the_body_gives_as_still_to_come():
    made = run(headline_pending, article(*TELESCOPE))
    claims = verdicts(made)
    assert claims["supported"] == 'The headline\'s "opens" is firmer than the body, which says "is preparing to open".'
    assert claims["contradicted"] == 'The body is as firm as the headline\'s "opens": it says this has happened.'
    assert '"Is preparing to" puts it in the future' in made[0].explanation
    assert {s.fact for s in made} == {"headline-hedged"}  # one point with a dropped hedge


def test_headline_pending_leaves_alone_a_body_that_says_it_flatly_and_other_things():
    # The body says it flatly too.
    assert run(headline_pending, article(*TELESCOPE, ("paragraph", "The telescope opened to a first group of visiting astronomers last week."))) == []
    # A plan about something else.
    assert run(headline_pending, article(
        ("headline", "Council closes library after flood"),
        ("paragraph", "The council is planning to close the swimming pool for repairs next year."),
    )) == []
    # A headline that already speaks of the future.
    assert run(headline_pending, article(
        ("headline", "Library will close after flood"),
        ("paragraph", "The library is expected to close after the flood damaged its roof."),
    )) == []


def test_standfirst_the_body_backs_in_its_own_words():
    made = run(headline_backed, article(
        ("headline", "Malawians flee South Africa amid threats"),
        ("summary", "Ghana, Mozambique and Malawi have carried out similar operations."),
        ("paragraph", "More than 3,000 Malawians are staying in an open field in Durban."),
        ("paragraph", "Ghana, Mozambique and Malawi have carried out similar operations in recent weeks."),
    ))
    claims = verdicts(made)
    assert claims["supported"] == 'The body backs the standfirst\'s "Ghana, Mozambique and Malawi have carried out similar operations".'
    assert claims["contradicted"].startswith("Nothing in the body backs")
    assert "in recent weeks" in made[0].explanation


def test_headline_backed_leaves_alone_repeats_rival_figures_attributions_and_hedges():
    # The same sentence again: a repeat, not backing.
    assert run(headline_backed, article(
        ("headline", "Emissions dipped"),
        ("summary", "Coal has been in a slow-motion decline over the past ten years."),
        ("paragraph", "Coal has been in a slow-motion decline over the past ten years."),
    )) == []
    # Another figure for the same group elsewhere in the body.
    assert run(headline_backed, article(
        ("headline", "Nigerians flee"),
        ("summary", "Nigeria repatriated 260 nationals on Thursday."),
        ("paragraph", "Nigeria repatriated a first group of 260 nationals on Thursday and plans to move more."),
        ("paragraph", "A first group of 262 Nigerians landed in Lagos on Thursday, the foreign ministry reported."),
    )) == []
    # Backed only by one source's word, or only as a possibility.
    assert run(headline_backed, article(
        ("headline", "Kelby fire destroys forty homes overnight"),
        ("paragraph", "The Kelby fire destroys forty homes overnight, the fire service said."),
    )) == []
    assert run(headline_backed, article(
        ("headline", "Kelby fire destroys forty homes overnight"),
        ("paragraph", "The Kelby fire may have destroyed forty homes overnight."),
    )) == []


def test_headline_backed_leaves_alone_the_same_words_denied():
    assert run(headline_backed, article(
        ("headline", "Kelby council approves library budget"),
        ("paragraph", "Kelby council did not approve the library budget at its meeting on Monday."),
    )) == []


def test_lateral_reading_on_according_to_at_the_start_public_bodies_and_think_tanks():
    made = run(lateral_reading, article(
        ("headline", "Jobs"),
        ("paragraph", "According to the Office for National Statistics, unemployment rose to 4.2% in the three months to May."),
        ("paragraph", "According to the Resolution Foundation, a think tank, wages fell by 3% in real terms."),
    ))
    assert len(made) == 2
    public, tank = made
    # A public body's figure: do others report the same? Its reputation is not the question.
    assert "A further statement from the Office for National Statistics" in {o.text for o in public.options}
    assert "the Resolution Foundation" in key(tank) and "The Resolution Foundation's own website, for how it describes itself" in {o.text for o in tank.options}


def test_lateral_reading_reads_a_role_before_the_name_without_the_reporting_verb():
    made = run(lateral_reading, article(
        ("headline", "Prices"),
        ("paragraph", "Food prices will keep rising well into next year, said economist Priya Raman of the Ashby Institute."),
        ("paragraph", "Raman said shop prices for bread had risen by 14% since January, far faster than wages."),
    ))
    assert len(made) == 1 and "Raman" in key(made[0])
    roles = _roles(Context(Analysis(article(
        ("headline", "Prices"),
        ("paragraph", "Food prices will keep rising well into next year, said economist Priya Raman of the Ashby Institute."),
    ))))
    assert roles["Priya Raman"].role == "economist Priya Raman"  # not "said economist"
    # A local historian named before the name is no expert to check either.
    assert run(lateral_reading, article(
        ("headline", "Old mill"),
        ("paragraph", "The mill was built in 1911 by Italian masons, said local historian Jane Roe."),
    )) == []


def test_lateral_reading_on_an_insider_speaking_about_their_own_project():
    made = run(lateral_reading, article(
        ("headline", "Telescope"),
        ("paragraph", "\"We do not see any roadblocks,\" says Di Li, the chief scientist of FAST."),
        ("paragraph", "Although it sees less of the sky than some other radio telescopes, FAST's size makes it uniquely sensitive, says Li."),
    ))
    assert len(made) == 1
    item = made[0]
    assert "FAST's own website, for what it says about itself" in {o.text for o in item.options}
    assert "FAST" in key(item) and "someone from FAST speaking about FAST" in item.explanation
    assert '"the chief scientist of FAST"' in item.explanation
