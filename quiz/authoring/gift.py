"""Moodle GIFT: read a quiz file into questions, and write questions back out as GIFT.

Only what the game can play becomes a question: single-answer multiple choice and true/false.
Every other GIFT kind is reported by line as unsupported, and broken input is reported by line
as a problem; neither stops the rest of the file from being read.

The rules are those of Moodle's own importer (question/format/gift/format.php): questions are
blocks of lines between blank lines, a line that begins with // is a comment, special characters
are escaped with a backslash, and the first { ... } of a question is its answer block.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Iterable, Iterator

__all__ = [
    "GiftAnswer",
    "GiftDocument",
    "GiftProblem",
    "GiftQuestion",
    "GiftUnsupported",
    "count_questions",
    "dump",
    "escape",
    "parse",
    "unescape",
]

# More answers than a quiz question offers (the game plays at most 5): a block with more is
# reported as one problem, not read answer by answer (200,000 "~" made 200,000 answers and as many
# reports), so that reading a file takes time in proportion to its questions.
MAX_ANSWERS = 20


@dataclass
class GiftAnswer:
    text: str
    correct: bool
    feedback: str | None = None


@dataclass
class GiftQuestion:
    line: int  # 1-based line where the question starts in the file
    kind: str  # "multiple_choice" or "true_false"
    text: str  # question text, escapes resolved, plain text
    title: str | None = None  # from ::title::
    category: str | None = None  # the $CATEGORY in force, as written after "$CATEGORY:"
    answers: list[GiftAnswer] = field(default_factory=list)  # multiple_choice only
    truth: bool | None = None  # true_false only
    feedback_if_wrong: str | None = None  # true_false: Moodle's first #feedback
    feedback_if_right: str | None = None  # true_false: Moodle's second #feedback
    general_feedback: str | None = None  # the ####general feedback
    comments: list[str] = field(default_factory=list)  # // comment lines just before the question


@dataclass
class GiftUnsupported:
    line: int
    kind: str  # in words: "short answer", "matching", "numerical", "essay", ...
    text: str  # the question text, for the report
    title: str | None = None


@dataclass
class GiftProblem:
    line: int
    message: str


@dataclass
class GiftDocument:
    questions: list[GiftQuestion]
    unsupported: list[GiftUnsupported]
    problems: list[GiftProblem]


_MULTIPLE_CHOICE = "multiple_choice"
_TRUE_FALSE = "true_false"

_SHORT_ANSWER = "short answer"
_MATCHING = "matching"
_NUMERICAL = "numerical"
_ESSAY = "essay"
_DESCRIPTION = "description"
_MISSING_WORD = "missing word"
_WEIGHTED = "multiple answers (weights)"

# Moodle's placeholder for the answer block in a missing-word question's text.
_BLANK = "_____"

_CATEGORY_MARK = "$CATEGORY:"
_GENERAL_FEEDBACK_MARK = "####"
_TRUTHS = {"T": True, "TRUE": True, "F": False, "FALSE": False}

# A backslash escapes these; "\n" stands for a newline. Any other backslash is a literal backslash.
_ESCAPED = re.compile(r"\\([\\~=#{}:n])")
_ESCAPES = {
    "\\": "\\\\",
    "~": "\\~",
    "=": "\\=",
    "#": "\\#",
    "{": "\\{",
    "}": "\\}",
    ":": "\\:",
    "\n": "\\n",
    # Moodle's writer drops carriage returns; a line break is written as \n alone.
    "\r": "",
}
# Moodle only knows these four names, and only in lower case.
_FORMAT_PREFIX = re.compile(r"\[(plain|moodle|markdown|html)\]")
# What starts an answer in a multiple-choice block.
_ANSWER_MARK = re.compile(r"[=~]")
# A percentage right after ~ (in short answers, after =) is the answer's weight: partial credit.
_WEIGHT = re.compile(r"%-?\d+(?:\.\d*)?%")
# Text that, written bare, Moodle would read as something other than text.
_MISREADABLE_START = re.compile(r"\[(?:plain|moodle|markdown|html)\]|%|//|\$CATEGORY:")


# ---------------------------------------------------------------------------------------------
# Escapes


def unescape(text: str) -> str:
    """Resolve GIFT escapes: \\~ \\= \\# \\{ \\} \\: and \\\\ to the character, \\n to a newline."""
    return _ESCAPED.sub(lambda match: "\n" if match[1] == "n" else match[1], text)


