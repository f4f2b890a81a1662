"""Evidence anchors: computing selectors from quotes, and finding them again after edits."""

import pytest

from quiz.articles.anchoring import AnchorError, Outcome, Selector, describe, locate, reanchor

from .test_text import seed_article

TEXT = seed_article().text
QUOTE = "Free speech group ACLU found in May"


def test_locate_computes_the_full_selector():
    selector = locate(TEXT, QUOTE)
    assert TEXT[selector.start : selector.end] == QUOTE
    assert TEXT[: selector.start].endswith(selector.prefix)
    assert TEXT[selector.end :].startswith(selector.suffix)
    assert len(selector.prefix) == len(selector.suffix) == 32
    assert selector.as_json() == [
        {"type": "TextQuoteSelector", "exact": QUOTE, "prefix": selector.prefix, "suffix": selector.suffix},
        {"type": "TextPositionSelector", "start": selector.start, "end": selector.end},
    ]


def test_positions_count_code_points():
    # The letter's curly apostrophe is one code point, whatever its UTF-8 length.
    selector = locate(TEXT, "U.S.’s increasingly inhumane")
    assert selector.end - selector.start == len("U.S.’s increasingly inhumane")


def test_absent_quote_is_an_error_naming_it():
    with pytest.raises(AnchorError, match="does not occur.*Jeff Bezos resigned"):
        locate(TEXT, "Jeff Bezos resigned")


def test_ambiguous_quote_is_an_error_until_context_decides():
    with pytest.raises(AnchorError, match="occurs 2 times.*'Jeff Bezos'"):
        locate(TEXT, "Jeff Bezos", suffix=" p")  # headline "... Bezos protesting" and bullet "... Bezos pointing"
    by_suffix = locate(TEXT, "Jeff Bezos", suffix=" pointing")
    assert TEXT[by_suffix.end :].startswith(" pointing")
    by_prefix = locate(TEXT, "Jeff Bezos", prefix="called on ")
    assert TEXT[: by_prefix.start].endswith("called on ")


def test_context_that_never_matches_is_an_error():
    with pytest.raises(AnchorError, match="never with the given prefix/suffix"):
        locate(TEXT, QUOTE, prefix="nothing like this ")


def test_unchanged_text_keeps_the_anchor():
    old = locate(TEXT, QUOTE)
    result = reanchor(TEXT, old)
    assert result.outcome is Outcome.UNCHANGED
    assert result.selector == old


def test_insertion_before_the_span_moves_it():
    old = locate(TEXT, QUOTE)
    inserted = "An editor's note added later, before everything else.\n\n"
    new_text = inserted + TEXT
    result = reanchor(new_text, old)
    assert result.outcome is Outcome.MOVED
    assert result.selector.start == old.start + len(inserted)
    assert new_text[result.selector.start : result.selector.end] == QUOTE


def test_typo_fixed_inside_the_span_is_a_fuzzy_match_on_the_corrected_text():
    with_typo = TEXT.replace("Free speech group ACLU", "Free speach group ACLU")
    old = locate(with_typo, "Free speach group ACLU found in May")
    result = reanchor(TEXT, old)
    assert result.outcome is Outcome.FUZZY
    assert TEXT[result.selector.start : result.selector.end] == QUOTE
    assert result.selector.start == old.start


def test_a_word_changed_inside_a_long_quote_still_lands_on_its_sentence():
    old = locate(TEXT, "some Amazon shareholders also called on Jeff Bezos to cut the firm's Rekognition contracts")
    edited = TEXT.replace("some Amazon shareholders also called", "several Amazon shareholders also called")
    result = reanchor(edited, old)
    assert result.outcome is Outcome.FUZZY
    assert edited[result.selector.start : result.selector.end] == (
        "several Amazon shareholders also called on Jeff Bezos to cut the firm's Rekognition contracts"
    )


def test_a_deleted_paragraph_loses_its_anchor():
    paragraph = next(b for b in seed_article().block_spans if TEXT[b.start : b.end].startswith("Free speech group"))
    old = locate(TEXT, QUOTE)
    without = TEXT[: paragraph.start] + TEXT[paragraph.end + 2 :]
    result = reanchor(without, old)
    assert result.outcome is Outcome.LOST
    assert result.selector is None


def test_repeated_quote_is_found_where_its_context_matches():
    old = locate(TEXT, "Jeff Bezos", prefix="called on ")
    # Put another "Jeff Bezos" right where the old one was; context must win over position.
    new_text = TEXT[: old.start] + "Jeff Bezos and " + TEXT[old.start :]
    result = reanchor(new_text, old)
    assert new_text[result.selector.start - len("and ") : result.selector.start] == "and "
    assert result.selector.suffix.startswith(" to cut the firm's")


def test_describe_rejects_a_span_outside_the_text():
    with pytest.raises(AnchorError):
        describe("short", 3, 10)


def test_selector_round_trips_through_reanchor_after_whitespace_change():
    old = Selector(**{**locate(TEXT, QUOTE).__dict__})
    new_text = TEXT.replace("Free speech group ACLU found in May", "Free speech group ACLU  found in May")
    result = reanchor(new_text, old)
    assert result.outcome is Outcome.FUZZY
    assert new_text[result.selector.start : result.selector.end] == "Free speech group ACLU  found in May"
