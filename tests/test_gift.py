"""The GIFT reader and writer: exact values, exact lines of every report, and the round trip."""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest

from quiz.authoring.gift import (
    MAX_ANSWERS,
    GiftAnswer,
    GiftQuestion,
    GiftUnsupported,
    count_questions,
    dump,
    escape,
    parse,
    unescape,
)

FIXTURES = Path(__file__).parent / "fixtures" / "gift"
FIXTURE_NAMES = ["valid.gift", "unsupported.gift", "problems.gift", "windows.gift"]

REKOGNITION = "$course$/top/Rekognition"
ESCAPES = "$course$/top/Escapes"


def read_fixture(name: str) -> str:
    """Read a fixture exactly as stored: bytes decoded, so a BOM and CR LF reach the parser."""
    # Not Path.read_text(): text mode turns CR LF into LF and would hide what windows.gift tests.
    return (FIXTURES / name).read_bytes().decode("utf-8")


def without_lines(questions: list[GiftQuestion]) -> list[GiftQuestion]:
    """Drop the line numbers, which a written file is free to change."""
    return [replace(question, line=0) for question in questions]


def reports(text: str) -> list[tuple[int, str]]:
    """List a file's problems as (line, message)."""
    return [(problem.line, problem.message) for problem in parse(text).problems]


def only_question(text: str) -> GiftQuestion:
    """Parse text that must hold exactly one playable question and nothing else."""
    document = parse(text)
    assert document.problems == []
    assert document.unsupported == []
    assert len(document.questions) == 1
    return document.questions[0]


# ---------------------------------------------------------------------------------------------
# valid.gift


VALID_QUESTIONS = [
    GiftQuestion(
        line=8,
        kind="multiple_choice",
        text="Which of these outlets publishes satire?",
        title="Satire check",
        category=REKOGNITION,
        answers=[
            GiftAnswer("The Onion", True, "Right: it says so on its About page."),
            GiftAnswer("Reuters", False, "A news agency."),
            GiftAnswer("The Associated Press", False, None),
        ],
        general_feedback="Satire sites usually say what they are.",
        comments=["Satire or news?", "Second comment line."],
    ),
    GiftQuestion(
        line=15,
        kind="true_false",
        text="Amazon's Rekognition matched 28 members of Congress to mugshots.",
        title="Facial recognition",
        category=REKOGNITION,
        truth=True,
        feedback_if_wrong="The ACLU test did report 28 false matches.",
        feedback_if_right="Yes: the ACLU reported it.",
        general_feedback="Source: ACLU, July 2018.",
    ),
    GiftQuestion(
        line=17, kind="true_false", text="A headline in ALL CAPS is more reliable.", category=REKOGNITION, truth=False
    ),
    GiftQuestion(
        line=19,
        kind="true_false",
        text="Truth words are read in any case.",
        title="lower case",
        category=REKOGNITION,
        truth=True,
    ),
    GiftQuestion(
        line=21,
        kind="true_false",
        text="Case is ignored for false too",
        category=REKOGNITION,
        truth=False,
        feedback_if_wrong=None,
        feedback_if_right="Only the right-answer feedback.",
    ),
    GiftQuestion(
        line=25,
        kind="multiple_choice",
        text="Braces {like these}, a tilde ~, an equals = sign, a hash #, a colon : and a backslash \\ - then\n"
        "a new line.",
        title="Escapes : all of them",
        category=ESCAPES,
        answers=[
            GiftAnswer("Answer with = and ~ and # inside", True, "Feedback with {braces} and \\n"),
            GiftAnswer("Plain wrong", False, None),
        ],
    ),
    GiftQuestion(
        line=31,
        kind="multiple_choice",
        text="What does C:\\Windows\\ hold?\nIt holds \\ and ~ and = unescaped outside the block.",
        category=ESCAPES,
        answers=[
            GiftAnswer("Nothing", False),
            GiftAnswer("System files", True),
            GiftAnswer("Everything", False),
        ],
        comments=["A lone backslash stays a backslash, and a question may span lines."],
    ),
    GiftQuestion(
        line=36,
        kind="multiple_choice",
        text="Is this & that <plain> text?\nSecond paragraph",
        title="Formats",
        category=ESCAPES,
        answers=[
            # The answers take the question's [html] unless they name their own format.
            GiftAnswer("Yes", True, "<b> stays as typed"),
            GiftAnswer("*No*", False, None),
        ],
        general_feedback="General feedback",
    ),
    GiftQuestion(line=42, kind="true_false", text="**Bold** claims need sources.", category=ESCAPES, truth=True),
    GiftQuestion(
        line=44,
        kind="true_false",
        text="<not a tag>",
        category=ESCAPES,
        truth=False,
        feedback_if_wrong="wrong",
        general_feedback="general after the feedback",
    ),
    GiftQuestion(
        line=46,
        kind="multiple_choice",
        text="Moodle auto-format.",
        category=ESCAPES,
        answers=[GiftAnswer("right", True), GiftAnswer("wrong", False)],
    ),
]


