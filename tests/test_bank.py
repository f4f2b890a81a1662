"""The built-in question bank, and `check-bank` on good and broken banks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from quiz.bank.files import read_article_folder
from quiz.bank.kinds import MAX_OPTIONS, MIN_OPTIONS, Kind, Verdict
from quiz.bank.skills import SKILLS
from quiz.bank.validate import validate_article

from .conftest import PROJECT_ROOT, SEED_FOLDER, make_app

SEED = validate_article(read_article_folder(SEED_FOLDER))


def test_builtin_bank_loads_without_problems():
    assert SEED.problems == []


def test_builtin_bank_size_and_mix():
    kinds = Counter(q.kind for q in SEED.questions)
    assert len(SEED.questions) >= 40
    assert kinds[Kind.MULTIPLE_CHOICE] >= 15
    assert kinds[Kind.CLAIM] >= 20


def test_multiple_choice_items_are_complete():
    for question in (q for q in SEED.questions if q.kind is Kind.MULTIPLE_CHOICE):
        assert MIN_OPTIONS <= len(question.options) <= MAX_OPTIONS, question.ident
        assert sum(option.correct for option in question.options) == 1, question.ident
        for option in question.options:
            assert option.correct or option.feedback, f"{question.ident}: {option.text!r} has no feedback"


def test_each_verdict_is_a_quarter_to_45_percent_of_claims():
    claims = [q for q in SEED.questions if q.kind is Kind.CLAIM]
    verdicts = Counter(q.verdict for q in claims)
    for verdict in Verdict:
        assert 0.25 <= verdicts[verdict] / len(claims) <= 0.45, (verdict, verdicts)


def test_every_skill_appears_at_least_twice():
    skills = Counter(q.skill for q in SEED.questions)
    assert len(SKILLS) == 11
    for skill in SKILLS:
        assert skills[skill] >= 2, (skill, skills)


def test_every_question_has_explanation_and_evidence_in_the_text():
    for question in SEED.questions:
        assert question.explanation
        assert question.evidence, question.ident
        for selector in question.evidence:
            assert SEED.text[selector.start : selector.end] == selector.exact


def test_ids_are_unique_and_stable_looking():
    idents = [q.ident for q in SEED.questions]
    assert len(set(idents)) == len(idents)


@pytest.fixture
def cli(tmp_path):
    app = make_app(tmp_path)
    return app.test_cli_runner()


def test_check_bank_prints_a_summary_per_article(cli):
    result = cli.invoke(args=["check-bank"])
    assert result.exit_code == 0, result.output
    assert "amazon-rekognition-letter:" in result.output
    verdicts = Counter(q.verdict.value for q in SEED.questions if q.verdict)
    assert "by verdict: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())) in result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_check_bank_json(cli):
    result = cli.invoke(args=["check-bank", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert set(report) == {"articles", "questions", "by_kind", "by_verdict", "by_skill", "errors", "warnings"}
    assert report["questions"] == len(SEED.questions)
    assert report["articles"][0]["id"] == "amazon-rekognition-letter"
    assert sum(report["by_kind"].values()) == report["questions"]
    assert report["errors"] == []
    # No answer cues and no lopsided verdicts in the built-in bank.
    assert report["warnings"] == []


def test_check_bank_as_a_real_command():
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "quiz", "check-bank", "--json", str(SEED_FOLDER)],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["questions"] == len(SEED.questions)


@pytest.fixture
def broken_bank(tmp_path):
    """A copy of the built-in bank that each test breaks in its own way."""
    folder = tmp_path / "bank" / "copy"
    shutil.copytree(SEED_FOLDER, folder)

    def edit(old: str, new: str, file: str = "questions.yaml"):
        path = folder / file
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return folder.parent

    return edit


def check(cli, path) -> tuple[int, dict]:
    result = cli.invoke(args=["check-bank", "--json", str(path)])
    return result.exit_code, json.loads(result.output)


def line_of(path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_absent_quote_names_file_question_and_quote(cli, broken_bank, tmp_path):
    bank = broken_bank("- quote: They wrote to CEO Jeff Bezos\n", "- quote: They wrote to CEO Jeff Bozos\n")
    code, report = check(cli, bank)
    assert code == 1
    (error,) = report["errors"]
    assert error["file"].endswith("copy/questions.yaml")
    assert error["question"] == "mc-letter-recipient"
    assert "They wrote to CEO Jeff Bozos" in error["message"] and "does not occur" in error["message"]
    assert error["line"] == line_of(tmp_path / "bank/copy/questions.yaml", "id: mc-letter-recipient")


def test_ambiguous_quote_is_an_error(cli, broken_bank):
    bank = broken_bank("- quote: They wrote to CEO Jeff Bezos\n", "- quote: Jeff Bezos\n")
    code, report = check(cli, bank)
    assert code == 1
    assert "occurs 3 times" in report["errors"][0]["message"]
    assert "'Jeff Bezos'" in report["errors"][0]["message"]


def test_duplicate_id(cli, broken_bank):
    bank = broken_bank("- id: mc-who-reported-it\n", "- id: mc-letter-recipient\n")
    code, report = check(cli, bank)
    assert code == 1
    assert report["errors"][0]["question"] == "mc-letter-recipient"
    assert "duplicate id" in report["errors"][0]["message"]


def test_two_correct_options(cli, broken_bank):
    bank = broken_bank("    - text: Amazon employees, to Satya Nadella\n", "    - text: Amazon employees, to Satya Nadella\n      correct: true\n")
    code, report = check(cli, bank)
    assert code == 1 and "exactly one option must be correct (found 2)" in report["errors"][0]["message"]


def test_wrong_option_without_feedback(cli, broken_bank):
    bank = broken_bank(
        "      feedback: Nadella is Microsoft's chief executive; the article says Microsoft's employees wrote to him.\n",
        "",
    )
    code, report = check(cli, bank)
    assert code == 1 and "option 3 is wrong but has no `feedback`" in report["errors"][0]["message"]


def test_too_few_options(cli, broken_bank):
    broken_bank(
        "    - text: Microsoft employees, to Jeff Bezos\n      feedback: Microsoft's employees wrote to their own chief executive, Satya Nadella, not to Bezos.\n",
        "",
    )
    bank = broken_bank("    - text: Amazon employees, to Satya Nadella\n      feedback:", "    - text: Amazon employees, to Satya Nadella\n      unknown: 1\n      feedback:")
    code, report = check(cli, bank)
    messages = [e["message"] for e in report["errors"]]
    assert code == 1
    assert messages == ["option 3 has unknown key(s): unknown"]
    bank = broken_bank("    - text: Amazon employees, to Satya Nadella\n      unknown: 1\n", "    - text: Amazon employees, to Satya Nadella\n      unknown: 1\n      DROP:\n")
    # Three options are the least a question may have: dropping one more is an error.
    text = (bank / "copy/questions.yaml").read_text(encoding="utf-8")
    start = text.index("    - text: Amazon employees, to Satya Nadella")
    end = text.index('  explanation: >-\n    The headline says "Amazon workers')
    (bank / "copy/questions.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    code, report = check(cli, bank)
    assert code == 1 and report["errors"][0]["message"] == "`options` must list 3 to 5 options"


def test_unknown_verdict_and_skill(cli, broken_bank):
    broken_bank("  verdict: supported\n", "  verdict: true\n")
    bank = broken_bank("  skill: sourcing\n", "  skill: gossip\n")
    code, report = check(cli, bank)
    messages = [e["message"] for e in report["errors"]]
    assert code == 1
    assert any("`verdict` must be one of: supported, contradicted, not_in_article" in m for m in messages)
    assert any("`skill` must be one of" in m for m in messages)


def test_invalid_yaml_names_the_line(cli, broken_bank, tmp_path):
    bank = broken_bank("- id: mc-byline\n", "- id: [mc-byline\n")
    code, report = check(cli, bank)
    assert code == 1
    assert "not valid YAML" in report["errors"][0]["message"]
    assert report["errors"][0]["line"] is not None


def test_unknown_block_kind(cli, broken_bank):
    bank = broken_bank("- clutter: 'See Also:'", "- sidebar: 'See Also:'", file="article.yaml")
    code, report = check(cli, bank)
    assert code == 1 and "unknown block kind 'sidebar'" in report["errors"][0]["message"]


def test_missing_folder(cli, tmp_path):
    code, report = check(cli, tmp_path / "nowhere")
    assert code == 1 and report["errors"][0]["message"] == "no such folder"


def test_human_output_lists_every_error(cli, broken_bank):
    broken_bank("- quote: They wrote to CEO Jeff Bezos\n", "- quote: nothing like it\n")
    bank = broken_bank("- id: mc-who-reported-it\n", "- id: mc-letter-recipient\n")
    result = cli.invoke(args=["check-bank", str(bank)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert "question 'mc-letter-recipient'" in errors[0]


# ---------------------------------------------------------------------------------------------
# Built-in and instructors' article ids never meet (issue 8: loading the bank took over an
# instructor's imported article whose id matched a new bank folder)

EXAM_ARTICLE = """headline: Exam week three
publisher: null
author: null
published: null
url: null
blocks:
- headline: Exam week three
- paragraph: The exam is on Friday. It lasts two hours.
"""
EXAM_QUESTIONS = """questions:
- id: claim-friday
  kind: claim
  skill: dates
  claim: The exam is on Friday.
  verdict: supported
  explanation: The article says the exam is on Friday.
  evidence:
  - quote: The exam is on Friday.
