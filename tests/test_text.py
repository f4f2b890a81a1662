"""The built-in article's blocks and sentences, and the plain-text block parser."""

from quiz.articles.text import Block, BlockKind, blocks_from_plain_text, canonical_text, normalise, sentence_spans
from quiz.bank.files import read_article_folder
from quiz.bank.validate import validate_article

from .conftest import SEED_FOLDER


def seed_article():
    return validate_article(read_article_folder(SEED_FOLDER))


def sentences_of(article) -> list[str]:
    return [article.text[span.start : span.end] for span in article.sentence_spans]


def test_article_yaml_is_the_shipped_source_text_with_its_kinds():
    parsed = blocks_from_plain_text((SEED_FOLDER / "source.txt").read_text(encoding="utf-8"))
    assert seed_article().blocks == parsed


def test_seed_block_kinds_in_order():
    kinds = [block.kind for block in seed_article().blocks]
    assert kinds == (
        [BlockKind.HEADLINE]
        + [BlockKind.SUMMARY] * 4
        + [BlockKind.PARAGRAPH] * 4
        + [BlockKind.QUOTATION]
        + [BlockKind.PARAGRAPH] * 4
        + [BlockKind.CLUTTER] * 3
    )


def test_now_watch_and_see_also_are_clutter():
    clutter = [block.text for block in seed_article().blocks if block.kind is BlockKind.CLUTTER]
    assert clutter[0].startswith("NOW WATCH:")
    assert clutter[1] == "See Also:"
    assert clutter[2].startswith("SEE ALSO:")


def test_seed_has_nineteen_sentences_one_per_line_of_thought():
    sentences = sentences_of(seed_article())
    assert len(sentences) == 19
    assert sentences[8] == (
        "They said Amazon is enabling the Immigration and Customs Enforcement (ICE) and the "
        "Department of Homeland Security (DHS)."
    )
    assert sentences[12].startswith("Palantir is a shadowy firm")


def test_us_abbreviation_never_ends_a_sentence():
    for sentence in sentences_of(seed_article()):
        assert not sentence.endswith("U.S."), sentence
        assert not sentence.startswith(("S.", "authorities", "policy,")), sentence


def test_the_quoted_letter_is_one_unit_with_its_quotation_marks():
    sentences = sentences_of(seed_article())
    letter = [s for s in sentences if "watched in horror" in s]
    assert len(letter) == 1
    assert letter[0].startswith('"Along with much of the world')
    assert letter[0].endswith('enable ICE and DHS."')
    assert "U.S.’s increasingly inhumane" in letter[0]


def test_sentences_lie_inside_their_blocks_and_in_order():
    article = seed_article()
    previous_end = 0
    for span in article.sentence_spans:
        assert previous_end <= span.start < span.end
        assert any(block.start <= span.start and span.end <= block.end for block in article.block_spans)
        assert article.text[span.start : span.end] == article.text[span.start : span.end].strip()
        previous_end = span.end


def test_a_repeated_sentence_gets_its_own_span():
    text, spans = canonical_text([Block(BlockKind.PARAGRAPH, "It rained. It rained. Then it stopped.")])
    sentences = sentence_spans(text, spans)
    assert [(s.start, s.end) for s in sentences] == [(0, 10), (11, 21), (22, 38)]


def test_normalise_composes_unicode_and_line_endings():
    assert normalise("Cafe\u0301 \r\nnext  \r\n\r\n") == "Café\nnext"


def test_plain_text_parser_guesses_kinds():
    blocks = blocks_from_plain_text(
        "A short headline\n\n• A bullet point\n\nA paragraph that goes\non two lines.\n\n"
        "\u201cA whole quoted passage.\u201d\n\nREAD MORE: something else\n\nAdvertisement"
    )
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("headline", "A short headline"),
        ("summary", "A bullet point"),
        ("paragraph", "A paragraph that goes on two lines."),
        ("quotation", "\u201cA whole quoted passage.\u201d"),
        ("clutter", "READ MORE: something else"),
        ("clutter", "Advertisement"),
    ]


def test_bullets_on_consecutive_lines_are_separate_summary_points():
    """Summary points are often pasted one per line; each one is its own block, without its bullet."""
    blocks = blocks_from_plain_text(
        "Library to close\n"
        "• The council voted to close it, the council said.\n"
        "• Campaigners say they will appeal\n  to the courts.\n\n"
        "The council voted on Tuesday, its\n"
        "- and the mayor's - last word.\n\n"
        "- One point\n- Another point"
    )
    assert [(b.kind.value, b.text) for b in blocks] == [
        ("headline", "Library to close"),
        ("summary", "The council voted to close it, the council said."),
        ("summary", "Campaigners say they will appeal to the courts."),
        # A dash opening a wrapped line of a paragraph is the sentence's own.
        ("paragraph", "The council voted on Tuesday, its - and the mayor's - last word."),
        ("summary", "One point"),
        ("summary", "Another point"),
    ]