def test_valid_fixture_reads_every_question_exactly():
    document = parse(read_fixture("valid.gift"))
    assert document.questions == VALID_QUESTIONS


def test_valid_fixture_has_nothing_to_report():
    document = parse(read_fixture("valid.gift"))
    assert document.problems == []
    assert document.unsupported == []


# ---------------------------------------------------------------------------------------------
# unsupported.gift


def test_unsupported_fixture_reports_each_kind_by_line():
    document = parse(read_fixture("unsupported.gift"))
    assert document.unsupported == [
        GiftUnsupported(3, "short answer", "Who is buried in Grant's tomb?", "Short"),
        GiftUnsupported(5, "matching", "Match the outlet to its kind.", "Match"),
        GiftUnsupported(10, "numerical", "When was the ACLU founded?", None),
        GiftUnsupported(12, "essay", "Explain how you would check a viral photo.", "Essay"),
        GiftUnsupported(
            14,
            "description",
            "Read the next three headlines carefully.\nThey all appeared on the same day.",
            "Description",
        ),
        GiftUnsupported(18, "missing word", "The Onion is a _____ site.", None),
        GiftUnsupported(20, "multiple answers (weights)", "Which of these are news agencies?", "Weights"),
        GiftUnsupported(
            28, "multiple answers (weights)", "A weight on the right answer is partial credit too.", "Partial credit"
        ),
    ]


def test_unsupported_kinds_are_not_problems_and_do_not_stop_the_reading():
    document = parse(read_fixture("unsupported.gift"))
    assert document.problems == []
    assert [(question.line, question.title, question.truth) for question in document.questions] == [
        (26, "Still played", True)
    ]


# ---------------------------------------------------------------------------------------------
# problems.gift


def test_problems_fixture_reports_every_problem_with_its_line():
    assert reports(read_fixture("problems.gift")) == [
        (3, "the answer block opened on line 3 is never closed with }"),
        (9, "a } on line 9 closes no answer block (write \\} for a literal brace)"),
        (11, "the multiple-choice block opened on line 11 has no correct answer (mark one with =)"),
        (18, "the answer on line 18 has no text"),
        (21, "the title on line 21 is empty (::::)"),
        (
            23,
            "the answer block {T F} on line 23 is not a GIFT answer block:"
            " expected T, F, TRUE or FALSE, or answers that start with = or ~",
        ),
        (
            25,
            "the multiple-choice block opened on line 25 has 2 correct answers (=) but needs exactly one"
            " (for several right answers use ~%50% weights)",
        ),
        (27, "the title opened with :: on line 27 is never closed with ::"),
        (30, "a { on line 30 is inside the answer block opened on line 29 (write \\{ for a literal brace)"),
        (32, "a } on line 32 closes no answer block (write \\} for a literal brace)"),
        (35, "a second answer block opens on line 35: separate questions with a blank line"),
        (37, "the question on line 37 has no text (is a blank line parting it from its text?)"),
        (39, "the $CATEGORY line on line 39 names no category"),
        (
            41,
            "the answer block opened on line 41 has text before its first answer ('T' on line 41):"
            " answers start with = or ~",
        ),
        (41, "the multiple-choice block opened on line 41 has no correct answer (mark one with =)"),
    ]