def escape(text: str) -> str:
    """Escape text so that GIFT reads it back as exactly this text (carriage returns dropped)."""
    return "".join(_ESCAPES.get(character, character) for character in text)


def _mask(raw: str) -> str:
    """Blank out escaped pairs, keeping every index, so that a search finds only live syntax."""
    # Two NULs per pair: never syntax, never whitespace, so indices and emptiness both survive.
    return _ESCAPED.sub("\0\0", raw)


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class _Line:
    number: int
    text: str  # stripped, as Moodle strips every line

    @property
    def is_comment(self) -> bool:
        return self.text.startswith("//")


@dataclass(frozen=True)
class _Source:
    """One question's raw text, the same text with its escapes masked, and where it starts."""

    raw: str
    masked: str
    first_line: int
    # Where each line of raw starts after the first: found once, so that naming the line of each
    # of n answers is a binary search, not a count from the start (n times the text: quadratic).
    line_starts: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        starts = tuple(match.end() for match in re.finditer("\n", self.raw))
        object.__setattr__(self, "line_starts", starts)

    def line_at(self, index: int) -> int:
        """Give the file line of an index into the text."""
        return self.first_line + bisect_right(self.line_starts, index)


@dataclass
class _AnswerBlock:
    """What one { ... } says: its kind, and for the kinds the game plays, their parts."""

    kind: str | None = None  # None when the block is broken (see problems)
    answers: list[GiftAnswer] = field(default_factory=list)
    truth: bool | None = None
    feedback_if_wrong: str | None = None
    feedback_if_right: str | None = None
    general_feedback: str | None = None
    problems: list[GiftProblem] = field(default_factory=list)


def parse(text: str) -> GiftDocument:
    """Read a GIFT file into its playable questions, its unsupported ones, and its problems."""
    document = GiftDocument(questions=[], unsupported=[], problems=[])
    category: str | None = None
    for block in _blocks(_split_lines(text)):
        category, found = _read_block(block, category)
        for item in found:
            if isinstance(item, GiftQuestion):
                document.questions.append(item)
            elif isinstance(item, GiftUnsupported):
                document.unsupported.append(item)
            else:
                document.problems.append(item)
    return document


def count_questions(text: str) -> int:
    """Count a file's questions (blocks with more than comments and categories) without reading them."""
    count = 0
    for block in _blocks(_split_lines(text)):
        if any(not line.is_comment and not line.text.startswith(_CATEGORY_MARK) for line in block):
            count += 1
    return count


def _split_lines(text: str) -> list[str]:
    """Split a file into lines, accepting a UTF-8 byte-order mark and any line ending."""
    text = text.removeprefix("\ufeff")
    if not text:
        return []
    # Not str.splitlines(): it also breaks on form feeds and Unicode separators, which an
    # editor does not count as lines, and the line numbers we report must match the editor's.
    return re.split(r"\r\n|\r|\n", text)


def _blocks(lines: list[str]) -> Iterator[list[_Line]]:
    """Group lines into blocks of consecutive non-blank lines, numbered from 1."""
    block: list[_Line] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped:
            block.append(_Line(number, stripped))
        elif block:
            yield block
            block = []
    if block:
        yield block


_Found = GiftQuestion | GiftUnsupported | GiftProblem


def _read_block(block: list[_Line], category: str | None) -> tuple[str | None, list[_Found]]:
    """Read one block's category lines and question; give the category in force after it, and what was found."""
    found: list[_Found] = []
    comments: list[str] = []
    start = 0
    for start, line in enumerate(block):
        if line.is_comment:
            comments.append(line.text[2:].strip())
        elif line.text.startswith(_CATEGORY_MARK):
            name = line.text[len(_CATEGORY_MARK) :].strip()
            if name:
                category = name
            else:
                found.append(GiftProblem(line.number, f"the $CATEGORY line on line {line.number} names no category"))
            # Comments above a category line are about the category, not the next question.
            comments = []
        else:
            break
    else:
        return category, found
    question = _read_question(block[start:], comments, category)
    found.extend(question if isinstance(question, list) else [question])
    return category, found