"""
MY_BUNDLE = """format: evidence-quiz-bank
version: 1
articles:
- id: exam-week-3
  headline: My notes for exam week
  blocks:
  - headline: My notes for exam week
  - paragraph: Bring two pencils. Phones stay in bags.
  questions:
  - id: claim-pencils
    kind: claim
    skill: numbers
    claim: Bring two pencils.
    verdict: supported
    explanation: The notes say so.
    evidence:
    - quote: Bring two pencils.
"""


def test_loading_the_bank_leaves_an_instructors_article_with_the_same_id_alone(tmp_path):
    from sqlalchemy import select, update

    from quiz import db
    from quiz.articles.models import Article
    from quiz.bank.models import Question
    from quiz.install import setup_database

    from .conftest import add_instructor, sign_in, soup

    bank = tmp_path / "bank"
    shutil.copytree(SEED_FOLDER, bank / SEED_FOLDER.name)
    app = make_app(tmp_path, BANK_PATH=str(bank))
    setup_database(app)
    add_instructor(app)
    (tmp_path / "mine.yaml").write_text(MY_BUNDLE, encoding="utf-8")
    result = app.test_cli_runner().invoke(
        args=["import-questions", str(tmp_path / "mine.yaml"), "--format", "native", "--owner", "teacher@example.org"]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        session = db.session()
        mine = session.scalar(select(Article).where(Article.owner_id.is_not(None)))
        # The id the bank is about to use, as a bundle's import kept it or an older version made it.
        session.execute(update(Article).where(Article.id == mine.id).values(slug="exam-week-3"))
        session.commit()
        mine_id, owner_id, text = mine.id, mine.owner_id, mine.text
    # The bank gains a folder of that name; loading it makes a built-in article of its own.
    (bank / "exam-week-3").mkdir()
    (bank / "exam-week-3" / "article.yaml").write_text(EXAM_ARTICLE, encoding="utf-8")
    (bank / "exam-week-3" / "questions.yaml").write_text(EXAM_QUESTIONS, encoding="utf-8")
    report = setup_database(app)
    with app.app_context():
        session = db.session()
        mine = session.get(Article, mine_id)
        assert (mine.owner_id, mine.headline, mine.text) == (owner_id, "My notes for exam week", text)
        assert [q.ident for q in session.scalars(select(Question).where(Question.article_id == mine_id))] == ["claim-pencils"]
        builtin = session.scalar(select(Article).where(Article.slug == "exam-week-3"))
        assert builtin.id != mine_id and builtin.owner_id is None and builtin.headline == "Exam week three"
        assert [q.ident for q in session.scalars(select(Question).where(Question.article_id == builtin.id))] == ["claim-friday"]
        new_slug = mine.slug
    assert report.bank.moved == [("exam-week-3", new_slug)] and "_" in new_slug
    # Everyone reads the bank's article at its id; the instructor finds theirs at its new one.
    assert soup(app.test_client().get("/articles/exam-week-3")).h1.get_text() == "Exam week three"
    owner = app.test_client()
    sign_in(owner)
    assert soup(owner.get(f"/articles/{new_slug}")).h1.get_text() == "My notes for exam week"
    # Loading again changes nothing more.
    assert setup_database(app).bank.moved == []


def test_instructors_article_ids_are_ones_the_bank_refuses(app, author, cli, tmp_path):
    from quiz import db
    from quiz.articles.models import Article

    from .test_authoring import paste_article

    article_id = paste_article(author)
    with app.app_context():
        slug = db.session().get(Article, article_id).slug
    assert slug.startswith("council-votes-to-close-the-library_")
    # A bank folder can never be named like it: check-bank and init-db refuse the name.
    folder = tmp_path / "bank" / slug
    shutil.copytree(SEED_FOLDER, folder)
    code, report = check(cli, folder.parent)
    assert code == 1
    assert report["errors"][0]["file"] == str(folder)
    assert "'_' is kept for instructors' articles" in report["errors"][0]["message"]


# --------------------------------------------------------------------------------------------
# Answer cues: check-bank warns, and a warning is not an error


def mc(ident, options, key, prompt="Which of these does the article say?", skill="attribution"):
    from quiz.bank.cues import Item

    return Item(ident, skill, prompt, [(text, place == key) for place, text in enumerate(options)])


def test_the_key_much_the_longest_is_a_cue():
    from quiz.bank.cues import item_cues

    long_key = mc("q", ["Bezos", "Nadella", "The chief executive of Amazon, Jeff Bezos, in a letter"], key=2)
    assert any("much the longest" in cue for cue in item_cues(long_key))
    # A little longer is no cue: some right answer has to be the longest.
    fair = mc("q", ["Amazon's employees", "Microsoft's employees", "Google's engineers"], key=1)
    assert item_cues(fair) == []


def test_the_key_the_only_hedged_option_is_a_cue_except_in_a_hedging_item():
    from quiz.bank.cues import item_cues

    options = ["In May", "In June 2018", "Only in the summary", "Before the ACLU's finding"]
    assert any("only hedged" in cue for cue in item_cues(mc("q", options, key=2)))
    # "May" the month is no hedge; a wrong option with a hedge takes the cue away.
    assert item_cues(mc("q", ["In May", "In June", "In July"], key=0)) == []
    hedged_too = ["Probably Kate Conger", "Gizmodo's staff", "Nothing; there is no byline"]
    assert item_cues(mc("q", hedged_too, key=2)) == []
    # Words in quotation marks are the article's, not the option's own caution.
    assert item_cues(mc("q", ['"reportedly"', '"Specifically"', '"latest"'], key=0)) == []
    assert item_cues(mc("q", ["reportedly", "Specifically", "latest"], key=0, skill="hedging")) == []


def test_the_key_echoing_the_question_is_a_cue():
    from quiz.bank.cues import item_cues

    prompt = "What is the most direct way to check the ACLU's finding about Amazon's software?"
    echo = mc("q", ["Look for the ACLU's own account of its finding", "Ask the employees", "Follow the link"], 0, prompt)
    assert any("repeats the question's words" in cue and "aclu, finding" in cue for cue in item_cues(echo))


def test_bank_cues_key_place_the_longest_and_cant_tell():
    from quiz.bank.cues import bank_cues

    first = [mc(f"q{n}", ["Right answer", "Wrong one", "Wrong two", "Wrong three"], key=0) for n in range(8)]
    assert any("place is uneven (1: 8, 2: 0, 3: 0, 4: 0 of 8 items)" in cue for cue in bank_cues(first))
    spread = [mc(f"q{n}", ["Right answer", "Wrong one", "Wrong two", "Wrong three"], key=n % 4) for n in range(8)]
    assert not any("place" in cue for cue in bank_cues(spread))
    longest = [mc(f"q{n}", ["The right answer", "Wrong one", "Wrong two", "Wrong 3"], key=0) for n in range(8)]
    longest = [mc(i.ident, [t for t, _ in i.options][n % 4 :] + [t for t, _ in i.options][: n % 4], key=(-n) % 4) for n, i in enumerate(longest)]
    assert any("longest in 8 of 8 items" in cue for cue in bank_cues(longest))
    cautious = [mc(f"q{n}", ["In May", "In June", "Can't tell from the article"], key=2) for n in range(3)]
    assert any("can't tell\" option is right in 3 of the 3" in cue for cue in bank_cues(cautious))
    cautious[0] = mc("q0", ["In May", "In June", "Can't tell from the article"], key=0)
    assert not any("can't tell" in cue for cue in bank_cues(cautious))


def test_check_bank_reports_cues_as_warnings_not_errors(cli, broken_bank):
    # The built-in mc-missing-voice, its right option made the only hedged one.
    bank = broken_bank("    - text: Amazon's answer to its employees\n", "    - text: Only Amazon's answer\n")
    code, report = check(cli, bank)
    assert code == 0 and report["errors"] == []
    [warning] = report["warnings"]
    assert warning["question"] == "mc-missing-voice" and "only hedged" in warning["message"]
    assert warning["line"] == line_of(bank / "copy" / "questions.yaml", "id: mc-missing-voice")
    result = cli.invoke(args=["check-bank", str(bank)])
    assert result.exit_code == 0
    assert "warning: " in result.output and "question 'mc-missing-voice': the right option is the only hedged one" in result.output
    assert "0 error(s), 1 warning(s)" in result.output