def test_problems_do_not_stop_the_reading():
    document = parse(read_fixture("problems.gift"))
    assert [(question.line, question.title) for question in document.questions] == [(7, "Good one"), (43, "Good two")]
    # A question with a problem is neither played nor listed as unsupported.
    assert document.unsupported == []


# ---------------------------------------------------------------------------------------------
# windows.gift


def test_windows_fixture_really_has_a_bom_and_crlf():
    # Guards the fixture itself: an editor or a checkout that normalised it would void the tests below.
    raw = (FIXTURES / "windows.gift").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 14


def test_windows_fixture_reads_like_any_other():
    document = parse(read_fixture("windows.gift"))
    assert document.questions == [
        GiftQuestion(
            line=5,
            kind="multiple_choice",
            text="Which line ending does Windows use?",
            title="CRLF MC",
            category="$course$/top/Windows",
            answers=[
                GiftAnswer("CR LF", True, "Carriage return, then line feed."),
                GiftAnswer("LF alone", False, None),
            ],
            comments=["Comment before."],
        ),
        GiftQuestion(
            line=10,
            kind="true_false",
            text="Line numbers count the same with CRLF.",
            title="CRLF TF",
            category="$course$/top/Windows",
            truth=True,
        ),
    ]
    assert reports(read_fixture("windows.gift")) == [
        (12, "the answer block opened on line 12 is never closed with }"),
        (14, "a } on line 14 closes no answer block (write \\} for a literal brace)"),
    ]


@pytest.mark.parametrize("name", ["valid.gift", "problems.gift", "unsupported.gift"])
@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_line_endings_and_a_bom_change_nothing(name, ending, bom):
    text = read_fixture(name)
    assert "\r" not in text
    assert parse(bom + text.replace("\n", ending)) == parse(text)


def test_a_form_feed_does_not_count_as_a_line_break():
    # str.splitlines() would break at \x0c and \u2028 and shift every later line number.
    assert reports("Form\x0cfeed\u2028and separator\n\nQ{~a ~b}") == [
        (3, "the multiple-choice block opened on line 3 has no correct answer (mark one with =)")
    ]


# ---------------------------------------------------------------------------------------------
# Round trip


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_round_trip_keeps_every_question(name):
    questions = parse(read_fixture(name)).questions
    assert questions, "a fixture with no questions would make this test empty"
    again = parse(dump(questions))
    assert without_lines(again.questions) == without_lines(questions)
    assert again.problems == []
    assert again.unsupported == []


def test_round_trip_of_a_written_file_is_stable():
    written = dump(parse(read_fixture("valid.gift")).questions)
    assert dump(parse(written).questions) == written


@pytest.mark.parametrize(
    "awkward",
    [
        "%50% of readers",  # would be a weight after = or ~
        "[html] is the name of a format",  # would be taken as the format
        "// not a comment",  # would be a comment at the start of a line
        "$CATEGORY: not a category",  # would switch the category
        "::not a title::",  # would be a title
        "a < b & <b>c</b>",  # would be markup to Moodle
        "T",
        "FALSE",
        "->",
        "ends with a backslash \\",
        "\\n is not a newline, but this\nis",
        "#### not general feedback",
        "{T}",
        "}{",
    ],
)
def test_round_trip_of_text_that_gift_would_otherwise_misread(awkward):
    questions = [
        GiftQuestion(
            line=1,
            kind="multiple_choice",
            text=awkward,
            answers=[GiftAnswer(awkward, True, awkward), GiftAnswer("other", False)],
            general_feedback=awkward,
        ),
        GiftQuestion(
            line=1,
            kind="true_false",
            text=awkward,
            title=awkward,
            truth=False,
            feedback_if_wrong=awkward,
            feedback_if_right=awkward,
            comments=[awkward.replace("\n", " ")],  # a comment is one line by nature
        ),
    ]
    again = parse(dump(questions))
    assert again.problems == []
    assert again.unsupported == []
    assert without_lines(again.questions) == without_lines(questions)