def _read_question(
    lines: list[_Line], comments: list[str], category: str | None
) -> GiftQuestion | GiftUnsupported | list[GiftProblem]:
    """Read the lines of one question into a question, an unsupported item, or its problems."""
    # Comment lines inside a question become empty lines: dropped from the text, kept in the count.
    raw = "\n".join("" if line.is_comment else line.text for line in lines)
    source = _Source(raw=raw, masked=_mask(raw), first_line=lines[0].number)

    title, body, problems = _read_title(source)
    opening = source.masked.find("{", body)
    stray = source.masked.find("}", body, opening if opening != -1 else len(raw))
    if stray != -1:
        problems.append(_stray_brace(source, stray))

    if opening == -1:
        if problems:
            return problems
        _, text = _read_piece(raw[body:])
        return GiftUnsupported(source.first_line, _DESCRIPTION, text, title)

    closing = source.masked.find("}", opening + 1)
    if closing == -1:
        opened = source.line_at(opening)
        problems.append(GiftProblem(opened, f"the answer block opened on line {opened} is never closed with }}"))
        return problems
    problems.extend(_misplaced_braces(source, opening, closing))

    text_format, text = _read_piece(raw[body:opening])
    after = raw[closing + 1 :].strip()
    block = _read_answer_block(source, opening, closing, text_format)
    problems.extend(block.problems)
    if not text and not after:
        problems.append(
            GiftProblem(
                source.first_line,
                f"the question on line {source.first_line} has no text"
                " (is a blank line parting it from its text?)",
            )
        )
    if problems:
        return sorted(problems, key=lambda problem: problem.line)

    if after:
        _, text = _read_piece(raw[body:opening] + _BLANK + raw[closing + 1 :])
        return GiftUnsupported(source.first_line, _MISSING_WORD, text, title)
    # A block that has no kind always carries a problem, so by now every block has one.
    assert block.kind is not None
    if block.kind not in (_MULTIPLE_CHOICE, _TRUE_FALSE):
        return GiftUnsupported(source.first_line, block.kind, text, title)
    return GiftQuestion(
        line=source.first_line,
        kind=block.kind,
        text=text,
        title=title,
        category=category,
        answers=block.answers,
        truth=block.truth,
        feedback_if_wrong=block.feedback_if_wrong,
        feedback_if_right=block.feedback_if_right,
        general_feedback=block.general_feedback,
        comments=comments,
    )


def _read_title(source: _Source) -> tuple[str | None, int, list[GiftProblem]]:
    """Read the ::title:: that may open a question; give it, the index where the rest begins, and problems."""
    line = source.first_line
    if not source.masked.startswith("::"):
        return None, 0, []
    closing = source.masked.find("::", 2)
    if closing == -1:
        return None, 2, [GiftProblem(line, f"the title opened with :: on line {line} is never closed with ::")]
    title = unescape(source.raw[2:closing]).strip()
    if not title:
        # The question an empty title names is never kept, so the title itself does not matter.
        return None, closing + 2, [GiftProblem(line, f"the title on line {line} is empty (::::)")]
    return title, closing + 2, []


def _stray_brace(source: _Source, index: int) -> GiftProblem:
    """Report a } that closes no answer block."""
    line = source.line_at(index)
    return GiftProblem(line, f"a }} on line {line} closes no answer block (write \\}} for a literal brace)")