# ---------------------------------------------------------------------------------------------
# Writing


def test_dump_writes_moodle_style_gift():
    questions = [
        GiftQuestion(
            line=0,
            kind="multiple_choice",
            text="Who wrote it?",
            title="Q1",
            category="$course$/top/News",
            answers=[GiftAnswer("The reporter", True, "Yes: the byline."), GiftAnswer("The editor", False)],
            general_feedback="Check the byline.",
            comments=["question: 1", ""],
        ),
        GiftQuestion(
            line=0,
            kind="true_false",
            text="Satire is news.",
            category="$course$/top/News",
            truth=False,
            feedback_if_right="Right.",
        ),
        GiftQuestion(line=0, kind="true_false", text="a = b", category="$course$/top/Other", truth=True),
    ]
    assert dump(questions) == (
        "$CATEGORY: $course$/top/News\n"
        "\n"
        "// question: 1\n"
        "//\n"
        "::Q1::Who wrote it?{\n"
        "\t=The reporter#Yes\\: the byline.\n"
        "\t~The editor\n"
        "\t####Check the byline.\n"
        "}\n"
        "\n"
        "Satire is news.{FALSE##Right.}\n"
        "\n"
        "$CATEGORY: $course$/top/Other\n"
        "\n"
        "a \\= b{TRUE}\n"
    )


def test_dump_of_nothing_is_empty_and_reads_back_as_nothing():
    assert dump([]) == ""
    assert parse(dump([])) == parse("")


def test_dump_writes_a_category_line_only_where_the_category_changes():
    def question(category):
        return GiftQuestion(line=0, kind="true_false", text="x", category=category, truth=True)

    written = dump([question(None), question("A"), question("A"), question("B"), question("A")])
    assert [line for line in written.splitlines() if line.startswith("$CATEGORY")] == [
        "$CATEGORY: A",
        "$CATEGORY: B",
        "$CATEGORY: A",
    ]
    assert [question.category for question in parse(written).questions] == [None, "A", "A", "B", "A"]


MC = GiftQuestion(line=0, kind="multiple_choice", text="Q", answers=[GiftAnswer("a", True), GiftAnswer("b", False)])
TF = GiftQuestion(line=0, kind="true_false", text="Q", truth=True)


@pytest.mark.parametrize(
    ("questions", "reason"),
    [
        ([replace(MC, text=" ")], "it has no text"),
        ([replace(MC, title="")], "its title is empty"),
        ([replace(MC, category="a\nb")], "its category is empty or spans lines"),
        ([replace(MC, category="")], "its category is empty or spans lines"),
        ([replace(MC, comments=["two\nlines"])], "a comment spans lines"),
        ([replace(TF, truth=None)], "a true/false question needs truth set"),
        ([replace(TF, answers=[GiftAnswer("a", True)])], "a true/false question has no answers to write"),
        ([replace(MC, answers=[GiftAnswer("a", False), GiftAnswer("b", False)])], "needs exactly one correct answer"),
        ([replace(MC, answers=[GiftAnswer("a", True), GiftAnswer("b", True)])], "needs exactly one correct answer"),
        ([replace(MC, answers=[GiftAnswer("a", True)])], "needs at least one wrong answer"),
        ([replace(MC, answers=[GiftAnswer("a", True), GiftAnswer(" ", False)])], "an answer has no text"),
        ([replace(MC, kind="essay")], "its kind 'essay' is neither"),
        ([replace(MC, category="A"), MC], "has no category but follows one in 'A'"),
    ],
)
def test_dump_refuses_what_would_not_read_back(questions, reason):
    with pytest.raises(ValueError, match=re.escape(reason)):
        dump(questions)


# ---------------------------------------------------------------------------------------------
# Escapes


def test_escape_writes_every_special_character():
    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


def test_escape_drops_carriage_returns_as_moodle_does():
    assert escape("a\r\nb") == "a\\nb"


def test_unescape_resolves_every_escape():
    assert unescape("a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni") == "a~b=c#d{e}f:g\\h\ni"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("C:\\Windows", "C:\\Windows"),  # \W is no escape: the backslash stays
        ("\\\\n", "\\n"),  # an escaped backslash, then the letter n
        ("\\\\\\n", "\\\n"),  # an escaped backslash, then an escaped newline
        ("end\\", "end\\"),
        ("\\%", "\\%"),
    ],
)
def test_unescape_leaves_other_backslashes_alone(written, read):
    assert unescape(written) == read


def test_escape_and_unescape_are_inverse_on_every_short_string():
    alphabet = "\\n{}:#=~a\n"
    for length in range(5):
        for characters in itertools.product(alphabet, repeat=length):
            text = "".join(characters)
            assert unescape(escape(text)) == text, repr(text)


# ---------------------------------------------------------------------------------------------
# Reading: small cases


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n   \n\t\n", "// only a comment\n// and another", "\r\n\r\n"])
def test_empty_input_has_no_questions_and_no_problems(text):
    document = parse(text)
    assert document.questions == []
    assert document.unsupported == []
    assert document.problems == []


@pytest.mark.parametrize(
    ("block", "truth"),
    [
        ("{T}", True),
        ("{TRUE}", True),
        ("{F}", False),
        ("{FALSE}", False),
        ("{t}", True),
        ("{True}", True),
        ("{false}", False),
        ("{ F }", False),
        ("{\nTRUE\n}", True),
    ],
)
def test_true_false_words_in_any_case(block, truth):
    question = only_question(f"Claim.{block}")
    assert (question.kind, question.truth, question.text) == ("true_false", truth, "Claim.")


def test_true_false_feedback_is_if_wrong_then_if_right_then_general():
    question = only_question("Claim.{FALSE # shown to TRUE # shown to FALSE ####for all}")
    assert (question.feedback_if_wrong, question.feedback_if_right, question.general_feedback) == (
        "shown to TRUE",
        "shown to FALSE",
        "for all",
    )


def test_true_false_second_feedback_runs_to_the_end_like_moodle():
    question = only_question("Claim.{T#one#two#three}")
    assert (question.feedback_if_wrong, question.feedback_if_right) == ("one", "two#three")


def test_an_escaped_brace_does_not_open_an_answer_block():
    document = parse("Use \\{braces\\} in text.")
    assert document.unsupported == [GiftUnsupported(1, "description", "Use {braces} in text.")]
    question = only_question("Use \\{T\\} in text.{T}")
    assert question.text == "Use {T} in text."


def test_whitespace_after_the_block_is_not_a_missing_word():
    assert only_question("Claim.{T}   \n// a trailing comment").text == "Claim."


def test_a_category_line_directly_above_a_question_is_still_a_category():
    question = only_question("$CATEGORY:   Fact checks  \n// About the question\n::Q::Claim.{T}")
    assert (question.line, question.category, question.comments) == (3, "Fact checks", ["About the question"])


def test_comments_above_a_category_or_after_a_blank_line_are_not_the_questions():
    question = only_question("// About the file\n\n// About the category\n$CATEGORY: C\nClaim.{T}")
    assert (question.category, question.comments) == ("C", [])
    question = only_question("// About the file\n\n// About the question\nClaim.{T}")
    assert question.comments == ["About the question"]