def _misplaced_braces(source: _Source, opening: int, closing: int) -> list[GiftProblem]:
    """Report a { inside the answer block, and any brace after it: Moodle reads only one block."""
    problems = []
    opened = source.line_at(opening)
    inner = source.masked.find("{", opening + 1, closing)
    if inner != -1:
        line = source.line_at(inner)
        problems.append(
            GiftProblem(
                line,
                f"a {{ on line {line} is inside the answer block opened on line {opened}"
                " (write \\{ for a literal brace)",
            )
        )
    second = source.masked.find("{", closing + 1)
    if second != -1:
        line = source.line_at(second)
        problems.append(
            GiftProblem(line, f"a second answer block opens on line {line}: separate questions with a blank line")
        )
    stray = source.masked.find("}", closing + 1, second if second != -1 else len(source.raw))
    if stray != -1:
        problems.append(_stray_brace(source, stray))
    return problems


def _read_answer_block(source: _Source, opening: int, closing: int, text_format: str) -> _AnswerBlock:
    """Read what is between { and }, telling the kinds apart in the order Moodle does."""
    start, end = opening + 1, closing
    general_feedback = None
    # The last #### starts the general feedback, so that an answer's feedback may not hold one.
    mark = source.masked.rfind(_GENERAL_FEEDBACK_MARK, start, end)
    if mark != -1:
        written = source.raw[mark + len(_GENERAL_FEEDBACK_MARK) : end]
        general_feedback = _read_piece(written, text_format)[1] or None
        end = mark
    content = source.masked[start:end].strip()

    if not content:
        block = _AnswerBlock(_ESSAY)
    elif content.startswith("#"):
        block = _AnswerBlock(_NUMERICAL)
    elif "~" in content:
        # Only multiple choice holds a ~, whatever else it holds.
        block = _read_multiple_choice(source, opening, end, text_format)
    elif "=" in content and "->" in content:
        block = _AnswerBlock(_MATCHING)
    elif _truth_word(content) is not None:
        block = _read_true_false(source, start, end, text_format)
    elif content.startswith("="):
        block = _AnswerBlock(_SHORT_ANSWER)
    else:
        block = _AnswerBlock(problems=[_unknown_block(source, opening, closing)])
    block.general_feedback = general_feedback
    return block


def _truth_word(content: str) -> str | None:
    """Give T, TRUE, F or FALSE when a block's content before any # is one of them, in any case."""
    word = content.split("#", 1)[0].strip().upper()
    return word if word in _TRUTHS else None


def _unknown_block(source: _Source, opening: int, closing: int) -> GiftProblem:
    """Report a block that is no kind of GIFT answer block, quoting it."""
    line = source.line_at(opening)
    quoted = " ".join(source.raw[opening : closing + 1].split())
    if len(quoted) > 60:
        quoted = quoted[:57] + "...}"
    return GiftProblem(
        line,
        f"the answer block {quoted} on line {line} is not a GIFT answer block:"
        " expected T, F, TRUE or FALSE, or answers that start with = or ~",
    )


def _read_true_false(source: _Source, start: int, end: int, text_format: str) -> _AnswerBlock:
    """Read {T#feedback if wrong#feedback if right}: the third part runs to the end, # and all."""
    first = source.masked.find("#", start, end)
    second = source.masked.find("#", first + 1, end) if first != -1 else -1
    word = source.masked[start : first if first != -1 else end].strip().upper()
    if_wrong = source.raw[first + 1 : second if second != -1 else end] if first != -1 else ""
    if_right = source.raw[second + 1 : end] if second != -1 else ""
    return _AnswerBlock(
        _TRUE_FALSE,
        truth=_TRUTHS[word],
        feedback_if_wrong=_read_piece(if_wrong, text_format)[1] or None,
        feedback_if_right=_read_piece(if_right, text_format)[1] or None,
    )