def test_comment_lines_are_numbered_but_left_out_of_the_text():
    question = only_question("// c1\n//c2\nFirst line\n// inside\nsecond line{\n// before answers\n=a\n~b}")
    assert (question.line, question.text, question.comments) == (3, "First line\nsecond line", ["c1", "c2"])
    assert question.answers == [GiftAnswer("a", True), GiftAnswer("b", False)]


def test_the_category_stays_in_force_across_blocks_until_changed():
    document = parse("$CATEGORY: A\n\nOne{T}\n\nTwo{F}\n\n$CATEGORY: B\n\nThree{T}")
    assert [(question.line, question.category) for question in document.questions] == [(3, "A"), (5, "A"), (9, "B")]


def test_an_empty_category_line_keeps_the_category_in_force():
    document = parse("$CATEGORY: A\n\n$CATEGORY:\n\nOne{T}")
    assert [question.category for question in document.questions] == ["A"]
    assert reports("$CATEGORY: A\n\n$CATEGORY:\n\nOne{T}") == [(3, "the $CATEGORY line on line 3 names no category")]


def test_answers_on_one_line_and_feedback_split_at_the_first_hash():
    question = only_question("Q{~a#no#really ~ b =c # yes }")
    assert question.answers == [
        GiftAnswer("a", False, "no#really"),
        GiftAnswer("b", False),
        GiftAnswer("c", True, "yes"),
    ]


def test_empty_feedback_is_none():
    question = only_question("Q{=a# ~b #}")
    assert question.answers == [GiftAnswer("a", True, None), GiftAnswer("b", False, None)]


def test_general_feedback_is_after_the_last_four_hashes_as_in_moodle():
    question = only_question("Q{=a#right ~b ####general ####after all}")
    assert question.general_feedback == "after all"
    # The earlier #### stays with the answer, whose feedback starts at its first #.
    assert question.answers == [GiftAnswer("a", True, "right"), GiftAnswer("b", False, "###general")]


def test_title_escapes_and_spaces():
    question = only_question(":: A \\: B \\n C ::Q{T}")
    assert question.title == "A : B \n C"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[plain]<b>x</b>{T}", "<b>x</b>"),
        ("[moodle]x{T}", "x"),
        ("[markdown]*x*{T}", "*x*"),
        ("[html]<p>a &lt; b</p><script>hidden()</script><br/>c&nbsp;d{T}", "a < b\nc d"),
        ("[html]line\n   one<br>line two<li>item{T}", "line one\nline two\nitem"),
        # Moodle knows the names only in lower case and only at the very start.
        ("[HTML]<b>x</b>{T}", "[HTML]<b>x</b>"),
        ("x [html]<b>y</b>{T}", "x [html]<b>y</b>"),
        ("[unknown]x{T}", "[unknown]x"),
    ],
)
def test_text_format_prefixes(text, expected):
    assert only_question(text).text == expected


def test_html_answers_inherit_the_question_format_and_may_override_it():
    question = only_question("[html]<p>Q</p>{=<b>a</b>#<i>ok</i> ~[plain]<b>b</b>}")
    assert question.answers == [GiftAnswer("a", True, "ok"), GiftAnswer("<b>b</b>", False)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Q{=a =b}", "short answer"),
        ("Q{=only one}", "short answer"),
        ("Q{=%50%a =b}", "short answer"),
        ("Q{=a -> b =c -> d}", "matching"),
        ("Q{#3:2}", "numerical"),
        ("Q{#1..5 ~#wrong}", "numerical"),
        ("Q{}", "essay"),
        ("Q{ \n }", "essay"),
        ("Q{####general only}", "essay"),
        ("Just words.", "description"),
        ("Q{T} continues.", "missing word"),
        ("Q{=a ~b} continues.", "missing word"),
        ("Q{~%100%a ~%0%b}", "multiple answers (weights)"),
        ("Q{~%33.3%a ~%-50%b}", "multiple answers (weights)"),
        ("Q{=a ~%50%b}", "multiple answers (weights)"),
    ],
)
def test_unsupported_kinds(text, kind):
    document = parse(text)
    assert document.problems == []
    assert document.questions == []
    assert [(item.line, item.kind) for item in document.unsupported] == [(1, kind)]


def test_a_matching_block_with_a_tilde_is_multiple_choice_as_in_moodle():
    question = only_question("Q{=a -> b ~c}")
    assert question.answers == [GiftAnswer("a -> b", True), GiftAnswer("c", False)]


def test_a_problem_wins_over_missing_word():
    assert reports("Q{~a ~b} continues.") == [
        (1, "the multiple-choice block opened on line 1 has no correct answer (mark one with =)")
    ]


def test_every_problem_of_one_question_is_reported_in_line_order():
    assert reports("::::\nQ{\n=\n~\n~b\n=c\n}") == [
        (1, "the title on line 1 is empty (::::)"),
        (
            2,
            "the multiple-choice block opened on line 2 has 2 correct answers (=) but needs exactly one"
            " (for several right answers use ~%50% weights)",
        ),
        (3, "the answer on line 3 has no text"),
        (4, "the answer on line 4 has no text"),
    ]


def test_an_unclosed_block_is_reported_where_it_opens_and_the_next_question_is_read():
    document = parse("One\n{\n=a\n~b\n\nTwo{T}")
    assert reports("One\n{\n=a\n~b\n\nTwo{T}") == [(2, "the answer block opened on line 2 is never closed with }")]
    assert [(question.line, question.text) for question in document.questions] == [(6, "Two")]


def test_line_numbers_deep_inside_a_long_question():
    text = (
        "// A question whose problems sit far from where it starts.\n"
        "::Long::" + "A long first line of question text, " * 5 + "\n"
        + "and a second one just as long, " * 5 + "\n"
        + "{\n"
        + "=The answer that is right, with feedback after it # " + "because " * 20 + "\n"
        + "~\n"
        + "~A wrong answer\n"
        + "}}"
    )
    assert reports(text) == [
        (6, "the answer on line 6 has no text"),
        (8, "a } on line 8 closes no answer block (write \\} for a literal brace)"),
    ]


def test_a_weighted_answer_with_no_text_is_a_problem():
    assert reports("Q{\n~%50%\n~%50%b}") == [(2, "the answer on line 2 has no text")]


def test_a_long_unknown_block_is_quoted_short():
    (problem,) = parse("Q{" + "x" * 100 + "}").problems
    assert problem.message.startswith("the answer block {" + "x" * 56 + "...} on line 1 is not a GIFT answer block")


# ---------------------------------------------------------------------------------------------
# Size: a file is read in time linear in its length


def test_an_answer_block_with_more_answers_than_any_quiz_has_is_one_problem():
    started = time.monotonic()
    # 200,000 empty answers: each was named by counting its line from the question's start.
    assert reports("Q {" + "~" * 200_000 + "}") == [
        (1, "the answer block opened on line 1 has 200,000 answers; a question may have at most 20")
    ]
    assert time.monotonic() - started < 1
    assert MAX_ANSWERS == 20
    answers = "".join(f"\n~wrong {n}" for n in range(MAX_ANSWERS - 1))
    assert len(only_question("Q {\n=right" + answers + "\n}").answers) == MAX_ANSWERS


def test_line_numbers_of_many_answers_over_many_lines():
    text = "// first\n::T::Q\r\n{" + "\r\n~" * 19 + "\r\n=a\r\n}"
    assert reports(text) == [(4 + n, f"the answer on line {4 + n} has no text") for n in range(19)]


def test_questions_are_counted_without_reading_them():
    assert count_questions(read_fixture("valid.gift")) == len(parse(read_fixture("valid.gift")).questions)
    # A problem or an unsupported kind is still a question; comments and categories alone are not.
    assert count_questions("// about\n\n$CATEGORY: a\n\nQ {=a ~b}\n\nBroken {=a\n\nEssay {}\n\n// bye") == 3
    assert count_questions("") == 0