def _read_multiple_choice(source: _Source, opening: int, end: int, text_format: str) -> _AnswerBlock:
    """Read =right and ~wrong answers, each with an optional #feedback, and check there is one right."""
    start = opening + 1
    opened = source.line_at(opening)
    answers_written = source.masked.count("=", start, end) + source.masked.count("~", start, end)
    if answers_written > MAX_ANSWERS:
        return _AnswerBlock(
            problems=[
                GiftProblem(
                    opened,
                    f"the answer block opened on line {opened} has {answers_written:,} answers;"
                    f" a question may have at most {MAX_ANSWERS}",
                )
            ]
        )
    markers = [match.start() for match in _ANSWER_MARK.finditer(source.masked, start, end)]
    problems = []
    lead = source.raw[start : markers[0]]
    if lead.strip():
        line = source.line_at(start + len(lead) - len(lead.lstrip()))
        problems.append(
            GiftProblem(
                line,
                f"the answer block opened on line {opened} has text before its first answer"
                f" ({lead.strip()!r} on line {line}): answers start with = or ~",
            )
        )

    answers: list[GiftAnswer] = []
    weighted = False
    for marker, next_marker in zip(markers, markers[1:] + [end]):
        answer, has_weight = _read_answer(source, marker, next_marker, text_format)
        weighted = weighted or has_weight
        if not answer.text:
            line = source.line_at(marker)
            problems.append(GiftProblem(line, f"the answer on line {line} has no text"))
        answers.append(answer)

    if weighted:
        return _AnswerBlock(_WEIGHTED, problems=problems)
    correct = sum(answer.correct for answer in answers)
    if correct == 0:
        message = f"the multiple-choice block opened on line {opened} has no correct answer (mark one with =)"
        problems.append(GiftProblem(opened, message))
    elif correct > 1:
        problems.append(
            GiftProblem(
                opened,
                f"the multiple-choice block opened on line {opened} has {correct} correct answers (=)"
                " but needs exactly one"
                " (for several right answers use ~%50% weights)",
            )
        )
    return _AnswerBlock(_MULTIPLE_CHOICE, answers=answers, problems=problems)


def _read_answer(source: _Source, marker: int, end: int, text_format: str) -> tuple[GiftAnswer, bool]:
    """Read one answer from its = or ~ to the next; tell whether it carries a %weight%."""
    start = marker + 1
    rest = source.raw[start:end]
    start += len(rest) - len(rest.lstrip())
    # Moodle reads weights only after ~; one after = is no less a weight, and so not single-answer.
    weight = _WEIGHT.match(source.raw, start, end)
    if weight:
        start = weight.end()
    hash_mark = source.masked.find("#", start, end)
    text_end = hash_mark if hash_mark != -1 else end
    feedback = _read_piece(source.raw[hash_mark + 1 : end], text_format)[1] if hash_mark != -1 else ""
    answer = GiftAnswer(
        text=_read_piece(source.raw[start:text_end], text_format)[1],
        correct=source.raw[marker] == "=",
        feedback=feedback or None,
    )
    return answer, weight is not None


def _read_piece(raw: str, default_format: str = "moodle") -> tuple[str, str]:
    """Read one piece of text (question, answer, feedback) into its format name and plain text."""
    raw = raw.strip()
    text_format = default_format
    prefix = _FORMAT_PREFIX.match(raw)
    if prefix:
        text_format = prefix[1]
        raw = raw[prefix.end() :]
    # Empty lines can only be comment lines taken out of the text; real line breaks are \n.
    raw = "\n".join(line.strip() for line in raw.split("\n") if line.strip())
    text = unescape(raw)
    if text_format == "html":
        text = _html_to_text(text)
    return text_format, text.strip()


class _HtmlText(HTMLParser):
    """Collect the text a reader of some HTML would see, with a line break per block or <br>."""

    BREAKS = frozenset(
        "br p div li ul ol dl dt dd tr table blockquote pre hr h1 h2 h3 h4 h5 h6 section article".split()
    )
    HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            # In HTML any run of white space, line breaks and &nbsp; included, shows as one space.
            self.parts.append(re.sub(r"\s+", " ", data))


def _html_to_text(html: str) -> str:
    """Convert HTML to plain text: tags dropped, entities resolved, blocks on their own lines."""
    reader = _HtmlText()
    reader.feed(html)
    reader.close()
    lines = (line.strip() for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------------------------------------
# Writing


def dump(questions: Iterable[GiftQuestion]) -> str:
    """Write questions as GIFT, with a $CATEGORY line wherever the category changes.

    Raises ValueError for a question that GIFT would not read back as the same question.
    """
    chunks: list[str] = []
    category: str | None = None
    for question in questions:
        _check_writable(question)
        if question.category != category:
            if question.category is None:
                raise ValueError(
                    f"{_name(question)} has no category but follows one in {category!r}:"
                    " GIFT cannot go back to no category"
                )
            chunks.append(f"{_CATEGORY_MARK} {question.category}")
            category = question.category
        chunks.append(_write_question(question))
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _name(question: GiftQuestion) -> str:
    """Name a question in an error message by its title, or else the start of its text."""
    return f"question {question.title or question.text[:40]!r}"


def _check_writable(question: GiftQuestion) -> None:
    """Refuse a question that, written as GIFT, would read back as a problem or something else."""
    reasons = []
    if not question.text.strip():
        reasons.append("it has no text")
    if question.title is not None and not question.title.strip():
        reasons.append("its title is empty")
    if question.category is not None and (not question.category.strip() or _spans_lines(question.category)):
        reasons.append("its category is empty or spans lines")
    if any(_spans_lines(comment) for comment in question.comments):
        reasons.append("a comment spans lines")
    if question.kind == _TRUE_FALSE:
        if question.truth is None:
            reasons.append("a true/false question needs truth set")
        if question.answers:
            reasons.append("a true/false question has no answers to write")
    elif question.kind == _MULTIPLE_CHOICE:
        if sum(answer.correct for answer in question.answers) != 1:
            reasons.append("a multiple-choice question needs exactly one correct answer")
        if all(answer.correct for answer in question.answers):
            # With no ~ answer Moodle reads the block as a short-answer question.
            reasons.append("a multiple-choice question needs at least one wrong answer")
        if any(not answer.text.strip() for answer in question.answers):
            reasons.append("an answer has no text")
    else:
        reasons.append(f"its kind {question.kind!r} is neither {_MULTIPLE_CHOICE!r} nor {_TRUE_FALSE!r}")
    if reasons:
        raise ValueError(f"cannot write {_name(question)}: " + "; ".join(reasons))


def _spans_lines(text: str) -> bool:
    """Tell whether text holds a line break, which a one-line construct cannot."""
    return "\n" in text or "\r" in text


def _write_question(question: GiftQuestion) -> str:
    """Write one question: its comments, title, text and answer block."""
    lines = [f"// {comment}" if comment else "//" for comment in question.comments]
    head = (f"::{escape(question.title)}::" if question.title is not None else "") + _write_piece(question.text)
    general = ""
    if question.general_feedback:
        general = _GENERAL_FEEDBACK_MARK + _write_piece(question.general_feedback)
    if question.kind == _TRUE_FALSE:
        lines.append(f"{head}{{{_write_true_false(question)}{general}}}")
        return "\n".join(lines)
    lines.append(head + "{")
    for answer in question.answers:
        feedback = f"#{_write_piece(answer.feedback)}" if answer.feedback else ""
        lines.append(f"\t{'=' if answer.correct else '~'}{_write_piece(answer.text)}{feedback}")
    if general:
        lines.append(f"\t{general}")
    lines.append("}")
    return "\n".join(lines)


def _write_true_false(question: GiftQuestion) -> str:
    """Write TRUE or FALSE with its feedback, keeping an empty first # when only the second is set."""
    written = "TRUE" if question.truth else "FALSE"
    if question.feedback_if_wrong or question.feedback_if_right:
        written += f"#{_write_piece(question.feedback_if_wrong or '')}"
    if question.feedback_if_right:
        written += f"#{_write_piece(question.feedback_if_right)}"
    return written


def _write_piece(text: str) -> str:
    """Escape one piece of plain text, marked [plain] where Moodle would read it as anything else."""
    # [plain] keeps a leading "[html]", "%50%", "//" or "$CATEGORY:" as text, and stops Moodle
    # from rendering a "<" or "&" in plain text as markup.
    if _MISREADABLE_START.match(text) or "<" in text or "&" in text:
        return "[plain]" + escape(text)
    return escape(text)
